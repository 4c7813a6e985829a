"""Fixer's probe (plain numpy, the review's common.py): the variance measured directly (unbiased sample variance of
the 400 fits) against "the rest" (total - noise - noise-averaged bias²), over 20 seeds, at λ = 1, 10; the notebook's
seed-0 values; and the λ = 0 degree sweep's noise-averaged bias² (degrees 12-14).
Run from this folder: ../../../.venv/bin/python fix_variance_direct.py"""
import numpy as np
from common import *  # noqa: F403

Xt, ft = features(x_test, DEG), f(x_test)


def unb(c):
    return (((c.mean(0) - ft) ** 2) - c.var(0, ddof=1) / c.shape[0]).mean()


rows = {1.0: [], 10.0: []}
for seed in range(20):
    x, y = draw(f, R, N, SIGMA, seed)
    X = features(x, DEG)
    for lam in rows:
        p, c = ridge(X, y, lam) @ Xt.T, ridge(X, f(x), lam) @ Xt.T
        total = ((p - ft) ** 2).mean() + SIGMA**2
        rows[lam].append((p.var(0, ddof=1).mean(), total - SIGMA**2 - unb(c)))
for lam, v in rows.items():
    v = np.array(v)
    print(f"λ = {lam:g}: direct variance mean {v[:, 0].mean():.3g} sd {v[:, 0].std(ddof=1):.2g}; the rest mean "
          f"{v[:, 1].mean():.3g} sd {v[:, 1].std(ddof=1):.2g}; seed 0: direct {v[0, 0]:.4g}, rest {v[0, 1]:.4g}")
x, y = draw(f, R, N, SIGMA, 0)
for deg in [12, 13, 14]:
    X, Xd = features(x, deg), features(x_test, deg)
    c = np.stack([np.linalg.lstsq(Xi, f(xi), rcond=None)[0] for Xi, xi in zip(X, x)]) @ Xd.T
    p = np.stack([np.linalg.lstsq(Xi, yi, rcond=None)[0] for Xi, yi in zip(X, y)]) @ Xd.T
    print(f"degree {deg}, λ = 0 (lstsq): noise-averaged bias² {unb(c):.3g}, direct variance {p.var(0, ddof=1).mean():.4g}")
