"""Checks for the exercises of notebook 01 (bias and variance, measured).

Every check calls the learner's function on NEW data (random designs, not the notebook's printed
numbers), compares with a private reference, and names the likely mistake. The notebook's setup is
read from ``d2lmini.nb01.SETUP``.
"""

from __future__ import annotations

import math

import torch

from ..linreg import ridge
from ..nb01 import SETUP, draw_training_sets, legendre_features, ridge_bias_variance
from . import as_number as _number
from . import exercise, fail


def _design(n: int, d: int, seed: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(n, d, generator=gen, dtype=torch.float64) * torch.linspace(0.3, 2.0, d, dtype=torch.float64)



def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def _hat(X: torch.Tensor, lambd: float) -> torch.Tensor:
    n, d = X.shape
    return X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)


# Exercise 1 -----------------------------------------------------------------------------------

def _reference_df(X: torch.Tensor, lambd: float) -> float:
    return float(_hat(X, lambd).trace())


@exercise("01.1")
def check_df(df_from_eigenvalues) -> str:
    """``df_from_eigenvalues(X, lambd)`` equals ``tr X (X^T X + n lambd I)^-1 X^T``."""
    cases = [(_design(20, 8, 1), 0.05), (_design(20, 8, 1), 1.0), (_design(30, 5, 2), 0.0),
             (_design(8, 12, 3), 0.1)]  # the last one has n < d
    for X, lambd in cases:
        n, d = X.shape
        got = _number("df_from_eigenvalues", df_from_eigenvalues(X.clone(), lambd))
        want = _reference_df(X, lambd)
        if _close(got, want):
            continue
        s = torch.linalg.eigvalsh(X.T @ X).clamp(min=0)
        where = f"for a {n}x{d} design at λ = {lambd:g}: got {got:.4g}, expected {want:.4g}"
        if _close(got, float((s / (s + lambd)).sum())):
            fail(where, "that is the summed-loss convention; with the MEAN loss the shift is n·λ, not λ")
        if _close(got, float((s.sqrt() / (s.sqrt() + n * lambd)).sum())):
            fail(where, "use the eigenvalues of X^T X (squared singular values of X), not the singular values")
        if _close(got, float(min(n, d))) or _close(got, float(d)):
            fail(where, "your df does not depend on λ: each eigenvalue contributes s_j / (s_j + n·λ)")
        if _close(got, float((n * lambd / (s + n * lambd)).sum())):
            fail(where, "that is d − df: each eigenvalue contributes s_j / (s_j + n·λ), not n·λ / (s_j + n·λ)")
        fail(where, "tr X A^-1 X^T = tr A^-1 X^T X; in the eigenbasis of X^T X that is sum_j s_j / (s_j + n·λ)")
    return "df(λ) = Σ s_j / (s_j + n·λ), on 4 designs (one with n < d)."


# Exercise 2 -----------------------------------------------------------------------------------

def _reference_loo(X: torch.Tensor, y: torch.Tensor, lambd: float) -> float:
    n, d = X.shape
    errors = []
    for i in range(n):  # brute force: refit without point i, penalty n·λ as for the full set
        keep = torch.arange(n) != i
        Xi, yi = X[keep], y[keep]
        w = torch.linalg.solve(Xi.T @ Xi + n * lambd * torch.eye(d, dtype=X.dtype), Xi.T @ yi)
        errors.append(float((y[i] - X[i] @ w) ** 2))
    return sum(errors) / n


