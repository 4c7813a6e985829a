"""Probe 1: the regression sections (1-2), re-derived in numpy/sklearn with my own SGD loop."""
import numpy as np, torch
torch.set_num_threads(1)
import d2lmini as d2l
from sklearn.linear_model import Ridge

N = d2l.nb02.SETUP["noisy"]
(Xt, yt), (Xv, yv), (Xs, ys) = [(a.double().numpy(), b.double().numpy()) for a, b in d2l.nb02.draw(N, seed=N.data_seed)]
n, d = Xt.shape
wstar = np.full(d, 0.3)

def ridge_b(X, y, lam):   # min mean ½(Xw+b-y)^2 + lam/2 ||w||^2, b free
    xm, ym = X.mean(0), y.mean(); Xc, yc = X - xm, y - ym
    w = np.linalg.solve(Xc.T @ Xc / len(y) + lam * np.eye(X.shape[1]), Xc.T @ yc / len(y))
    return w, ym - xm @ w
def loss(X, y, w, b): return 0.5 * ((X @ w + b - y) ** 2)
def risk(w, b): return 0.5 * (((w - wstar) ** 2).sum() + b ** 2 + 1.0)

grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
val = [loss(Xv, yv, *ridge_b(Xt, yt, l)).mean() for l in grid]
k = int(np.argmin(val)); lam = grid[k]
print(f"grid choice: lambda={lam}, val LS {val[0]:.4f}, val best {val[k]:.4f}")
# sklearn cross-check of the convention alpha = n*lambda
w_r, b_r = ridge_b(Xt, yt, lam)
sk = Ridge(alpha=n * lam).fit(Xt, yt)
print(f"sklearn Ridge(alpha=n*lam) vs my ridge: {np.abs(sk.coef_ - w_r).max():.2e}")
w_ls, b_ls = ridge_b(Xt, yt, 0.0)
base = loss(Xs, ys, np.zeros(d), yt.mean())
rows = {"mean": (np.zeros(d), yt.mean()), "LS": (w_ls, b_ls), "ridge": (w_r, b_r)}
for nm, (w, b) in rows.items():
    print(f"{nm:6s} test {loss(Xs, ys, w, b).mean():.4f}  exact risk {risk(w, b):.4f}")
dd = base - loss(Xs, ys, w_r, b_r)
print(f"mean - ridge paired: {dd.mean():.4f} +- {dd.std(ddof=1)/np.sqrt(len(dd)):.4f}")

# my own minibatch SGD (B=10, lr .05, 200 epochs), numpy shuffles
def sgd(lam, w0, rng, epochs=200, lr=0.05, B=10):
    w, b = w0.copy(), 0.0
    for _ in range(epochs):
        p = rng.permutation(n)
        for i in range(0, n, B):
            idx = p[i:i + B]; r = Xt[idx] @ w + b - yt[idx]
            gw = Xt[idx].T @ r / len(idx) + lam * w; gb = r.mean()
            w -= lr * gw; b -= lr * gb
    return w, b
res = {}
for label, lam_, starts in [("wd=lam, w0=0", lam, "zero"), ("wd=0, w0=0", 0.0, "zero")]:
    out = [sgd(lam_, np.zeros(d), np.random.default_rng(s)) for s in range(5)]
    t = [loss(Xs, ys, w, b).mean() for w, b in out]
    print(f"{label}, 5 minibatch orders: test {min(t):.3f}..{max(t):.3f}; max|w - ridge(lam_)| {max(np.abs(w - ridge_b(Xt, yt, lam_)[0]).max() for w, b in out):.3f}")
