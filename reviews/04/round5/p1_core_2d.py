"""Re-derive §1-§8 numbers of notebook 04 with numpy/scipy only (the data are taken from the notebook's
generator, everything else is independent)."""
import numpy as np, torch, math
from scipy.optimize import brentq, minimize
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb04.SETUP
Xt, yt = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed)
X, y = Xt.numpy(), yt.numpy(); n = len(y)
H = X.T @ X / n; b = X.T @ y / n
what = np.linalg.lstsq(X, y, rcond=None)[0]
L = lambda w: 0.5 * np.mean((X @ w - y) ** 2)
print("H", H.round(4).tolist(), " w_hat", what.round(4), " |w_hat|^2", round(what @ what, 4), " L(w_hat)", round(L(what), 4))
print("sample corr of features:", round(np.corrcoef(X.T)[0, 1], 3))
ridge = lambda lam: np.linalg.solve(H + lam * np.eye(2), b)
print("w(1) =", ridge(1.0).round(4), "  sum-loss formula with lam (not n*lam):", np.linalg.solve(X.T @ X + 1.0 * np.eye(2), X.T @ y).round(4))
# §3: constrained problem, solved with SLSQP (independent of bisection and PGD)
for th in [0.1, 0.3, 0.6, 1.0, 2.0]:
    r = minimize(L, np.zeros(2), method="SLSQP", constraints=[{"type": "ineq", "fun": lambda w: th - w @ w}],
                 options={"ftol": 1e-15, "maxiter": 500})
    if what @ what <= th:
        lam = 0.0
    else:
        lam = brentq(lambda l: ridge(l) @ ridge(l) - th, 0, 100, xtol=1e-14)
    w = ridge(lam)
    g = H @ r.x - b
    print(f"theta={th}: lam(brentq)={lam:.4f} SLSQP w={r.x.round(4)} ridge(lam)={w.round(4)} |diff|={np.abs(r.x - w).max():.1e}"
          f" read-off={-(g @ r.x) / (r.x @ r.x):.4f}")
# one PGD step from 0: lam read off and stationarity gap
eta = 1 / np.linalg.eigvalsh(H).max()
for th, lam in zip([0.1, 0.3, 0.6, 1.0], [3.693, 1.419, 0.5355, 0.1335]):
    v = eta * b; w1 = v * min(1, math.sqrt(th) / np.linalg.norm(v)); g = H @ w1 - b
    print(f"  one PGD step theta={th}: read-off lam {-(g @ w1) / (w1 @ w1):.3f} (>=0?)  |grad+lam w| {np.abs(g + lam * w1).max():.3f}")
# circle extremes on theta = 0.3 by a fine grid (1e6 angles)
th = 0.3; phi = np.linspace(0, 2 * np.pi, 1_000_001)[:-1]
W = math.sqrt(th) * np.stack([np.cos(phi), np.sin(phi)], 1)
Ls = 0.5 * np.einsum("ki,ij,kj->k", W, H, W) - W @ b + 0.5 * np.mean(y ** 2)
lo, hi = W[Ls.argmin()], W[Ls.argmax()]
for nm, w in [("low", lo), ("high", hi)]:
    g = H @ w - b; mu = -(g @ w) / th
    print(f"{nm}: w={w.round(4)} L={L(w):.4f} mu={mu:.4f}  eta*|mu|={eta * abs(mu):.3f}")
g = H @ hi - b; step = hi - eta * g
print("step from highest point before projection =", (step / hi).round(4), "x w_high  (factor 1 - eta|mu|)")
# when does the 'jump' land exactly on -w? only if eta*|mu| >= 2
for em in [1.5, 2.0, 2.8]:
    c = 1 - em; v = c * hi; p = v * min(1, math.sqrt(th) / np.linalg.norm(v))
    print(f"  eta|mu| = {em}: after one projected step w = {(p / hi)[0]:+.2f} * w_high")
# §7: L1, independent solver: coordinate descent (own) to 1e-15
def lasso_cd(lam, iters=20000):
    w = np.zeros(2)
    for _ in range(iters):
        w_old = w.copy()
        for j in range(2):
            r = b[j] - H[j, 1 - j] * w[1 - j]
            w[j] = np.sign(r) * max(abs(r) - lam, 0) / H[j, j]
        if np.abs(w - w_old).max() < 1e-16: break
    return w
# lambda* by bisection on where w2 first becomes 0
lo_, hi_ = 0.0, 2.0
for _ in range(80):
    m = (lo_ + hi_) / 2
    lo_, hi_ = (lo_, m) if lasso_cd(m)[1] == 0 else (m, hi_)
print("lambda* (own CD + bisection) =", round(hi_, 4), " corner w =", lasso_cd(hi_ * (1 + 1e-12)).round(4), " |b| =", np.abs(b).round(4))
lams = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 2, 41)]
W1 = np.array([lasso_cd(l) for l in lams]); W2 = np.array([ridge(l) for l in lams])
print("exact zeros on the grid (lam>0): L1", int((W1[1:] == 0).sum()), "of", W1[1:].size, "  L2", int((W2[1:] == 0).sum()))
print("ridge w2 min over grid:", W2[:, 1].min().round(5), "ridge w1 min over grid:", W2[:, 0].min().round(5))
lf = np.logspace(-4, 2, 300); w2 = np.array([ridge(l)[1] for l in lf]); k = w2.argmax()
lam_back = brentq(lambda l: ridge(l)[1] - what[1], lf[k], 100)
print(f"ridge w2: {what[1]:.3g} at 0, max {w2[k]:.3g} at lam {lf[k]:.2g} ({w2[k] / what[1]:.2f}x), back to w2(0) at lam {lam_back:.3g}")
bo = H @ np.array([1.0, -0.1]); lc = brentq(lambda l: np.linalg.solve(H + l * np.eye(2), bo)[1], 1e-6, 10)
print("crossing root for w_hat=(1,-0.1):", round(lc, 4), " formula:", round(H[0, 1] * bo[0] / bo[1] - H[0, 0], 4))
# §8
h, Q = np.linalg.eigh(H)
print("eigen h", h.round(4), " Q cols", Q.T.round(4).tolist())
ang = math.degrees(math.acos(abs(b @ Q[:, 1]) / np.linalg.norm(b)))
print(f"angle of b to steep axis {ang:.2f} deg;  h1/h2 = {h[0] / h[1]:.3f}")
for lam in [1e2, 1e4]:
    c = Q.T @ ridge(lam) / (Q.T @ what); print(f"  lam={lam:g}: kept flat/kept steep = {c[0] / c[1]:.4f}")
# §10
eta_l, t = 0.01, 100
r = np.logspace(-2, 2, 400001); gd = 1 - (1 - eta_l * r) ** t; rg = r / (1 + r); d = gd - rg
print(f"max gap {d.max():.4f} at h/lam {r[d.argmax()]:.3g}; min gap {d.min():.2e};  within 0.02: h/lam <= {r[(np.abs(d) <= .02) & (r < 1)].max():.3g}, >= {r[(np.abs(d) <= .02) & (r > 1)].min():.3g}")
lam1 = 0.3; e1 = eta_l / lam1; w = np.zeros(2)
for _ in range(t): w = w - e1 * (H @ w - b)
print("GD kept fractions", (Q.T @ w / (Q.T @ what)).round(4), " ridge", (h / (h + lam1)).round(4))
