"""Probe 7 (exercises): feed the four checks right and WRONG answers (own wrong answers, several not in the checks'
mistake lists), recompute the success-line numbers with own code."""
import math
import numpy as np
import torch
from scipy.optimize import minimize_scalar
import d2lmini as d2l
from d2lmini.checks import nb07 as C

torch.set_num_threads(1)
F64 = torch.float64


def verdict(check, fn, label):
    try:
        import io, contextlib
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            check(fn)
        print(f"  ACCEPTED  {label}: {buf.getvalue().strip()[:160]}")
    except AssertionError as e:
        print(f"  rejected  {label}: {str(e)[:150]}")


print("== Exercise 1 ==")
for label, f in [("σ²/(n b) (right)", lambda s, b, n: s**2 / (n * b)),
                 ("σ²/((n-1) b)", lambda s, b, n: s**2 / ((n - 1) * b)),
                 ("σ²/(2 n b)", lambda s, b, n: s**2 / (2 * n * b)),
                 ("2σ²/(n b)", lambda s, b, n: 2 * s**2 / (n * b)),
                 ("σ²/(n b²)", lambda s, b, n: s**2 / (n * b * b)),
                 ("σ² / (n √2 b) (Laplace std instead of scale)", lambda s, b, n: s**2 / (n * math.sqrt(2) * b)),
                 ("tensor answer", lambda s, b, n: torch.tensor(s**2 / (n * b)))]:
    verdict(C.check_laplace_strength, f, label)
# own check of the derivation: MAP via a generic optimizer on the negative log posterior (scipy, L-BFGS on a smooth
# split w = u - v, u, v >= 0), then compare the lasso at λ₁ = σ²/(n b) solved by own ISTA
rng = np.random.default_rng(0)
n, dd, sig, b = 50, 5, 1.2, 0.4
X = rng.standard_normal((n, dd)); y = X @ np.array([2, -1, 0, 0.5, 0]) + sig * rng.standard_normal(n)
from scipy.optimize import minimize
nlp = lambda z: ((y - X @ (z[:dd] - z[dd:])) ** 2).sum() / (2 * sig**2) + z.sum() / b
res = minimize(nlp, np.ones(2 * dd), bounds=[(0, None)] * (2 * dd), method="L-BFGS-B", options=dict(ftol=1e-15, gtol=1e-12, maxiter=10000))
w_map = res.x[:dd] - res.x[dd:]
lam1 = sig**2 / (n * b)
w = np.zeros(dd); L = np.linalg.eigvalsh(X.T @ X / n).max()
for _ in range(20000):
    z = w - (X.T @ (X @ w - y) / n) / L
    w = np.sign(z) * np.maximum(np.abs(z) - lam1 / L, 0)
print(f"  own: MAP (L-BFGS-B on -log posterior) vs lasso at λ₁ = σ²/(nb) (ISTA): max |Δw| = {np.abs(w_map - w).max():.1e}; zeros {np.sum(np.abs(w) < 1e-10)}")

print("== Exercise 2 ==")


def gcv_ref_np(X, y, lams, penalize_intercept=False, n_minus_1=False, center_x=True, extra=1):
    X, y = X.numpy(), y.numpy(); n, d = X.shape
    Z = np.hstack([np.ones((n, 1)), X]); D = np.eye(d + 1)
    if not penalize_intercept: D[0, 0] = 0
    out = []
    for lam in lams:
        Hm = Z @ np.linalg.solve(Z.T @ Z + n * lam * D, Z.T)
        e = y - Hm @ y
        out.append(0.5 * np.mean(e**2) / (1 - np.trace(Hm) / n) ** 2)
    return torch.tensor(out)


def centered_only_y(X, y, lams):
    n = X.shape[0]; lam = torch.as_tensor(lams, dtype=F64)
    U, s, _ = torch.linalg.svd(X, full_matrices=False); yc = y - y.mean()
    sh = s[:, None]**2 / (s[:, None]**2 + n * lam); uy = U.T @ yc
    e = (yc - U @ uy)[:, None] + U @ ((1 - sh) * uy[:, None])
    return e.pow(2).mean(0) / 2 / (1 - (1 + sh.sum(0)) / n) ** 2


def n_minus_1(X, y, lams):
    n = X.shape[0]; lam = torch.as_tensor(lams, dtype=F64)
    Xc, yc = X - X.mean(0), y - y.mean()
    U, s, _ = torch.linalg.svd(Xc, full_matrices=False)
    sh = s[:, None]**2 / (s[:, None]**2 + n * lam); uy = U.T @ yc
    e = (yc - U @ uy)[:, None] + U @ ((1 - sh) * uy[:, None])
    return e.pow(2).sum(0) / (n - 1) / 2 / (1 - (1 + sh.sum(0)) / n) ** 2


