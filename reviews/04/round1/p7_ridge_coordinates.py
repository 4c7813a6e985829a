"""Probe 7: does 'L2 only shrinks' (cell 29 title) hold per coordinate? And can an L2 path cross an axis?"""
import numpy as np, torch
torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
chol = torch.tensor([[1.0, 0.0], [0.8, 0.6]], dtype=torch.float64)
X = (torch.randn(100, 2, generator=g, dtype=torch.float64) @ chol.T)
y = X @ torch.tensor([1.0, 0.3], dtype=torch.float64) + 0.5 * torch.randn(100, generator=g, dtype=torch.float64)
X, y = X.numpy(), y.numpy(); n = len(y); H, b = X.T @ X / n, X.T @ y / n
lams = np.logspace(-4, 2, 60001)
W = np.array([np.linalg.solve(H + l * np.eye(2), b) for l in lams])
k = W[:, 1].argmax()
print(f"ridge w2: {W[0,1]:.4f} at lam=1e-4, max {W[k,1]:.4f} at lam = {lams[k]:.3g} ({W[k,1]/W[0,1]:.2f}x the unpenalized value);"
      f" |w2| > |w2_hat| for lam up to {lams[np.where(np.abs(W[:,1]) > abs(W[0,1]))[0].max()]:.3g}")
print(f"ridge ||w||: strictly decreasing = {bool(np.all(np.diff(np.linalg.norm(W, axis=1)) < 0))}")
# same design, a second true weight of the other sign: the ridge path crosses the w2 axis (an exact zero at one lambda)
w_hat2 = np.array([1.0, -0.1]); b2 = H @ w_hat2
W2 = np.array([np.linalg.solve(H + l * np.eye(2), b2) for l in lams])
cross = np.where(np.sign(W2[:-1, 1]) != np.sign(W2[1:, 1]))[0]
print(f"with w_hat = (1, -0.1) on the same H: ridge w2 changes sign at lam ~ {lams[cross[0]]:.3g} "
      f"(exact zero at that single lambda; L2 zeros are isolated points, L1 zeros fill intervals)")

# limit direction of the ridge path (lam -> inf: w ~ b/lam) vs the steep eigen-axis (cell 14: 'slides along that axis to 0')
h, Q = np.linalg.eigh(H)
ang = np.degrees(np.arccos(abs(b @ Q[:, 1]) / np.linalg.norm(b)))
print(f"angle between the path's limit direction b and the steep axis: {ang:.2f} deg; flat/steep coordinate ratio "
      f"relative to w_hat's tends to h1/h2 = {h[0]/h[1]:.3f} (not 0)")
# multiplier as a price: d/dtheta [min_{||w||^2<=theta} L] = -lambda(theta)/2  (for an expert's addition)
from scipy.optimize import brentq
ridge = lambda l: np.linalg.solve(H + l * np.eye(2), b)
L = lambda w: 0.5 * w @ H @ w - b @ w
Lstar = lambda th: L(ridge(brentq(lambda l: ridge(l) @ ridge(l) - th, 0, 1e3, xtol=1e-15)))
for th in [0.1, 0.3, 1.0]:
    e = 1e-5
    lt = brentq(lambda l: ridge(l) @ ridge(l) - th, 0, 1e3, xtol=1e-15)
    print(f"theta = {th}: dL*/dtheta (finite diff) = {(Lstar(th + e) - Lstar(th - e)) / (2 * e):.5f}, -lambda/2 = {-lt / 2:.5f}")
