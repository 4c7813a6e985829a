"""Bias and variance of ridge regression on fixed features, measured and exact.

Conventions (the same as the weight-decay notebooks): ridge with strength
``lambd`` minimises the *mean* loss plus the penalty,

    L(w) = (1/n) * sum_i (phi(x_i)^T w - y_i)^2 / 2 + lambd * ||w||^2 / 2,

so the normal equations are ``(Phi^T Phi + n * lambd * I) w = Phi^T y``
(the textbook "sum" form uses ``lambd_sum = n * lambd``). Errors reported
here are mean squared errors *without* the 1/2.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from ._validate import require_int, require_lambda, require_real, require_tensor


def legendre_features(x: torch.Tensor, degree: int) -> torch.Tensor:
    """Legendre polynomials ``P_0 .. P_degree`` of ``x`` in [-1, 1], scaled by ``sqrt(2k + 1)``.

    The scaling makes every feature have mean square 1 under ``x ~ U[-1, 1]``,
    so ``Phi^T Phi / n`` is close to the identity for large ``n``. ``x`` may have
    any shape; the result has one more trailing dimension of size ``degree + 1``.
    """
    require_tensor("x", x)
    require_int("degree", degree, minimum=0)
    if x.numel() and float(x.abs().max()) > 1 + 1e-12:
        raise ValueError("x: expected values in [-1, 1] (Legendre polynomials are orthogonal there)")
    polys = [torch.ones_like(x), x]
    for k in range(1, degree):
        polys.append(((2 * k + 1) * x * polys[k] - k * polys[k - 1]) / (k + 1))
    scale = torch.sqrt(2 * torch.arange(degree + 1, dtype=x.dtype) + 1)
    return torch.stack(polys[: degree + 1], dim=-1) * scale


def ridge_fit(Phi: torch.Tensor, y: torch.Tensor, lambd: float | torch.Tensor) -> torch.Tensor:
    """Closed-form ridge weights: solve ``(Phi^T Phi + n * lambd * I) w = Phi^T y``.

    ``Phi`` is ``(..., n, p)`` and ``y`` is ``(..., n)``: leading dimensions are
    batches (for example one per training set). ``lambd`` is a number or a
    1-D tensor of ``L`` values; then the result gets a leading dimension ``L``.
    Returns ``w`` of shape ``([L,] ..., p)``.
    """
    require_tensor("Phi", Phi)
    require_tensor("y", y)
    if Phi.dim() < 2 or Phi.shape[:-1] != y.shape:
        raise ValueError(f"y: expected shape {tuple(Phi.shape[:-1])} to match Phi {tuple(Phi.shape)}, "
                         f"got {tuple(y.shape)}")
    batched = isinstance(lambd, torch.Tensor) and lambd.dim() == 1
    lams = [require_lambda(v) for v in lambd.tolist()] if batched else [require_lambda(lambd)]
    n, p = Phi.shape[-2:]
    shift = n * torch.tensor(lams, dtype=Phi.dtype).reshape(-1, *[1] * Phi.dim())  # (L, 1, .., 1)
    A = Phi.mT @ Phi + shift * torch.eye(p, dtype=Phi.dtype)  # (L, ..., p, p)
    w = torch.linalg.solve(A, Phi.mT @ y.unsqueeze(-1)).squeeze(-1)
    return w if batched else w[0]


def draw_training_sets(f: Callable[[torch.Tensor], torch.Tensor], num_sets: int, n: int, sigma: float,
                       generator: torch.Generator | None = None,
                       dtype: torch.dtype = torch.float64) -> tuple[torch.Tensor, torch.Tensor]:
    """``num_sets`` independent training sets of ``n`` points, ``y = f(x) + sigma * eps``.

    The inputs are *jittered*: [-1, 1] is cut into ``n`` equal cells and each
    training set has one uniformly random ``x`` in each cell (so no set leaves a
    large hole where a polynomial would run wild). Returns ``x`` and ``y``, both
    ``(num_sets, n)``, rows sorted by ``x``.
    """
    if not callable(f):
        raise TypeError(f"f: expected a function, got {type(f).__name__}")
    require_int("num_sets", num_sets)
    require_int("n", n)
    sigma = require_real("sigma", sigma, nonnegative=True)
    cells = torch.arange(n, dtype=dtype)
    x = -1 + 2 * (cells + torch.rand(num_sets, n, generator=generator, dtype=dtype)) / n
    y = f(x) + sigma * torch.randn(num_sets, n, generator=generator, dtype=dtype)
    return x, y


def decompose(preds: torch.Tensor, f_test: torch.Tensor, sigma: float) -> dict[str, torch.Tensor]:
    """Bias^2, variance, noise and the directly computed expected error.

    ``preds`` is ``(..., R, T)``: predictions of models trained on R training sets
    at T test points with true values ``f_test`` (``(T,)``). Expectations over
    training sets are means over R (divisor R, so the identity is exact); test
    points are weighted equally. Every entry has the leading shape ``(...)``.
    ``"direct"`` is ``mean_{r,x} (pred - f)^2 + sigma^2``, the expected squared
    error against a noisy label ``y = f(x) + sigma * eps``, computed without
    splitting it.
    """
    require_tensor("preds", preds)
    require_tensor("f_test", f_test, ndim=(1,))
    if preds.dim() < 2 or preds.shape[-1] != f_test.shape[0]:
        raise ValueError(f"preds: expected shape (..., R, {f_test.shape[0]}), got {tuple(preds.shape)}")
    sigma = require_real("sigma", sigma, nonnegative=True)
    mean = preds.mean(dim=-2)
    bias2 = ((mean - f_test) ** 2).mean(dim=-1)
    variance = ((preds - mean.unsqueeze(-2)) ** 2).mean(dim=(-2, -1))
    noise = torch.full_like(bias2, sigma**2)
    direct = ((preds - f_test) ** 2).mean(dim=(-2, -1)) + sigma**2
    return {"bias2": bias2, "variance": variance, "noise": noise, "total": bias2 + variance + noise,
            "direct": direct}


def noisy_label_error(preds: torch.Tensor, f_test: torch.Tensor, sigma: float,
                      generator: torch.Generator | None = None) -> dict[str, torch.Tensor]:
    """Test error against fresh noisy labels, with its Monte Carlo errors.

    For each training set r, fresh labels ``f(x) + sigma * eps`` are drawn at the
    T test points and ``e_r`` is the mean of ``(pred - label)^2``. Returns
    ``"fresh"`` (mean of ``e_r``), ``"se"`` (``std(e_r) / sqrt(R)``, the standard
    error of ``"fresh"`` as an estimate of the expected test error) and ``"z"``:
    ``fresh - direct`` in units of its own standard error, where ``direct`` is
    the noise-free computation of :func:`decompose` on the same fits (so only
    the fresh label noise makes ``z`` nonzero; ``|z| > 3`` is a red flag).
    The same noise draws are used for every leading index (e.g. every lambda).
    """
    require_tensor("preds", preds)
    require_tensor("f_test", f_test, ndim=(1,))
    if preds.dim() < 2 or preds.shape[-1] != f_test.shape[0]:
        raise ValueError(f"preds: expected shape (..., R, {f_test.shape[0]}), got {tuple(preds.shape)}")
    sigma = require_real("sigma", sigma, nonnegative=True)
    R, T = preds.shape[-2:]
    labels = f_test + sigma * torch.randn(R, T, generator=generator, dtype=preds.dtype)
    per_set = ((preds - labels) ** 2).mean(dim=-1)
    diff = per_set - ((preds - f_test) ** 2).mean(dim=-1) - sigma**2
    return {"fresh": per_set.mean(dim=-1), "se": per_set.std(dim=-1) / math.sqrt(R),
            "z": diff.mean(dim=-1) / (diff.std(dim=-1) / math.sqrt(R))}


@dataclass
class SweepBV:
    """Bias-variance numbers of ridge fits over a lambda grid (one entry per lambda)."""

    lambdas: torch.Tensor
    bias2: torch.Tensor
    variance: torch.Tensor
    noise: torch.Tensor
    total: torch.Tensor
    direct: torch.Tensor
    preds: torch.Tensor  # (L, R, T)

    @property
    def best(self) -> int:
        """Index of the lambda with the smallest expected test error."""
        return int(torch.argmin(self.total))


def ridge_bias_variance(f: Callable[[torch.Tensor], torch.Tensor], degree: int,
                        lambdas: Sequence[float], n: int = 20, sigma: float = 0.3,
                        num_sets: int = 400, num_test: int = 201, seed: int = 0) -> SweepBV:
    """Monte Carlo bias^2 / variance / noise of degree-``degree`` Legendre ridge fits.

    Draws ``num_sets`` training sets of size ``n`` (``x ~ U[-1, 1]``, noise ``sigma``)
    from a generator seeded with ``seed``, fits every lambda in closed form, and
    decomposes the error on ``num_test`` equally spaced test points in [-1, 1].
    """
    lam = torch.tensor([require_lambda(v, "lambdas") for v in lambdas], dtype=torch.float64)
    if lam.numel() == 0:
        raise ValueError("lambdas: expected at least one value")
    require_int("num_test", num_test, minimum=2)
    gen = torch.Generator().manual_seed(require_int("seed", seed, minimum=0))
    x, y = draw_training_sets(f, num_sets, n, sigma, generator=gen)
    x_test = torch.linspace(-1, 1, num_test, dtype=torch.float64)
    W = ridge_fit(legendre_features(x, degree), y, lam)  # (L, R, p)
    preds = W @ legendre_features(x_test, degree).T  # (L, R, T)
    parts = decompose(preds, f(x_test), sigma)
    return SweepBV(lam, parts["bias2"], parts["variance"], parts["noise"], parts["total"],
                   parts["direct"], preds)


def ridge_moments(Phi: torch.Tensor, w_star: torch.Tensor, sigma: float,
                  lambd: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Exact bias vector and covariance of ridge weights for a FIXED design ``Phi``.

    With ``y = Phi w_star + sigma * eps`` and ``A = Phi^T Phi + n * lambd * I``:
    ``E[w_hat] - w_star = (A^-1 Phi^T Phi - I) w_star`` and
    ``Cov[w_hat] = sigma^2 A^-1 Phi^T Phi A^-1`` (expectations over the noise only).
    """
    require_tensor("Phi", Phi, ndim=(2,))
    require_tensor("w_star", w_star, ndim=(1,))
    if w_star.shape[0] != Phi.shape[1]:
        raise ValueError(f"w_star: expected {Phi.shape[1]} entries like Phi's columns, got {w_star.shape[0]}")
    sigma = require_real("sigma", sigma, nonnegative=True)
    lambd = require_lambda(lambd)
    n, p = Phi.shape
    G = Phi.T @ Phi
    A_inv = torch.linalg.inv(G + n * lambd * torch.eye(p, dtype=Phi.dtype))
    bias = (A_inv @ G - torch.eye(p, dtype=Phi.dtype)) @ w_star
    return bias, sigma**2 * A_inv @ G @ A_inv


