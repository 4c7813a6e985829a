"""Probe 2: §9 (notebook 02's data, n=20 < d=200) and §11 (Monte Carlo of exact zeros) with numpy / scikit-learn."""
import numpy as np, torch, random
from scipy.optimize import brentq
from sklearn.linear_model import Lasso
torch.set_num_threads(1)
# ---------------- §9: regenerate notebook 02's data by hand (d2l.set_seed(0) seeds torch, random, numpy)
torch.manual_seed(0); random.seed(0); np.random.seed(0)
true_w = torch.ones((200, 1)) * 0.01
Xf = torch.normal(0.0, 1.0, (220, 200)); yf = Xf @ true_w + 0.05; yf += 0.01 * torch.randn(yf.shape)
X = Xf[:20].double().numpy(); y = yf[:20].double().numpy().ravel()
Xc, yc = X - X.mean(0), y - y.mean(); n = 20
U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
r = int((s > 1e-10 * s[0]).sum()); print("rank of centered X:", r)
U, s, Vt = U[:, :r], s[:r], Vt[:r]
w_mn = Vt.T @ ((U.T @ yc) / s)
print("||w_mn||^2 =", w_mn @ w_mn, " L(w_mn) =", ((Xc @ w_mn - yc) ** 2).mean() / 2)
tw = np.full(200, 0.01); Pw = Vt.T @ (Vt @ tw)
print("||true w||^2 =", tw @ tw, " ratio true/mn =", (tw @ tw) / (w_mn @ w_mn), " ||P_row true w||^2 =", Pw @ Pw,
      " fraction of ||w||^2 in row space =", (Pw @ Pw) / (tw @ tw), "(19/200 =", 19 / 200, ")")
# fraction for a random 19-dim subspace: Beta(19/2, 181/2): mean, sd
a, b_ = 19 / 2, 181 / 2; print("Beta mean", a / (a + b_), "sd", np.sqrt(a * b_ / ((a + b_) ** 2 * (a + b_ + 1))))
# noise part of w_mn: the fit of the noise alone
c = U.T @ yc                      # ridge in SVD form: w(λ) = V diag(s/(s²+nλ)) Uᵀy
def sqnorm(lam): return np.sum((s * c / (s**2 + n * lam)) ** 2)
for th in [2e-4, 5e-4, 1e-3, 1.4e-3]:
    lam = brentq(lambda l: sqnorm(l) - th, 1e-12, 1e4, xtol=1e-14, rtol=1e-14)
    w = Vt.T @ (s * c / (s**2 + n * lam))
    print(f"theta={th:g}: lambda={lam:.5g}  L(w_theta)={((Xc @ w - yc) ** 2).mean() / 2:.4g}  ||w||^2={w @ w:.4g}")
print("||w(1e-3)||^2 =", sqnorm(1e-3))
# ---------------- §11: the 2000 random problems, same generator calls as the notebook, solved by sklearn
g = torch.Generator().manual_seed(1)
N, nm, d = 2000, 20, 5
Xm = torch.randn(N, nm, d, generator=g, dtype=torch.float64).numpy()
ym = torch.randn(N, nm, generator=g, dtype=torch.float64).numpy()
frac = torch.rand(N, generator=g, dtype=torch.float64).numpy()
zl1 = np.zeros((N, d), bool); sl2 = np.zeros((N, d), bool); sls = np.zeros((N, d), bool)
sl2_big = np.zeros((N, d), bool)
for i in range(N):
    Xi, yi = Xm[i], ym[i]; H = Xi.T @ Xi / nm; bb = Xi.T @ yi / nm
    lam = frac[i] * np.abs(bb).max()
    m = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100000).fit(Xi, yi)
    zl1[i] = m.coef_ == 0
    w2 = np.linalg.solve(H + lam * np.eye(d), bb); wl = np.linalg.solve(H, bb)
    sl2[i] = np.abs(w2) <= 0.01 * np.abs(w2).max(); sls[i] = np.abs(wl) <= 0.01 * np.abs(wl).max()
    w2b = np.linalg.solve(H + 1e3 * np.abs(bb).max() * np.eye(d), bb)
    sl2_big[i] = np.abs(w2b) <= 0.01 * np.abs(w2b).max()
pp = lambda z: f"{z.mean():.2%} ± {z.mean(1).std(ddof=1) / np.sqrt(N):.2%}"
print("sklearn: L1 exact-zero share", pp(zl1), " problems with >=1 zero", f"{zl1.any(1).mean():.1%}")
print("L2 <1% of largest", pp(sl2), "  LS <1%", pp(sls), "  L2 at lambda = 1000*lambda_max:", pp(sl2_big))
bins = np.minimum((frac * 5).astype(int), 4)
print("L1 zero share per bin:", [round(zl1[bins == k].mean(), 3) for k in range(5)])
# ---------------- is 'L2 below 1% no more frequent than LS' a property of these isotropic problems?
# correlated features (equicorrelation rho) and a signal: y = X w* + noise, w* with mixed sizes
rng = np.random.default_rng(7)
for rho in [0.0, 0.9, 0.99]:
    C = (1 - rho) * np.eye(d) + rho; Lc = np.linalg.cholesky(C)
    a2 = np.zeros((N, d)); als = np.zeros((N, d))
    for i in range(N):
        Xi = rng.standard_normal((nm, d)) @ Lc.T; yi = Xi @ rng.standard_normal(d) + rng.standard_normal(nm)
        H = Xi.T @ Xi / nm; bb = Xi.T @ yi / nm; lam = rng.random() * np.abs(bb).max()
        w2 = np.linalg.solve(H + lam * np.eye(d), bb); wl = np.linalg.solve(H, bb)
        a2[i] = np.abs(w2) <= 0.01 * np.abs(w2).max(); als[i] = np.abs(wl) <= 0.01 * np.abs(wl).max()
    dd = a2.mean(1) - als.mean(1)
    print(f"rho={rho}: L2 <1% {a2.mean():.2%}  LS <1% {als.mean():.2%}  paired diff {dd.mean():+.2%} ± {dd.std(ddof=1)/np.sqrt(N):.2%}")
