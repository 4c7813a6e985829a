"""Probe F: arithmetic claims, Ridge alpha = n*lambda with my own numpy solve, and the 05.2 leak variants."""
import math, io, contextlib
import numpy as np, torch
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
import d2lmini as d2l
torch.set_num_threads(1)
print(f"(1-0.01*1e-4)^640 = {(1-1e-6)**640:.5f}; MNIST 5*ceil(60000/64) = {5*math.ceil(60000/64)}, budget {(1-1e-6)**4690:.4f}; ln2/1e-6 = {math.log(2)/1e-6:.4g}")
for lam in [1e-4, 1e-3, 10**-2.5, 1e-2, 10**-1.5, 0.1]:
    print(f"  lambda={lam:.4g}: (1-0.1*lambda)^640 = {(1-0.1*lam)**640:.4g}; exp-law T_eff = {0.1*lam*640/-math.log1p(-0.1*lam):.2f}")
for p, n in [(0.9765, 400), (0.955, 397)]:
    print(f"  binomial s.e. p={p}, n={n}: {100*math.sqrt(p*(1-p)/n):.2f} points")
print(f"  s.e. of val - test: {100*math.sqrt(.9765*.0235/400 + .955*.045/397):.2f}; (97.65-95.5)/that = {(97.65-95.5)/(100*math.sqrt(.9765*.0235/400 + .955*.045/397)):.2f}")
X, y = load_diabetes(return_X_y=True); n = len(y)
Xc, yc = X - X.mean(0), y - y.mean()
gap, wrong = 0, 0
for lam in [1e-4, 1e-3, 1e-2, 1e-1, 1]:
    w = np.linalg.solve(Xc.T @ Xc / n + lam * np.eye(10), Xc.T @ yc / n)     # mean ½-squared loss + λ/2‖w‖²
    b = y.mean() - X.mean(0) @ w
    m = Ridge(alpha=n * lam).fit(X, y); gap = max(gap, np.abs(m.coef_ - w).max(), abs(m.intercept_ - b))
    wrong = max(wrong, np.abs(Ridge(alpha=lam).fit(X, y).coef_ - w).max())
    print(f"  ridge λ={lam:g}: ‖w‖ = {np.linalg.norm(w):.4g}")
print(f"Ridge(alpha=n·λ) vs own numpy solve: max gap {gap:.1e}; Ridge(alpha=λ): {wrong:.3g}; Ridge(alpha=2nλ) gap would be "
      f"{np.abs(Ridge(alpha=2*n*0.01).fit(X, y).coef_ - np.linalg.solve(Xc.T @ Xc / n + 0.01*np.eye(10), Xc.T @ yc / n)).max():.3g}")
# 05.2: does the public check catch leaking the validation data into the centering?
C = d2l.checks.nb05
def mk(center):
    def f(Xt, yt, Xv, yv, lambdas):
        if center == "all": m, ym = torch.cat([Xt, Xv]).mean(0), torch.cat([yt, yv]).mean()
        else: m, ym = Xt.mean(0), yt.mean()
        W = d2l.ridge(Xt - m, yt - ym, lambdas); b = ym - W @ m
        pred = (Xv - Xv.mean(0)) @ W.T + ym if center == "val_own" else (Xv @ W.T if center == "no_b" else Xv @ W.T + b)
        return lambdas[int(((pred - yv[:, None]) ** 2).mean(0).argmin())]
    return f
for k in ["train", "all", "val_own", "no_b"]:
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf): C.check_choose_ridge_lambda(mk(k))
        print(f"05.2 centering '{k}': ACCEPTED")
    except AssertionError as e: print(f"05.2 centering '{k}': rejected")
# and per public case, which answer each variant gives
for i, c in enumerate(C.CHOOSE_RIDGE_LAMBDA.cases):
    args = C.diabetes_split(c)
    print(f"  public case {i+1}: " + ", ".join(f"{k} -> {mk(k)(*args):.3g}" for k in ["train", "all", "val_own", "no_b"]))
