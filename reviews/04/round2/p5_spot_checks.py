"""Probe 5: remaining spot checks on §1's data (numpy only): where ridge w2 drops back to w2(0); the 'within 0.02'
band of §10; and, for many θ, every point of the circle where L is stationary with its multiplier μ."""
import numpy as np, torch
from scipy.optimize import brentq
torch.set_num_threads(1)
g = torch.Generator().manual_seed(0); rho = 0.8
chol = torch.tensor([[1.0, 0.0], [rho, (1 - rho**2) ** 0.5]], dtype=torch.float64)
X = torch.randn(100, 2, generator=g, dtype=torch.float64) @ chol.T
y = X @ torch.tensor([1.0, 0.3], dtype=torch.float64) + 0.5 * torch.randn(100, generator=g, dtype=torch.float64)
X, y = X.numpy(), y.numpy(); H, b = X.T @ X / 100, X.T @ y / 100
w = lambda lam: np.linalg.solve(H + lam * np.eye(2), b); w20 = w(0)[1]
lam_top = brentq(lambda l: (w(l + 1e-7)[1] - w(l - 1e-7)[1]), 0.05, 2)
print(f"ridge w2: max at λ = {lam_top:.4f}; back to its λ=0 value at λ = {brentq(lambda l: w(l)[1] - w20, 0.5, 50):.4f}"
      " (notebook prints 'up to λ = 3')")
x = np.logspace(-2, 2, 200001); gap = np.abs(1 - (1 - 0.01 * x) ** 100 - x / (1 + x))
print(f"§10 band |gap| <= 0.02: h/λ <= {x[(gap <= 0.02) & (x < 1)].max():.4f} and >= {x[(gap <= 0.02) & (x > 1)].min():.3f}")
# stationary points of L on the circle ||w||^2 = θ: (H + μI)w = b, ||w||^2 = θ (secular equation, all branches)
h, Q = np.linalg.eigh(H); c = Q.T @ b
for th in [0.05, 0.3, 1.0, 1.418, 2.0, 5.0, 20.0, 100.0]:
    f = lambda mu: np.sum(c**2 / (h + mu) ** 2) - th
    grid = np.concatenate([np.linspace(-60, -h[1] - 1e-9, 20000), np.linspace(-h[1] + 1e-9, -h[0] - 1e-9, 20000),
                           np.linspace(-h[0] + 1e-9, 60, 20000)])
    vals = np.array([f(m) for m in grid]); roots = []
    for i in range(len(grid) - 1):
        if np.sign(vals[i]) != np.sign(vals[i + 1]) and not (grid[i] < -h[1] < grid[i + 1] or grid[i] < -h[0] < grid[i + 1]):
            roots.append(brentq(f, grid[i], grid[i + 1]))
    pts = [(mu, Q @ (c / (h + mu))) for mu in roots]
    Ls = [0.5 * p @ H @ p - b @ p for _, p in pts]
    kmin = int(np.argmin(Ls))
    print(f"θ = {th:<6}: {len(pts)} stationary points, μ = {np.round(roots, 4)}; μ >= 0 only at the lowest-loss one: "
          f"{all((m >= 0) == (k == kmin) for k, (m, _) in enumerate(pts)) if th < w(0) @ w(0) else 'n/a (inactive: lowest has μ<0 allowed)'}")
