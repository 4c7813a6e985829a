"""Classic setup, exact risk over 400 fresh training sets (numpy, my own RNG): the section-8 gains, and why
Z^+ y gains less (w part vs b part)."""
import numpy as np
rng = np.random.default_rng(7)
d, n, sig, R = 200, 20, 0.01, 400
wstar, bstar = np.full(d, 0.01), 0.05
lams = [0.0, 0.01, 1.0, 3.16, 17.8, 100.0]
def parts(w, b): return 0.5 * ((w - wstar) ** 2).sum(), 0.5 * (b - bstar) ** 2
out = {k: [] for k in ["mean", "Zpy"] + lams}
for r in range(R):
    X = rng.standard_normal((n, d)); y = X @ wstar + bstar + sig * rng.standard_normal(n)
    out["mean"].append(parts(np.zeros(d), y.mean()))
    Z = np.hstack([X, np.ones((n, 1))]); th = np.linalg.pinv(Z) @ y
    out["Zpy"].append(parts(th[:-1], th[-1]))
    Xc, yc = X - X.mean(0), y - y.mean()
    for lam in lams:   # minimize mean 1/2 r^2 + lam/2 ||w||^2, bias free: w = Xc^T (Xc Xc^T + n lam I)^+ yc
        w = Xc.T @ (np.linalg.pinv(Xc @ Xc.T + n * lam * np.eye(n)) @ yc); b = y.mean() - X.mean(0) @ w
        out[lam].append(parts(w, b))
tot = {k: np.array(v).sum(1) + sig**2 / 2 for k, v in out.items()}
m0 = tot["mean"].mean()
print(f"mean predictor exact risk {m0:.5g} +- {tot['mean'].std(ddof=1)/R**.5:.1g}")
for k in ["Zpy"] + lams:
    g = tot["mean"] - tot[k]; wp, bp = np.array(out[k]).mean(0)
    print(f"{str(k):>6}: risk {tot[k].mean():.5g}  gain {g.mean():.2e} +- {g.std(ddof=1)/R**.5:.1e} ({g.mean()/m0:.1%}), "
          f"better in {(g>0).mean():.0%}; w part {wp:.5f}, b part {bp:.5f}")
wm, bm = np.array(out["mean"]).mean(0); print(f"  mean predictor: w part {wm:.5f}, b part {bm:.5f}")
dd = tot[17.8] - tot[0.0]; print(f"17.8 minus 0: {dd.mean():.2e} +- {dd.std(ddof=1)/R**.5:.1e}")
