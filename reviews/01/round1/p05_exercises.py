"""Exercises: worked solutions on edge cases, wrong/ruled-out answers fed to the notebook's checks, the steep target
re-derived independently, the 'scaling the targets' cure, and the LOO shortcut for a linear smoother that is not ridge."""
import io
import contextlib
import numpy as np
import torch
from common import *
import d2lmini.checks.nb01 as C


def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        print(f"  {label:58s}: ACCEPTED")
    except AssertionError as e:
        print(f"  {label:58s}: rejected ({str(e)[:90]}...)")
    except Exception as e:  # noqa: BLE001
        print(f"  {label:58s}: error {type(e).__name__}: {e}")


# ---- Exercise 1
def df_solution(X, lambd):                      # the notebook's worked solution
    n = X.shape[0]
    s = torch.linalg.eigvalsh(X.T @ X).clamp(min=0)
    return float((s / (s + n * lambd)).sum())


def df_hat_trace(X, lambd):                     # the method the task rules out: no eigenvalues at all
    n, d = X.shape
    return float((X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)).trace())


def df_scaled_twice(X, lambd):                  # eigenvalues of X^T X / n but shift n*lambda (double n)
    n = X.shape[0]
    s = torch.linalg.eigvalsh(X.T @ X / n)
    return float((s / (s + n * lambd)).sum())


print("Exercise 1 (check_df):")
run(C.check_df, df_solution, "worked solution")
run(C.check_df, df_hat_trace, "trace of the hat matrix (method ruled out)")
run(C.check_df, df_scaled_twice, "eig(X^T X / n) with shift n*lambda (wrong)")
Xw = torch.randn(8, 12, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
print(f"  worked solution, n=8 < d=12: lambda=1e-3 -> {df_solution(Xw, 1e-3):.4f}; lambda=0 -> {df_solution(Xw, 0.0)} "
      f"(rank = 8; lambda = 0 is outside the formula when n < d, and the check never tries it)")

# ---- Exercise 2
def loo_solution(X, y, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean())


def loo_refit(X, y, lambd):                     # the method the task rules out: n refits
    n, d = X.shape
    out = []
    for i in range(n):
        k = torch.arange(n) != i
        w = torch.linalg.solve(X[k].T @ X[k] + n * lambd * torch.eye(d, dtype=X.dtype), X[k].T @ y[k])
        out.append(float((y[i] - X[i] @ w) ** 2))
    return sum(out) / n


print("Exercise 2 (check_loo):")
run(C.check_loo, loo_solution, "worked solution")
run(C.check_loo, loo_refit, "brute-force refits (method ruled out)")

# the statement 'any fit y_hat = H y whose hat matrix does not depend on the labels': k-nearest-neighbour regression
rng = np.random.default_rng(0)
xs = np.sort(rng.uniform(-1, 1, 20)); ys = f(xs) + 0.3 * rng.standard_normal(20)
k = 3
D = np.abs(xs[:, None] - xs[None, :])
H = np.zeros((20, 20))
for i in range(20):
    H[i, np.argsort(D[i])[:k]] = 1 / k          # k nearest including itself: H independent of the labels
short = np.mean(((ys - H @ ys) / (1 - np.diag(H))) ** 2)
brute = np.mean([(ys[i] - ys[np.argsort(np.where(np.arange(20) == i, np.inf, D[i]))[:k]].mean()) ** 2 for i in range(20)])
print(f"  3-NN regression (H fixed by the inputs): shortcut LOO {short:.4f} vs brute-force LOO {brute:.4f}")

# ---- Exercise 3
def free_solution(X, y, lambd):
    n, d = X.shape[-2:]
    D = torch.eye(d, dtype=X.dtype); D[0, 0] = 0.0
    return torch.linalg.solve(X.mT @ X + n * lambd * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)


def free_centered(X, y, lambd):                 # equivalent formulation: centre columns 1.. and y, ridge, then w_0
    n, d = X.shape[-2:]
    Z = X[..., 1:] - X[..., 1:].mean(-2, keepdim=True)
    w = torch.linalg.solve(Z.mT @ Z + n * lambd * torch.eye(d - 1, dtype=X.dtype),
                           Z.mT @ (y - y.mean(-1, keepdim=True)).unsqueeze(-1)).squeeze(-1)
    w0 = (y.mean(-1) - (X[..., 1:].mean(-2) * w).sum(-1)) / X[..., 0].mean(-1)
    return torch.cat([w0.unsqueeze(-1), w], -1)


print("Exercise 3 (check_free_intercept):")
run(C.check_free_intercept, free_solution, "worked solution")
run(C.check_free_intercept, free_centered, "centering (exact when column 0 is constant, like P_0)")
xl, yl = draw(f, 3, N, SIGMA, 0)
Xl, Yl = torch.tensor(features(xl, DEG)), torch.tensor(yl)
print(f"  on the notebook's Legendre design (P_0 = 1): max |centering - worked solution| = "
      f"{float((free_centered(Xl, Yl, 0.1) - free_solution(Xl, Yl, 0.1)).abs().max()):.1e}")


def sweep(fun, pen, sigma=SIGMA, scale=1.0):
    x, y = draw(fun, R, N, sigma, 0)
    y, fx = scale * y, scale * fun(x)
    X, Xt, ft = features(x, DEG), features(x_test, DEG), scale * fun(x_test)
    tot, b2 = [], []
    for l in LAMBDAS:
        p = ridge(X, y, l, pen) @ Xt.T
        c = ridge(X, fx, l, pen) @ Xt.T
        tot.append(((p - ft) ** 2).mean() + (scale * sigma) ** 2)
        b2.append((((c.mean(0) - ft) ** 2) - c.var(0, ddof=1) / R).mean())
    tot, b2 = np.array(tot), np.array(b2)
    k = int(np.argmin(tot))
    return k, tot, b2, (scale * sigma) ** 2


fexp = lambda t: np.exp(2 * t)  # noqa: E731
Dfree = np.eye(DEG + 1); Dfree[0, 0] = 0
for name, pen in [("P_0 penalized", None), ("P_0 free", Dfree)]:
    k, tot, b2, noise = sweep(fexp, pen)
    v = tot[k] - b2[k] - noise
    print(f"steep target, {name}: best lambda {LAMBDAS[k]:g}, error {tot[k]:.4g} = bias2 {b2[k]:.3g} ({b2[k]/tot[k]:.0%}) "
          f"+ variance {v:.3g} ({v/tot[k]:.0%}) + noise ({noise/tot[k]:.0%})")
    if pen is None:
        k0, tot0, b20, _ = sweep(fexp, None, sigma=0.0)
        print(f"   same lambda, sigma = 0: variance {tot0[k] - b20[k]:.3g}")
for scale in [1.0, 1 / 7.389, 1 / 3.0]:
    k, tot, b2, noise = sweep(fexp, None, scale=scale)
    v = tot[k] - b2[k] - noise
    print(f"targets scaled by {scale:.4g}: best lambda {LAMBDAS[k]:g}; error / scale^2 {tot[k]/scale**2:.4g}; "
          f"shares bias2 {b2[k]/tot[k]:.1%}, variance {v/tot[k]:.1%}, noise {noise/tot[k]:.1%}")

# ---- Exercise 4
src = open(C.__file__).read()
i = src.index("def check_training_error")
print("Exercise 4: check_training_error body mentions 'randn' for labels / Monte Carlo:",
      "torch.randn(6" in src[i:] and "eps" in src[i:], "| compares with _reference_training_error (exact formula):",
      "_reference_training_error(X, w_star, sigma, lambd)" in src[i:])
