"""Shared, notebook-independent helpers for the probes (plain numpy; torch only to draw the SAME random data)."""
import numpy as np
import torch

torch.set_num_threads(1)
SIGMA, N, DEG, R, T = 0.3, 20, 12, 400, 201
LAMBDAS = [float(f"{v:.3g}") for v in 10.0 ** np.linspace(-5, 1, 25)]   # 1e-5 ... 10, rounded to 3 digits


def f(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


def features(x, deg):
    """Legendre P_0..P_deg scaled to mean square 1 on [-1, 1] (numpy.polynomial)."""
    V = np.polynomial.legendre.legvander(np.asarray(x, dtype=float), deg)
    return V * np.sqrt(2 * np.arange(deg + 1) + 1)


def draw(fun, num_sets, n, sigma, seed):
    """Same draw as the notebook (jittered inputs, then Gaussian noise) from a private torch generator."""
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(num_sets, n, generator=gen, dtype=torch.float64).numpy()
    x = -1 + 2 * (np.arange(n) + u) / n
    e = torch.randn(num_sets, n, generator=gen, dtype=torch.float64).numpy()
    return x, fun(x) + sigma * e


def ridge(X, y, lam, pen=None):
    """argmin mean((Xw-y)^2)/2 + lam/2 w' D w for X (..., n, d) -> (..., d)."""
    n, d = X.shape[-2:]
    D = np.eye(d) if pen is None else pen
    A = np.swapaxes(X, -1, -2) @ X + n * lam * D
    b = np.swapaxes(X, -1, -2) @ y[..., None]
    return np.linalg.solve(A, b)[..., 0]


x_test = np.linspace(-1, 1, T)
