"""Probe 1: re-derive §1-§6 numbers with plain numpy/scipy (no d2lmini helpers).

Data: regenerated with the recipe stated in the notebook (torch.Generator(seed 0), randn(100,2) @ chol.T,
y = X w + 0.5 eps): the only torch use; everything after is numpy/scipy.
"""
import numpy as np, torch
from scipy.optimize import brentq, minimize
torch.set_num_threads(1)
np.set_printoptions(precision=6, suppress=True)

g = torch.Generator().manual_seed(0)
rho = 0.8
chol = torch.tensor([[1.0, 0.0], [rho, (1 - rho**2) ** 0.5]], dtype=torch.float64)
X = (torch.randn(100, 2, generator=g, dtype=torch.float64) @ chol.T)
y = X @ torch.tensor([1.0, 0.3], dtype=torch.float64) + 0.5 * torch.randn(100, generator=g, dtype=torch.float64)
X, y = X.numpy(), y.numpy()
n = len(y)
H, b = X.T @ X / n, X.T @ y / n
loss = lambda w: 0.5 * np.mean((X @ w - y) ** 2)
w_hat = np.linalg.lstsq(X, y, rcond=None)[0]
print("H =", H.round(4).tolist(), " sample corr of features =", round(np.corrcoef(X.T)[0, 1], 4))
print("w_hat =", w_hat, " ||w_hat||^2 =", round(w_hat @ w_hat, 4), " L(w_hat) =", round(loss(w_hat), 4))

ridge = lambda lam: np.linalg.solve(X.T @ X + n * lam * np.eye(2), X.T @ y)
print("w(1) =", ridge(1.0), "  w(100) =", ridge(100.0))
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 2, 41)]
sq = np.array([ridge(l) @ ridge(l) for l in grid])
print("||w(lam)||^2 strictly decreasing on the grid:", bool(np.all(np.diff(sq) < 0)))

# ---- lambda(theta): root of the secular equation by brentq (not bisection), constrained solution by SLSQP
def lam_of(theta):
    if w_hat @ w_hat <= theta:
        return 0.0
    return brentq(lambda l: ridge(l) @ ridge(l) - theta, 0.0, 1e3, xtol=1e-15, rtol=1e-15)

def slsqp(theta):
    r = minimize(loss, np.zeros(2), jac=lambda w: H @ w - b, method="SLSQP",
                 constraints=[{"type": "ineq", "fun": lambda w: theta - w @ w, "jac": lambda w: -2 * w}],
                 options={"ftol": 1e-15, "maxiter": 1000})
    return r.x

print("\ntheta  lam(theta)  mu_from_SLSQP   w_SLSQP          |w_SLSQP - ridge(lam)|")
for theta in [0.1, 0.3, 0.6, 1.0, 2.0, 0.5]:
    lt = lam_of(theta)
    w = slsqp(theta)
    mu = -(H @ w - b) @ w / (w @ w)
    print(f"{theta:<5} {lt:<11.5g} {mu:<14.5g} {np.array2string(w, precision=5):<18} {np.abs(w - ridge(lt)).max():.1e}")

# ---- stationary points of L on the circle ||w||^2 = 0.3 (dense angle grid): how many, and their mu
theta = 0.3
r = theta ** 0.5
phi = np.linspace(0, 2 * np.pi, 2_000_001)[:-1]
W = r * np.stack([np.cos(phi), np.sin(phi)], 1)
Ls = 0.5 * np.einsum("ij,jk,ik->i", W, H, W) - W @ b + 0.5 * np.mean(y**2)
dL = np.roll(Ls, -1) - Ls
ext = np.where(np.sign(dL) != np.sign(np.roll(dL, 1)))[0]
print(f"\ncircle ||w||^2 = {theta}: {len(ext)} stationary points of L along the circle (grid of 2e6 angles)")
for k in ext:
    w = W[k]
    mu = -(H @ w - b) @ w / theta
    print(f"  w = {w.round(4)}  L = {Ls[k]:.4g}  mu = {mu:.4g}")
print(f"  min L on circle {Ls.min():.4g} at {W[Ls.argmin()].round(4)};  max L {Ls.max():.4g} at {W[Ls.argmax()].round(4)}")
# secular equation roots: ||(H + mu I)^-1 b||^2 = theta has roots in (-h1, inf), (-inf, -h2), and 0 or 2 in (-h2, -h1)
h, Q = np.linalg.eigh(H)
bq = Q.T @ b
f = lambda mu: np.sum(bq**2 / (h + mu) ** 2) - theta
mus = np.linspace(-h[1] + 1e-6, -h[0] - 1e-6, 200001)
print(f"  min over (-h2,-h1) of ||(H+mu I)^-1 b||^2 = {min(np.sum(bq**2/(h+m)**2) for m in mus[::100]):.4g} vs theta = {theta}")

# ---- the 'Lagrangian - penalized = -lam*theta/2' check of cell 11 cannot fail: it passes for ANY lam and ANY w
rng = np.random.default_rng(0)
Wr = rng.normal(size=(1000, 2))
for lam_wrong in [1.419, 123.0, -5.0]:
    Lw = 0.5 * np.einsum("ij,jk,ik->i", Wr, H, Wr) - Wr @ b
    lag = Lw + lam_wrong / 2 * ((Wr**2).sum(1) - theta)
    pen = Lw + lam_wrong / 2 * (Wr**2).sum(1)
    print(f"cell-11 identity with lam = {lam_wrong}: max|lag - pen + lam*theta/2| = {np.abs(lag - pen + lam_wrong*theta/2).max():.1e}")
