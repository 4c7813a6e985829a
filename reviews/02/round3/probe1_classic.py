"""Classic setup (n=20, d=200): re-derive the section 3/5/8 numbers with my own numpy code (float64), my own
minibatch SGD (own shuffles), and check robustness over other data and init seeds."""
import numpy as np, torch
torch.set_num_threads(1)
n, nv, nt, d, sig, wv, b_true, lr, B, E = 20, 100, 100, 200, 0.01, 0.01, 0.05, 0.003, 5, 100

def data(seed):   # the notebook's draw: torch.manual_seed(seed); X ~ N(0,1) (220,200); y = Xw + b + 0.01 eps
    torch.manual_seed(seed)
    X = torch.normal(0.0, 1.0, (n + nv + nt, d)); y = X @ torch.full((d, 1), wv) + b_true
    y += sig * torch.randn(y.shape)
    X, y = X.double().numpy(), y.double().numpy().ravel()
    return X[:n], y[:n], X[n:n+nv], y[n:n+nv], X[n+nv:], y[n+nv:]

def init(seed):
    torch.manual_seed(seed); return torch.normal(0.0, 1.0, size=(d, 1)).double().numpy().ravel()

def sgd(X, y, w, lambd, rng, epochs=E, lr=lr):
    w, b = w.copy(), 0.0
    for _ in range(epochs):
        p = rng.permutation(len(y))
        for s in range(0, len(y), B):
            i = p[s:s+B]; r = X[i] @ w + b - y[i]
            w, b = w - lr * (X[i].T @ r / len(i) + lambd * w), b - lr * r.mean()
    return w, b

def loss(X, y, w, b): return np.mean((X @ w + b - y) ** 2 / 2)
def ridge_free_bias(X, y, lambd):   # own closed form: minimize mean 1/2 (Xw+b-y)^2 + lambd/2 ||w||^2
    Xc, yc = X - X.mean(0), y - y.mean(); nn = len(y)
    w = Xc.T @ np.linalg.pinv(Xc @ Xc.T + nn * lambd * np.eye(nn)) @ yc
    return w, y.mean() - X.mean(0) @ w

Xtr, ytr, Xv, yv, Xte, yte = data(0); w_init = init(1)
print("baseline test (predict mean train label):", round(loss(Xte, yte, np.zeros(d), ytr.mean()), 5))
Prow = np.linalg.pinv(Xtr) @ Xtr; Pnull = np.eye(d) - Prow
rng = np.random.default_rng(0)
for lam in [0.0, 3.0]:
    w, b = sgd(Xtr, ytr, w_init, lam, rng)
    full, row = loss(Xte, yte, w, b), loss(Xte, yte, Prow @ w, b)
    print(f"own SGD (own shuffles) lambda={lam}: ||w||={np.linalg.norm(w):.3g} train={loss(Xtr, ytr, w, b):.2g} "
          f"test={full:.3g} row-only={row:.3g} null share={1-row/full:.4f} "
          f"null ratio={np.linalg.norm(Pnull@w)/np.linalg.norm(Pnull@w_init):.5g} pred={(1-lr*lam)**(E*4):.5g}  b={b:.3g}")
w3e, b3e = ridge_free_bias(Xtr, ytr, 3.0)
print("closed-form ridge lambda=3 (own): test", round(loss(Xte, yte, w3e, b3e), 5))
# the same SGD run much longer: does it reach the closed form?
w, b = sgd(Xtr, ytr, w_init, 3.0, rng, epochs=2000)
print(f"own SGD lambda=3, 2000 epochs: test {loss(Xte, yte, w, b):.5f}, max|w - ridge| {np.abs(w-w3e).max():.1e}, b {b:.4f} vs ridge b {b3e:.4f}")

# converged validation curve on the notebook's grid: where is the minimum?
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 2, 21)]
val = [loss(Xv, yv, *ridge_free_bias(Xtr, ytr, l)) for l in grid]
print("converged val loss over the grid:", " ".join(f"{l:g}:{v:.5f}" for l, v in zip(grid, val)))
print("argmin converged val: lambda =", grid[int(np.argmin(val))], "; baseline val", round(loss(Xv, yv, np.zeros(d), ytr.mean()), 5))

# robustness: other data seeds and init seeds. Same 400 SGD steps.
print("\nseed robustness (data seed, init seed): test loss lam=0 / lam=3 / baseline / null share at lam=3 / ridge3 end point")
for ds, isd in [(10, 11), (20, 21), (30, 31), (40, 41), (50, 51)]:
    Xtr2, ytr2, _, _, Xte2, yte2 = data(ds); wi = init(isd)
    P2 = np.linalg.pinv(Xtr2) @ Xtr2; r = np.random.default_rng(ds)
    w0, b0 = sgd(Xtr2, ytr2, wi, 0.0, r); w3, b3 = sgd(Xtr2, ytr2, wi, 3.0, r)
    f3 = loss(Xte2, yte2, w3, b3)
    print(f"  ({ds},{isd}): {loss(Xte2, yte2, w0, b0):.3g} / {f3:.3g} / {loss(Xte2, yte2, np.zeros(d), ytr2.mean()):.4g} / "
          f"{1 - loss(Xte2, yte2, P2 @ w3, b3)/f3:.3f} / {loss(Xte2, yte2, *ridge_free_bias(Xtr2, ytr2, 3.0)):.4g}")

# Section 8: bias of the chosen model (lambda=17.8). How much of b's shortfall is the init, how much b's own slow rate?
r = np.random.default_rng(1)
for name, wst in [("random init", w_init), ("w = 0 start", np.zeros(d))]:
    w, b = sgd(Xtr, ytr, wst, 17.8, r)
    risk = (np.sum((w - wv) ** 2) + (b - b_true) ** 2 + sig**2) / 2
    print(f"lambda=17.8, 100 epochs, {name}: b = {b:.4f} (mean label {ytr.mean():.4f}), ||w|| = {np.linalg.norm(w):.3g}, exact risk {risk:.5f}")
print(f"pure bias relaxation at w=0 for 400 steps: b = mean label * (1-(1-lr)^400) = {ytr.mean()*(1-(1-lr)**400):.4f}")
print(f"exact risk of the mean predictor on this set: {(np.sum(wv**2*np.ones(d)) + (ytr.mean()-b_true)**2 + sig**2)/2:.5f}")
