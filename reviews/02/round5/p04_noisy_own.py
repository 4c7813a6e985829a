"""Noisy setup (n=30, d=20, w*=0.3, sigma=1) re-derived with numpy/sklearn on my own draws: ridge (alpha = n*lambda)
vs least squares vs the mean; early stopping vs ridge in exact risk (paired), both bias conventions, b* = 0 and 2."""
import numpy as np
from sklearn.linear_model import Ridge, LinearRegression
rng = np.random.default_rng(11)
n, nv, d, sig, w0, lr, T = 30, 100, 20, 1.0, 0.3, 0.2, 300
wstar = np.full(d, w0)
grid = [0.0] + list(np.logspace(-3, 1, 17))
def fit(X, y, lam):
    m = LinearRegression() if lam == 0 else Ridge(alpha=n * lam)
    m.fit(X, y); return m.coef_, m.intercept_
def risk(w, b, bstar): return 0.5 * (((w - wstar) ** 2).sum() + (b - bstar) ** 2 + sig**2)
R = 400
rows = []
for r in range(R):
    X = rng.standard_normal((n + nv, d)); eps = rng.standard_normal(n + nv)
    row = []
    for bstar in (0.0, 2.0):
        y = X @ wstar + bstar + sig * eps
        Xt, yt, Xv, yv = X[:n], y[:n], X[n:], y[n:]
        fits = [fit(Xt, yt, l) for l in grid]
        val = [((Xv @ w + b - yv) ** 2 / 2).mean() for w, b in fits]
        k = int(np.argmin(val)); rr = risk(*fits[k], bstar); rls = risk(*fits[0], bstar)
        rmean = risk(np.zeros(d), yt.mean(), bstar)
        for center in (True, False):
            xm, ym = Xt.mean(0), yt.mean()
            A, t = (Xt - xm, yt - ym) if center else (Xt, yt)
            w, b, best = np.zeros(d), 0.0, (np.inf, None)
            for s in range(T):
                res = A @ w + b - t
                w = w - lr * A.T @ res / n
                if not center: b = b - lr * res.mean()
                bb = ym - xm @ w if center else b
                v = ((Xv @ w + bb - yv) ** 2 / 2).mean()
                if v < best[0]: best = (v, (w.copy(), bb))
            re = risk(*best[1], bstar)
            row.append(re - rr)
        row += [rls - rr, rmean - rr]
    rows.append(row)
a = np.array(rows)
names = ["b*=0 early(centered)-ridge", "b*=0 early(b from 0)-ridge", "b*=0 LS-ridge", "b*=0 mean-ridge",
         "b*=2 early(centered)-ridge", "b*=2 early(b from 0)-ridge", "b*=2 LS-ridge", "b*=2 mean-ridge"]
for j, nm in enumerate(names):
    print(f"{nm:<30} exact risk diff {a[:, j].mean():+.4f} +- {a[:, j].std(ddof=1)/R**.5:.4f}")
