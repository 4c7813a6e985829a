"""(a) Exercise 2's success message on sklearn's diabetes data, recomputed with numpy (GCV with an unpenalized intercept).
(b) Section 5: dropout (rho=0.2) on a linear model vs data-weighted ridge and vs the best isotropic ridge, own numpy on an own data set."""
import numpy as np
from sklearn.datasets import load_diabetes
X, y = load_diabetes(return_X_y=True)
grid = np.array([float(f"{v:.3g}") for v in np.logspace(-6, 0, 13)])
def gcv(X, y, lams):
    n = len(y); Xc, yc = X - X.mean(0), y - y.mean(); out = []
    for l in lams:
        H = Xc@np.linalg.solve(Xc.T@Xc + n*l*np.eye(X.shape[1]), Xc.T); e = yc - H@yc
        out.append(np.mean(e**2)/2/(1 - (np.trace(H) + 1)/n)**2)
    return np.array(out)
def flat(v): near = grid[v/v.min() <= 1.001]; return grid[v.argmin()], near.min(), near.max()
print(f"mean square of load_diabetes features: 1/{1/np.mean(X**2):.0f}")
print("raw units: best, flat range (within 0.1%):", flat(gcv(X, y, grid)))
Xs = (X - X.mean(0))/X.std(0, ddof=1); b, lo, hi = flat(gcv(Xs, y, grid))
print("standardized: best, flat range:", (b, lo, hi))
yc = y - y.mean(); r = lambda l: np.linalg.norm(np.linalg.solve(Xs.T@Xs/len(y) + l*np.eye(10), Xs.T@yc/len(y)))
print(f"||w(lo)||/||w_LS|| = {r(lo)/r(0):.2f}, ||w(hi)||/||w_LS|| = {r(hi)/r(0):.2f}")
print("first 60 patients, GCV argmin:", grid[gcv(X[:60], y[:60], grid).argmin()])
v = gcv(X, y, grid); print("GCV relative to its minimum over the grid:", np.round(v/v.min(), 5))
# (b) dropout
rng = np.random.default_rng(5); n, d, rho = 40, 20, 0.2
Xd = rng.standard_normal((n, d))*np.logspace(-0.5, 0.5, d); yd = Xd@(0.3*rng.standard_normal(d)) + rng.standard_normal(n)
Gam = rho/(1-rho)*np.diag((Xd**2).mean(0)); w_dw = np.linalg.solve(Xd.T@Xd/n + Gam, Xd.T@yd/n)
M = rng.random((20000, n, d)) > rho; Xdrop = (M*Xd/(1-rho)).reshape(-1, d); w_drop = np.linalg.lstsq(Xdrop, np.tile(yd, 20000), rcond=None)[0]
print(f"dropout 20000 copies vs data-weighted ridge: rel gap {np.linalg.norm(w_drop-w_dw)/np.linalg.norm(w_drop):.3g}")
lams = np.logspace(-3, 1, 401); gaps = [np.linalg.norm(np.linalg.solve(Xd.T@Xd/n + l*np.eye(d), Xd.T@yd/n) - w_drop)/np.linalg.norm(w_drop) for l in lams]
print(f"closest isotropic ridge: lambda {lams[np.argmin(gaps)]:.3g}, rel gap {min(gaps):.3g}")
