"""Independent checks (numpy) of: the fixed-design crossing (section 8), the least-squares training error table
(section 7), the jackknife standard errors (brute force), the σ = 0 variance of the steep target (cell 59/60), and
the claim of cell 63 that 'a penalty that grows with the degree is the same idea' (measured here)."""
import numpy as np, torch
from numpy.polynomial import legendre as L
torch.set_num_threads(1)
def f(x): return np.sin(3 * x) + 0.5 * np.cos(5 * x)
def fexp(x): return np.exp(2 * x)
sigma, n, R, T = 0.3, 20, 400, 201
lambdas = np.logspace(-5, 1, 25)
def sets(R, seed, fn=f, sig=sigma, nn=n):
    g = torch.Generator().manual_seed(seed)
    x = (-1 + 2 * (torch.arange(nn, dtype=torch.float64) + torch.rand(R, nn, generator=g, dtype=torch.float64)) / nn).numpy()
    return x, fn(x) + sig * torch.randn(R, nn, generator=g, dtype=torch.float64).numpy()
def feats(x, deg): return L.legvander(x, deg) * np.sqrt(2 * np.arange(deg + 1) + 1)
def ridgeD(X, y, lam, D=None):
    nn, d = X.shape[-2:]; D = np.eye(d) if D is None else D
    return np.linalg.solve(np.swapaxes(X, -1, -2) @ X + nn * lam * D, np.swapaxes(X, -1, -2) @ y[..., None])[..., 0]
xt = np.linspace(-1, 1, T)

# 1. fixed design: weight MSE(λ) vs least squares, degree 5 and 12, design = set 0
x, y = sets(R, 0); X0 = feats(x[0], 12); Xt = feats(xt, 12)
def wmse(X, w, lam):
    nn, d = X.shape; G = X.T @ X; Ai = np.linalg.inv(G + nn * lam * np.eye(d))
    b = -nn * lam * Ai @ w; C = sigma**2 * Ai @ G @ Ai
    return b @ b + np.trace(C)
for deg in [5, 12]:
    Xd = X0[:, :deg + 1]; wd = np.linalg.lstsq(Xt[:, :deg + 1], f(xt), rcond=None)[0]
    ols = wmse(Xd, wd, 0.0); grid = np.logspace(-12, 6, 2000); m = np.array([wmse(Xd, wd, l) for l in grid])
    loses = np.nonzero(m >= ols)[0]
    if len(loses):
        lo, hi = grid[loses[0] - 1], grid[loses[0]]
        for _ in range(80):
            mid = np.sqrt(lo * hi); lo, hi = (mid, hi) if wmse(Xd, wd, mid) < ols else (lo, mid)
        cr = lo
    else:
        cr = np.inf
    print(f"fixed design degree {deg}: s_min(XᵀX/n) {np.linalg.eigvalsh(Xd.T @ Xd / n)[0]:.2g}, OLS weight MSE {ols:.4g}, "
          f"‖w*‖² {wd @ wd:.4g}, crossing λ {cr:.4g}, min MSE {m.min():.4g} at λ {grid[m.argmin()]:.3g}, max over λ {m.max():.4g}")

# 2. training error of least squares vs σ²(1 - d/n), same 400 sets
for deg in [8, 10, 12, 14]:
    X = feats(x, deg); W = ridgeD(X, y, 0.0)
    err = ((np.einsum('rnd,rd->rn', X, W) - y) ** 2).mean(1)
    print(f"training error degree {deg}: {err.mean():.4g} ± {err.std(ddof=1) / np.sqrt(R):.2g}, formula {sigma**2 * (1 - (deg + 1) / n):.4g}")

# 3. jackknife s.e. by brute force (λ = 0.178 and 1e-5): noise-averaged bias² and direct variance
X = feats(x, 12)
for lam in [1e-5, 0.178]:
    P = ridgeD(X, y, lam) @ Xt.T; Cc = ridgeD(X, f(x), lam) @ Xt.T; ft = f(xt)
    def b2(C): return (((C.mean(0) - ft) ** 2) - C.var(0, ddof=1) / C.shape[0]).mean()
    def var(P): return P.var(0, ddof=1).mean()
    jb = np.array([b2(np.delete(Cc, r, 0)) for r in range(R)]); jv = np.array([var(np.delete(P, r, 0)) for r in range(R)])
    se = lambda j: np.sqrt((R - 1) / R * ((j - j.mean()) ** 2).sum())
    print(f"λ {lam:g}: bias² {b2(Cc):.3g} ± {se(jb):.1g} (brute jackknife); variance {var(P):.4g} ± {se(jv):.2g}")

# 4. steep target: variance at λ = 0.01 with and without label noise, and at λ = 0 without noise
xs, ys = sets(R, 0, fexp); Xs = feats(xs, 12)
for lam, lab, name in [(0.01, ys, "σ = 0.3"), (0.01, fexp(xs), "σ = 0"), (0.0, fexp(xs), "σ = 0, λ = 0")]:
    P = ridgeD(Xs, lab, lam) @ Xt.T
    print(f"steep, {name}, λ {lam:g}: variance {P.var(0, ddof=1).mean():.3g}")
Pn = ridgeD(Xs, ys - fexp(xs), 0.01) @ Xt.T
print(f"steep, fits to the label noise alone at λ 0.01: variance {Pn.var(0, ddof=1).mean():.3g} (sum with σ=0 part ≈ total variance?)")

# 5. 'a penalty that grows with the degree': ridge with penalty λ·diag(k^p), degree 12, best λ on the grid
def total_err(Xs_, ys_, lam, D, ft_):
    P = ridgeD(Xs_, ys_, lam, D) @ Xt.T; return ((P - ft_) ** 2).mean() + sigma**2
for fn, ys_, Xs_, name in [(fexp, ys, Xs, "exp(2x)"), (f, y, X, "sin3x+cos5x/2")]:
    ft_ = fn(xt)
    for p in [0, 2, 4, 6]:
        D = np.diag(np.arange(13.0) ** p); D[0, 0] = 0 if p else 1
        errs = [total_err(Xs_, ys_, lam, D, ft_) for lam in np.logspace(-9, 2, 45)]
        print(f"{name}: penalty λ·k^{p} (P_0 {'free' if p else 'penalized'}): best expected test error {min(errs):.4g}")
