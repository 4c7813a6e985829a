"""Probe 2: section 8's exact-risk Monte Carlo, own numpy code, own seed; and why Z^+y gains less (bias or weights?)."""
import numpy as np
rng = np.random.default_rng(12345)
R, n, d, wv, bs, sig = 2000, 20, 200, 0.01, 0.05, 0.01
def risk_parts(w, b): return ((w - wv) ** 2).sum(-1) / 2, (b - bs) ** 2 / 2
lams = [0.0, 0.01, 1.0, 3.16, 17.8, 100.0]
out = {k: [] for k in ["mean", "Zp", "Zp_w", "Zp_b", "Zp_freeb"] + [f"r{l}" for l in lams] + ["r0_w", "r0_b"]}
for _ in range(R):
    X = rng.standard_normal((n, d)); y = X.sum(1) * wv + bs + sig * rng.standard_normal(n)
    out["mean"].append(sum(risk_parts(np.zeros(d), y.mean())) + sig**2 / 2)
    Z = np.hstack([X, np.ones((n, 1))]); th = np.linalg.pinv(Z) @ y
    pw, pb = risk_parts(th[:-1], th[-1])
    out["Zp"].append(pw + pb + sig**2 / 2); out["Zp_w"].append(pw); out["Zp_b"].append(pb)
    # Z^+ y's weights with the best bias for them (b = ybar - xbar^T w): isolates the bias shrinkage
    bf = y.mean() - X.mean(0) @ th[:-1]; out["Zp_freeb"].append(sum(risk_parts(th[:-1], bf)) + sig**2 / 2)
    xm, ym = X.mean(0), y.mean(); Xc, yc = X - xm, y - ym
    for l in lams:
        w = Xc.T @ (np.linalg.pinv(Xc @ Xc.T + n * l * np.eye(n)) @ yc); b = ym - xm @ w
        a, c = risk_parts(w, b); out[f"r{l}"].append(a + c + sig**2 / 2)
        if l == 0: out["r0_w"].append(a); out["r0_b"].append(c)
o = {k: np.array(v) for k, v in out.items()}
ms = lambda v: (v.mean(), v.std(ddof=1) / np.sqrt(len(v)))
print(f"R = {R} fresh training sets (own seed). mean predictor risk {ms(o['mean'])[0]:.5g} +- {ms(o['mean'])[1]:.1g}")
for k in ["Zp"] + [f"r{l}" for l in lams]:
    g = o["mean"] - o[k]; m, s = ms(g)
    print(f"  {k:<8} risk {o[k].mean():.5g}  gain {m:.3e} +- {s:.1e} ({m/o['mean'].mean():.1%}), better in {(g>0).mean():.0%}")
m, s = ms(o["r17.8"] - o["r0.0"]); print(f"  ridge 17.8 minus ridge 0: {m:.3e} +- {s:.1e}")
print(f"decomposition: Z^+y weight part {o['Zp_w'].mean():.5g}, bias part {o['Zp_b'].mean():.5g}; "
      f"ridge(0) weight part {o['r0_w'].mean():.5g}, bias part {o['r0_b'].mean():.5g}")
print(f"Z^+y's own weights with the free bias ybar - xbar^T w: risk {o['Zp_freeb'].mean():.5g} "
      f"(gain {ms(o['mean']-o['Zp_freeb'])[0]:.3e})")
