# Probe 5: does the start matter for the 600-step runs? Own minibatch SGD (numpy, B=10, eta=0.05, 200 epochs),
# notebook's data, start w=0 vs w~N(0,1) (10 draws), lambda = 0 and 0.316. Test loss on the 1000 test rows.
import numpy as np, torch
g = torch.Generator().manual_seed(2)
X = torch.randn(1130, 20, generator=g); y = X @ torch.full((20,), 0.3); y = y + torch.randn(y.shape, generator=g)
X, y = X.double().numpy(), y.double().numpy(); Xt, yt, Xs, ys = X[:30], y[:30], X[130:], y[130:]
def sgd(lam, w0, seed):
    rng = np.random.default_rng(seed); w, b = w0.copy(), 0.0
    for _ in range(200):
        for idx in rng.permutation(30).reshape(3, 10):
            r = Xt[idx] @ w + b - yt[idx]; w -= 0.05 * (Xt[idx].T @ r / 10 + lam * w); b -= 0.05 * r.mean()
    return np.mean((Xs @ w + b - ys) ** 2 / 2)
for lam in [0.0, 0.316]:
    z = sgd(lam, np.zeros(20), 0)
    rnd = [sgd(lam, np.random.default_rng(100 + s).standard_normal(20), 0) for s in range(10)]
    print(f"lambda={lam}: test from w=0 {z:.3f}; from w~N(0,1), 10 draws: mean {np.mean(rnd):.3f}, min {np.min(rnd):.3f}, max {np.max(rnd):.3f}")
print(f"predict-the-training-mean test loss {np.mean((yt.mean()-ys)**2/2):.3f}")
