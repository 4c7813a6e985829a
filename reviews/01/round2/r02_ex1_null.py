"""Fixer's probe (round 2, D4): the old and new worked solutions of exercise 01.1 at λ = 0 with n < d, against tr H."""
import torch

from d2lmini.checks import nb01 as pub


def old(s, n, lambd):
    s = s.clamp(min=0)
    return float(torch.where(s > 0, s / (s + n * lambd), torch.zeros_like(s)).sum())


def new(s, n, lambd):
    keep = s > s.max() * len(s) * torch.finfo(s.dtype).eps
    return float(torch.where(keep, s / (s + n * lambd), torch.zeros_like(s)).sum())


for n, d, seed in [(8, 12, 3), (6, 15, 62), (10, 13, 64), (30, 5, 2)]:
    X = pub.design(n, d, seed)
    s = torch.linalg.eigvalsh(X.T @ X).clamp(min=0)
    rank = int(torch.linalg.matrix_rank(X))
    row = [f"n={n} d={d}: rank {rank}, old {old(s, n, 0.0):.6g}, new {new(s, n, 0.0):.6g}"]
    for lam in (1e-8, 0.1):
        H = X @ torch.linalg.solve(X.T @ X + n * lam * torch.eye(d, dtype=X.dtype), X.T)
        row.append(f"λ={lam:g}: tr H {float(H.trace()):.6g}, new {new(s, n, lam):.6g}")
    s32 = s.float()
    row.append(f"float32 eigenvalues, λ=0: new {new(s32, n, 0.0):.6g}")
    print("; ".join(row))
