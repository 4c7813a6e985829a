"""Probe 1: classic setup (n=20, d=200) re-derived with own numpy code (float64), data drawn as the notebook does."""
import numpy as np, torch
torch.set_num_threads(1)
torch.manual_seed(0)                                   # data seed 0, as d2l.synthetic_data after set_seed(0)
X = torch.normal(0.0, 1.0, (220, 200)); y = X @ torch.full((200, 1), 0.01) + 0.05; y += 0.01 * torch.randn(y.shape)
X = X.double().numpy(); y = y.double().numpy().ravel()
Xtr, Xva, Xte = X[:20], X[20:120], X[120:]; ytr, yva, yte = y[:20], y[20:120], y[120:]
torch.manual_seed(1); w_init = torch.normal(0.0, 1.0, size=(200, 1)).double().numpy().ravel()
n, d = 20, 200
L = lambda Xs, ys, w, b: float(np.mean((Xs @ w + b - ys) ** 2 / 2))
base = float(np.mean((yte - ytr.mean()) ** 2 / 2)); exp_base = (200 * 1e-4 + 1e-4) / 2 * (1 + 1 / 20)
print(f"baseline test {base:.4g}, expected {exp_base:.5g}")

def ridge(Xs, ys, lam):
    xm, ym = Xs.mean(0), ys.mean(); Xc, yc = Xs - xm, ys - ym
    if lam == 0: w = np.linalg.pinv(Xc) @ yc
    else: w = np.linalg.solve(Xc.T @ Xc / len(ys) + lam * np.eye(Xs.shape[1]), Xc.T @ yc / len(ys))
    return w, ym - xm @ w

w3e, b3e = ridge(Xtr, ytr, 3.0)
print(f"closed-form ridge lam=3 (own, via d x d normal equations) test loss {L(Xte, yte, w3e, b3e):.4g}")

# own minibatch SGD (own shuffle, batch 5, lr 0.003), penalty lam/2||w||^2 on each example
def sgd(lam, epochs, w0, seed=0, lr=0.003, bs=5, full=False):
    rng = np.random.default_rng(seed); w, b = w0.copy(), 0.0
    for _ in range(epochs):
        idx = np.arange(n) if full else rng.permutation(n)
        for s in range(0, n, n if full else bs):
            B = idx[s:s + (n if full else bs)]; r = Xtr[B] @ w + b - ytr[B]
            w = w - lr * (Xtr[B].T @ r / len(B) + lam * w); b = b - lr * r.mean()
    return w, b

P_row = np.linalg.pinv(Xtr) @ Xtr; P_null = np.eye(d) - P_row
for lam in (0.0, 3.0):
    w, b = sgd(lam, 100, w_init)
    full, row = L(Xte, yte, w, b), L(Xte, yte, P_row @ w, b)
    print(f"own SGD 100 epochs lam={lam}: ||w||={np.linalg.norm(w):.3g} test {full:.3g}, row-part {row:.3g}, null share "
          f"{1-row/full:.4f}, b={b:.3g}; null decay measured {np.linalg.norm(P_null@w)/np.linalg.norm(P_null@w_init):.5g} "
          f"vs (1-.003*lam)^400 {(1-.003*lam)**400:.5g}")
# Does long SGD end at the ridge minimizer? (text of cell 13: "the point where this run ends if it goes on long enough")
for ep in (1000, 5000, 20000):
    w, b = sgd(3.0, ep, w_init)
    print(f"lam=3 minibatch SGD {ep} epochs: test {L(Xte, yte, w, b):.5g}, max|w - ridge| {np.abs(w-w3e).max():.2e}, "
          f"b {b:.4g} vs ridge b {b3e:.4g}")
w, b = sgd(3.0, 5000, w_init, full=True)
print(f"lam=3 full-batch GD 5000 epochs: test {L(Xte, yte, w, b):.5g}, max|w-ridge| {np.abs(w-w3e).max():.2e}")

# slowest coordinate claim (cell 19): Hessian of the penalised objective in (w,b), lam=0 and lam=3, on the row space of Z
Z = np.hstack([Xtr, np.ones((n, 1))])
for lam in (0.0, 3.0):
    Hs = Z.T @ Z / n + lam * np.diag([1.0] * d + [0.0])
    ev = np.linalg.eigvalsh(Hs); nz = ev[ev > 1e-8]
    print(f"lam={lam}: Hessian eigenvalues >0: smallest {nz[:3].round(3)}, largest {nz.max():.3g}")
# minimum norm from zero: Z^+ y
th = np.linalg.pinv(Z) @ ytr
print(f"Z^+y: test {L(Xte, yte, th[:-1], th[-1]):.4g}, b {th[-1]:.3g}; mean label {ytr.mean():.4g}")
# validation curve at convergence over the notebook grid
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 2, 21)]
vc = [L(Xva, yva, *ridge(Xtr, ytr, l)) for l in grid]
print("converged val loss over grid:", ", ".join(f"{l:g}:{v:.4g}" for l, v in zip(grid, vc)))
print(f"val baseline {np.mean((yva-ytr.mean())**2/2):.4g}; argmin lam {grid[int(np.argmin(vc))]:g}")
# exact risk on this set
pr = lambda w, b: (np.sum((w - 0.01) ** 2) + (b - 0.05) ** 2 + 1e-4) / 2
print(f"exact risk this set: mean pred {pr(np.zeros(d), ytr.mean()):.4g}, Z^+y {pr(th[:-1], th[-1]):.4g}, "
      + ", ".join(f"ridge {l:g} {pr(*ridge(Xtr, ytr, l)):.4g}" for l in (0, 1, 3.16, 17.8, 100)))
