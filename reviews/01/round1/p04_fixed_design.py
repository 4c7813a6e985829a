"""Section 8 (fixed design): exact weight MSE of ridge vs least squares, and how sharp the notebook's checks are."""
import numpy as np
import torch
from common import *

x, y = draw(f, R, N, SIGMA, 0)
x0 = x[0]
Xt_full, ft = features(x_test, DEG), f(x_test)


def moments(X, w, lam):
    n, d = X.shape
    G = X.T @ X
    Ai = np.linalg.inv(G + n * lam * np.eye(d))
    return (Ai @ G - np.eye(d)) @ w, SIGMA**2 * Ai @ G @ Ai


def mse(X, w, lam):
    b, C = moments(X, w, lam)
    return b @ b + np.trace(C)


grid = np.logspace(-8, 8, 3201)
for deg in [5, 12]:
    X = features(x0, deg)
    w = np.linalg.lstsq(Xt_full[:, :deg + 1], ft, rcond=None)[0]
    ols = mse(X, w, 0.0)
    m = np.array([mse(X, w, l) for l in grid])
    wins = m < ols
    sign_changes = int(np.sum(wins[1:] != wins[:-1]))
    msg = f"degree {deg}: OLS weight MSE {ols:.4g}, ||w*||^2 {w @ w:.4g}; ridge wins on {wins.mean():.1%} of the grid " \
          f"1e-8..1e8, {sign_changes} sign change(s)"
    if sign_changes:
        msg += f", last win at lambda {grid[wins][-1]:.4g}"
    print(msg + f"; best lambda {grid[np.argmin(m)]:.3g} (MSE {m.min():.4g}); max MSE over grid {m.max():.4g}")

# the notebook's Monte Carlo checks of cell 38, fed the exact moments at a WRONG lambda
X0 = features(x0, DEG)
w_star = np.linalg.lstsq(Xt_full, ft, rcond=None)[0]
eps = torch.randn(4000, N, generator=torch.Generator().manual_seed(2), dtype=torch.float64).numpy()
lam = 0.178
Y = X0 @ w_star + SIGMA * eps
W = ridge(np.broadcast_to(X0, (4000, N, DEG + 1)), Y, lam)
print("\ncell 38 checks (bias |z| tol 4, variance ratio tol 0.1) with exact moments at:")
for name, lw in [("lambda (right)", lam), ("lambda/2", lam / 2), ("2 lambda", 2 * lam), ("lambda/n (summed conv.)", lam / N),
                 ("1.25 lambda", 1.25 * lam), ("0.8 lambda", 0.8 * lam)]:
    b, C = moments(X0, w_star, lw)
    z = np.abs((W.mean(0) - w_star - b) / np.sqrt(np.diag(C) / 4000)).max()
    ratio = np.abs(W.var(0, ddof=1) / np.diag(C) - 1).max()
    print(f"  {name:24s}: max|z| {z:6.1f} ({'pass' if z <= 4 else 'FAIL'}), max|ratio-1| {ratio:.3f} "
          f"({'pass' if ratio <= 0.1 else 'FAIL'})")

# cell 42's assertion mc[c/2] < mc[0] < mc[2c]: which claimed crossings c' would it accept?
X5 = features(x0, 5)
w5 = np.linalg.lstsq(Xt_full[:, :6], ft, rcond=None)[0]
E5 = eps


def mc(l):
    Wd = ridge(np.broadcast_to(X5, (4000, N, 6)), X5 @ w5 + SIGMA * E5, l) if l > 0 else \
        np.linalg.solve(X5.T @ X5, X5.T @ (X5 @ w5 + SIGMA * E5).T).T
    return ((Wd - w5) ** 2).sum(1).mean()


ols5 = mse(X5, w5, 0.0)
lo, hi = 1e-6, 10.0                          # exact crossing by bisection on log scale
for _ in range(80):
    mid = np.sqrt(lo * hi)
    lo, hi = (mid, hi) if mse(X5, w5, mid) < ols5 else (lo, mid)
c = lo
print(f"\ndegree 5 exact crossing {c:.4g}; MC OLS {mc(0):.4g} (exact {ols5:.4g})")
for fac in [0.25, 0.5, 0.6, 1.0, 1.7, 2.0, 3.0]:
    cp = fac * c
    ok = mc(cp / 2) < mc(0) < mc(2 * cp)
    print(f"  claimed crossing {fac:4.2f} x true: assertion {'passes' if ok else 'fails'}")
