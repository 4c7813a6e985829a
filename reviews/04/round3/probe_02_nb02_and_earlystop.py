"""§9 (notebook 02's data, n=20 < d=200) and §10 (early stopping vs ridge) re-derived with numpy."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np, torch
torch.set_num_threads(1)
from scipy.optimize import brentq
import d2lmini as d2l
S02 = d2l.nb02.SETUP["classic"]
print("nb02 classic setup:", S02)
d2l.set_seed(S02.data_seed)
tw = torch.ones((S02.num_inputs, 1)) * S02.w_value
X, y = d2l.synthetic_data(tw, S02.b, S02.n_train + S02.n_val + S02.n_test, noise=S02.sigma)
X = X[:S02.n_train].double().numpy(); y = y[:S02.n_train].double().numpy().reshape(-1)
Xc, yc = X - X.mean(0), y - y.mean(); n, d = Xc.shape
H = Xc.T @ Xc / n; b = Xc.T @ yc / n
print("rank H", np.linalg.matrix_rank(H))
U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
keep = s > 1e-10 * s[0]
w_mn = Vt[keep].T @ ((U[:, keep].T @ yc) / s[keep])
tw = tw.double().numpy().reshape(-1)
P = Vt[keep].T @ Vt[keep]
print(f"|w_mn|^2={w_mn @ w_mn:.4g}  |true w|^2={tw @ tw:.4g} ratio {tw @ tw / (w_mn @ w_mn):.3g}  |P tw|^2={(P @ tw) @ (P @ tw):.4g}  19/200*0.02={19/200*0.02:.4g}")
# the true-w row-space share: what is special? the ones direction vs row space of centred X
print("residual of mn interpolant", np.abs(Xc @ w_mn - yc).max())
# noise part of w_mn
eps_part = w_mn - P @ tw
print(f"w_mn - P tw: norm^2 {eps_part @ eps_part:.3g}  (noise sigma={S02.sigma})")
ridge = lambda l: np.linalg.solve(Xc.T @ Xc + n * l * np.eye(d), Xc.T @ yc)
for theta in [2e-4, 5e-4, 1e-3, 1.4e-3]:
    l = brentq(lambda l: ridge(l) @ ridge(l) - theta, 1e-8, 1e4, xtol=1e-13)
    w = ridge(l)
    print(f"theta={theta:g}: lambda={l:.4g}  L={((Xc @ w - yc) ** 2).mean() / 2:.3g}")
print(f"|w(1e-3)|^2={ridge(1e-3) @ ridge(1e-3):.4g}")
# ---- §10
eta_lam, t = 0.01, 100
r = np.logspace(-2, 2, 401)
gd = 1 - (1 - eta_lam * r) ** t; rf = r / (1 + r)
k = np.argmax(np.abs(gd - rf))
print(f"largest gap {gd[k] - rf[k]:.3f} at h/l={r[k]:.3g}; gd >= ridge everywhere: {bool((gd >= rf - 1e-15).all())}")
rr = np.logspace(-2, 2, 400001); dd = np.abs(1 - (1 - eta_lam * rr) ** t - rr / (1 + rr))
c = rr[dd <= 0.02]
print(f"within 0.02 for h/l <= {c[c < 1].max():.3g} and >= {c[c > 1].min():.3g}")
print(f"max |gd - (1-exp(-r))| = {np.abs(gd - (1 - np.exp(-r))).max():.2g}")
# exact gap in the eta*lam -> 0 limit, for reference
print(f"limit curve max gap: {np.max(1 - np.exp(-rr) - rr / (1 + rr)):.3f}")
S = d2l.nb04.SETUP
Xt, yt = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed)
X1, y1 = Xt.numpy(), yt.numpy(); H1 = X1.T @ X1 / 100; b1 = X1.T @ y1 / 100
h, Q = np.linalg.eigh(H1); what = np.linalg.solve(H1, b1)
eta = 0.01 / 0.3; w = np.zeros(2)
for _ in range(100): w = w - eta * (H1 @ w - b1)
print("kept by GD", (Q.T @ w) / (Q.T @ what), " ridge", h / (h + 0.3))
