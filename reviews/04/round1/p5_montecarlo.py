"""Probe 5: §11 Monte Carlo redone with scikit-learn's Lasso (coordinate descent, alpha = lambda for the 1/(2n) loss)
and numpy ridge; standard errors (problems are the independent units); other seeds; the lambda = 0 baseline."""
import warnings
import numpy as np, torch
from sklearn.linear_model import Lasso
torch.set_num_threads(1); warnings.filterwarnings("ignore")

def draw(seed, N=2000, n=20, d=5):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(N, n, d, generator=g, dtype=torch.float64)
    y = torch.randn(N, n, generator=g, dtype=torch.float64)
    frac = torch.rand(N, generator=g, dtype=torch.float64)
    return X.numpy(), y.numpy(), frac.numpy()

def run(seed, N=2000):
    X, y, frac = draw(seed, N)
    n = X.shape[1]
    b = np.einsum("kij,ki->kj", X, y) / n
    lam = frac * np.abs(b).max(1)
    W1 = np.array([Lasso(alpha=l, fit_intercept=False, tol=1e-12, max_iter=100000).fit(Xi, yi).coef_ for Xi, yi, l in zip(X, y, lam)])
    H = np.einsum("kij,kil->kjl", X, X) / n
    W2 = np.linalg.solve(H + lam[:, None, None] * np.eye(5), b[..., None])[..., 0]
    W0 = np.linalg.solve(H, b[..., None])[..., 0]                      # lambda = 0 (least squares)
    z1, z2 = W1 == 0, W2 == 0
    s2 = np.abs(W2) <= 0.01 * np.abs(W2).max(1, keepdims=True)
    s0 = np.abs(W0) <= 0.01 * np.abs(W0).max(1, keepdims=True)
    return frac, z1, z2, s2, s0

def se(per_problem):      # SE of a mean over independent problems
    return per_problem.std(ddof=1) / np.sqrt(len(per_problem))

frac, z1, z2, s2, s0 = run(1)
m1 = z1.mean(1); a1 = z1.any(1).astype(float)
print(f"seed 1 (the notebook's): L1 exact-zero share {m1.mean():.1%} ± {se(m1):.1%} (SE);  problems with >= 1 zero {a1.mean():.1%} ± {se(a1):.1%}")
print(f"  L2 exact zeros: {z2.mean():.1%};  L2 below 1% of largest: {s2.mean():.2%} ± {se(s2.mean(1)):.2%};  "
      f"least squares (lambda=0) below 1%: {s0.mean():.2%} ± {se(s0.mean(1)):.2%}")
bins = np.minimum((frac * 5).astype(int), 4)
for k in range(5):
    sel = bins == k
    print(f"  bin {k/5:.1f}-{(k+1)/5:.1f}: n = {sel.sum()}, L1 zero share {z1[sel].mean():.3f} ± {se(z1[sel].mean(1)):.3f}, "
          f"L2 <1% {s2[sel].mean():.3f} ± {se(s2[sel].mean(1)):.3f}, LS <1% {s0[sel].mean():.3f}")
for sd in [2, 3]:
    frac, z1, z2, s2, s0 = run(sd)
    print(f"seed {sd}: L1 zero share {z1.mean():.1%}, >=1 zero {z1.any(1).mean():.1%}, L2 zeros {z2.mean():.1%}, L2 <1% {s2.mean():.2%}")
