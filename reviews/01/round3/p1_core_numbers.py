"""Probe 1: re-derive the headline numbers of sections 4, 4b, 6, 6b, 7 with numpy only
(data drawn with the same torch generator so the numbers are comparable; fitting/evaluation in numpy)."""
import numpy as np, torch
torch.set_num_threads(1)
from numpy.polynomial import legendre as L

n, deg, R, sigma = 20, 12, 400, 0.3
lams = [float(f"{v:.3g}") for v in np.logspace(-5, 1, 25)]
f = lambda x: np.sin(3 * x) + 0.5 * np.cos(5 * x)

def draw(seed, R=R, n=n):
    g = torch.Generator().manual_seed(seed)
    x = -1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(R, n, generator=g, dtype=torch.float64)) / n
    eps = torch.randn(R, n, generator=g, dtype=torch.float64)
    x = x.numpy(); return x, f(x) + sigma * eps.numpy()

def feats(x, d):
    V = L.legvander(x, d)
    return V * np.sqrt(2 * np.arange(d + 1) + 1)

def fit(X, y, lam):
    nn, d = X.shape[-2:]
    A = np.swapaxes(X, -1, -2) @ X + nn * lam * np.eye(d)
    return np.linalg.solve(A, (np.swapaxes(X, -1, -2) @ y[..., None]))[..., 0]

xt = np.linspace(-1, 1, 201); ft = f(xt)
x, y = draw(0)
tot, b2c, var = [], [], []
for d_ in [deg]:
    X, Xt = feats(x, d_), feats(xt, d_)
for lam in lams:
    P = fit(X, y, lam) @ Xt.T
    C = fit(X, f(x), lam) @ Xt.T
    tot.append(((P - ft) ** 2).mean() + sigma**2)
    b2c.append((((C.mean(0) - ft) ** 2) - C.var(0, ddof=1) / R).mean())
    var.append(P.var(0, ddof=1).mean())
tot = np.array(tot); k = int(np.argmin(tot))
print(f"best lambda {lams[k]}, total {tot[k]:.4f}; bias2 {b2c[k]:.4g}; var {var[k]:.4g}")
print("totals at 1e-5, 1e-3, 1e-2, best, 1, 10:", [round(tot[i], 4) for i in [0, 8, 12, k, 20, 24]])
P0 = fit(X, y, 0.0) @ Xt.T
print("LS total", ((P0 - ft) ** 2).mean() + sigma**2,
      " mean-label", ((y.mean(1, keepdims=True) - ft) ** 2).mean() + sigma**2, " zero", (ft**2).mean() + sigma**2)
# Would the best lambda move if chosen on other seeds? (selection made on the evaluation sets)
for s in [1, 2, 3]:
    xs, ys = draw(s); Xs = feats(xs, deg)
    ts = [((fit(Xs, ys, l) @ Xt.T - ft) ** 2).mean() + sigma**2 for l in lams]
    j = int(np.argmin(ts)); print(f"seed {s}: best lambda {lams[j]}, total {ts[j]:.4f}, at 0.178: {ts[lams.index(0.178)]:.4f}")

# Section 6: least squares vs degree; best degree
tots = []
for d_ in range(15):
    Xd, Xtd = feats(x, d_), feats(xt, d_)
    P = fit(Xd, y, 0.0) @ Xtd.T
    tots.append(((P - ft) ** 2).mean() + sigma**2)
print("LS total by degree:", np.round(tots, 4))
# Missing baseline: best degree WITH its best lambda (ridge on the low degree)
for d_ in [3, 4, 5, 6]:
    Xd, Xtd = feats(x, d_), feats(xt, d_)
    ts = [((fit(Xd, y, l) @ Xtd.T - ft) ** 2).mean() + sigma**2 for l in [0.0] + lams]
    j = int(np.argmin(ts)); print(f"degree {d_}: best over lambda in [0]+grid: {([0.0]+lams)[j]} total {ts[j]:.4f} (LS {ts[0]:.4f})")

# 6b df: where is the error curve smallest / steep
def df(X, lam):
    nn, d = X.shape[-2:]
    G = np.swapaxes(X, -1, -2) @ X
    return np.trace(np.linalg.solve(G + nn * lam * np.eye(d), G), axis1=-2, axis2=-1).mean()
print("lambda sweep df:", [(lams[i], round(df(X, lams[i]), 2), round(tot[i], 3)) for i in range(0, 25, 2)])

# Section 7: training error monotone in lambda for set 0
W = np.stack([fit(X[0], y[0], l) for l in lams])
tr = ((W @ X[0].T - y[0]) ** 2).mean(1); te = ((W @ Xt.T - ft) ** 2).mean(1) + sigma**2
print("set0 training error monotone increasing in lambda:", bool(np.all(np.diff(tr) >= -1e-15)),
      " best lambda for set 0:", lams[int(np.argmin(te))], round(te.min(), 4), " at 1e-5:", round(te[0], 4), round(tr[0], 5))
