"""Re-derive §1-§8 numbers with numpy/scipy/sklearn only (the data come from d2lmini's generator, nothing else)."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np, torch, warnings
torch.set_num_threads(1)
from scipy.optimize import brentq, minimize
from sklearn.linear_model import Lasso
import d2lmini as d2l
S = d2l.nb04.SETUP
Xt, yt = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed)
X, y = Xt.numpy(), yt.numpy(); n = len(y)
H = X.T @ X / n; b = X.T @ y / n
w_hat = np.linalg.solve(H, b)
print("H", H.round(4), " w_hat", w_hat.round(4), " |w_hat|^2", round(w_hat @ w_hat, 4),
      " L(w_hat)", round(((X @ w_hat - y) ** 2).mean() / 2, 4))
print("sample corr of features", np.corrcoef(X.T)[0, 1].round(4))
ridge = lambda lam: np.linalg.solve(H + lam * np.eye(2), b)
print("w(1)", ridge(1.0).round(4), " w(100)", ridge(100.0).round(5))
# sum-loss convention check: (XtX + lam I)^-1 Xty with lam = n*1 equals mean-loss w(1)
print("sum-loss lam=100 equals mean-loss lam=1:", np.allclose(np.linalg.solve(X.T @ X + 100 * np.eye(2), X.T @ y), ridge(1.0)))
# lambda(theta) by brentq, constrained solution by SLSQP (independent of projection/bisection)
def lam_of(theta):
    if w_hat @ w_hat <= theta: return 0.0
    return brentq(lambda l: ridge(l) @ ridge(l) - theta, 0, 1e3, xtol=1e-14)
L = lambda w: ((X @ w - y) ** 2).mean() / 2
for theta in [0.1, 0.3, 0.6, 1.0, 2.0, 0.5]:
    l = lam_of(theta)
    res = minimize(L, np.zeros(2), method="SLSQP", constraints=[{"type": "ineq", "fun": lambda w: theta - w @ w}],
                   options={"ftol": 1e-15, "maxiter": 500})
    print(f"theta={theta}: lambda={l:.4g}  SLSQP w={res.x.round(4)}  ridge w={ridge(l).round(4)}  "
          f"gap={np.abs(res.x - ridge(l)).max():.1e}  L={L(res.x):.4g}")
# bracket claim: |w(lam)| <= |b|/lam
lams = np.logspace(-3, 3, 200)
print("|w(l)| <= |b|/l on 200 l:", all(np.linalg.norm(ridge(l)) <= np.linalg.norm(b) / l + 1e-15 for l in lams))
# stationary points of L on the circle |w|^2 = 0.3: all of them, by a dense angle scan
r = 0.3 ** 0.5; phi = np.linspace(0, 2 * np.pi, 200001)[:-1]
W = r * np.stack([np.cos(phi), np.sin(phi)], 1)
Ls = 0.5 * np.einsum("ki,ij,kj->k", W, H, W) - W @ b
dL = np.gradient(Ls, phi)
idx = np.where(np.sign(dL) != np.sign(np.roll(dL, -1)))[0]
for k in idx:
    w = W[k]; g = H @ w - b; mu = -(g @ w) / 0.3
    print(f"  tangent point on circle: w={w.round(4)} L={L(w):.4g} mu={mu:.4g}")
# 10% off lambda
l3 = lam_of(0.3)
print("lambda(0.3)", round(l3, 4), " max|grad+1.1 lam w| over thetas",
      max(np.abs(H @ ridge(lam_of(t)) - b + 1.1 * lam_of(t) * ridge(lam_of(t))).max() for t in [0.1, 0.3, 0.6, 1.0]).round(4))
# ---- L1 via sklearn Lasso: objective 1/(2n)||y-Xw||^2 + alpha||w||_1  == L + lam||w||_1
grid = d2l.lambda_grid(1e-3, 1e2, 41)
def lasso(lam):
    if lam == 0: return w_hat.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=10 ** 6).fit(X, y).coef_
WL = np.array([lasso(l) for l in grid])
print("grid size", len(grid), " lasso exact zeros on grid:", int((WL == 0).sum()), "of", WL.size,
      "  ridge exact zeros (lam>0):", int((np.array([ridge(l) for l in grid[1:]]) == 0).sum()))
# lambda*: smallest lam with w2 = 0 (scan + bisection on sklearn)
lo, hi = 0.1, 1.0
for _ in range(50):
    mid = (lo + hi) / 2
    lo, hi = (lo, mid) if lasso(mid)[1] == 0 else (mid, hi)
print("lambda* (sklearn bisection)", round(hi, 4), " corner", lasso(hi * 1.0000001).round(4), " lam_max=max|b|", np.abs(b).max().round(4))
print("w2 stays 0 for all lam in (lam*, lam_max):", all(lasso(l)[1] == 0 for l in np.linspace(0.37, 1.3, 60)))
print("lasso at 0.1, 0.562, 1.33:", [lasso(l).round(4) for l in (0.1, 0.562, 1.33)])
print("ridge at 0.1, 0.562, 1.33:", [ridge(l).round(4) for l in (0.1, 0.562, 1.33)])
# ridge w2 growth: exact max of w2(lam), where it returns to w2(0)
w2 = lambda l: ridge(l)[1]
from scipy.optimize import minimize_scalar
m = minimize_scalar(lambda l: -w2(l), bounds=(1e-4, 10), method="bounded", options={"xatol": 1e-10})
back = brentq(lambda l: w2(l) - w_hat[1], m.x, 100)
print(f"ridge w2: {w_hat[1]:.4g} -> max {w2(m.x):.4g} at lam={m.x:.3g} ({w2(m.x)/w_hat[1]:.3f}x), back to w2(0) at lam={back:.4g}")
bo = H @ np.array([1.0, -0.1]); lc = H[0, 1] * bo[0] / bo[1] - H[0, 0]
print("crossing root", round(lc, 4), " w2 there", np.linalg.solve(H + lc * np.eye(2), bo)[1])
# eigen view
h, Q = np.linalg.eigh(H)
print("eigenvalues", h.round(4), " eigvecs (cols)", Q.round(4).T)
ang = np.degrees(np.arccos(abs(b @ Q[:, 1]) / np.linalg.norm(b)))
print(f"angle b vs steep axis {ang:.3g} deg;  h1/h2 = {h[0]/h[1]:.4g}")
for l in [1e2, 1e4]:
    c = Q.T @ ridge(l) / (Q.T @ w_hat)
    print(f"  lam={l:g}: kept fractions {c}, ratio flat/steep {c[0]/c[1]:.4g}")
# share of w_hat's coordinates along flat direction vs steep
print("w_hat in eigenbasis", (Q.T @ w_hat).round(4))
