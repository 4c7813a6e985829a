# Probe 1: re-derive section 1-2 numbers with plain numpy (float64), own ridge, own SEs, exact population risk.
import numpy as np, torch
torch.set_num_threads(1)
# same data as d2l.nb02.draw(noisy, seed=2): torch private generator, n=30/100/1000, d=20, w=0.3, sigma=1
g = torch.Generator().manual_seed(2)
X = torch.randn(1130, 20, generator=g); y = X @ torch.full((20,), 0.3); y = y + torch.randn(y.shape, generator=g)
X, y = X.double().numpy(), y.double().numpy()
Xt, yt, Xv, yv, Xs, ys = X[:30], y[:30], X[30:130], y[30:130], X[130:], y[130:]
n, d = Xt.shape
def fit(lam):  # minimize mean 1/2 (Xw+b-y)^2 + lam/2 |w|^2, b free
    xm, ym = Xt.mean(0), yt.mean(); Xc = Xt - xm
    w = np.linalg.solve(Xc.T @ Xc / n + lam * np.eye(d), Xc.T @ (yt - ym) / n)
    return w, ym - xm @ w
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
val = [np.mean((Xv @ fit(l)[0] + fit(l)[1] - yv) ** 2 / 2) for l in grid]
k = int(np.argmin(val)); lam = grid[k]
print(f"val LS {val[0]:.4f}, best lam {lam} val {val[k]:.4f}")
def per(w, b): return (Xs @ w + b - ys) ** 2 / 2
wL, bL = fit(0); wR, bR = fit(lam)
mean_pred = np.full_like(ys, yt.mean()); pm = (mean_pred - ys) ** 2 / 2
for name, l in [("mean", pm), ("LS", per(wL, bL)), ("ridge", per(wR, bR))]:
    print(f"test {name}: {l.mean():.4f}")
for name, l in [("mean", pm), ("LS", per(wL, bL))]:
    dd = l - per(wR, bR); print(f"paired {name}-ridge {dd.mean():.4f} ± {dd.std(ddof=1)/np.sqrt(len(dd)):.4f}")
# exact population risk (no test-set sampling error): ((w-w*)^2 + b^2 + sigma^2)/2
pr = lambda w, b: (np.sum((w - 0.3) ** 2) + b ** 2 + 1) / 2
print(f"population risk: mean {pr(np.zeros(d), yt.mean()):.4f}, LS {pr(wL,bL):.4f}, ridge {pr(wR,bR):.4f}")
# oracle lambda on population risk
lams = np.logspace(-3, 1, 400); risks = [pr(*fit(l)) for l in lams]
print(f"oracle lambda (population risk) {lams[int(np.argmin(risks))]:.3f}, risk {min(risks):.4f}; theory sigma^2 d/(n||w*||^2) = {1*20/(30*20*0.09):.3f}")
# curvature: centered covariance vs full Hessian with bias column
Xc = Xt - Xt.mean(0)
print(f"min eig centered cov {np.linalg.eigvalsh(Xc.T@Xc/n).min():.4f}; min eig full Hessian [X 1] {np.linalg.eigvalsh(np.c_[Xt,np.ones(n)].T@np.c_[Xt,np.ones(n)]/n).min():.4f}")
# SGD from scratch in numpy replicating the SGD run's end point? (minibatch order unknown) -> full-batch GD 600 steps lr .05
def gd(l, steps=600, w0=None):
    w = np.zeros(d) if w0 is None else w0.copy(); b = 0.0
    for _ in range(steps):
        r = Xt @ w + b - yt; w -= 0.05 * (Xt.T @ r / n + l * w); b -= 0.05 * r.mean()
    return w, b
for l in [0, lam]:
    w, b = gd(l); print(f"full-batch GD 600 steps lam={l}: test {per(w,b).mean():.4f}, pop risk {pr(w,b):.4f}, max|w-closed| {np.abs(w-fit(l)[0]).max():.3f}")
w, b = gd(0, w0=np.random.default_rng(0).standard_normal(d)); print(f"GD lam=0 from N(0,1): test {per(w,b).mean():.4f}")
# 50 fresh data sets with an independent numpy generator
rng = np.random.default_rng(12345); diffs = {"LS": [], "mean": []}; chosen = []
for r in range(200):
    X = rng.standard_normal((1130, 20)); y = X.sum(1) * 0.3 + rng.standard_normal(1130)
    Xt, yt, Xv, yv, Xs, ys = X[:30], y[:30], X[30:130], y[30:130], X[130:], y[130:]
    fits = [fit(l) for l in grid]
    vv = [np.mean((Xv @ w + b - yv) ** 2) for w, b in fits]; kk = int(np.argmin(vv)); chosen.append(grid[kk])
    ts = [np.mean((Xs @ w + b - ys) ** 2 / 2) for w, b in fits]
    diffs["LS"].append(ts[0] - ts[kk]); diffs["mean"].append(np.mean((yt.mean() - ys) ** 2 / 2) - ts[kk])
for kname, v in diffs.items():
    v = np.array(v); print(f"200 fresh sets: {kname} minus chosen {v.mean():.3f} ± {v.std(ddof=1)/np.sqrt(len(v)):.3f}; first 50: {v[:50].mean():.3f} ± {v[:50].std(ddof=1)/np.sqrt(50):.3f}; fraction of sets where chosen loses {np.mean(v<0):.2f}")
print("median chosen lambda", np.median(chosen))
