"""Section 9 (n=30, d=20, sigma=1), own code: scikit-learn Ridge (alpha = n*lambda, free intercept) on the
notebook's data set (drawn with its generator recipe), own GD early stopping; then many more fresh data sets
(own generator) to see whether 'early stopping slightly better than the chosen lambda' holds beyond R=50."""
import numpy as np, torch, warnings
from sklearn.linear_model import Ridge, LinearRegression
warnings.filterwarnings("ignore")
n, nv, nt, d, wv, sig, lr, T = 30, 100, 1000, 20, 0.3, 1.0, 0.2, 300
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
def draw_torch(seed):   # the notebook's recipe: private torch generator, X then eps
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n + nv + nt, d, generator=g); y = X @ torch.full((d,), wv) + 0.0
    y = y + sig * torch.randn(y.shape, generator=g)
    X, y = X.double().numpy(), y.double().numpy()
    return X[:n], y[:n], X[n:n+nv], y[n:n+nv], X[n+nv:], y[n+nv:]
def L(X, y, m): return np.mean((m.predict(X) - y) ** 2 / 2)
def fit(X, y, lam): return (LinearRegression() if lam == 0 else Ridge(alpha=len(y) * lam)).fit(X, y)
def gd_path(X, y, steps=T):
    w, b, out = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y; w, b = w - lr * X.T @ r / len(y), b - lr * r.mean(); out.append((w.copy(), b))
    return out
def pl(X, y, wb): return np.mean((X @ wb[0] + wb[1] - y) ** 2 / 2)

X, y, Xv, yv, Xt, yt = draw_torch(2)
val = [L(Xv, yv, fit(X, y, l)) for l in grid]; k = int(np.argmin(val))
print(f"notebook data set: chosen lambda {grid[k]} (val {val[k]:.4f}, lambda=0 val {val[0]:.4f}); test chosen {L(Xt, yt, fit(X, y, grid[k])):.5f}, "
      f"least squares {L(Xt, yt, fit(X, y, 0)):.4f}, mean predictor {np.mean((y.mean() - yt) ** 2 / 2):.4f}")
path = gd_path(X, y); ts = int(np.argmin([pl(Xv, yv, p) for p in path]))
print(f"early stopping: step {ts + 1}, test {pl(Xt, yt, path[ts]):.5f}; after {T} steps test {pl(Xt, yt, path[-1]):.4f}")
print("exact risk (x ~ N(0,I)) on this set: chosen ridge {:.4f}, early stop {:.4f}".format(
    (np.sum((fit(X, y, grid[k]).coef_ - wv) ** 2) + fit(X, y, grid[k]).intercept_ ** 2 + 1) / 2,
    (np.sum((path[ts][0] - wv) ** 2) + path[ts][1] ** 2 + 1) / 2))

# many fresh sets, exact risk instead of a 1000-example test set; same choice rules (validation of 100)
rng = np.random.default_rng(777); R = 1000
res = {"ridge": [], "early": [], "ls": [], "mean": [], "oracle_ridge": []}
lams = np.array(grid)
for r in range(R):
    Xa = rng.standard_normal((n + nv, d)); ya = Xa @ np.full(d, wv) + sig * rng.standard_normal(n + nv)
    X, y, Xv, yv = Xa[:n], ya[:n], Xa[n:], ya[n:]
    xm, ym = X.mean(0), y.mean(); Xc, yc = X - xm, y - ym
    risks, vals = [], []
    for l in grid:
        w = np.linalg.solve(Xc.T @ Xc + n * l * np.eye(d), Xc.T @ yc); b = ym - xm @ w
        vals.append(np.mean((Xv @ w + b - yv) ** 2 / 2)); risks.append((np.sum((w - wv) ** 2) + b ** 2 + 1) / 2)
    res["ridge"].append(risks[int(np.argmin(vals))]); res["ls"].append(risks[0]); res["oracle_ridge"].append(min(risks))
    p = gd_path(X, y); t = int(np.argmin([pl(Xv, yv, q) for q in p]))
    res["early"].append((np.sum((p[t][0] - wv) ** 2) + p[t][1] ** 2 + 1) / 2)
    res["mean"].append((d * wv ** 2 + ym ** 2 + 1) / 2)
res = {k: np.array(v) for k, v in res.items()}
def ms(v): return f"{v.mean():.4f} +- {v.std(ddof=1)/len(v)**.5:.4f}"
print(f"\n{R} fresh sets, exact risk: " + ", ".join(f"{k} {ms(v)}" for k, v in res.items()))
dd = res["early"] - res["ridge"]
print(f"early stopping minus validation-chosen ridge (paired): {ms(dd)}  ({dd.mean()/(dd.std(ddof=1)/R**.5):.1f} s.e.)")
for sub in [slice(0, 50), slice(50, 100), slice(100, 150), slice(150, 200)]:
    v = dd[sub]; print(f"   sets {sub.start}-{sub.stop}: {ms(v)}")
print(f"least squares minus chosen ridge: {ms(res['ls'] - res['ridge'])}; mean predictor minus chosen ridge: {ms(res['mean'] - res['ridge'])}")
