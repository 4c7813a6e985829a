"""Probe 1: re-derive §1-§8 numbers with numpy/scipy only (data regenerated with torch's generator, my own code)."""
import numpy as np, torch, math
from scipy.optimize import brentq, minimize
torch.set_num_threads(1)
np.set_printoptions(precision=6, suppress=True)
# --- §1 data, regenerated without d2lmini
g = torch.Generator().manual_seed(0)
rho = 0.8
chol = torch.tensor([[1.0, 0.0], [rho, (1 - rho**2) ** 0.5]], dtype=torch.float64)
X = (torch.randn(100, 2, generator=g, dtype=torch.float64) @ chol.T)
y = X @ torch.tensor([1.0, 0.3], dtype=torch.float64) + 0.5 * torch.randn(100, generator=g, dtype=torch.float64)
X, y = X.numpy(), y.numpy(); n = len(y)
H = X.T @ X / n; b = X.T @ y / n
print("sample corr of features:", np.corrcoef(X.T)[0, 1])
print("H =", H.ravel())
w_hat = np.linalg.lstsq(X, y, rcond=None)[0]
print("w_hat =", w_hat, "||w_hat||^2 =", w_hat @ w_hat, "L(w_hat) =", ((X @ w_hat - y) ** 2).mean() / 2)
# baseline: predict 0 (no intercept) and predict-the-mean
print("L(0) =", (y**2).mean() / 2, "  L(mean) =", ((y - y.mean())**2).mean() / 2)
ridge = lambda lam: np.linalg.solve(X.T @ X + n * lam * np.eye(2), X.T @ y)
print("w(1) =", ridge(1.0))
# --- §3 lambda(theta) via secular equation in eigenbasis (independent of bisection code)
h, Q = np.linalg.eigh(H); c = Q.T @ b
def lam_of_theta(theta):
    f = lambda lam: np.sum(c**2 / (h + lam) ** 2) - theta
    return 0.0 if f(0) <= 0 else brentq(f, 0, 1e6, xtol=1e-15, rtol=1e-15)
for th in [0.1, 0.3, 0.6, 1.0, 2.0, 0.5]:
    lt = lam_of_theta(th)
    # independent constrained solver: scipy SLSQP
    res = minimize(lambda w: ((X @ w - y) ** 2).mean() / 2, np.zeros(2), method="SLSQP",
                   constraints=[{"type": "ineq", "fun": lambda w: th - w @ w}], options={"ftol": 1e-14, "maxiter": 500})
    print(f"theta={th}: lambda={lt:.6g}  ridge w={ridge(lt)}  SLSQP w={res.x}  |diff|={np.abs(res.x-ridge(lt)).max():.1e}"
          f"  L={((X@ridge(lt)-y)**2).mean()/2:.6g}")
# --- §4 circle extremes, theta = 0.3: all stationary points on the circle via secular eq. with mu in all intervals
th = 0.3
phis = np.linspace(0, 2*np.pi, 200001)[:-1]
W = np.sqrt(th) * np.stack([np.cos(phis), np.sin(phis)], 1)
Ls = 0.5 * np.einsum("ki,ij,kj->k", W, H, W) - W @ b
dL = np.gradient(np.r_[Ls[-1], Ls, Ls[0]])[1:-1]
sgn = np.sign(dL); idx = np.where(sgn != np.roll(sgn, -1))[0]
print("number of stationary points of L on the circle ||w||^2=0.3:", len(idx))
for k in idx:
    w = W[k]; mu = -((H @ w - b) @ w) / th
    print(f"  w={w}, L+c={Ls[k] + (y**2).mean()/2:.5g}, mu={mu:.4g}")
