"""Sections 3, 7, 8, the ten-seed claims of 4b/6, the steep target and the exercise success lines, in numpy."""
import numpy as np
from common import *

x, y, _ = sets_torch(0)
X0 = feats(x[0], DEG); y0 = y[0]; n = N
h = np.linalg.eigvalsh(X0.T @ X0 / n) + 0.1
print(f"§3 Hessian eigenvalues {h.min():.3g} .. {h.max():.3g}, condition {h.max()/h.min():.3g}")
# §7 set 0
XT_ = feats(XT, DEG); ft = f(XT)
tr = [((X0 @ ridge(X0, y0, l) - y0) ** 2).mean() for l in LAMS]
te = [((XT_ @ ridge(X0, y0, l) - ft) ** 2).mean() + SIGMA**2 for l in LAMS]
b0 = int(np.argmin(te))
print(f"§7 set 0: best λ {LAMS[b0]:.3g}; λ=1e-5 train {tr[0]:.4g} test {te[0]:.4g}; best train {tr[b0]:.4g} test {te[b0]:.4g}; "
      f"training error monotone in λ: {bool(np.all(np.diff(tr) > 0))}")
# §8 fixed design
ws = np.linalg.lstsq(XT_, ft, rcond=None)[0]
def mom(Xd, w, lam):
    nn, d = Xd.shape; Ai = np.linalg.inv(Xd.T @ Xd + nn * lam * np.eye(d))
    return -nn * lam * Ai @ w, SIGMA**2 * Ai @ Xd.T @ Xd @ Ai
b, C = mom(X0, ws, 0.178)
print(f"§8 ‖w*‖² {ws @ ws:.4g}; at λ 0.178 ‖bias‖² {b @ b:.4g}, tr Cov {np.trace(C):.4g}")
def wmse(Xd, w, lam):
    b, C = mom(Xd, w, lam); return b @ b + np.trace(C)
for deg in [5, 12]:
    Xd = X0[:, :deg + 1]; wd = np.linalg.lstsq(XT_[:, :deg + 1], ft, rcond=None)[0]
    ols = wmse(Xd, wd, 0.0); grid = 10 ** np.linspace(-12, 6, 3601)
    m = np.array([wmse(Xd, wd, l) for l in grid]); lose = grid[m >= ols]
    print(f"§8 degree {deg}: s_min {np.linalg.eigvalsh(Xd.T @ Xd / n)[0]:.2g}, OLS MSE {ols:.4g}, first losing λ {lose[0] if len(lose) else None}, "
          f"best λ {grid[m.argmin()]:.3g} (MSE {m.min():.4g}), max over λ of ridge MSE {m.max():.4g}")
# ten seeds, λ = 1e-5: plain bias² spread and noise-averaged bias²
pl, cl, ra, cut = [], [], [], []
for s in range(10):
    xs, ys, _ = sets_torch(s)
    r = terms(xs, ys, 1e-5); pl.append(r['plain']); cl.append(r['bias2']); ra.append(r['plain'] / (r['P'].var(0).mean() / R))
    v0 = terms(xs, ys, 0.0, deg=14)['var']; v1 = terms(xs, ys, 1e-5, deg=14)['var']; cut.append(1 - v1 / v0)
print(f"10 seeds λ=1e-5: plain {min(pl):.2g}..{max(pl):.2g} (median {np.median(pl):.2g}); noise-avg {min(cl):.3g}..{max(cl):.3g} "
      f"mean {np.mean(cl):.2g} sd {np.std(cl, ddof=1):.2g}; ratio {min(ra):.2g}..{max(ra):.2g}")
print(f"10 seeds degree 14 variance cut by λ=1e-5: median {np.median(cut):.0%}, {min(cut):.0%}..{max(cut):.0%}, seed 0 {cut[0]:.0%}")
# steep target
def g(x): return np.exp(2 * x)
for nn in [40, 80]:
    xs, ys, _ = sets_torch(0, n=nn, fun=g)
    t = [terms(xs, ys, l, fun=g) for l in LAMS]; k = int(np.argmin([r['total'] for r in t]))
    print(f"steep n={nn}: best λ {LAMS[k]:.3g} total {t[k]['total']:.4g} ± {t[k]['se']:.1g} var {t[k]['var']:.2g}")
xs, ys, _ = sets_torch(0, fun=g)
print(f"steep degree 3 LS: {terms(xs, ys, 0.0, deg=3, fun=g)['total']:.4g}")
# exercise 3's message: free intercept on the steep sets
def ridge_free(X, y, lam):
    nn, d = X.shape[-2:]; D = np.eye(d); D[0, 0] = 0
    return np.linalg.solve(np.swapaxes(X, -1, -2) @ X + nn * lam * D, np.swapaxes(X, -1, -2) @ y[..., None])[..., 0]
Xs = feats(xs, DEG); gt = g(XT)
def per_set(W): return ((W @ XT_.T - gt) ** 2).mean(1) + SIGMA**2
fr = [per_set(ridge_free(Xs, ys, l)) for l in LAMS]; fx = [per_set(ridge(Xs, ys, l)) for l in LAMS]
kf = int(np.argmin([p.mean() for p in fr])); kx = int(np.argmin([p.mean() for p in fx])); d = fx[kx] - fr[kf]
print(f"ex3: free {fr[kf].mean():.3f} at λ {LAMS[kf]:.3g}; penalized {fx[kx].mean():.3f} at λ {LAMS[kx]:.3g}; diff {d.mean():.3f} ± {d.std(ddof=1)/20:.3f}")
xf = np.linspace(-1, 1, 2001)
print(f"ex3: ‖w*‖² exp(2x) {np.sum(np.linalg.lstsq(feats(xf, 12), g(xf), rcond=None)[0]**2):.3g}, target {np.sum(np.linalg.lstsq(feats(xf, 12), f(xf), rcond=None)[0]**2):.3g}")
# exercise 2's message: fresh set seed 101, LOO choice, kNN
x1, y1, _ = sets_torch(101, num=1); x1, y1 = x1[0], y1[0]; X1 = feats(x1, DEG)
def loo(lam):
    H = X1 @ np.linalg.solve(X1.T @ X1 + n * lam * np.eye(13), X1.T); return np.mean(((y1 - H @ y1) / (1 - np.diag(H))) ** 2)
lo = [loo(l) for l in LAMS]; tt = [((XT_ @ ridge(X1, y1, l) - ft) ** 2).mean() + SIGMA**2 for l in LAMS]
k = int(np.argmin(lo)); print(f"ex2: LOO picks λ {LAMS[k]:.3g} -> test {tt[k]:.4f}; best {min(tt):.4f} at λ {LAMS[int(np.argmin(tt))]:.3g}")
D = np.abs(x1[:, None] - x1[None, :]); near = np.argsort(D, 1)[:, :3]
short = np.mean(((y1 - y1[near].mean(1)) / (2 / 3)) ** 2)
D2 = D + np.diag(np.full(n, np.inf)); brute = np.mean((y1 - y1[np.argsort(D2, 1)[:, :3]].mean(1)) ** 2)
print(f"ex2: 3-NN shortcut {short:.4f}, brute-force LOO {brute:.4f}")
