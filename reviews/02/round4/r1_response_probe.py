"""Fixer's probe (round 4 response): the numbers behind D1, D2, D3 with the notebook's own data and float32 tensors.
Run: OMP_NUM_THREADS=1 .venv/bin/python reviews/02/round4/r1_response_probe.py"""
import torch
import d2lmini as d2l
torch.set_num_threads(1)
S = d2l.nb02.SETUP["classic"]
d2l.set_seed(S.data_seed)
true_w = torch.ones((S.num_inputs, 1)) * S.w_value
X, y = d2l.synthetic_data(true_w, S.b, S.n_train + S.n_val + S.n_test, noise=S.sigma)
Xtr, ytr = X[:S.n_train], y[:S.n_train]
d2l.set_seed(S.init_seed); w_init, _ = d2l.init_params(S.num_inputs); w_init = w_init.detach()
Z = torch.cat([Xtr, torch.ones(S.n_train, 1)], 1)
th0 = torch.cat([w_init, torch.zeros(1, 1)])
th_end = th0 + torch.linalg.pinv(Z) @ (ytr - Z @ th0)
print(f"D1: lambda=0 end point from (w_init, 0): b = {th_end[-1].item():.4f}")
steps = S.num_epochs * (S.n_train // S.batch_size)
for lam in (0.0, 3.0, 17.78279):
    mu, share = d2l.nb02.slowest_mode(Xtr, lam)
    print(f"D2: lambda={lam:g}: mu_min {mu:.3f}, b share {share:.2f}, relaxed 1-(1-lr mu)^{steps} = "
          f"{1 - (1 - S.lr * mu) ** steps:.2f}; null-space relaxed {1 - (1 - S.lr * lam) ** steps:.2f}")
_, b_end = d2l.nb02.ridge_with_bias(Xtr, ytr.reshape(-1), [17.78279])
mu, _ = d2l.nb02.slowest_mode(Xtr, 17.78279)
print(f"D2: lambda=17.8 predicted b = {(1 - (1 - S.lr * mu) ** steps) * b_end[0]:.4f} (end point {b_end[0]:.4f}); "
      f"curvature-1 rule predicted {(1 - (1 - S.lr) ** steps) * ytr.mean():.4f}")
# D3: paired vs unpaired s.e. on the figure's data (R = 50, seed 1000)
N = d2l.nb02.SETUP["noisy"]
grid2 = d2l.lambda_grid(1e-3, 10, 17)
R = 50
mc = d2l.nb02.validation_curves(N, grid2, num_sets=R, seed=1000)
se = mc.val.std(1) / R**0.5
k = int(mc.val.mean(1).argmin())
for j in (0, k - 2, k - 1, k + 1, k + 2, len(grid2) - 1):
    d = mc.val[j] - mc.val[k]
    print(f"D3: lambda={grid2[j]:.3g} minus lambda={grid2[k]:.3g}: {d.mean():.3g}, paired s.e. {d.std() / R**0.5:.2g}, "
          f"unpaired sqrt(se1^2+se2^2) {(se[j]**2 + se[k]**2) ** 0.5:.2g}")
db = mc.baseline_val - mc.val[k]
print(f"D3: baseline minus min: paired {db.std() / R**0.5:.2g}, unpaired "
      f"{((mc.baseline_val.std() / R**0.5) ** 2 + se[k] ** 2) ** 0.5:.2g}")
