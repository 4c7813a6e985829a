"""Probe 10 (for the teacher's note 4): effective degrees of freedom tr H = Σ s²/(s² + nλ) of ridge on random ReLU
features at the tuned λ = 0.00133 (cell 25), own draws, n = 100."""
import numpy as np
rng = np.random.default_rng(12)
n, d0, lam = 100, 20, 0.00133
for p in [60, 100, 200, 1000]:
    dfs = []
    for _ in range(50):
        X = rng.standard_normal((n, d0)); W = rng.standard_normal((p, d0)) / np.sqrt(d0)
        s = np.linalg.svd(np.maximum(X @ W.T, 0) / np.sqrt(p), compute_uv=False)
        dfs.append(np.sum(s**2 / (s**2 + n * lam)))
    print(f"p = {p:4d}: df(λ = {lam}) median {np.median(dfs):.1f} of n = {n} (range {min(dfs):.1f}–{max(dfs):.1f})")