print("lowest-loss pt:", W[Ls.argmin()], "L=", Ls.min() + (y**2).mean()/2, "highest:", W[Ls.argmax()], "L=", Ls.max() + (y**2).mean()/2)
# --- §5/§8 eigen structure and path
print("eigenvalues:", h, "eigvecs cols:", Q.T)
ang = math.degrees(math.acos(abs(b @ Q[:, 1]) / np.linalg.norm(b)))
print("angle of b to steep axis (deg):", ang)
print("angle of w_hat to steep axis (deg):", math.degrees(math.acos(abs(w_hat @ Q[:, 1]) / np.linalg.norm(w_hat))))
for lam in [0, 0.03, 0.1, 0.3, 1, 3, 10, 100]:
    w = ridge(lam); co = Q.T @ w
    print(f"lam={lam:<5}: w={w}, eigen-coords (flat, steep)={co}, angle to steep axis={math.degrees(math.atan2(abs(co[0]), abs(co[1]))):.2f} deg")
# ridge w2 rises: max over a fine grid
lf = np.logspace(-4, 2, 3001); w2 = np.array([ridge(l)[1] for l in lf])
print("ridge w2 max", w2.max(), "at lam", lf[w2.argmax()], "ratio", w2.max()/w_hat[1], "last lam with w2 > w2(0):", lf[w2 > w_hat[1]].max())
# analytic: 2x2 root for w2=0 with w_hat=(1,-0.1)
bo = H @ np.array([1, -0.1]); lc = H[0, 1] * bo[0] / bo[1] - H[0, 0]
print("w_hat=(1,-0.1) crossing lam:", lc, "w2 there:", np.linalg.solve(H + lc*np.eye(2), bo)[1])
# --- §7 L1 via sklearn Lasso (coordinate descent), alpha = lambda for the mean loss 1/(2n)
from sklearn.linear_model import Lasso
lams = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 2, 41)]
W1 = []
for lam in lams:
    if lam == 0: W1.append(w_hat); continue
    m = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=100000).fit(X, y); W1.append(m.coef_)
W1 = np.array(W1)
print("sklearn lasso exact zeros on the 42-value grid:", int((W1 == 0).sum()), "of", W1.size)
s = np.sign(w_hat); sl = np.linalg.solve(H, s); kn = w_hat / sl
print("knots w_hat/(H^-1 s):", kn, " lambda* =", kn[kn > 0].min())
for lam in [0.99 * 0.3679, 1.01 * 0.3679, 0.562, 0.75, 1.33]:
    m = Lasso(alpha=lam, fit_intercept=False, tol=1e-15, max_iter=1000000).fit(X, y)
    print(f"sklearn lasso lam={lam:.4g}: {m.coef_}")
print("max|b_j| =", np.abs(b).max(), " b =", b)
# after the corner: w2 stays 0 until w1 hits 0? check |grad_2| <= lam along w=( (b1-lam)/H11, 0 )
ok = all(abs(H[1,0]*max(b[0]-l,0)/H[0,0] - b[1]) <= l + 1e-12 for l in np.linspace(0.3679, 1.31, 1000))
print("second weight stays at 0 for all lam in [lam*, max|b|]:", ok)
# --- §10 early stopping
eta_lam = 0.01; t = 100
x = np.logspace(-2, 2, 401)
gd = 1 - (1 - eta_lam * x) ** t; rr = x / (1 + x)
print("largest gap", (gd-rr).max(), "at", x[(gd-rr).argmax()], " min(gd-rr) =", (gd-rr).min())
xx = np.logspace(-2, 2, 100001); gdd = 1 - (1 - eta_lam*xx)**t; rd = xx/(1+xx)
print("finer grid: largest gap", (gdd-rd).max(), "at", xx[(gdd-rd).argmax()])
print("limit curve 1-exp(-x): largest gap to ridge", (1-np.exp(-xx)-rd).max(), "at", xx[(1-np.exp(-xx)-rd).argmax()])
eta1 = 0.01/0.3; w = np.zeros(2)
for _ in range(100): w = w - eta1 * (H @ w - b)
print("kept after 100 GD steps, eta=0.0333:", (Q.T @ w) / (Q.T @ w_hat), "ridge at 0.3:", h/(h+0.3))
