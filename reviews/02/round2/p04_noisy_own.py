"""Section 9 (noisy: n=30, d=20, sigma=1, w*=0.3) re-derived with my own numpy code; plus a larger, independent MC
and early stopping at lambda=0 as the missing 'same method without the penalty' competitor."""
import numpy as np, torch
torch.set_num_threads(1)
n, nv, nt, d, wv, s = 30, 100, 1000, 20, 0.3, 1.0
# the notebook's data (d2l.nb02.draw with seed 2: a private torch generator, randn X then randn noise)
g = torch.Generator().manual_seed(2)
X = torch.randn(n + nv + nt, d, generator=g); y = X @ torch.full((d,), wv); y = y + s * torch.randn(y.shape, generator=g)
X, y = X.double().numpy(), y.double().numpy()
Xt, Xv, Xs = X[:n], X[n:n+nv], X[n+nv:]; yt, yv, ys = y[:n], y[n:n+nv], y[n+nv:]
def fit(X, y, lam):
    m, c = X.mean(0), y.mean(); Xc = X - m
    w = np.linalg.solve(Xc.T @ Xc + len(y) * lam * np.eye(X.shape[1]), Xc.T @ (y - c)); return w, c - m @ w
L = lambda w, b, X, y: float(((X @ w + b - y) ** 2 / 2).mean())
grid = [0.0] + list(np.logspace(-3, 1, 17))
val = [L(*fit(Xt, yt, l), Xv, yv) for l in grid]; k = int(np.argmin(val))
w, b = fit(Xt, yt, grid[k]); w0, b0 = fit(Xt, yt, 0.0)
print(f"val lambda=0 {val[0]:.3g}; chosen lambda {grid[k]:.3g} val {val[k]:.3g}; test chosen {L(w,b,Xs,ys):.3g}, "
      f"LS {L(w0,b0,Xs,ys):.3g}, mean {float(((ys-yt.mean())**2/2).mean()):.3g}")
e = (ys - (Xs @ w + b)) ** 2 / 2; e0 = (ys - (Xs @ w0 + b0)) ** 2 / 2; dd = e0 - e
print(f"this test set: LS minus chosen {dd.mean():.3f} +- {dd.std(ddof=1)/nt**.5:.3f} (paired over 1000 test examples)")
print(f"population risk: chosen {0.5*(((w-wv)**2).sum()+b**2+1):.3f}, LS {0.5*(((w0-wv)**2).sum()+b0**2+1):.3f}")
Z = np.hstack([Xt, np.ones((n, 1))]); ev = np.linalg.eigvalsh(Z.T @ Z / n)
print(f"lambda=0 curvature: mu_min {ev.min():.3f} mu_max {ev.max():.3f}; (1 - 0.2 mu_min)^300 = {(1-0.2*ev.min())**300:.1e}")
# full-batch GD from 0 at lambda=0, with early stopping chosen on validation (implicit regularization)
th = np.zeros(d + 1); best = (np.inf, 0, None)
for t in range(1, 301):
    th = th - 0.2 * Z.T @ (Z @ th - yt) / n
    v = L(th[:-1], th[-1], Xv, yv)
    if v < best[0]: best = (v, t, th.copy())
print(f"early-stopped GD at lambda=0: best val {best[0]:.3g} at step {best[1]}, its test {L(best[2][:-1], best[2][-1], Xs, ys):.3g}")

# an independent MC, R = 400, own generator; chosen lambda per set on validation; also early stopping
rng = np.random.default_rng(11); R = 400; res = {"LS": [], "chosen": [], "mean": [], "early": [], "oracle_lam": []}
lamR = []
for r in range(R):
    X = rng.standard_normal((n + nv, d)); y = X @ np.full(d, wv) + s * rng.standard_normal(n + nv)
    Xt, yt, Xv, yv = X[:n], y[:n], X[n:], y[n:]
    risk = lambda w, b: 0.5 * (((w - wv) ** 2).sum() + b ** 2 + 1)
    fits = [fit(Xt, yt, l) for l in grid]; vals = [L(*f, Xv, yv) for f in fits]; kk = int(np.argmin(vals)); lamR.append(grid[kk])
    res["LS"].append(risk(*fits[0])); res["chosen"].append(risk(*fits[kk])); res["mean"].append(risk(np.zeros(d), yt.mean()))
    res["oracle_lam"].append(min(risk(*f) for f in fits))
    Z = np.hstack([Xt, np.ones((n, 1))]); th = np.zeros(d + 1); bv, bth = np.inf, None
    for t in range(300):
        th = th - 0.2 * Z.T @ (Z @ th - yt) / n; v = L(th[:-1], th[-1], Xv, yv)
        if v < bv: bv, bth = v, th.copy()
    res["early"].append(risk(bth[:-1], bth[-1]))
o = {k: np.array(v) for k, v in res.items()}
print(f"\nindependent MC, R={R}, exact risk (test loss on infinite data); median chosen lambda {np.median(lamR):.3g}")
for k in o: print(f"  {k:<10} {o[k].mean():.4f} +- {o[k].std(ddof=1)/R**.5:.4f}")
for a in ("LS", "mean", "early"):
    dd = o[a] - o["chosen"]; print(f"  {a} minus chosen: {dd.mean():.4f} +- {dd.std(ddof=1)/R**.5:.4f}")
print(f"Bayes-optimal lambda = s^2/(n*tau^2), tau^2 = {wv**2}: {1/(n*wv**2):.3f}")
