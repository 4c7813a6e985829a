"""Probe 5: (a) the noise-averaged bias² of least squares by degree (section 6: 'each odd degree from 7 on sits a
little above the even degree before it'), own numpy code, three seeds of 400 sets; (b) what the 6b figure's
limits hide; (c) the numbers printed by the exercise-2 check, recomputed in numpy."""
import numpy as np, torch
from numpy.polynomial import legendre as L
torch.set_num_threads(1)
f = lambda x: np.sin(3 * x) + 0.5 * np.cos(5 * x)
feats = lambda x, d: L.legvander(x, d) * np.sqrt(2 * np.arange(d + 1) + 1)
xt = np.linspace(-1, 1, 201); ft = f(xt)
def draw(seed, R=400, n=20, sigma=0.3):
    g = torch.Generator().manual_seed(seed)
    x = -1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(R, n, generator=g, dtype=torch.float64)) / n
    e = torch.randn(R, n, generator=g, dtype=torch.float64)
    return x.numpy(), f(x.numpy()) + sigma * e.numpy()
def solve(X, y, lam):
    n, d = X.shape[-2:]
    return np.linalg.solve(np.swapaxes(X, -1, -2) @ X + n * lam * np.eye(d), np.swapaxes(X, -1, -2) @ y[..., None])[..., 0]
for seed in [0, 5, 7]:
    x, y = draw(seed); R = x.shape[0]
    b2 = []
    for d in range(4, 15):
        C = solve(feats(x, d), f(x), 0.0) @ feats(xt, d).T
        b2.append((((C.mean(0) - ft) ** 2) - C.var(0, ddof=1) / R).mean())
    up = [d for d, a, b in zip(range(5, 15), b2[:-1], b2[1:]) if b > a]
    print(f"seed {seed}: bias² deg 4..14: " + " ".join(f"{v:.2g}" for v in b2) + f"; rises at {up}")
# population (infinite-sample) approximation error of the best degree-d fit on the grid, for reference
for d in range(6, 15):
    w = np.linalg.lstsq(feats(xt, d), ft, rcond=None)[0]
    print(f"  best L2 approximation error, degree {d}: {((feats(xt, d) @ w - ft) ** 2).mean():.2g}")
# (b) 6b figure limits ylim (1e-4, 10), xlim (0.5, 15.5)
x, y = draw(0)
for d in [13, 14]:
    P = solve(feats(x, d), y, 0.0) @ feats(xt, d).T
    print(f"degree {d} (df {d + 1}): expected test error {((P - ft) ** 2).mean() + 0.09:.3g} (figure's ylim top is 10)")
# (c) exercise 2's printed numbers
g = torch.Generator().manual_seed(101)
xx = (-1 + 2 * (torch.arange(20, dtype=torch.float64) + torch.rand(1, 20, generator=g, dtype=torch.float64)) / 20)
yy = torch.sin(3 * xx) + 0.5 * torch.cos(5 * xx) + 0.3 * torch.randn(1, 20, generator=g, dtype=torch.float64)
xx, yy = xx.numpy()[0], yy.numpy()[0]
X, Xt = feats(xx, 12), feats(xt, 12)
lams = [float(f"{v:.3g}") for v in np.logspace(-5, 1, 25)]
loo, test = [], []
for lam in lams:
    r = []
    for i in range(20):
        m = np.arange(20) != i
        w = np.linalg.solve(X[m].T @ X[m] + 20 * lam * np.eye(13), X[m].T @ yy[m]); r.append(yy[i] - X[i] @ w)
    loo.append(np.mean(np.square(r)))
    test.append(((Xt @ solve(X, yy, lam) - ft) ** 2).mean() + 0.09)
k = int(np.argmin(loo))
print(f"exercise 2 (brute-force LOO, numpy): picks λ = {lams[k]}, test error {test[k]:.4f}; best for the set {min(test):.4f} at {lams[int(np.argmin(test))]}")
