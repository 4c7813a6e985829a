"""Probe 4: exercise 04.3. The one-pass heuristic 'clip ŵ, re-solve the free weights with the clipped ones fixed,
clip again' (what the hint 'the other weights must adjust once one is clipped' suggests) passes the public check.
How often is it actually wrong? Truth: projected coordinate descent to convergence, verified by the box KKT conditions."""
import numpy as np
rng = np.random.default_rng(0)
def truth(H, b, c):
    w = np.zeros(len(b))
    for _ in range(5000):
        for j in range(len(b)):
            w[j] = np.clip((b[j] - H[j] @ w + H[j, j] * w[j]) / H[j, j], -c, c)
    g = H @ w - b   # KKT: g_j = 0 if |w_j| < c; g_j*sign(w_j) <= 0 if |w_j| = c
    kkt = max(np.where(np.abs(w) < c - 1e-12, np.abs(g), np.maximum(g * np.sign(w), 0)).max(), 0)
    return w, kkt
def heuristic(H, b, c):
    w = np.clip(np.linalg.solve(H, b), -c, c); fixed = np.abs(w) >= c; free = ~fixed
    if free.any():
        w[free] = np.linalg.solve(H[np.ix_(free, free)], b[free] - H[np.ix_(free, fixed)] @ w[fixed])
    return np.clip(w, -c, c)
for d, mix in [(2, 0.8), (3, 0.8), (3, 0.6)]:
    wrong = 0; T = 400; kmax = 0; example = None
    for t in range(T):
        A = np.eye(d) + mix * rng.standard_normal((d, d)); n = 80
        X = rng.standard_normal((n, d)) @ A; y = X @ rng.uniform(-2, 2, d) + 0.4 * rng.standard_normal(n)
        H, b = X.T @ X / n, X.T @ y / n; c = rng.uniform(0.3, 1.0)
        wt, kkt = truth(H, b, c); kmax = max(kmax, kkt); wh = heuristic(H, b, c)
        if np.abs(wt - wh).max() > 1e-6:
            wrong += 1
            if example is None: example = (H, b, c, wt, wh)
    print(f"d={d}, mix={mix}: heuristic wrong on {wrong}/{T} random problems (max KKT violation of truth {kmax:.1e})")
    if example is not None:
        H, b, c, wt, wh = example
        L = lambda w: 0.5 * w @ H @ w - b @ w
        print(f"   e.g. c={c:.3f}: true {np.round(wt, 4)} (L={L(wt):.5f}), heuristic {np.round(wh, 4)} (L={L(wh):.5f})")