for label, lam_ in [("wd=0", 0.0), ("wd=lam", lam)]:
    g0 = np.random.default_rng(99)
    starts = [g0.standard_normal(d) for _ in range(5)]
    t_fixed = [loss(Xs, ys, *sgd(lam_, s0, np.random.default_rng(0))).mean() for s0 in starts]
    print(f"{label}, 5 N(0,1) starts, SAME minibatch order: test {min(t_fixed):.3f}..{max(t_fixed):.3f}")
    out = [sgd(lam_, s0, np.random.default_rng(10 + i)) for i, s0 in enumerate(starts)]
    t = [loss(Xs, ys, w, b).mean() for w, b in out]; rk = [risk(w, b) for w, b in out]
    print(f"{label}, 5 N(0,1) starts, own orders: test {min(t):.3f}..{max(t):.3f}, exact risk {min(rk):.3f}..{max(rk):.3f}")
# bigger sample of random starts: how far is the lambda=0 run from LS, and the range of exact risk
rk = []; frac = []
for i in range(40):
    s0 = np.random.default_rng(1000 + i).standard_normal(d)
    w, b = sgd(0.0, s0, np.random.default_rng(2000 + i))
    rk.append(risk(w, b)); frac.append(np.linalg.norm(w - w_ls) / np.linalg.norm(s0 - w_ls))
rk = np.array(rk)
print(f"wd=0 from 40 N(0,1) starts: exact risk mean {rk.mean():.3f}, range {rk.min():.3f}..{rk.max():.3f}; ridge run risk {risk(w_r,b_r):.3f}; "
      f"fraction of distance to LS left: median {np.median(frac):.3f}")
w0, b0 = sgd(0.0, np.zeros(d), np.random.default_rng(0))
print(f"wd=0 from 0: ||w_T - w_LS|| / ||0 - w_LS|| = {np.linalg.norm(w0 - w_ls)/np.linalg.norm(w_ls):.3f}")
# curvature: centered vs uncentered (the bias is trained too)
Xc = Xt - Xt.mean(0)
Z = np.hstack([Xt, np.ones((n, 1))])
mu_c = np.linalg.eigvalsh(Xc.T @ Xc / n).min(); mu_z = np.linalg.eigvalsh(Z.T @ Z / n).min()
print(f"mu centered {mu_c:.4f}: (1-.05mu)^600 = {(1-.05*mu_c)**600:.3f};  mu of [X 1] (w and b trained) {mu_z:.4f}: {(1-.05*mu_z)**600:.3f}")
# full-batch GD from 0 at lambda 0 (no SGD noise): where is it after 600 steps
w, b = np.zeros(d), 0.0
for _ in range(600):
    r = Xt @ w + b - yt; w -= 0.05 * Xt.T @ r / n; b -= 0.05 * r.mean()
print(f"full-batch GD 600 steps, lambda 0, from 0: test {loss(Xs, ys, w, b).mean():.3f}, risk {risk(w,b):.3f}, "
      f"||w-w_LS||/||w_LS|| {np.linalg.norm(w-w_ls)/np.linalg.norm(w_ls):.3f}")

# 50 fresh data sets (own draws, own seed)
rng = np.random.default_rng(7)
dls, dmean, chosen = [], [], []
for r in range(200):
    X = rng.standard_normal((1130, d)); y = X @ wstar + rng.standard_normal(1130)
    A, a = X[:30], y[:30]; V, v = X[30:130], y[30:130]; T_, t_ = X[130:], y[130:]
    fits = [ridge_b(A, a, l) for l in grid]
    kk = int(np.argmin([loss(V, v, *f).mean() for f in fits]))
    tc = loss(T_, t_, *fits[kk]).mean()
    dls.append(loss(T_, t_, *fits[0]).mean() - tc); dmean.append(loss(T_, t_, np.zeros(d), a.mean()).mean() - tc); chosen.append(grid[kk])
for nm, v_ in [("LS - chosen", dls), ("mean - chosen", dmean)]:
    v_ = np.array(v_); print(f"200 own data sets: {nm}: {v_.mean():.3f} +- {v_.std(ddof=1)/np.sqrt(len(v_)):.3f}; first 50: {v_[:50].mean():.3f} +- {v_[:50].std(ddof=1)/np.sqrt(50):.3f}")
print("median chosen lambda", np.median(chosen))
