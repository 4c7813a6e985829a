"""Probe 2: §7 L1 numbers with an independent solver (scikit-learn Lasso = (1/2n)||y-Xw||^2 + alpha||w||_1, alpha = lambda)
and my own closed-form reasoning; also the L2 'never touches an axis' claim."""
import warnings
import numpy as np, torch
from sklearn.linear_model import Lasso
torch.set_num_threads(1)
warnings.filterwarnings("ignore")

g = torch.Generator().manual_seed(0)
chol = torch.tensor([[1.0, 0.0], [0.8, 0.6]], dtype=torch.float64)
X = (torch.randn(100, 2, generator=g, dtype=torch.float64) @ chol.T)
y = X @ torch.tensor([1.0, 0.3], dtype=torch.float64) + 0.5 * torch.randn(100, generator=g, dtype=torch.float64)
X, y = X.numpy(), y.numpy()
n = len(y); H, b = X.T @ X / n, X.T @ y / n
w_hat = np.linalg.solve(H, b)

def lasso(lam):
    if lam == 0:
        return w_hat
    m = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=1_000_000, selection="cyclic").fit(X, y)
    return m.coef_

# lambda*: bisection on 'w2 of the sklearn lasso is exactly zero' (independent of the straight-line formula)
lo, hi = 0.0, 1.0
for _ in range(50):
    mid = (lo + hi) / 2
    (lo, hi) = (lo, mid) if lasso(mid)[1] == 0 else (mid, hi)
print(f"lambda* (first exact zero of w2, bisection on sklearn Lasso) = {hi:.6g}")
s = np.sign(w_hat); slope = np.linalg.solve(H, s)
print(f"lambda* from w_hat_2 / [H^-1 s]_2 = {w_hat[1] / slope[1]:.6g};  corner = {w_hat - (w_hat[1]/slope[1]) * slope}")
print(f"max|b_j| = {np.abs(b).max():.6g};  sklearn at 1.0001*max|b|: {lasso(1.0001*np.abs(b).max())}, at 0.999*max|b|: {lasso(0.999*np.abs(b).max())}")
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 2, 41)]
W1 = np.array([lasso(l) for l in grid])
W2 = np.array([np.linalg.solve(H + l * np.eye(2), b) for l in grid])
print("exact zeros on the 42-value grid: L1", int((W1 == 0).sum()), "of", W1.size, "  L2 (lam>0)", int((W2[1:] == 0).sum()), "of", W2[1:].size)
for l in [0.1, 0.562, 1.33, 0.75]:
    print(f"lam = {l}: lasso = {lasso(l)}  ridge = {np.linalg.solve(H + l*np.eye(2), b)}")
# after lambda*: does w2 stay at 0 up to max|b|?  condition |H21 w1 - b2| <= lam with w1 = (b1 - lam)/H11
lams = np.linspace(w_hat[1] / slope[1], b[0], 10001)
viol = np.abs(H[1, 0] * (b[0] - lams) / H[0, 0] - b[1]) - lams
print(f"w2 = 0 remains optimal on [lambda*, b1]: max(|grad_2| - lam) = {viol.max():.3g} (<= 0 means yes)")
# L2 path: both coordinates > 0 for all lam (never touches an axis)?
lf = np.logspace(-6, 6, 20001)
Wf = np.array([np.linalg.solve(H + l*np.eye(2), b) for l in lf])
print("L2 path: min coordinate over lam in [1e-6, 1e6] =", Wf.min(), "(> 0: never on an axis)")
