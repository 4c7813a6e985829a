"""Probe 1: re-derive section 1-2 numbers with plain numpy (data drawn by d2l.nb02.draw only)."""
import numpy as np, torch
torch.set_num_threads(1)
import d2lmini as d2l
N = d2l.nb02.SETUP["noisy"]
(Xt, yt), (Xv, yv), (Xs, ys) = d2l.nb02.draw(N, seed=N.data_seed)
Xt, yt, Xv, yv, Xs, ys = [a.double().numpy().reshape(a.shape[0], -1).squeeze() for a in (Xt, yt, Xv, yv, Xs, ys)]
n, d = Xt.shape
def ridge_b(X, y, lam):   # argmin mean 1/2 (Xw+b-y)^2 + lam/2 |w|^2, b free
    xm, ym = X.mean(0), y.mean(); Xc = X - xm
    w = np.linalg.solve(Xc.T @ Xc / len(y) + lam * np.eye(X.shape[1]), Xc.T @ (y - ym) / len(y))
    return w, ym - xm @ w
loss = lambda X, y, w, b: 0.5 * ((X @ w + b - y) ** 2)
grid = [0.0] + list(10 ** np.linspace(-3, 1, 17))
val = [loss(Xv, yv, *ridge_b(Xt, yt, l)).mean() for l in grid]
k = int(np.argmin(val)); lam = grid[k]
print(f"val LS {val[0]:.4f}, best lam {lam:.4g} val {val[k]:.4f}")
pm = 0.5 * (ys - yt.mean()) ** 2
ls = loss(Xs, ys, *ridge_b(Xt, yt, 0.0)); rd = loss(Xs, ys, *ridge_b(Xt, yt, lam))
se = lambda a: a.std(ddof=1) / np.sqrt(len(a))
print(f"test: mean-pred {pm.mean():.4f}, LS {ls.mean():.4f}, ridge {rd.mean():.4f}")
print(f"paired mean-pred - ridge {np.mean(pm-rd):.4f} +- {se(pm-rd):.4f};  LS - ridge {np.mean(ls-rd):.4f} +- {se(ls-rd):.4f}")
# flattest direction: centered covariance vs the full (w,b) Hessian
Xc = Xt - Xt.mean(0)
mu_c = np.linalg.eigvalsh(Xc.T @ Xc / n).min()
Z = np.c_[Xt, np.ones(n)]
mu_full = np.linalg.eigvalsh(Z.T @ Z / n).min()
print(f"mu centered {mu_c:.4f}, mu of full (w,b) Hessian {mu_full:.4f}; (1-0.05 mu)^600: {(1-0.05*mu_c)**600:.3f} vs {(1-0.05*mu_full)**600:.3f}")
# actual remaining fraction for full-batch GD from 0 (w,b) towards LS, per eigendirection of Z^T Z/n
H = Z.T @ Z / n; g = Z.T @ yt / n; th_ls = np.linalg.solve(H, g)
th = np.zeros(d + 1)
for _ in range(600): th -= 0.05 * (H @ th - g)
ev, V = np.linalg.eigh(H)
frac = (V.T @ (th - th_ls)) / (V.T @ (0 - th_ls))
print("GD(600 steps): remaining fraction along the 3 flattest directions:", np.round(frac[:3], 3), "eig", np.round(ev[:3], 4))
print(f"GD λ=0 after 600 full-batch steps: test loss {loss(Xs, ys, th[:-1], th[-1]).mean():.4f}; "
      f"|theta - LS| / |LS| = {np.linalg.norm(th-th_ls)/np.linalg.norm(th_ls):.3f}")
# early stopping curve of full-batch GD λ=0: best test loss over steps (what 'an early dip' means)
th = np.zeros(d + 1); tl = []
for t in range(600):
    th -= 0.05 * (H @ th - g); tl.append(loss(Xs, ys, th[:-1], th[-1]).mean())
print(f"GD λ=0 test loss: min {min(tl):.4f} at step {int(np.argmin(tl))+1}, at 600: {tl[-1]:.4f}")
# 50 fresh sets (own draw, not nb02's generator): LS - chosen, mean - chosen
rng = np.random.default_rng(12345); dl, dm = [], []
for r in range(200):
    X = rng.standard_normal((1130, d)); y = 0.3 * X.sum(1) + rng.standard_normal(1130)
    a, b_, c = slice(0, 30), slice(30, 130), slice(130, 1130)
    fits = [ridge_b(X[a], y[a], l) for l in grid]
    kk = int(np.argmin([loss(X[b_], y[b_], *f).mean() for f in fits]))
    tc = loss(X[c], y[c], *fits[kk]).mean()
    dl.append(loss(X[c], y[c], *fits[0]).mean() - tc); dm.append((0.5 * (y[c] - y[a].mean()) ** 2).mean() - tc)
dl, dm = np.array(dl), np.array(dm)
print(f"200 own fresh sets: LS - chosen {dl.mean():.3f} +- {se(dl):.3f} (median {np.median(dl):.3f}); mean-pred - chosen {dm.mean():.3f} +- {se(dm):.3f}; "
      f"fraction of sets where chosen ridge beats LS {np.mean(dl>0):.2f}, beats mean {np.mean(dm>0):.2f}")
# early stopping for the linear problem, T chosen on VALIDATION (full-batch GD from 0, lambda = 0)
th = np.zeros(d + 1); vl, tl = [], []
for t in range(600):
    th -= 0.05 * (H @ th - g); vl.append(loss(Xv, yv, th[:-1], th[-1]).mean()); tl.append(loss(Xs, ys, th[:-1], th[-1]).mean())
T = int(np.argmin(vl))
print(f"GD λ=0, T chosen on validation: T = {T+1}, val {vl[T]:.4f}, test {tl[T]:.4f}  (ridge λ chosen on validation: test {rd.mean():.4f})")
