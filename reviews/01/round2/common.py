"""Own re-implementation (numpy) of notebook 01's setup; torch is used ONLY to draw the same random numbers."""
import numpy as np
import torch
from numpy.polynomial import legendre as L

torch.set_num_threads(1)
SIGMA, N, DEG, R = 0.3, 20, 12, 400
LAMS = [float(f"{v:.3g}") for v in np.logspace(-5, 1, 25)]
XT = np.linspace(-1, 1, 201)


def f(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


def draw(num_sets=R, seed=0, n=N, fun=f, sigma=SIGMA):
    g = torch.Generator().manual_seed(seed)
    u = torch.rand(num_sets, n, generator=g, dtype=torch.float64).numpy()
    e = torch.randn(num_sets, n, generator=g, dtype=torch.float64).numpy()
    x = -1 + 2 * (np.arange(n) + u) / n
    return x, fun(x) + sigma * e, e


def feats(x, deg=DEG):
    return L.legvander(x, deg) * np.sqrt(2 * np.arange(deg + 1) + 1)


def ridge(X, y, lam):
    n, d = X.shape[-2:]
    A = np.swapaxes(X, -1, -2) @ X + n * lam * np.eye(d)
    return np.linalg.solve(A, (np.swapaxes(X, -1, -2) @ y[..., None]))[..., 0]


def jack_se(loo):
    R = loo.shape[-1]
    return np.sqrt((R - 1) / R * ((loo - loo.mean(-1, keepdims=True)) ** 2).sum(-1))
