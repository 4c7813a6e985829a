"""§11 Monte Carlo re-derived: lasso by scikit-learn (own solver), ridge by numpy; then how much power the
'L2 below 1% vs least squares' baseline has (isotropic vs correlated designs, small vs large lambda)."""
import numpy as np, torch, warnings
from sklearn.linear_model import Lasso
torch.set_num_threads(1); warnings.filterwarnings("ignore")
g = torch.Generator().manual_seed(1)                       # the notebook's draws (same generator calls)
N, n, d = 2000, 20, 5
X = torch.randn(N, n, d, generator=g, dtype=torch.float64).numpy()
y = torch.randn(N, n, generator=g, dtype=torch.float64).numpy()
frac = torch.rand(N, generator=g, dtype=torch.float64).numpy()
H = np.einsum("kni,knj->kij", X, X) / n; b = np.einsum("kni,kn->ki", X, y) / n
lam = frac * np.abs(b).max(1)
W1 = np.array([Lasso(alpha=lam[k], fit_intercept=False, tol=1e-14, max_iter=100000).fit(X[k], y[k]).coef_ for k in range(N)])
W2 = np.linalg.solve(H + lam[:, None, None] * np.eye(d), b[..., None])[..., 0]
WLS = np.linalg.solve(H, b[..., None])[..., 0]
z1 = (W1 == 0).mean(1)
print(f"sklearn lasso: share exactly 0 = {z1.mean():.1%} ± {z1.std(ddof=1) / N**.5:.1%};  problems with a 0 = {(W1 == 0).any(1).mean():.1%}")
print(f"ridge exact zeros: {(W2 == 0).sum()}")
def small(W): return np.abs(W) <= 0.01 * np.abs(W).max(1, keepdims=True)
dd = small(W2).mean(1) - small(WLS).mean(1)
print(f"below 1%: ridge {small(W2).mean():.2%}, LS {small(WLS).mean():.2%}, paired diff {dd.mean():+.3%} ± {dd.std(ddof=1) / N**.5:.3%}")
h = np.linalg.eigvalsh(H)
cos = np.einsum("ki,ki->k", W2, WLS) / np.linalg.norm(W2, axis=1) / np.linalg.norm(WLS, axis=1)
print(f"power of that baseline: median cond(H) = {np.median(h[:, -1] / h[:, 0]):.2f}, median lam/h_min = {np.median(lam / h[:, 0]):.2f}, "
      f"median angle(ridge, LS) = {np.degrees(np.median(np.arccos(np.clip(cos, -1, 1)))):.2f} deg; "
      f"problems whose below-1% pattern is identical: {(small(W2) == small(WLS)).all(1).mean():.1%}")
# Same question, designs where ridge is not a rescaling: equicorrelated features (rho = 0.9) and lambda up to 10 h_max
rng = np.random.default_rng(7)
for rho, top in [(0.0, 1.0), (0.9, 1.0), (0.9, 10.0)]:
    C = np.full((d, d), rho) + (1 - rho) * np.eye(d); A = np.linalg.cholesky(C)
    Xr = rng.standard_normal((N, n, d)) @ A.T; yr = rng.standard_normal((N, n))
    Hr = np.einsum("kni,knj->kij", Xr, Xr) / n; br = np.einsum("kni,kn->ki", Xr, yr) / n
    lr = rng.uniform(0, 1, N) * top * (np.abs(br).max(1) if top == 1.0 else np.linalg.eigvalsh(Hr)[:, -1])
    Wr = np.linalg.solve(Hr + lr[:, None, None] * np.eye(d), br[..., None])[..., 0]
    Wl = np.linalg.solve(Hr, br[..., None])[..., 0]
    dr = small(Wr).mean(1) - small(Wl).mean(1)
    print(f"rho={rho}, lam up to {'lam_max' if top == 1 else '10 h_max'}: below 1% ridge {small(Wr).mean():.2%}  LS {small(Wl).mean():.2%}  "
          f"paired diff {dr.mean():+.2%} ± {dr.std(ddof=1) / N**.5:.2%}")