for label, f in [("own explicit hat matrix of [1 X], intercept free (right)", lambda X, y, l: gcv_ref_np(X, y, l)),
                 ("intercept penalized too", lambda X, y, l: gcv_ref_np(X, y, l, penalize_intercept=True)),
                 ("center y only, df + 1", centered_only_y),
                 ("mean of e² with n-1", n_minus_1)]:
    verdict(C.check_gcv_intercept, f, label)
X, y = d2l.nb05.load_diabetes()
grid = [float(f"{v:.3g}") for v in torch.logspace(-6, 0, 13, dtype=F64).tolist()]
g = gcv_ref_np(X, y, grid)
fine = np.logspace(-7, 0, 141)
gf = gcv_ref_np(X, y, fine)
print(f"  diabetes: y mean {y.mean():.1f}; feature mean squares {(X**2).mean(0).min():.5f}..{(X**2).mean(0).max():.5f} (sklearn's scaling, 1/442 = {1/442:.5f})")
print(f"  own GCV on the check's grid: argmin λ = {grid[int(g.argmin())]:g}; on a fine grid: {fine[int(gf.argmin())]:.3g}; "
      f"GCV(1e-5)/GCV(min) - 1 = {float(g[grid.index(1e-05)] / gf.min() - 1):.1e}; GCV at λ=1e-6 / at λ=1e-5 = {float(g[0] / g[1]):.5f}")
print(f"  in standardized-feature units λ·442·mean-square ≈ λ_std: 1e-5 ↔ {1e-5 / (X**2).mean().item():.2e}")

print("== Exercise 3 ==")
for label, f in [("w0 + ridge on residual targets (right)", lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X @ w0, s**2 / (X.shape[0] * sw**2))),
                 ("Bishop posterior mean, own code (right)", lambda X, y, w0, s, sw: torch.linalg.solve(torch.eye(X.shape[1], dtype=F64) / sw**2 + X.T @ X / s**2, w0 / sw**2 + X.T @ y / s**2)),
                 ("λ with n-1", lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X @ w0, s**2 / ((X.shape[0] - 1) * sw**2))),
                 ("w0 + ridge(X, y, λ) - ridge(X, X w0, λ) (linear in y: also right)", lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y, s**2 / (X.shape[0] * sw**2)) - d2l.ridge(X, X @ w0, s**2 / (X.shape[0] * sw**2)))]:
    verdict(C.check_map_prior_mean, f, label)

print("== Exercise 4 ==")
for label, f in [("solve(XᵀX/n + diag(s²)) (right)", lambda X, y, s: torch.linalg.solve(X.T @ X / X.shape[0] + torch.diag(s**2), X.T @ y / X.shape[0])),
                 ("ridge with one λ = max(s²)", lambda X, y, s: d2l.ridge(X, y, float((s**2).max()))),
                 ("diag(s²) scaled by mean square of X (dropout-style)", lambda X, y, s: torch.linalg.solve(X.T @ X / X.shape[0] + torch.diag(s**2 * (X**2).mean(0)), X.T @ y / X.shape[0])),
                 ("Monte Carlo: 20,000 random noisy copies", None)]:
    if f is None:
        def f(X, y, s, g=torch.Generator().manual_seed(0)):
            Xn = X + s * torch.randn(20000, *X.shape, generator=g, dtype=F64)
            return torch.linalg.lstsq(Xn.reshape(-1, X.shape[1]), y.repeat(20000)).solution
    verdict(C.check_input_noise, f, label)
# the success line says "one λ = mean(s²) for all weights would be off by 34% to 66%": how close can the BEST single λ get?
for n_, stds, seed in C._NOISE_CASES:
    Xn, yn, s = C._noise_problem(n_, stds, seed)
    Xn, yn, s = Xn.numpy(), yn.numpy(), s.numpy()
    want = np.linalg.solve(Xn.T @ Xn / n_ + np.diag(s**2), Xn.T @ yn / n_)
    rel = lambda lam: np.linalg.norm(np.linalg.solve(Xn.T @ Xn / n_ + lam * np.eye(len(s)), Xn.T @ yn / n_) - want) / np.linalg.norm(want)
    b_ = minimize_scalar(lambda t: rel(np.exp(t)), bounds=(-12, 5), method="bounded")
    print(f"  stds {stds}: λ = mean(s²) = {np.mean(s**2):.3g} -> relative gap {rel(np.mean(s**2)):.0%}; best single λ = {np.exp(b_.x):.3g} -> {b_.fun:.0%}")
