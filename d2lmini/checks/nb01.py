"""Checks for the exercises of notebook 01 (bias and variance, measured).

Each check raises ``AssertionError`` with a hint at the likely mistake, or
prints one short line when the answer is right. The reference setup is the
notebook's: ``f(x) = sin 3x + cos(5x) / 2``, degree 12, ``sigma = 0.3``,
``n = 20``, 400 training sets, seed 0, ``lambda_grid(1e-5, 10, 25, zero=False)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import torch

from ..nb01 import ridge_bias_variance, ridge_fit
from ..widgets import lambda_grid

LAMBDAS = lambda_grid(1e-5, 10, 25, zero=False)
DEGREE, SIGMA, N, NUM_SETS, SEED = 12, 0.3, 20, 400, 0


def _target(x: torch.Tensor) -> torch.Tensor:
    return torch.sin(3 * x) + 0.5 * torch.cos(5 * x)


def _exp(x: torch.Tensor) -> torch.Tensor:
    return torch.exp(2 * x)


def _require_callable(name: str, fn) -> None:
    if not callable(fn):
        raise TypeError(f"{name}: expected a function, got {type(fn).__name__}")


def _close(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.shape == b.shape and bool(torch.allclose(a, b, rtol=1e-6, atol=1e-9))


# Exercise 1 ---------------------------------------------------------------

def check_ridge_solver(my_ridge: Callable[[torch.Tensor, torch.Tensor, float], torch.Tensor]) -> None:
    """Exercise 1: ``my_ridge(Phi, y, lambd)`` minimizes the MEAN loss + ``lambd/2 ||w||^2``."""
    _require_callable("my_ridge", my_ridge)
    gen = torch.Generator().manual_seed(11)
    Phi = torch.randn(15, 6, generator=gen, dtype=torch.float64)
    y = torch.randn(15, generator=gen, dtype=torch.float64)
    n = Phi.shape[0]
    for lambd in (0.3, 2.0):
        got = my_ridge(Phi, y, lambd)
        if not isinstance(got, torch.Tensor):
            raise AssertionError(f"my_ridge should return a torch.Tensor, got {type(got).__name__}")
        if got.shape != (6,):
            if got.numel() == 6:
                raise AssertionError(f"return shape (p,) = (6,), got {tuple(got.shape)}: "
                                     "solve with Phi.T @ y (a vector), or .reshape(-1) the result")
            raise AssertionError(f"my_ridge should return p = 6 weights, got shape {tuple(got.shape)}")
        got = got.to(torch.float64)
        if _close(got, ridge_fit(Phi, y, lambd)):
            continue
        hints = [(lambd, "you solved (Phi^T Phi + lambda I) w = Phi^T y, the SUMMED-loss convention; with the "
                  "MEAN loss the matrix is Phi^T Phi + n * lambda * I"),
                 (n * lambd / 2, "the penalty lambd/2 ||w||^2 has gradient lambd * w: do not halve it again"),
                 (2 * n * lambd, "the 1/2 in lambd/2 ||w||^2 cancels the 2 from differentiating: use n * lambd"),
                 (0.0, "your weights ignore lambd: that is plain least squares, add n * lambd * I")]
        for shift, hint in hints:
            if _close(got, ridge_fit(Phi, y, shift / n)):
                raise AssertionError(hint)
        raise AssertionError("the weights do not minimize (1/n) sum (phi_i^T w - y_i)^2 / 2 + lambd/2 ||w||^2; "
                             "solve (Phi.T @ Phi + n * lambd * I) w = Phi.T @ y")
    print("Exercise 1: correct, (Phi^T Phi + n*lambda*I) w = Phi^T y.")


# Exercise 2 ---------------------------------------------------------------

def check_decompose(my_decompose: Callable[[torch.Tensor, torch.Tensor, float], tuple]) -> None:
    """Exercise 2: ``my_decompose(preds, f_test, sigma) -> (bias2, variance, noise)``."""
    _require_callable("my_decompose", my_decompose)
    gen = torch.Generator().manual_seed(12)
    R, T, sigma = 50, 30, 0.5
    f_test = torch.randn(T, generator=gen, dtype=torch.float64)
    preds = f_test + 0.3 + torch.randn(R, T, generator=gen, dtype=torch.float64) * torch.linspace(0.2, 1.5, T)
    got = my_decompose(preds, f_test, sigma)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise AssertionError("my_decompose should return a tuple (bias2, variance, noise)")
    try:
        b2, var, noise = (float(v) for v in got)
    except (TypeError, ValueError, RuntimeError) as exc:
        raise AssertionError("each of (bias2, variance, noise) should be a number (or a 1-element tensor)") from exc
    f_bar = preds.mean(dim=0)
    ref_b2 = float(((f_bar - f_test) ** 2).mean())
    ref_var = float(preds.var(dim=0, correction=0).mean())

    def near(a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)

    if near(noise, sigma):
        raise AssertionError("noise is sigma^2 (a variance), not sigma")
    if not near(noise, sigma**2):
        raise AssertionError(f"noise should be sigma^2 = {sigma**2:g} for sigma = {sigma:g}")
    if not near(b2, ref_b2):
        if near(b2, float((f_bar - f_test).mean())) or near(b2, float((f_bar - f_test).abs().mean())):
            raise AssertionError("bias2 is the mean of the SQUARED offset (f_bar - f)^2, not of the offset")
        if near(b2, float(((preds - f_test) ** 2).mean())):
            raise AssertionError("bias2 uses the AVERAGE fit f_bar = preds.mean(dim=0); you squared each fit's "
                                 "error, which is bias2 + variance")
        raise AssertionError("bias2: average the fits over training sets (dim=0) first, then take "
                             "((f_bar - f_test) ** 2).mean()")
    if not near(var, ref_var):
        if near(var, float(preds.var(dim=0).mean())):
            raise AssertionError("variance: use divisor R (correction=0), not R - 1; only then is "
                                 "bias2 + variance + noise exactly the directly computed error")
        if near(var, float(preds.var(dim=1, correction=0).mean())) or near(var, float(preds.var(dim=1).mean())):
            raise AssertionError("variance is the spread ACROSS TRAINING SETS (dim=0) at each test point, "
                                 "not the wiggle of one fit along x (dim=1)")
        raise AssertionError("variance: ((preds - f_bar) ** 2).mean() with f_bar = preds.mean(dim=0)")
    print("Exercise 2: correct, bias2 + variance + noise adds up.")


# Exercises 3-5 ------------------------------------------------------------

@lru_cache(maxsize=8)
def _best_lambda(n: int, sigma: float, target: str) -> float:
    f = {"smooth": _target, "exp": _exp}[target]
    return LAMBDAS[ridge_bias_variance(f, DEGREE, LAMBDAS, n=n, sigma=sigma, num_sets=NUM_SETS, seed=SEED).best]


def _check_best(name: str, value, n: int, sigma: float, target: str, hint_same: str) -> float:
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name}: expected a number (a lambda from the grid), got {type(value).__name__}")
    value = float(value)
    ref = _best_lambda(n, sigma, target)
    if math.isclose(value, ref, rel_tol=1e-3):
        return ref
    if value not in LAMBDAS and not any(math.isclose(value, v, rel_tol=1e-3) for v in LAMBDAS):
        raise AssertionError(f"{value:g} is not on the grid `lambdas`; report lambdas[result.best]")
    if math.isclose(value, LAMBDAS[0]) or math.isclose(value, LAMBDAS[-1]):
        raise AssertionError("an end of the grid: you probably minimized bias2 alone or variance alone (or the "
                             "training error); the best lambda minimizes bias2 + variance + noise")
    if math.isclose(value, _best_lambda(N, SIGMA, "smooth"), rel_tol=1e-3):
        raise AssertionError(hint_same)
    raise AssertionError("not the minimizer of result.total; use num_sets=400 and seed=0 as in the notebook, "
                         "and the index result.best into the grid `lambdas`")


def check_best_lambda_more_data(best_lambda: float) -> None:
    """Exercise 3: the best lambda with ``n = 80`` training points."""
    ref = _check_best("best_lambda", best_lambda, 80, SIGMA, "smooth",
                      "that is the best lambda for n = 20: pass n=80 to ridge_bias_variance")
    print(f"Exercise 3: correct, with n = 80 the best lambda is {ref:g} (less variance to suppress).")


def check_best_lambda_more_noise(best_lambda: float) -> None:
    """Exercise 4: the best lambda with noise ``sigma = 0.6``."""
    ref = _check_best("best_lambda", best_lambda, N, 0.6, "smooth",
                      "that is the best lambda for sigma = 0.3: pass sigma=0.6 to ridge_bias_variance")
    print(f"Exercise 4: correct, with sigma = 0.6 the best lambda is {ref:g} (more noise, more penalty).")


def check_best_lambda_exp_target(best_lambda: float) -> None:
    """Exercise 5: the best lambda for the target ``f(x) = exp(2x)``."""
    ref = _check_best("best_lambda", best_lambda, N, SIGMA, "exp",
                      "that is the best lambda for the smooth target: pass f_exp to ridge_bias_variance")
    print(f"Exercise 5: correct, for f(x) = exp(2x) the best lambda is {ref:g} (a large signal, less shrinkage).")
