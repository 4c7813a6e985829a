"""References, typical mistakes and hidden cases of notebook 01's exercises (bias and variance, measured)."""

from __future__ import annotations

import torch

from d2lmini.checks import nb01 as public

F64 = torch.float64


def _hat(X: torch.Tensor, lambd: float) -> torch.Tensor:
    n, d = X.shape
    return X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)


# --------------------------------------------------------------------------- 01.1: the trace of the hat matrix
def df_by_trace(c: dict) -> list[float]:
    X = public.df_design(c)
    if c["lambd"] == 0:           # λ = 0: the hat matrix is the projection onto X's columns; df = rank
        return [float(torch.linalg.matrix_rank(X))]
    return [float(_hat(X, c["lambd"]).trace())]


# --------------------------------------------------------------------------- 01.2: refit n times
def loo_by_refits(c: dict) -> list[float]:
    X, y, lambd = public._loo_inputs(c)
    n, d = X.shape
    errors = []
    for i in range(n):              # brute force: refit without point i, penalty n·λ as for the full set
        keep = torch.arange(n) != i
        w = torch.linalg.solve(X[keep].T @ X[keep] + n * lambd * torch.eye(d, dtype=F64), X[keep].T @ y[keep])
        errors.append(float((y[i] - X[i] @ w) ** 2))
    return [sum(errors) / n]


def _loo(variant):
    def loo_error(X, y, lambd):
        n, d = X.shape
        scale = 1 if variant == "summed" else n
        H = X @ torch.linalg.solve(X.T @ X + scale * lambd * torch.eye(d, dtype=X.dtype), X.T)
        r, h = y - H @ y, H.diagonal()
        return float({"training": (r ** 2).mean(), "unsquared": (r ** 2 / (1 - h)).mean(),
                      "gcv": (r ** 2).mean() / (1 - h.mean()) ** 2}.get(variant, ((r / (1 - h)) ** 2).mean()))
    return loo_error


# --------------------------------------------------------------------------- 01.3: augmented least squares
def free_by_lstsq(c: dict) -> list[float]:
    """Least squares on [X; √(nλ)·E] w ≈ [y; 0], E = the rows j ≥ 1 of the identity (no penalty matrix solved)."""
    X, y, lambd = public._free_inputs(c)
    Xs, ys = (X, y) if X.dim() == 3 else (X[None], y[None])
    out = []
    for Xb, yb in zip(Xs, ys, strict=True):
        n, d = Xb.shape
        E = torch.eye(d, dtype=F64)[1:] * (n * lambd) ** 0.5
        A, b = torch.cat([Xb, E]), torch.cat([yb, torch.zeros(d - 1, dtype=F64)])
        out.append(torch.linalg.lstsq(A, b.unsqueeze(-1)).solution.squeeze(-1))
    return [float(v) for v in torch.stack(out).reshape(-1)]


