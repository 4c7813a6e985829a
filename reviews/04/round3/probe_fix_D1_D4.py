"""Round-3 response probe (notebook 04): do the new checks have teeth, and are their printed digits stable?
D1: the §9 check now runs at λ = 1e-5 with tolerance 1e-5·max|w_mn,j|. Which λ does it accept, and how large is
    the rounding noise of d2l.ridge there (vs an SVD formula that has no 1/λ conditioning)?
D2: a fixed point of projected GD on the sphere has w − η∇L = c·w with c = ‖w − η∇L‖/r ≥ 1: print c and the
    multiplier at the converged point, and from the loss maximum (the notebook's new cell-13 lines).
D4: the worked box_constrained now raises if not converged: the steps it needs on the public and hidden cases."""
import os
os.environ["OMP_NUM_THREADS"] = "1"
import torch
torch.set_num_threads(1)
import d2lmini as d2l

S02 = d2l.nb02.SETUP["classic"]; d2l.set_seed(S02.data_seed)
tw = torch.ones((S02.num_inputs, 1)) * S02.w_value
X, y = d2l.synthetic_data(tw, S02.b, S02.n_train + S02.n_val + S02.n_test, noise=S02.sigma)
X, y = X[:20].double(), y[:20].double().reshape(-1)
Xc, yc = X - X.mean(0), y - y.mean()
w_mn = torch.linalg.pinv(Xc) @ yc
tol = 1e-5 * float(w_mn.abs().max())
U, S, Vh = torch.linalg.svd(Xc, full_matrices=False)
r = int((S > 1e-10).sum())
print(f"D1: rank {r}; tolerance 1e-5*max|w_mn| = {tol:.3g}")
for lam in [1e-8, 1e-7, 1e-6, 1e-5, 2e-5, 5e-5, 8e-5, 1e-4, 1e-3]:
    w = d2l.ridge(Xc, yc, lam)
    s = S[:r]; w_svd = Vh[:r].T @ (s / (s**2 + 20 * lam) * (U[:, :r].T @ yc))
    g = float((w - w_mn).abs().max())
    print(f"  λ={lam:<6g} gap {g:.3e}  gap/λ {g / lam:.4e}  accepted: {g <= tol!s:<5}  "
          f"rounding of d2l.ridge (vs SVD) {float((w - w_svd).abs().max()):.1e}")

S = d2l.nb04.SETUP
Xt, yt = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed)
q = d2l.nb04.Quadratic.from_data(Xt, yt)
eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
theta = 0.3; rad = theta ** 0.5
w_low, w_high = d2l.nb04.circle_extremes(q, theta)
print(f"D2: at the loss maximum μ = {-float(q.grad(w_high) @ w_high) / theta:.4g}")
w = w_high.clone()
for k in range(100_000):
    v = w - eta * q.grad(w); w_next = v * min(1.0, rad / float(v.norm()))
    if float((w_next - w).abs().max()) <= 1e-15:
        break
    w = w_next
v = w_next - eta * q.grad(w_next)
c = float(v.norm()) / rad
print(f"  from the maximum, projected GD stops after {k + 1} steps at distance {float((w_next - w_low).abs().max()):.1e} "
      f"from the minimum; c = {c:.6f} >= 1; (c-1)/η = {(c - 1) / eta:.4g}; read-off μ = {-float(q.grad(w_next) @ w_next) / theta:.4g}")

from d2lmini.checks.nb04 import BOX, box_case  # noqa: E402

HIDDEN_CASES = [{'seed': 31, 'n': 80, 'w_true': [2.0, -0.5], 'mix': 1.2, 'sigma': 0.4, 'c': 0.7},
                {'seed': 32, 'n': 50, 'w_true': [0.8, 1.4, -1.1], 'mix': 0.6, 'sigma': 0.2, 'c': 0.9}]


def box_constrained(q, c):          # the notebook's new worked solution, counting its steps
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for k in range(100_000):
        w_next = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((w_next - w).abs().max()) <= 1e-14:
            return w_next, k + 1
        w = w_next
    raise RuntimeError("box_constrained: not converged after 100000 steps")


print("D4: steps the worked solution takes (limit 100000; it now raises past it):",
      [box_constrained(*box_case(case))[1] for case in list(BOX.cases) + HIDDEN_CASES])
