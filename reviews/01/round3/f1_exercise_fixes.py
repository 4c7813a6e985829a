"""Fixer probe (round 3, D2 and D3): the reviewer's accepted wrong answers against the changed checks.

D2: a brute-force LOO that refits with numpy.linalg.solve must be rejected; one fit (torch or numpy) accepted.
D3: the naive sum clamped at min(n, d) and an absolute cut-off s > 1e-8 must be rejected; the worked solution
accepted, and robust over many seeds of the new case kinds (repeated column with n > d; design scaled by 1e-6).
"""
import numpy as np
import torch

import d2lmini.checks.nb01 as c

torch.set_num_threads(1)


def verdict(name, check, fn):
    try:
        check(fn)
        print(f"{name}: ACCEPTED")
    except AssertionError as e:
        print(f"{name}: REJECTED ({str(e).splitlines()[0][:110]})")


def loo_numpy_refits(X, y, lambd):
    A, b = X.numpy(), y.numpy()
    n, d = A.shape
    e = []
    for i in range(n):
        k = np.arange(n) != i
        w = np.linalg.solve(A[k].T @ A[k] + n * lambd * np.eye(d), A[k].T @ b[k])
        e.append(float((b[i] - A[i] @ w) ** 2))
    return sum(e) / n


def loo_numpy_one_fit(X, y, lambd):
    A, b = X.numpy(), y.numpy()
    n, d = A.shape
    H = A @ np.linalg.solve(A.T @ A + n * lambd * np.eye(d), A.T)
    return float((((b - H @ b) / (1 - np.diag(H))) ** 2).mean())


def df_solution(s, n, lambd):
    keep = s > s.max() * len(s) * torch.finfo(s.dtype).eps
    return float(torch.where(keep, s / (s + n * lambd), torch.zeros_like(s)).sum())


def df_clamped(s, n, lambd):
    return min(float((s / (s + n * lambd)).nan_to_num(0.0).sum()), float(min(n, len(s))))


def df_absolute(s, n, lambd):
    return float(torch.where(s > 1e-8, s / (s + n * lambd), torch.zeros_like(s)).sum())


verdict("D2 LOO, n refits with numpy.linalg.solve", c.check_loo_error, loo_numpy_refits)
verdict("D2 LOO, one fit with numpy", c.check_loo_error, loo_numpy_one_fit)
verdict("D3 df, naive clamped at min(n, d)", c.check_df_from_eigenvalues, df_clamped)
verdict("D3 df, absolute cut-off s > 1e-8", c.check_df_from_eigenvalues, df_absolute)
verdict("D3 df, worked solution", c.check_df_from_eigenvalues, df_solution)

bad, worst, total = 0, 0.0, 0
for seed in range(1000):
    for n, d in [(30, 5), (35, 7), (20, 8), (50, 12)]:
        s = torch.linalg.eigvalsh(c.df_design({"n": n, "d": d, "seed": seed, "repeat": True}).mT
                                  @ c.df_design({"n": n, "d": d, "seed": seed, "repeat": True})).abs()
        worst = max(worst, float(s[0] / s.max()))
        bad += round(df_solution(s, n, 0.0)) != d - 1
        total += 1
print(f"repeated column, λ = 0, {total} designs: worked solution wrong on {bad}; largest |null|/max eigenvalue ratio "
      f"{worst:.2g} (its cut-off: d·eps = {5 * torch.finfo(torch.float64).eps:.2g} to "
      f"{12 * torch.finfo(torch.float64).eps:.2g})")
bad = 0
for seed in range(500):
    for n, d in [(8, 12), (9, 14)]:
        X = c.df_design({"n": n, "d": d, "seed": seed, "scale": 1e-6})
        bad += round(df_solution(torch.linalg.eigvalsh(X.T @ X).abs(), n, 0.0)) != n
print(f"scaled by 1e-6, n < d, λ = 0, 1000 designs: worked solution wrong on {bad}")
