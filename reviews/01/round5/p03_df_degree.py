"""Section 6/6b: equal-df comparison with exact λ (no interpolation), odd/even bias² pattern on other seeds,
and design-only variance for both targets."""
import numpy as np
from common import *

x, y, _ = sets_torch(0)
X = feats(x, DEG)
def mean_df(lam):
    s = np.linalg.eigvalsh(np.swapaxes(X, 1, 2) @ X)
    return (s / (s + N * lam)).sum(1).mean()
def lam_for_df(df):
    lo, hi = -8.0, 3.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mean_df(10**mid) > df else (lo, mid)
    return 10 ** lo
for deg, df in [(4, 5), (10, 11)]:
    lam = lam_for_df(df)
    t_lam = terms(x, y, lam)['total']; t_deg = terms(x, y, 0.0, deg=deg)['total']
    print(f"df {df}: exact λ {lam:.3g} -> λ sweep {t_lam:.3f}; degree {deg} LS {t_deg:.3f}; ratio {max(t_lam,t_deg)/min(t_lam,t_deg):.2f}")
print(f"df at best grid λ 0.178: {mean_df(0.178):.3f}")
# odd-degree pattern of the noise-averaged bias² at λ=0: seed 0 and two numpy seeds
for label, (xs, ys, _) in [("torch seed 0", (x, y, None)), ("numpy seed 1", sets_numpy(1)), ("numpy seed 2", sets_numpy(2))]:
    b = [terms(xs, ys, 0.0, deg=d)['bias2'] for d in range(4, 15)]
    up = [d for d, prev, cur in zip(range(5, 15), b[:-1], b[1:]) if cur > prev]
    print(f"{label}: degrees whose bias² exceeds the previous: {up}; bias² deg 4 {b[0]:.3g}, 8 {b[4]:.3g}, 14 {b[-1]:.3g}")
# design-only variance (σ = 0) at each target's best λ
def g(x): return np.exp(2 * x)
for name, fun, lam in [("sin3x+cos5x/2", f, 0.178), ("exp(2x)", g, 0.01)]:
    xs, ys, _ = sets_torch(0, fun=fun)
    r = terms(xs, ys, lam, fun=fun)
    C = r['C']; vd = C.var(0, ddof=1).mean()
    print(f"{name} at λ {lam}: total {r['total']:.4f}, variance {r['var']:.4f}, design-only variance (σ=0) {vd:.4f} ({vd/r['var']:.0%})")
# training error of LS vs σ²(1-d/n), adjusting for the realized noise power
pw = ((y - f(x)) / SIGMA) ** 2
print(f"mean ε² {pw.mean():.4f}")
for deg in [8, 12, 14]:
    Xd = feats(x, deg); fit = (Xd @ ridge(Xd, y, 0.0)[..., None])[..., 0]
    err = ((fit - y) ** 2).mean(1)
    print(f"deg {deg}: training err {err.mean():.5f} ± {err.std(ddof=1)/20:.5f}; formula {SIGMA**2*(1-(deg+1)/N):.5f}; formula × mean ε² {SIGMA**2*(1-(deg+1)/N)*pw.mean():.5f}")
