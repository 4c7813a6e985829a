"""§9 (n<d), §10 (early stopping) and §11 (Monte Carlo) re-derived with numpy/sklearn."""
import numpy as np, torch, math, sys
torch.set_num_threads(1); sys.path.insert(0, '/work/main')
import d2lmini as d2l
from scipy.optimize import brentq
# §9: data regenerated with the notebook's own data call (data only)
S02 = d2l.nb02.SETUP["classic"]; d2l.set_seed(S02.data_seed)
tw = torch.ones((S02.num_inputs, 1)) * S02.w_value
X02, y02 = d2l.synthetic_data(tw, S02.b, S02.n_train + S02.n_val + S02.n_test, noise=S02.sigma)
X = X02[:S02.n_train].double().numpy(); y = y02[:S02.n_train].double().numpy().reshape(-1)
Xc, yc = X - X.mean(0), y - y.mean(); n, d = Xc.shape; tw = tw.double().numpy().ravel()
H = Xc.T @ Xc / n; b = Xc.T @ yc / n
print("n,d", n, d, "rank", np.linalg.matrix_rank(H))
U, s, Vt = np.linalg.svd(Xc, full_matrices=False); r = (s > 1e-10*s[0]).sum()
w_mn = Vt[:r].T @ ((U[:, :r].T @ yc) / s[:r])
ridge = lambda lam: np.linalg.solve(H + lam*np.eye(d), b)
for lam in [1e-2, 1e-3, 1e-4, 1e-5]:
    g = np.abs(ridge(lam) - w_mn).max(); print(f"lam={lam:g} gap={g:.3g} gap/lam={g/lam:.3g}")
print("max|w_mn|", np.abs(w_mn).max().round(5), "|w_mn|^2", (w_mn@w_mn).round(6), "|tw|^2", tw@tw, "ratio", round(tw@tw/(w_mn@w_mn), 2))
P = Vt[:r].T @ Vt[:r]; print("|P tw|^2", round((P@tw)@(P@tw), 6), " expected for random 19-dim subspace", 19/200*0.02)
print("Note: centering puts 1 in the orthogonal complement? |P 1|^2/|1|^2 =", round(((P@np.ones(d))@(P@np.ones(d)))/d, 4))
for th in [2e-4, 5e-4, 1e-3, 1.4e-3]:
    lam = brentq(lambda l: ridge(l)@ridge(l) - th, 1e-8, 1e4, xtol=1e-14); w = ridge(lam)
    print(f"theta={th:g} lam={lam:.4g} L={((Xc@w-yc)**2).mean()/2:.3g}")
# §10
x = np.logspace(-2, 2, 401); gd = 1 - (1 - 0.01*x)**100; rg = x/(1+x); k = np.abs(gd-rg).argmax()
print(f"ES: max gap {gd[k]-rg[k]:.3f} at h/lam={x[k]:.3g}; GD >= ridge everywhere: {(gd >= rg - 1e-15).all()}")
xf = np.logspace(-2, 2, 400001); cl = xf[np.abs(1-(1-0.01*xf)**100 - xf/(1+xf)) <= 0.02]
print("band edges", cl[cl < 1].max().round(3), cl[cl > 1].min().round(2), " limit gap", np.abs(gd-(1-np.exp(-x))).max().round(4))
# continuous-limit maximum of (1-e^-x) - x/(1+x)
xx = np.logspace(-2, 2, 100001); dd = (1-np.exp(-xx)) - xx/(1+xx); print("eta->0 limit max gap", dd.max().round(3), "at", xx[dd.argmax()].round(3))
# §11 Monte Carlo, regenerate with same generator calls, solve lasso with sklearn on all problems
from sklearn.linear_model import Lasso
g = torch.Generator().manual_seed(1); N, nm, dd_ = 2000, 20, 5
Xm = torch.randn(N, nm, dd_, generator=g, dtype=torch.float64).numpy(); ym = torch.randn(N, nm, generator=g, dtype=torch.float64).numpy()
frac = torch.rand(N, generator=g, dtype=torch.float64).numpy()
bm = np.einsum('kij,ki->kj', Xm, ym)/nm; lam = frac*np.abs(bm).max(1)
Z1 = np.zeros((N, dd_), bool); S2 = np.zeros((N, dd_), bool); SL = np.zeros((N, dd_), bool); Z2 = np.zeros((N, dd_), bool)
for i in range(N):
    c = Lasso(alpha=lam[i], fit_intercept=False, tol=1e-12, max_iter=10**6).fit(Xm[i], ym[i]).coef_
    Z1[i] = c == 0
    Hi = Xm[i].T@Xm[i]/nm; w2 = np.linalg.solve(Hi + lam[i]*np.eye(dd_), bm[i]); wl = np.linalg.solve(Hi, bm[i])
    Z2[i] = w2 == 0; S2[i] = np.abs(w2) <= 0.01*np.abs(w2).max(); SL[i] = np.abs(wl) <= 0.01*np.abs(wl).max()
se = lambda a: f"{a.mean():.1%} ± {a.std(ddof=1)/np.sqrt(N):.1%}"
print("L1 zero share", se(Z1.mean(1)), " any", se(Z1.any(1)), " L2 zeros", Z2.sum())
print("L2 small", se(S2.mean(1)), " LS small", se(SL.mean(1)), " paired diff", f"{(S2.mean(1)-SL.mean(1)).mean():+.2%} ± {(S2.mean(1)-SL.mean(1)).std(ddof=1)/np.sqrt(N):.2%}")
# how small is the smallest |w|/max|w| for L2 vs LS? (1% threshold counts the argmin only)
print("median min|w|/max|w|: L2", np.median([np.abs(0) for _ in [0]]))
