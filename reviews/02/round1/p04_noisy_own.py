"""Section 9 (n=30, d=20, sigma=1): re-derive with scikit-learn Ridge / numpy, then a larger Monte Carlo with exact risk."""
import numpy as np
import torch
from sklearn.linear_model import Ridge, LinearRegression

torch.set_num_threads(1)
n, nv, nt, d, wv, sigma = 30, 100, 1000, 20, 0.3, 1.0
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]


def draw(seed, R=None):                      # same generator calls as the notebook's draw(), so same data
    g = torch.Generator().manual_seed(seed)
    lead = () if R is None else (R,)
    X = torch.randn(*lead, n + nv + nt, d, generator=g)
    y = X @ torch.full((d,), wv)
    y = y + sigma * torch.randn(y.shape, generator=g)
    X, y = X.double().numpy(), y.double().numpy()
    s = [n, n + nv]
    return (X[..., :n, :], y[..., :n]), (X[..., n:n + nv, :], y[..., n:n + nv]), (X[..., n + nv:, :], y[..., n + nv:])


def fit(X, y, lam):
    # sklearn minimizes |y - Xw - b|^2 + alpha |w|^2 (sum, no 1/2): mean/2 + lam/2 |w|^2 <=> alpha = n * lam
    m = LinearRegression() if lam == 0 else Ridge(alpha=len(y) * lam, fit_intercept=True, solver="cholesky")
    m.fit(X, y)
    return m.coef_, m.intercept_


def L(X, y, w, b):
    return float(np.mean((X @ w + b - y) ** 2 / 2))


(X, y), (Xv, yv), (Xs, ys) = draw(2)
val = [L(Xv, yv, *fit(X, y, lam)) for lam in grid]
k = int(np.argmin(val))
print(f"one data set: val at 0 {val[0]:.3g}, lowest at {grid[k]:g}: {val[k]:.3g}")
w, b = fit(X, y, grid[k])
print(f"test: chosen {L(Xs, ys, w, b):.3g}, least squares {L(Xs, ys, *fit(X, y, 0.0)):.3g}, "
      f"mean predictor {float(np.mean((ys - y.mean())**2 / 2)):.3g}")
# own gradient descent from 0, full batch, lr 0.2, 300 steps, float64
wg, bg = np.zeros(d), 0.0
for _ in range(300):
    r = X @ wg + bg - y
    wg, bg = wg - 0.2 * (X.T @ r / n + grid[k] * wg), bg - 0.2 * r.mean()
print(f"own GD (float64) vs sklearn Ridge: max|dw| {np.abs(wg - w).max():.1e}, |db| {abs(bg - b):.1e}")
w_next, _ = fit(X, y, grid[k + 1])
print(f"nearest wrong answers the 1e-3 GD check must reject: ridge at the next grid lambda differs by "
      f"{np.abs(w_next - w).max():.2g}; lambda/2 convention by {np.abs(fit(X, y, grid[k] / 2)[0] - w).max():.2g}")

# R = 50, seed 1000 (as the notebook) -> must reproduce; then R = 2000 for the exact-risk picture
for R, seed in [(50, 1000), (2000, 7)]:
    (Xt, yt), (Xv, yv), (Xs, ys) = draw(seed, R)
    vals = np.zeros((len(grid), R)); tests = np.zeros((len(grid), R)); risks = np.zeros((len(grid), R))
    for r in range(R):
        for j, lam in enumerate(grid):
            w, b = fit(Xt[r], yt[r], lam)
            vals[j, r], tests[j, r] = L(Xv[r], yv[r], w, b), L(Xs[r], ys[r], w, b)
            risks[j, r] = 0.5 * (np.sum((w - wv) ** 2) + b**2 + sigma**2)
    bt = np.mean((ys - yt.mean(-1, keepdims=True)) ** 2 / 2, -1)
    bv = np.mean((yv - yt.mean(-1, keepdims=True)) ** 2 / 2, -1)
    ch = vals.argmin(0); ct = tests[ch, np.arange(R)]
    se = lambda a: a.std(ddof=1) / np.sqrt(len(a))
    print(f"\nR={R} (seed {seed}): val LS {vals[0].mean():.3g}+-{se(vals[0]):.2g}; val min-mean at lambda "
          f"{grid[int(vals.mean(1).argmin())]:g}: {vals.mean(1).min():.3g}; baseline val {bv.mean():.3g}+-{se(bv):.2g}")
    print(f"  chosen-lambda test {ct.mean():.3g}+-{se(ct):.2g} (median lambda {np.median(np.array(grid)[ch]):.3g}); "
          f"LS-chosen {np.mean(tests[0]-ct):.3g}+-{se(tests[0]-ct):.2g}; base-chosen {np.mean(bt-ct):.3g}+-{se(bt-ct):.2g}")
    print(f"  exact risk: LS {risks[0].mean():.3g} (theory s^2/2 (1+1/n)(n-2)/(n-d-2) = {0.5*(1+1/n)*(n-2)/(n-d-2):.3g}), "
          f"best fixed lambda {grid[int(risks.mean(1).argmin())]:g}: {risks.mean(1).min():.3g}; "
          f"chosen-lambda {risks[ch, np.arange(R)].mean():.3g}; mean predictor {0.5*(d*wv**2+sigma**2)*(1+1/n):.3g}")
