"""§9 of notebook 04 re-derived with numpy/scipy (data regenerated with notebook 02's seed and call)."""
import numpy as np, torch, math
from scipy.optimize import brentq
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb02.SETUP["classic"]
d2l.set_seed(S.data_seed)
tw = torch.ones((S.num_inputs, 1)) * S.w_value
X, y = d2l.synthetic_data(tw, S.b, S.n_train + S.n_val + S.n_test, noise=S.sigma)
X = X[:S.n_train].double().numpy(); y = y[:S.n_train].double().numpy().ravel()
Xc, yc = X - X.mean(0), y - y.mean(); n, d = Xc.shape
U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
print("singular values > 1e-10:", int((s > 1e-10 * s[0]).sum()), " d =", d)
r = int((s > 1e-10 * s[0]).sum()); U, s, Vt = U[:, :r], s[:, None][:r, 0], Vt[:r]
wmn = Vt.T @ ((U.T @ yc) / s)
def ridge(lam):  # mean-loss ridge via SVD: w = V diag(s/(s^2 + n lam)) U^T y
    return Vt.T @ (s / (s ** 2 + n * lam) * (U.T @ yc))
tw = np.full(d, S.w_value)
print(f"|w_mn|^2 = {wmn @ wmn:.4g}  max|w_mn,j| = {np.abs(wmn).max():.3g}  |true w|^2 = {tw @ tw:.4g}  ratio = {(tw @ tw) / (wmn @ wmn):.3g}")
P = Vt.T @ Vt
print(f"|P_row true w|^2 = {(P @ tw) @ (P @ tw):.4g}   expected for random 19-dim subspace = {19 / 200 * 0.02:.4g}")
print("gaps:", [f"{np.abs(ridge(l) - wmn).max():.2e}" for l in [1e-2, 1e-3, 1e-4, 1e-5]], " tol at 1e-5:", f"{1e-5 * np.abs(wmn).max():.2e}")
print(f"|w(1e-3)|^2 = {ridge(1e-3) @ ridge(1e-3):.4g}")
print(f"L(w_mn) = {0.5 * np.mean((Xc @ wmn - yc) ** 2):.2e}   L(true w) = {0.5 * np.mean((Xc @ tw - yc) ** 2):.3e}")
# noise part of w_mn: w_mn minus the min-norm fit to the noise-free centered targets
yc_clean = Xc @ tw
w_clean = Vt.T @ ((U.T @ yc_clean) / s)
print(f"w_mn from noise-free targets = P_row w_true? max diff {np.abs(w_clean - P @ tw).max():.1e};  |w_mn - P w_true|^2 = {np.sum((wmn - P @ tw) ** 2):.3g}")
for th in [2e-4, 5e-4, 1e-3, 1.4e-3]:
    lam = brentq(lambda l: ridge(l) @ ridge(l) - th, 1e-12, 1e3, xtol=1e-14)
    w = ridge(lam); L = 0.5 * np.mean((Xc @ w - yc) ** 2)
    print(f"theta={th:g}: lam={lam:.4g}  L={L:.3g}")