def _free(variant):
    def ridge_free_intercept(X, y, lambd):
        n, d = X.shape[-2:]
        D = torch.eye(d, dtype=X.dtype)
        if variant == "only_first":
            D = torch.zeros(d, d, dtype=X.dtype)
            D[0, 0] = 1.0
        elif variant != "all_penalized":
            D[0, 0] = 0.0
        scale = 1 if variant == "no_n" else n
        if variant == "first_zero":
            w = torch.linalg.solve(X[..., 1:].mT @ X[..., 1:] + n * lambd * torch.eye(d - 1, dtype=X.dtype),
                                   X[..., 1:].mT @ y.unsqueeze(-1)).squeeze(-1)
            return torch.cat([torch.zeros_like(w[..., :1]), w], -1)
        if variant == "first_set_only" and X.dim() == 3:
            w = torch.linalg.solve(X[0].T @ X[0] + n * lambd * D, X[0].T @ y[0])
            return w.expand(X.shape[0], d).clone()
        return torch.linalg.solve(X.mT @ X + scale * lambd * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
    return ridge_free_intercept


# --------------------------------------------------------------------------- 01.4: the expectation via the SVD
def training_error_by_svd(c: dict) -> list[float]:
    """E ‖y − ŷ‖²/n with the residual maker written in X's singular basis (no solve)."""
    X, w, sigma, lambd = public._train_inputs(c)
    n, d = X.shape
    U, s, _ = torch.linalg.svd(X, full_matrices=True)
    shrink = torch.zeros(n, dtype=F64)
    shrink[: len(s)] = s ** 2 / (s ** 2 + n * lambd) if lambd > 0 else (s > 1e-12).to(F64)
    keep = 1 - shrink                                   # I − H = U diag(1 − s²/(s² + nλ)) Uᵀ
    signal = U.T @ (X @ w)
    return [float((keep ** 2 * signal ** 2).sum() / n + sigma ** 2 * (keep ** 2).sum() / n)]


def _train(variant):
    def expected_training_error(X, w_star, sigma, lambd):
        n, d = X.shape
        H = _hat(X, lambd)
        M = torch.eye(n, dtype=X.dtype) - H
        bias = float(((M @ X @ w_star) ** 2).sum() / n)
        df = float(H.trace())
        return {"lambda0": bias + sigma ** 2 * (1 - d / n), "projection": bias + sigma ** 2 * (1 - df / n),
                "no_bias": sigma ** 2 * float((M @ M).trace()) / n,
                "sigma_not_squared": bias + sigma * float((M @ M).trace()) / n,
                "half": (bias + sigma ** 2 * float((M @ M).trace()) / n) / 2}[variant]
    return expected_training_error


REFERENCES = {"01.1": df_by_trace, "01.2": loo_by_refits, "01.3": free_by_lstsq, "01.4": training_error_by_svd}

MISTAKES = {
    "01.1": {
        "summed": lambda s, n, lambd: float((s / (s + lambd)).sum()),
        "singular_values": lambda s, n, lambd: float((s.sqrt() / (s.sqrt() + n * lambd)).sum()),
        "constant": lambda s, n, lambd: float(len(s)),
        "complement": lambda s, n, lambd: float((n * lambd / (s + n * lambd)).sum()),
        "null_counted": lambda s, n, lambd: float(torch.where(s > 0, s / (s + n * lambd), torch.zeros_like(s)).sum()),
        "clamped": lambda s, n, lambd: min(float((s / (s + n * lambd)).nan_to_num(0.0).sum()), float(min(n, len(s)))),
        "absolute_cutoff": lambda s, n, lambd: float(torch.where(s > 1e-8, s / (s + n * lambd),
                                                                 torch.zeros_like(s)).sum()),
    },
    "01.2": {k: _loo(k) for k in ("training", "unsquared", "gcv", "summed")},
    "01.3": {k: _free(k) for k in ("all_penalized", "no_n", "only_first", "first_zero", "first_set_only")},
    "01.4": {k: _train(k) for k in ("lambda0", "projection", "no_bias", "sigma_not_squared", "half")},
}

HIDDEN = {
    "01.1": [{"n": 25, "d": 9, "seed": 61, "lambd": 0.02}, {"n": 6, "d": 15, "seed": 62, "lambd": 0.3},
             {"n": 40, "d": 3, "seed": 63, "lambd": 2.0}, {"n": 10, "d": 13, "seed": 64, "lambd": 0.0},
             {"n": 35, "d": 7, "seed": 65, "lambd": 0.0, "repeat": True},
             {"n": 9, "d": 14, "seed": 66, "lambd": 0.0, "scale": 1e-6}],
    "01.2": [{"n": 12, "d": 4, "seed": 71, "noise": 0.3, "lambd": 0.2}, {"n": 30, "d": 12, "seed": 72, "noise": 2.0,
                                                                         "lambd": 0.02}],
    "01.3": [{"n": 14, "d": 6, "seed": 81, "offset": 0.5, "shift": 5.0, "lambd": 0.1, "batch": 2},
             {"n": 9, "d": 7, "seed": 82, "offset": 3.0, "shift": 2.0, "lambd": 1.5, "batch": 0}],
    "01.4": [{"n": 20, "d": 8, "seed": 91, "w_scale": 2.0, "sigma": 0.4, "lambd": 0.1},
             {"n": 12, "d": 3, "seed": 92, "w_scale": 0.5, "sigma": 1.3, "lambd": 1.0}],
}

FORMULAS = {
    "01.1": ["s / (s + n", "s_j / (s_j + n", "s_j/(s_j+nλ)"],
    "01.2": ["/ (1 - H", "(1 − H_ii)", "/(1 − H_ii)"],
    "01.4": ["tr((I − H)²)", "n − 2 df", "(M @ M).trace()"],
}
