"""Probe 3 (own numpy code): section 4. (a) min-norm peak at p = n, tuned ridge, GD budgets on FRESH draws (own generator);
(b) on the notebook's own draws (d2l.nb07.feature_matrices, data only), which λ GCV/LOO pick on the draws where they lose >1.5x at p = n."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np, torch
torch.set_num_threads(1)
n, d0, sig, m = 100, 20, 0.5, 200
lams = np.array([0.0] + [float(f"{v:.3g}") for v in np.logspace(-6, 1, 57)])
P = [40, 60, 80, 90, 95, 100, 105, 110, 120, 150, 200, 500]
def study(X, y, Xt, yt, W, Ps):
    out = {}
    for p in Ps:
        F = np.maximum(X @ W[:p].T, 0) / np.sqrt(p); Ft = np.maximum(Xt @ W[:p].T, 0) / np.sqrt(p)
        U, s, Vt = np.linalg.svd(F, full_matrices=False); s_ok = s > 1e-12 * s[0]; U, s, Vt = U[:, s_ok], s[s_ok], Vt[s_ok]
        uy = U.T @ y; A = Ft @ Vt.T
        def tl(c): return 0.5 * ((A @ c - yt[:, None])**2).mean(0) + sig**2 / 2
        coef = np.where(lams[None] == 0, (uy / s)[:, None], (s * uy)[:, None] / (s[:, None]**2 + n * lams[None]))
        test = tl(coef)
        keep = n * lams[1:] / (s[:, None]**2 + n * lams[1:]); e = (y - U @ uy)[:, None] + U @ (keep * uy[:, None])
        omh = (1 - (U**2).sum(1))[:, None] + (U**2) @ keep
        loo = 0.5 * ((e / omh)**2).mean(0); gcv = 0.5 * (e**2).mean(0) / ((n - len(s) + keep.sum(0)) / n)**2
        h = s**2 / n; gd = [tl(((1 - (1 - 2.0 * h)**T) * uy / s)[:, None])[0] for T in (100, 1000, 10000, 100000)]
        out[p] = dict(test=test, loo=loo, gcv=gcv, gd=np.array(gd), smin=s[-1] if p <= n else s.min())
    return out
# (a) fresh draws
rng = np.random.default_rng(2024); R = 60; res = []
for r in range(R):
    beta = rng.standard_normal(d0); beta /= np.linalg.norm(beta)
    X = rng.standard_normal((n, d0)); Xt = rng.standard_normal((m, d0)); W = rng.standard_normal((1000, d0)) / np.sqrt(d0)
    res.append(study(X, X @ beta + sig * rng.standard_normal(n), Xt, Xt @ beta, W, P))
mn = np.array([[o[p]['test'][0] for p in P] for o in res]); T = np.array([[o[p]['test'] for p in P] for o in res])
k = T[:, :, 1:].mean(0).argmin(1) + 1; tuned = np.take_along_axis(T, k[None, :, None].repeat(R, 0), 2)[:, :, 0]
gd = np.array([[o[p]['gd'] for p in P] for o in res])
print(f"fresh draws, R = {R}")
print(f"{'p':>5} {'min-norm median':>16} {'tuned mean':>11} {'tuned λ':>8} {'GD100 med':>10} {'GD1e3 med':>10} {'GD1e4 med':>10} {'GD1e5 med':>10}")
for j, p in enumerate(P):
    print(f"{p:5d} {np.median(mn[:, j]):16.4g} {tuned[:, j].mean():11.4f} {lams[k[j]]:8.3g} " + " ".join(f"{np.median(gd[:, j, b]):10.4f}" for b in range(4)))
j0 = P.index(100)
print(f"peak ratio median(p=100)/median(p=95,105) = {np.median(mn[:, j0])/np.median(mn[:, j0-1]):.1f}, {np.median(mn[:, j0])/np.median(mn[:, j0+1]):.1f}; /(p=90,110) = {np.median(mn[:, j0])/np.median(mn[:, j0-2]):.1f}, {np.median(mn[:, j0])/np.median(mn[:, j0+2]):.1f}")
# (b) the notebook's own draws at p = n
import d2lmini as d2l
Xa, ya, Xta, yta, Wa, _ = (t.numpy() for t in d2l.nb07.feature_matrices(d2l.nb07.SETUP.features))
rat = {"gcv": [], "loo": []}; lam_pick = {"gcv": [], "loo": []}
for r in range(Xa.shape[0]):
    o = study(Xa[r], ya[r], Xta[r], yta[r], Wa[r], [100])[100]
    best = o['test'][1:].min()
    for nm in ("gcv", "loo"):
        kk = o[nm].argmin() + 1; rat[nm].append(o['test'][kk] / best); lam_pick[nm].append(lams[kk])
for nm in ("gcv", "loo"):
    r_ = np.array(rat[nm]); lp = np.array(lam_pick[nm]); bad = r_ > 1.5
    print(f"notebook draws, p = n, {nm}: median ratio {np.median(r_):.4f}, mean {r_.mean():.3f}; draws >1.5: {bad.sum()}, their λ {lp[bad]}, their ratios {np.round(r_[bad], 2)}; "
          f"draws with picked λ <= 1e-4: {(lp <= 1e-4).sum()}")
