"""Probe 3: section 9 (n=30, d=20, sigma=1, w*=0.3): validation-chosen ridge vs validation-stopped GD, exact risk,
own numpy code and own seed (R=1000)."""
import numpy as np
rng = np.random.default_rng(777)
R, n, nv, d, wv, sig, lr, T = 1000, 30, 100, 20, 0.3, 1.0, 0.2, 300
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
res = {k: [] for k in ["ridge", "es_c", "es_0", "ridge2", "es_c2", "es_02", "es_0w2", "es_0b2", "ls", "mean", "lam"]}
def risk(w, b, bs): return (np.sum((w - wv) ** 2) + (b - bs) ** 2 + sig**2) / 2
for _ in range(R):
    X = rng.standard_normal((n + nv, d)); e = sig * rng.standard_normal(n + nv)
    for bs, sfx in ((0.0, ""), (2.0, "2")):
        y = X @ np.full(d, wv) + bs + e
        Xt, yt, Xv, yv = X[:n], y[:n], X[n:], y[n:]
        xm, ym = Xt.mean(0), yt.mean(); Xc, yc = Xt - xm, yt - ym
        best = None
        for l in grid:
            w = np.linalg.solve(Xc.T @ Xc / n + l * np.eye(d), Xc.T @ yc / n); b = ym - xm @ w
            v = np.mean((Xv @ w + b - yv) ** 2)
            if best is None or v < best[0]: best = (v, w, b, l)
            if l == 0 and sfx == "": res["ls"].append(risk(w, b, bs))
        res["ridge" + sfx].append(risk(best[1], best[2], bs))
        if sfx == "": res["lam"].append(best[3]); res["mean"].append(risk(np.zeros(d), ym, bs))
        # GD, centred (b = ybar - xbar^T w) and b from 0
        wc = np.zeros(d); w0 = np.zeros(d); b0 = 0.0; bc_best = b0_best = None
        for t in range(T):
            wc = wc - lr * Xc.T @ (Xc @ wc - yc) / n; bc = ym - xm @ wc
            r = Xt @ w0 + b0 - yt; w0, b0 = w0 - lr * Xt.T @ r / n, b0 - lr * r.mean()
            vc = np.mean((Xv @ wc + bc - yv) ** 2); v0 = np.mean((Xv @ w0 + b0 - yv) ** 2)
            if bc_best is None or vc < bc_best[0]: bc_best = (vc, wc.copy(), bc)
            if b0_best is None or v0 < b0_best[0]: b0_best = (v0, w0.copy(), b0)
        res["es_c" + sfx].append(risk(bc_best[1], bc_best[2], bs)); res["es_0" + sfx].append(risk(b0_best[1], b0_best[2], bs))
        if sfx == "2":
            res["es_0w2"].append(np.sum((b0_best[1] - wv) ** 2) / 2 - np.sum((best[1] - wv) ** 2) / 2)
            res["es_0b2"].append((b0_best[2] - bs) ** 2 / 2 - (best[2] - bs) ** 2 / 2)
o = {k: np.array(v) for k, v in res.items()}
ms = lambda v: f"{v.mean():+.4f} +- {v.std(ddof=1)/np.sqrt(len(v)):.4f}"
print(f"R={R}: exact risk ridge(val-chosen) {o['ridge'].mean():.4f}, least squares {o['ls'].mean():.4f}, mean predictor {o['mean'].mean():.4f}; median chosen lambda {np.median(o['lam']):g}")
print(f"least squares minus ridge {ms(o['ls']-o['ridge'])}; mean predictor minus ridge {ms(o['mean']-o['ridge'])}")
print(f"b*=0: early stop (centred) minus ridge {ms(o['es_c']-o['ridge'])}; early stop (b from 0) minus ridge {ms(o['es_0']-o['ridge'])}")
print(f"b*=2: early stop (centred) minus ridge {ms(o['es_c2']-o['ridge2'])}; early stop (b from 0) minus ridge {ms(o['es_02']-o['ridge2'])} "
      f"[w part {ms(o['es_0w2'])}, b part {ms(o['es_0b2'])}]")
print(f"early stop (centred) minus least squares: {ms(o['es_c']-o['ls'])}")
