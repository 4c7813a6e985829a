"""Probe 5 (own numpy/sklearn code): exercise 2's success message on the diabetes data; Bai-Yin scale of s_min
for the ReLU features; coverage of the order-statistic median interval used for R = 100; dropout penalty exactly."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np
from math import comb
from sklearn.datasets import load_diabetes
X, y = load_diabetes(return_X_y=True); n = len(y)
print(f"diabetes: n = {n}, target mean {y.mean():.1f}, feature mean square {np.mean(X**2):.6f} (1/442 = {1/442:.6f})")
grid = [float(f"{v:.3g}") for v in np.logspace(-6, 0, 13)]
def gcv(X, y, lams):
    Xc, yc = X - X.mean(0), y - y.mean(); out = []
    for l in lams:
        H = Xc @ np.linalg.solve(Xc.T @ Xc + n * l * np.eye(X.shape[1]), Xc.T) + 1 / n
        e = y - H @ y; out.append(0.5 * np.mean(e**2) / (1 - np.trace(H) / n)**2)
    return np.array(out)
for lab, A in [("raw load_diabetes units", X), ("standardized (std ddof=1)", (X - X.mean(0)) / X.std(0, ddof=1))]:
    g = gcv(A, y, grid); flat = [l for l, v in zip(grid, g / g.min()) if v <= 1.001]
    gz = gcv(A, y, [0.0])[0]
    print(f"{lab}: GCV min at λ = {grid[int(g.argmin())]:g}; within 0.1%: {min(flat):g} .. {max(flat):g}; GCV(λ=0)/min = {gz/g.min():.5f}")
    if "standard" in lab:
        Ac, yc = A - A.mean(0), y - y.mean(); ls = np.linalg.lstsq(Ac, yc, rcond=None)[0]
        for l in (min(flat), max(flat)):
            w = np.linalg.solve(Ac.T @ Ac / n + l * np.eye(10), Ac.T @ yc / n); print(f"   λ = {l:g}: ‖w‖/‖w_LS‖ = {np.linalg.norm(w)/np.linalg.norm(ls):.2f}")
# Bai-Yin scale vs the notebook's median s_min (0.0847, 0.0167, 0.00159, 0.0134, 0.0676 at p = 60, 90, 100, 110, 200)
rng = np.random.default_rng(5); d0 = 20
for p, nb in [(60, .0847), (90, .0167), (110, .0134), (200, .0676)]:
    sm = []; smc = []
    for _ in range(30):
        Xr = rng.standard_normal((100, d0)); W = rng.standard_normal((p, d0)) / np.sqrt(d0); F = np.maximum(Xr @ W.T, 0) / np.sqrt(p)
        sm.append(np.linalg.svd(F, compute_uv=False)[-1 if p < 100 else 99])
        G = rng.standard_normal((100, p)) * np.sqrt(0.5 - 1 / (2 * np.pi)) / np.sqrt(p); smc.append(np.linalg.svd(G, compute_uv=False)[-1 if p < 100 else 99])
    print(f"p = {p}: median s_min ReLU features {np.median(sm):.4f} (notebook {nb}), iid entries with the same variance {np.median(smc):.4f}, "
          f"Bai-Yin |√p-√n|·std/√p = {abs(np.sqrt(p)-10)*np.sqrt(0.5-1/(2*np.pi))/np.sqrt(p):.4f}")
# coverage of median_ci for R = 100: order statistics 40 and 61 (1-based)
R = 100; lo = max(int(np.floor((R - 1.96 * np.sqrt(R)) / 2)), 1); hi = min(int(np.ceil((R + 1.96 * np.sqrt(R)) / 2)) + 1, R)
cov = sum(comb(R, k) for k in range(lo, hi)) / 2**R
print(f"median_ci for R = 100 uses order statistics {lo} and {hi}: exact coverage P({lo} <= Bin(100, 1/2) <= {hi-1}) = {cov:.4f}")
# dropout: exact E[x̃x̃ᵀ] for inverted dropout rho = 0.2
rho = 0.2; x = rng.standard_normal(5); M = np.zeros((5, 5)); import itertools
for mask in itertools.product([0, 1], repeat=5):
    pr = np.prod([(1 - rho) if m_ else rho for m_ in mask]); xt = np.array(mask) * x / (1 - rho); M += pr * np.outer(xt, xt)
print(f"dropout: max |E[x̃x̃ᵀ] - (xxᵀ + ρ/(1-ρ) diag(x²))| = {np.abs(M - (np.outer(x, x) + rho / (1 - rho) * np.diag(x**2))).max():.2e}")
