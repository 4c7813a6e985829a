"""Section 8's exact-risk Monte Carlo re-derived in numpy (float64), own formulas; two independent seeds.
Risk of (w, b) on x~N(0,I): 0.5*(||w-w*||^2 + (b-b*)^2 + s^2)."""
import numpy as np
d, n, wv, bstar, s = 200, 20, 0.01, 0.05, 0.01
lams = [0.0, 0.01, 0.05, 1.0, 3.16, 17.8, 100.0]
def risk(w, b): return 0.5 * (((w - wv) ** 2).sum(-1) + (b - bstar) ** 2 + s ** 2)
def fit(X, y, lam):
    m, c = X.mean(0), y.mean(); Xc = X - m
    w = np.linalg.pinv(Xc) @ (y - c) if lam == 0 else Xc.T @ np.linalg.solve(Xc @ Xc.T + n * lam * np.eye(n), y - c)
    return w, c - m @ w
for seed in (7, 8):
    rng = np.random.default_rng(seed); R = 400
    out = {k: [] for k in ["mean", "Zpinv", "Zpinv_w_bestb", "Zpinv_w_ybar_b"] + [f"l{l}" for l in lams]}
    for r in range(R):
        X = rng.standard_normal((n, d)); y = X.sum(1) * wv + bstar + s * rng.standard_normal(n)
        out["mean"].append(risk(np.zeros(d), y.mean()))
        th = np.linalg.pinv(np.hstack([X, np.ones((n, 1))])) @ y
        out["Zpinv"].append(risk(th[:-1], th[-1]))
        out["Zpinv_w_bestb"].append(risk(th[:-1], bstar))            # same w, oracle bias
        out["Zpinv_w_ybar_b"].append(risk(th[:-1], y.mean() - X.mean(0) @ th[:-1]))  # same w, bias refit freely
        for l in lams: out[f"l{l}"].append(risk(*fit(X, y, l)))
    o = {k: np.array(v) for k, v in out.items()}
    print(f"seed {seed}, R={R}: predict the mean {o['mean'].mean():.4g} +- {o['mean'].std(ddof=1)/R**.5:.1g}")
    for k in o:
        if k == "mean": continue
        g = o["mean"] - o[k]; m, se = g.mean(), g.std(ddof=1) / R ** .5
        print(f"  {k:<16} risk {o[k].mean():.5g}  gain {m:.3e} +- {se:.1e} ({m/se:.1f} se, {m/o['mean'].mean():.1%}),"
              f" better in {(o[k] < o['mean']).mean():.0%}")
    dd = o["l17.8"] - o["l0.0"]; print(f"  17.8 minus 0: {dd.mean():.3e} +- {dd.std(ddof=1)/R**.5:.1e} ({dd.mean()/(dd.std(ddof=1)/R**.5):.1f} se)")
    dd = o["l0.0"] - o["l0.05"]; print(f"  0 minus 0.05 (Bayes-optimal lambda = s^2/(n tau^2) = 0.05): {dd.mean():.2e} +- {dd.std(ddof=1)/R**.5:.1e}")
# reproduce the notebook's own number for its 17.8-vs-0 ratio (printed "36 s.e.", text "about 37")
import torch, sys; sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb02.SETUP["classic"]; ex = d2l.nb02.exact_risks(S, [0.0, 17.8], num_sets=400, seed=2000)
m, se = d2l.nb02.mean_se(ex.ridge[1] - ex.ridge[0]); print(f"notebook seed 2000: 17.8 minus 0: {m:.4e} +- {se:.4e}, ratio {m/se:.2f}")