def ridge_weight_mse(Phi: torch.Tensor, w_star: torch.Tensor, sigma: float, lambd: float) -> float:
    """``E ||w_hat - w_star||^2 = ||bias||^2 + trace(Cov)`` for a fixed design (exact)."""
    bias, cov = ridge_moments(Phi, w_star, sigma, lambd)
    return float(bias @ bias + torch.trace(cov))


def ridge_beats_ols_until(Phi: torch.Tensor, w_star: torch.Tensor, sigma: float,
                          high: float = 1e6, steps: int = 200) -> float:
    """The largest lambda up to which ridge has a smaller weight MSE than least squares.

    For ``0 < lambd < `` the returned value, ``ridge_weight_mse(lambd) < ridge_weight_mse(0)``.
    Found by bisection on a log scale (the MSE first falls, then rises past the
    least-squares value once). Needs ``Phi`` of full column rank.
    """
    require_tensor("Phi", Phi, ndim=(2,))
    high = require_real("high", high, positive=True)
    if torch.linalg.matrix_rank(Phi) < Phi.shape[1]:
        raise ValueError("Phi: least squares needs full column rank (more rows than columns)")
    mse_ols = ridge_weight_mse(Phi, w_star, sigma, 0.0)
    if ridge_weight_mse(Phi, w_star, sigma, high) < mse_ols:
        return high
    lo, hi = math.log(1e-12), math.log(high)
    for _ in range(require_int("steps", steps)):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ridge_weight_mse(Phi, w_star, sigma, math.exp(mid)) < mse_ols else (lo, mid)
    return math.exp(lo)
