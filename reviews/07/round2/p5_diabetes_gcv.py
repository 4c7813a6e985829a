# Probe 5: the 07.2 success message on diabetes ("flat within 0.1% from 1e-6 to 1e-4 ... need almost no penalty";
# standardized flat range 3.16e-4 to 0.1), recomputed with sklearn's raw data and own numpy GCV (explicit hat matrix).
import numpy as np
from sklearn.datasets import load_diabetes
X, y = load_diabetes(return_X_y=True); n = len(y)
print(f"n = {n}, target mean {y.mean():.1f}, mean square of features {np.mean(X**2):.6f} = 1/{1/np.mean(X**2):.0f}")
grid = [float(f"{v:.3g}") for v in np.logspace(-6, 0, 13)]
def gcv(X, y, lam):
    Xc, yc = X - X.mean(0), y - y.mean()
    H = Xc @ np.linalg.solve(Xc.T @ Xc + n*lam*np.eye(X.shape[1]), Xc.T)
    e = yc - H @ yc; df = 1 + np.trace(H)
    return 0.5*np.mean(e**2)/(1-df/n)**2
for name, A in [("raw", X), ("standardized", (X - X.mean(0))/X.std(0, ddof=1))]:
    g = np.array([gcv(A, y, l) for l in grid]); r = g/g.min() - 1
    print(name, "GCV/min - 1:", " ".join(f"{l:g}:{v:.2e}" for l, v in zip(grid, r)))
# what λ = 0.1 on standardized features does to the weights (is it "almost no penalty"?)
Z = (X - X.mean(0))/X.std(0, ddof=1); yc = y - y.mean()
w0 = np.linalg.lstsq(Z, yc, rcond=None)[0]
for lam in [3.16e-4, 0.01, 0.1]:
    w = np.linalg.solve(Z.T@Z/n + lam*np.eye(10), Z.T@yc/n)
    print(f"standardized λ = {lam:g}: ‖w_ridge‖/‖w_ols‖ = {np.linalg.norm(w)/np.linalg.norm(w0):.3f}, max relative change of a weight {np.max(np.abs(w-w0)/np.abs(w0)):.2f}")
ev = np.linalg.eigvalsh(Z.T@Z/n); print("eigenvalues of the standardized Gram/n:", np.round(ev, 4))
