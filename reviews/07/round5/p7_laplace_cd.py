"""Exercise 1 re-derived: MAP under Laplace prior p(w_j) ∝ exp(-|w_j|/b) with N(0, σ²) noise, found by coordinate descent on
the negative log posterior  Σ(y - Xw)²/(2σ²) + ‖w‖₁/b; then λ1 read off the KKT conditions of L(w) + λ1‖w‖₁ (mean ½ loss):
(1/n) X_jᵀ(y - Xw) = λ1 sign(w_j) on the nonzero weights. Compare with σ²/(n b). Problem generator: as the public check."""
import numpy as np, torch
for sigma, b, n, seed in [(1.5, 0.7, 40, 11), (0.3, 1.6, 25, 12), (2.5, 0.15, 200, 13)]:
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 6, generator=g, dtype=torch.float64); wt = torch.tensor([3.0, -2.0, 0.0, 1.0, 0.0, 0.5], dtype=torch.float64)
    y = (X @ wt + sigma * torch.randn(n, generator=g, dtype=torch.float64)).numpy(); X = X.numpy()
    w = np.zeros(6); t = sigma**2 / b          # soft-threshold level for the summed objective ½Σ(..)² + (σ²/b)‖w‖₁
    for _ in range(5000):
        for j in range(6):
            r = y - X @ w + X[:, j] * w[j]; z = X[:, j] @ r
            w[j] = np.sign(z) * max(abs(z) - t, 0) / (X[:, j] @ X[:, j])
    nz = np.abs(w) > 1e-12
    lam1 = (X[:, nz].T @ (y - X @ w) / n) / np.sign(w[nz])
    print(f"σ={sigma}, b={b}, n={n}: KKT λ1 on {nz.sum()} nonzero weights = {np.round(lam1, 8)}; σ²/(nb) = {sigma**2/(n*b):.8f}; "
          f"2σ²/(nb) = {2*sigma**2/(n*b):.6f}")
