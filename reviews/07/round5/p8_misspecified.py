"""Own numpy check of the misspecified design 3 (inputs sd 10^0.5..10^-0.5, w = ±2.5 on the 3 smallest-scale inputs,
n=40, d=20, sigma=1) on 400 independent draws: evidence vs GCV vs least squares vs predict 0, raw and standardized."""
import numpy as np
rng = np.random.default_rng(21); R, n, d, sigma = 400, 40, 20, 1.0
sd_in = np.logspace(0.5, -0.5, d); lams = np.logspace(-3, 3, 121)
X = rng.standard_normal((R, n, d))*sd_in; W = np.zeros((R, d)); W[:, -3:] = 2.5*rng.choice([-1, 1], (R, 3))
y = np.einsum('rnd,rd->rn', X, W) + sigma*rng.standard_normal((R, n))
def loss(wh): return (((wh - W)**2)*sd_in**2).sum(-1)/2 + sigma**2/2
def fit(Xa, lam): return np.linalg.solve(np.einsum('rnd,rne->rde', Xa, Xa)/n + lam[:, None, None]*np.eye(d), np.einsum('rnd,rn->rd', Xa, y)[..., None]/n)[..., 0]
def crit(Xa):
    ev = np.empty((R, len(lams))); gc = np.empty_like(ev); XXt = np.einsum('rnd,rmd->rnm', Xa, Xa); G = np.einsum('rnd,rne->rde', Xa, Xa)
    for j, l in enumerate(lams):
        C = np.eye(n) + XXt/(n*l); s2 = np.einsum('rn,rn->r', y, np.linalg.solve(C, y[..., None])[..., 0])/n
        ev[:, j] = -0.5*(n*np.log(s2) + np.linalg.slogdet(C)[1])
        H = Xa@np.linalg.solve(G + n*l*np.eye(d), np.transpose(Xa, (0, 2, 1))); e = y - np.einsum('rnm,rm->rn', H, y)
        gc[:, j] = (e**2).mean(1)/2/(1 - np.trace(H, axis1=1, axis2=2)/n)**2
    return ev, gc
ev, gc = crit(X)
orc = np.array([[loss(fit(X, np.full(R, l)))] for l in lams])[:, 0].T   # (R, K)
res = {"oracle (grid)": orc.min(1), "evidence": orc[np.arange(R), ev.argmax(1)], "GCV": orc[np.arange(R), gc.argmin(1)],
       "least squares": loss(fit(X, np.zeros(R))), "predict 0": loss(np.zeros((R, d)))}
sd = X.std(1, ddof=1, keepdims=True); Xs = X/sd
evs, gcs = crit(Xs)
def loss_std(lam): return loss(fit(Xs, lam)/sd[:, 0, :])
res["std: evidence"] = loss_std(lams[evs.argmax(1)]); res["std: GCV"] = loss_std(lams[gcs.argmin(1)])
o = res["oracle (grid)"]
for k, v in res.items(): print(f"{k:>16}: above raw oracle {np.mean(v-o):+.3f} ± {np.std(v-o, ddof=1)/np.sqrt(R):.3f}")
print(f"evidence lambda at grid end (1e3) on {np.mean(ev.argmax(1) == len(lams)-1):.0%} of draws")
