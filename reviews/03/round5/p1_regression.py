"""Probe 1: re-derive section 1-2 numbers of notebook 03 with plain numpy/torch (no d2lmini helpers)."""
import numpy as np, torch
torch.set_num_threads(1)
# data: same recipe as nb02.draw (seed 2, n=30/100/1000, d=20, w*=0.3, sigma=1), reimplemented
g = torch.Generator().manual_seed(2)
X = torch.randn(1130, 20, generator=g); y = X @ torch.full((20,), 0.3) + torch.randn(1130, generator=g)
X, y = X.double().numpy(), y.double().numpy()
Xtr, ytr, Xva, yva, Xte, yte = X[:30], y[:30], X[30:130], y[30:130], X[130:], y[130:]
def ridge(lam):  # min mean ½(xw+b-y)^2 + lam/2 |w|^2, b free
    xm, ym = Xtr.mean(0), ytr.mean(); Xc = Xtr - xm
    w = np.linalg.solve(Xc.T @ Xc / 30 + lam * np.eye(20), Xc.T @ (ytr - ym) / 30); return w, ym - xm @ w
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
val = [np.mean((Xva @ ridge(l)[0] + ridge(l)[1] - yva) ** 2 / 2) for l in grid]
k = int(np.argmin(val)); lam = grid[k]
print("grid", grid); print(f"val LS {val[0]:.4f}, best lam {lam} val {val[k]:.4f}")
# a finer λ grid: how flat is the validation curve / does test agree
fine = np.logspace(-2, 1, 61)
vf = [np.mean((Xva @ ridge(l)[0] + ridge(l)[1] - yva) ** 2 / 2) for l in fine]
tf = [np.mean((Xte @ ridge(l)[0] + ridge(l)[1] - yte) ** 2 / 2) for l in fine]
print(f"fine grid: val-best λ {fine[np.argmin(vf)]:.3g}; test-best λ {fine[np.argmin(tf)]:.3g} (test {min(tf):.4f})")
risk = lambda w, b: 0.5 * (np.sum((w - 0.3) ** 2) + b ** 2 + 1.0)
per = lambda w, b: (Xte @ w + b - yte) ** 2 / 2
wls, bls = ridge(0.0); wr, br = ridge(lam)
for name, (w, b) in [("mean", (np.zeros(20), ytr.mean())), ("LS", (wls, bls)), ("ridge", (wr, br))]:
    print(f"{name:6s} test {per(w, b).mean():.4f}  exact risk {risk(w, b):.4f}")
d = per(np.zeros(20), ytr.mean()) - per(wr, br); print(f"mean - ridge {d.mean():.4f} ± {d.std(ddof=1)/np.sqrt(1000):.4f}")
d = per(wls, bls) - per(wr, br); print(f"LS - ridge   {d.mean():.4f} ± {d.std(ddof=1)/np.sqrt(1000):.4f}")
eps = yte - Xte @ np.full(20, 0.3)
print(f"test-set noise draw: mean eps^2/2 = {np.mean(eps**2)/2:.4f} (population 0.5); mean |x|^2/20 = {np.mean(Xte**2):.4f}")
# empirical test-set 2nd moment vs identity: test loss - exact risk for ridge decomposes
# SGD, my own loop, own shuffling generator, 600 steps of batch 10, lr 0.05, float64
def sgd(wd, w0, seed, steps_epochs=200, lr=0.05):
    rng = np.random.default_rng(seed); w = w0.copy(); b = 0.0
    for _ in range(steps_epochs):
        for idx in rng.permutation(30).reshape(3, 10):
            r = Xtr[idx] @ w + b - ytr[idx]
            w = w - lr * (Xtr[idx].T @ r / 10 + wd * w); b = b - lr * r.mean()
    return w, b
for wd in (0.0, lam):
    w, b = sgd(wd, np.zeros(20), 0)
    print(f"SGD wd={wd}: from 0, my shuffle: test {per(w,b).mean():.4f} risk {risk(w,b):.4f}; |w-ridge(wd)|max {np.abs(w-ridge(wd)[0]).max():.3g}")
rngi = np.random.default_rng(123)
res0, resw = [], []
for s in range(20):
    w0 = rngi.standard_normal(20)
    w, b = sgd(0.0, w0, s); res0.append(per(w, b).mean())
    w, b = sgd(lam, w0, s); resw.append(per(w, b).mean())
res0, resw = np.array(res0), np.array(resw)
print(f"20 random N(0,1) starts, λ=0: test {res0.min():.3f}..{res0.max():.3f} (mean {res0.mean():.3f}); λ={lam}: {resw.min():.4f}..{resw.max():.4f}")
print("fraction of λ=0 random starts with test < ridge test:", np.mean(res0 < per(wr, br).mean()))
# minibatch noise alone from w=0: different shuffles, λ=0
r0 = [per(*sgd(0.0, np.zeros(20), s)).mean() for s in range(10)]
print(f"λ=0 from w=0, 10 shuffles: test {min(r0):.4f}..{max(r0):.4f}")
# flattest direction
Xc = Xtr - Xtr.mean(0); ev = np.linalg.eigvalsh(Xc.T @ Xc / 30)
Z = np.c_[Xtr, np.ones(30)]; evu = np.linalg.eigvalsh(Z.T @ Z / 30)
print(f"mu centered {ev.min():.4f}, (1-0.05 mu)^600 = {(1-0.05*ev.min())**600:.3f}; uncentered [X 1] min eig {evu.min():.4f} -> {(1-0.05*evu.min())**600:.3f}")
# early-stopping curve of full GD λ=0 from 0 : is 600 steps near the best T?
w = np.zeros(20); b = 0.0; best = (9, 0)
for t in range(1, 5001):
    r = Xtr @ w + b - ytr; w -= 0.05 * Xtr.T @ r / 30; b -= 0.05 * r.mean()
    v = np.mean((Xva @ w + b - yva) ** 2 / 2)
    if v < best[0]: best = (v, t, per(w, b).mean())
print(f"full-batch GD λ=0 from 0: best validation {best[0]:.4f} at step {best[1]} (test there {best[2]:.4f}); ridge val {val[k]:.4f}")
# 50 fresh data sets (own draws, different seed from the notebook's)
rng = np.random.default_rng(7); dl, dm = [], []
for r in range(200):
    Xa = rng.standard_normal((1130, 20)); ya = Xa @ np.full(20, .3) + rng.standard_normal(1130)
    Xt_, yt_, Xv_, yv_, Xs_, ys_ = Xa[:30], ya[:30], Xa[30:130], ya[30:130], Xa[130:], ya[130:]
    xm, ym = Xt_.mean(0), yt_.mean(); C = Xt_ - xm
    fits = [(lambda w: (w, ym - xm @ w))(np.linalg.solve(C.T @ C / 30 + l * np.eye(20), C.T @ (yt_ - ym) / 30)) for l in grid]
    vv = [np.mean((Xv_ @ w + b - yv_) ** 2) for w, b in fits]; kk = int(np.argmin(vv))
    te = lambda w, b: np.mean((Xs_ @ w + b - ys_) ** 2 / 2)
    dl.append(te(*fits[0]) - te(*fits[kk])); dm.append(np.mean((ym - ys_) ** 2 / 2) - te(*fits[kk]))
dl, dm = np.array(dl), np.array(dm)
print(f"200 own data sets: LS - chosen {dl.mean():.3f} ± {dl.std(ddof=1)/np.sqrt(200):.3f}; mean - chosen {dm.mean():.3f} ± {dm.std(ddof=1)/np.sqrt(200):.3f}; chosen worse than mean in {np.mean(dm<0):.0%} of sets")
