"""Section 4.3, last column: is lambda*median sqrt(v_hat) of the 300-step AdamW runs measured at step 300?
Own code: torch.optim.AdamW + LambdaLR cosine (no notebook helper for the training), regression data via the notebook's generator."""
import math, torch, numpy as np
torch.set_num_threads(1)
import sys; sys.path.insert(0, "/work/main")
import d2lmini as d2l
S = d2l.nb06.SETUP
X, y = d2l.nb06.regression_data(S.reg_n, S)            # the notebook's X_r, y_r (seed 0)
n, d = X.shape
def ridge_lambda(w, grid=np.logspace(-4, 1, 201)):      # own closed form, mean 1/2 loss + lam/2 ||w||^2
    A, b = (X.T @ X / n).double().numpy(), (X.T @ y / n).double().numpy()
    sols = np.stack([np.linalg.solve(A + g * np.eye(d), b) for g in grid])
    return grid[np.argmin(((sols - w.double().numpy()) ** 2).sum(1))]
def cos(t, T): return 0.5 * (1 + math.cos(math.pi * t / T)) if t < T else 0.0
def run(B, T_sched, T_total, seed):
    g = torch.Generator().manual_seed(seed)
    w = torch.zeros(d, requires_grad=True)
    opt = torch.optim.AdamW([w], lr=S.reg_lr, weight_decay=S.reg_lambd)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: cos(t, T_sched))
    out = {}
    for t in range(T_total):
        idx = torch.arange(n) if B >= n else torch.randperm(n, generator=g)[:B]
        loss = ((X[idx] @ w - y[idx]) ** 2 / 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
        if t + 1 in (T_sched, T_total):
            st = opt.state[w]
            out[t + 1] = (S.reg_lambd * (st["exp_avg_sq"] / (1 - 0.999 ** float(st["step"]))).sqrt().median().item(), w.detach().clone())
    return out
print("notebook's stored column for the 300-step rows: 0.0013 (B=200), 0.0132 (B=40), 0.0291 (B=10); effective λ 0.00631, 0.0168, 0.0668")
for B, seeds in ((200, [1]), (40, [1, 2, 3, 4]), (10, [1, 2, 3, 4])):
    at300, at2000, lam300 = [], [], []
    for s in seeds:
        o = run(B, 300, 2000, s)        # a 300-step cosine run, then kept stepping at lr 0 to step 2000 (what adam_linear does)
        at300.append(o[300][0]); at2000.append(o[2000][0]); lam300.append(ridge_lambda(o[300][1]))
        assert torch.allclose(o[300][1], o[2000][1])   # lr = 0 after step 300: w frozen, only v keeps changing
    print(f"B={B:3d}, 300-step run ({len(seeds)} seeds): λ·median√v̂ AT STEP 300 = {np.median(at300):.4g}; "
          f"same quantity read at step 2000 (w frozen since 300) = {np.median(at2000):.4g}; effective ridge λ of w_300 = {np.median(lam300):.3g}")
M = d2l.nb06
Wb, rv = M.adam_linear(X, y, [0.1] * 2, [300, 2000], [True, True], [1], 200, S.reg_lr, return_vhat=True)
Wa, ra = M.adam_linear(X, y, [0.1], [300], [True], [1], 200, S.reg_lr, return_vhat=True)
print(f"adam_linear, B=200: 300-step run batched with a 2000-step run -> {0.1*rv[0].median():.4g}; run alone -> {0.1*ra[0].median():.4g}")