@exercise("01.2")
def check_loo(loo_error) -> str:
    """``loo_error(X, y, lambd)``: mean squared leave-one-out residual of ridge, without refitting."""
    gen = torch.Generator().manual_seed(5)
    X = _design(15, 6, 4)
    y = X @ torch.randn(6, generator=gen, dtype=torch.float64) + 0.5 * torch.randn(15, generator=gen,
                                                                                     dtype=torch.float64)
    for lambd in (0.01, 0.3):
        got = _number("loo_error", loo_error(X.clone(), y.clone(), lambd))
        want = _reference_loo(X, y, lambd)
        if _close(got, want):
            continue
        H = _hat(X, lambd)
        r, h = y - H @ y, H.diagonal()
        where = f"at λ = {lambd:g}: got {got:.4g}, expected {want:.4g}"
        if _close(got, float((r**2).mean())):
            fail(where, "that is the training error; divide each residual by 1 − H_ii before squaring")
        if _close(got, float((r**2 / (1 - h)).mean())):
            fail(where, "divide the residual by (1 − H_ii) and THEN square: the factor appears squared")
        if _close(got, float((r**2).mean() / (1 - h.mean()) ** 2)):
            fail(where, "that is generalized cross-validation (the average leverage df/n for every point); "
                        "leave-one-out uses each point's own H_ii")
        n, d = X.shape
        Hs = X @ torch.linalg.solve(X.T @ X + lambd * torch.eye(d, dtype=X.dtype), X.T)
        if _close(got, float((((y - Hs @ y) / (1 - Hs.diagonal())) ** 2).mean())):
            fail(where, "your hat matrix uses λ instead of n·λ (the summed-loss convention)")
        fail(where, "LOO residual_i = (y_i − ŷ_i) / (1 − H_ii) with H = X (X^T X + n·λ I)^-1 X^T")
    S = SETUP
    x, yy = draw_training_sets(S.target, S.num_sets, S.n, S.sigma, S.seed)  # set 0 of the notebook's 400
    X0, y0 = legendre_features(x[0], S.degree), yy[0]
    lambdas = list(S.lambdas)
    loo = [_number("loo_error", loo_error(X0, y0, lam)) for lam in lambdas]
    k = min(range(len(lambdas)), key=loo.__getitem__)
    x_test = torch.linspace(-1, 1, S.num_test, dtype=torch.float64)
    X_test, f_test = legendre_features(x_test, S.degree), S.target(x_test)
    test = [float(((X_test @ ridge(X0, y0, lam) - f_test) ** 2).mean()) + S.sigma**2 for lam in lambdas]
    return (f"matches brute-force refits. On training set 0 alone, LOO picks λ = {lambdas[k]:g}: expected test "
            f"error {test[k]:.4g} (the best λ for this set gives {min(test):.4g}).")


# Exercise 3 -----------------------------------------------------------------------------------

def _reference_free_intercept(X: torch.Tensor, y: torch.Tensor, lambd: float) -> torch.Tensor:
    n, d = X.shape[-2:]
    D = torch.diag(torch.cat([torch.zeros(1, dtype=X.dtype), torch.ones(d - 1, dtype=X.dtype)]))
    return torch.linalg.solve(X.mT @ X + n * lambd * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)


def _f_exp(x: torch.Tensor) -> torch.Tensor:
    return torch.exp(2 * x)


