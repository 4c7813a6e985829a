"""Probe 3: the steep target exp(2x) (cells 59-63). Re-derive the numbers in numpy and test the lesson
"that is variance, and the cure is the model, not more data" by giving degree-12 ridge more data."""
import numpy as np
from numpy.polynomial import legendre as L
rng = np.random.default_rng(12345)
sigma, R, deg = 0.3, 400, 12
lams = [float(f"{v:.3g}") for v in np.logspace(-5, 1, 25)]
f = lambda x: np.exp(2 * x)
feats = lambda x, d: L.legvander(x, d) * np.sqrt(2 * np.arange(d + 1) + 1)
xt = np.linspace(-1, 1, 201); ft = f(xt)

def solve(X, y, lam, free=False):
    n, d = X.shape[-2:]; D = np.eye(d)
    if free: D[0, 0] = 0
    return np.linalg.solve(np.swapaxes(X, -1, -2) @ X + n * lam * D, np.swapaxes(X, -1, -2) @ y[..., None])[..., 0]

def sweep(n, d=deg, free=False, lam_list=lams, sig=sigma):
    x = -1 + 2 * (np.arange(n) + rng.random((R, n))) / n
    y = f(x) + sig * rng.standard_normal((R, n))
    X, Xt = feats(x, d), feats(xt, d)
    rows = []
    for lam in lam_list:
        P = solve(X, y, lam, free) @ Xt.T
        C = solve(X, f(x), lam, free) @ Xt.T
        tot = ((P - ft) ** 2).mean() + sig**2
        se = ((P - ft) ** 2).mean(1).std() / np.sqrt(R)
        b2 = (((C.mean(0) - ft) ** 2) - C.var(0, ddof=1) / R).mean()
        rows.append((tot, se, b2, P.var(0, ddof=1).mean(), lam))
    return min(rows)

for n in [20, 40, 80, 160]:
    tot, se, b2, v, lam = sweep(n)
    print(f"n = {n:3d}, degree 12 ridge (P0 penalized), best λ {lam:g}: total {tot:.4f} ± {se:.4f}; bias² {b2:.4f}, "
          f"variance {v:.4f}; above noise {tot - sigma**2:.4f}")
for n in [20, 40]:
    tot, se, b2, v, lam = sweep(n, free=True)
    print(f"n = {n:3d}, degree 12 ridge, P0 free, best λ {lam:g}: total {tot:.4f} ± {se:.4f}; var share {v / tot:.0%}, bias² share {b2 / tot:.0%}")
for n in [20, 40]:
    tot, se, b2, v, lam = sweep(n, d=3, lam_list=[0.0])
    print(f"n = {n:3d}, degree 3 least squares: total {tot:.4f} ± {se:.4f}")
tot, se, b2, v, lam = sweep(20, lam_list=[0.01], sig=0.0)
print(f"n = 20, λ = 0.01, σ = 0: variance {v:.4f} (notebook: 0.199 on its seed)")

# Same generator as the notebook (torch, seed 0: 20 jittered cells), then the same recipe with n = 30, 40
import torch
torch.set_num_threads(1)
for n in [20, 30, 40]:
    g = torch.Generator().manual_seed(0)
    x = (-1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(R, n, generator=g, dtype=torch.float64)) / n)
    y = (torch.exp(2 * x) + sigma * torch.randn(R, n, generator=g, dtype=torch.float64)).numpy(); x = x.numpy()
    X, Xt = feats(x, deg), feats(xt, deg)
    res = []
    for lam in lams:
        P = solve(X, y, lam) @ Xt.T
        e = ((P - ft) ** 2).mean(1)
        res.append((e.mean() + sigma**2, e.std() / np.sqrt(R), lam))
    tot, se, lam = min(res)
    print(f"torch seed 0, n = {n}: degree-12 ridge best λ {lam:g}, expected test error {tot:.4f} ± {se:.4f}")
