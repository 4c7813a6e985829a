"""Independent helpers (numpy only, except torch.Generator to reproduce the notebook's training sets)."""
import numpy as np
from numpy.polynomial import legendre as L
import torch
torch.set_num_threads(1)

SIGMA, N, DEG, R = 0.3, 20, 12, 400
LAMS = np.array([float(f"{v:.3g}") for v in 10.0 ** (-5 + np.arange(25) / 4)])   # the notebook grid (3 s.f.)
XT = np.linspace(-1, 1, 201)

def f(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)

def feats(x, deg):
    """Legendre P_0..P_deg scaled to mean square 1 on [-1, 1] (numpy's legvander)."""
    return L.legvander(x, deg) * np.sqrt(2 * np.arange(deg + 1) + 1)

def sets_torch(seed, n=N, num=R, fun=f, sigma=SIGMA):
    """The notebook's draw (same generator calls), returned as numpy."""
    g = torch.Generator().manual_seed(seed)
    u = torch.rand(num, n, generator=g, dtype=torch.float64).numpy()
    e = torch.randn(num, n, generator=g, dtype=torch.float64).numpy()
    x = -1 + 2 * (np.arange(n) + u) / n
    return x, fun(x) + sigma * e, e

def sets_numpy(seed, n=N, num=R, fun=f, sigma=SIGMA):
    rng = np.random.default_rng(seed)
    x = -1 + 2 * (np.arange(n) + rng.random((num, n))) / n
    e = rng.standard_normal((num, n))
    return x, fun(x) + sigma * e, e

def ridge(X, y, lam):
    n, d = X.shape[-2:]
    A = np.swapaxes(X, -1, -2) @ X + n * lam * np.eye(d)
    return np.linalg.solve(A, (np.swapaxes(X, -1, -2) @ y[..., None]))[..., 0]

def terms(x, y, lam, deg=DEG, fun=f, sigma=SIGMA):
    """expected error, its s.e., bias^2 (noise averaged, unbiased), variance (R-1), plain bias^2, per-set errors."""
    X, XT_ = feats(x, deg), feats(XT, deg)
    ft = fun(XT)
    P = ridge(X, y, lam) @ XT_.T                 # (R, 201)
    C = ridge(X, fun(x), lam) @ XT_.T
    Rr = P.shape[0]
    per = ((P - ft) ** 2).mean(1)
    tot = per.mean() + sigma**2
    b2 = (((C.mean(0) - ft) ** 2) - C.var(0, ddof=1) / Rr).mean()
    var = P.var(0, ddof=1).mean()
    plain = ((P.mean(0) - ft) ** 2).mean()
    return dict(total=tot, se=per.std(ddof=1) / np.sqrt(Rr), bias2=b2, var=var, plain=plain, per=per, P=P, C=C)