@exercise("01.3")
def check_free_intercept(ridge_free_intercept) -> str:
    """``ridge_free_intercept(X, y, lambd)``: ridge without a penalty on the first weight, batched."""
    gen = torch.Generator().manual_seed(6)
    X = _design(12, 5, 7) + 1.0  # a column-0-heavy design: the intercept matters
    X = torch.stack([X, X.flip(0)])  # a batch of two sets, (2, 12, 5)
    y = 3.0 + torch.randn(2, 12, generator=gen, dtype=torch.float64)
    lambd = 0.4
    got = ridge_free_intercept(X.clone(), y.clone(), lambd)
    if not isinstance(got, torch.Tensor):
        fail(f"ridge_free_intercept returned {type(got).__name__}", "return the weights as a torch.Tensor")
    if got.shape != (2, 5):
        fail(f"for X of shape (2, 12, 5) the result has shape {tuple(got.shape)}, expected (2, 5)",
             "work on the last two dimensions (X.mT, y.unsqueeze(-1)) so a batch of sets works like d2l.ridge")
    want = _reference_free_intercept(X, y, lambd)
    if not torch.allclose(got.to(torch.float64), want, rtol=1e-6, atol=1e-9):
        got = got.to(torch.float64)
        if torch.allclose(got, ridge(X, y, lambd), rtol=1e-6, atol=1e-9):
            fail("these are the weights of d2l.ridge", "the first weight (of P_0) must not be penalized: "
                                                         "zero the (0, 0) entry of the penalty matrix")
        n = X.shape[-2]
        if torch.allclose(got, _reference_free_intercept(X, y, lambd / n), rtol=1e-6, atol=1e-9):
            fail("the penalty is λ·D instead of n·λ·D", "with the MEAN loss the normal equations carry n·λ")
        D_only0 = torch.zeros(5, 5, dtype=X.dtype)
        D_only0[0, 0] = 1.0
        only0 = torch.linalg.solve(X.mT @ X + n * lambd * D_only0, X.mT @ y.unsqueeze(-1)).squeeze(-1)
        if torch.allclose(got, only0, rtol=1e-6, atol=1e-9):
            fail("only the first weight is penalized", "it is the other way round: penalize w_1 ... w_{d-1}, not w_0")
        if bool((got[..., 0].abs() < 1e-12).all()):
            fail("the first weight is 0", "unpenalized means free to take any value, not removed")
        fail("the weights do not minimize the mean loss + λ/2 Σ_{j≥1} w_j²",
             "solve (X^T X + n·λ·D) w = X^T y with D = I except D[0, 0] = 0")
    free = ridge_bias_variance(_f_exp, solver=ridge_free_intercept)
    k = free.best
    return (f"P_0 unpenalized. For f = exp(2x) the best expected test error is {free.total[k]:.4g} "
            f"at λ = {free.lambdas[k]:g} (compare the penalized P_0 above); variance is still "
            f"{free.variance[k] / free.total[k]:.0%} of it, bias² {free.bias2[k] / free.total[k]:.0%}.")


# Exercise 4 -----------------------------------------------------------------------------------

def _reference_training_error(X: torch.Tensor, w_star: torch.Tensor, sigma: float, lambd: float) -> float:
    n = X.shape[0]
    M = torch.eye(n, dtype=X.dtype) - _hat(X, lambd)
    return float(((M @ X @ w_star) ** 2).sum() / n + sigma**2 * (M @ M).trace() / n)


@exercise("01.4")
def check_training_error(expected_training_error) -> str:
    """``expected_training_error(X, w_star, sigma, lambd)``: E mean (y - y_hat)^2 for a fixed design."""
    gen = torch.Generator().manual_seed(8)
    X = _design(16, 6, 9)
    w_star = torch.randn(6, generator=gen, dtype=torch.float64)
    sigma = 0.7
    for lambd in (0.0, 0.05, 0.5):
        got = _number("expected_training_error", expected_training_error(X.clone(), w_star.clone(), sigma, lambd))
        want = _reference_training_error(X, w_star, sigma, lambd)
        if _close(got, want):
            continue
        n, d = X.shape
        H = _hat(X, lambd)
        M = torch.eye(n, dtype=X.dtype) - H
        bias = float(((M @ X @ w_star) ** 2).sum() / n)
        df = float(H.trace())
        where = f"at λ = {lambd:g}: got {got:.4g}, expected {want:.4g}"
        if _close(got, sigma**2 * (1 - d / n)) or _close(got, bias + sigma**2 * (1 - d / n)):
            fail(where, "σ²(1 − d/n) holds at λ = 0 only; for λ > 0 use tr((I − H)²)")
        if _close(got, bias + sigma**2 * (1 - df / n)):
            fail(where, "E ε^T (I − H)^2 ε = tr((I − H)^2) = n − 2 df + tr(H^2), not n − df: (I − H) is no "
                        "projection when λ > 0")
        if _close(got, sigma**2 * float((M @ M).trace()) / n):
            fail(where, "the bias part ||(I − H) X w*||² / n is missing")
        if _close(got, bias + sigma * float((M @ M).trace()) / n):
            fail(where, "the noise enters as σ² (a variance), not σ")
        if _close(got, want / 2):
            fail(where, "the training error here is the mean squared error WITHOUT the ½")
        fail(where, "expand y − ŷ = (I − H)(X w* + σ ε) and take the expectation over ε")
    return "E training error = ||(I − H) X w*||²/n + σ² tr((I − H)²)/n; at λ = 0: σ²(1 − d/n)."
