"""§11 Monte Carlo re-derived with sklearn Lasso (own solver) and numpy ridge; then two variations:
another seed, and a correlated design (is 'L2 below 1% no more frequent than least squares' a property of the
near-isotropic design?)."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np, torch, warnings
torch.set_num_threads(1)
from sklearn.linear_model import Lasso
warnings.simplefilter("ignore")
F64 = torch.float64

def draw(seed, N=2000, n=20, d=5):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(N, n, d, generator=g, dtype=F64); y = torch.randn(N, n, generator=g, dtype=F64)
    frac = torch.rand(N, generator=g, dtype=F64)
    return X.numpy(), y.numpy(), frac.numpy()

def study(X, y, frac, label):
    N, n, d = X.shape
    z1 = np.zeros((N, d), bool); z2 = np.zeros((N, d), bool); s2 = np.zeros((N, d), bool); sl = np.zeros((N, d), bool)
    for i in range(N):
        H = X[i].T @ X[i] / n; b = X[i].T @ y[i] / n; lam = frac[i] * np.abs(b).max()
        wl = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100000).fit(X[i], y[i]).coef_ if lam > 0 else np.linalg.solve(H, b)
        w2 = np.linalg.solve(H + lam * np.eye(d), b); w0 = np.linalg.solve(H, b)
        z1[i] = wl == 0; z2[i] = w2 == 0
        s2[i] = np.abs(w2) <= 0.01 * np.abs(w2).max(); sl[i] = np.abs(w0) <= 0.01 * np.abs(w0).max()
    se = lambda v: f"{v.mean():.2%} ± {v.std(ddof=1) / np.sqrt(len(v)):.2%}"
    diff = s2.mean(1) - sl.mean(1)
    print(f"[{label}] L1 exact-0 share {se(z1.mean(1))}; >=1 zero {se(z1.any(1).astype(float))}; L2 exact-0 {int(z2.sum())}; "
          f"L2 <1% {se(s2.mean(1))}; LS <1% {se(sl.mean(1))}; paired diff {se(diff)}")
    bins = np.minimum((frac * 5).astype(int), 4)
    print("   L1 zero share per lam/lam_max bin:", [round(z1[bins == k].mean(), 3) for k in range(5)])
    print("   L2 <1% per bin:", [round(s2[bins == k].mean(), 3) for k in range(5)], " LS <1%:", [round(sl[bins == k].mean(), 3) for k in range(5)])
    return z1

X, y, frac = draw(1)
study(X, y, frac, "notebook's draw, seed 1")
X, y, frac = draw(7)
study(X, y, frac, "seed 7")
# correlated design: AR(1)-type feature correlation 0.9
X, y, frac = draw(1)
C = 0.9 ** np.abs(np.subtract.outer(np.arange(5), np.arange(5)))
Lc = np.linalg.cholesky(C)
study(X @ Lc.T, y, frac, "seed 1, features with corr 0.9^|i-j|")
