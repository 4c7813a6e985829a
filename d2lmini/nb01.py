"""Plumbing for notebook 01 (bias and variance, measured): setup, Monte Carlo driver, figures.

The ideas themselves (closed-form ridge, the decomposition, the unbiased bias^2, the fixed-design
moments) are written in the notebook's cells; this module keeps saved copies of the ones its Monte
Carlo driver and fixed-design helpers use (``tests/test_nb01.py`` asserts that they agree) and calls
``d2l.ridge`` for every fit. Each term is estimated on its own: bias^2 with the label noise averaged
out, the variance as the unbiased sample variance of the fits, each with a jackknife standard error.
Conventions: ridge minimizes ``mean((Xw - y)^2) / 2 + lambd / 2 * ||w||^2``; errors reported here are
mean squared errors WITHOUT the 1/2. Randomness: a ``seed: int`` makes a private generator.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from matplotlib.ticker import FuncFormatter, NullLocator

from .linreg import ridge
from .plotting import COLORS, freeze_static, new_figure
from .widgets import lambda_grid


def target(x: torch.Tensor) -> torch.Tensor:
    """The true function of notebook 01: ``f(x) = sin 3x + cos(5x) / 2`` on [-1, 1]."""
    return torch.sin(3 * x) + 0.5 * torch.cos(5 * x)


@dataclass(frozen=True)
class Setup:
    """Notebook 01's experiment, in one place (the notebook and its checks read it from here)."""

    target: Callable[[torch.Tensor], torch.Tensor] = target
    sigma: float = 0.3              # noise standard deviation
    n: int = 20                     # training examples per set
    degree: int = 12                # polynomial degree: degree + 1 Legendre features
    num_sets: int = 400             # R, Monte Carlo training sets
    seed: int = 0                   # seed of the training sets
    num_test: int = 201             # equally spaced test points on [-1, 1]
    lambdas: tuple[float, ...] = field(default_factory=lambda: tuple(lambda_grid(1e-5, 10, 25, zero=False)))


SETUP = Setup()


def legendre_features(x: torch.Tensor, degree: int) -> torch.Tensor:
    """Legendre polynomials ``P_0 .. P_degree`` of ``x`` in [-1, 1], each scaled to mean square 1.

    ``x`` may have any shape; the result has one more trailing dimension of size ``degree + 1``.
    The features are nested: degree ``d`` is the first ``d + 1`` columns of any higher degree.
    """
    polys = [torch.ones_like(x), x]
    for k in range(1, degree):
        polys.append(((2 * k + 1) * x * polys[k] - k * polys[k - 1]) / (k + 1))
    return torch.stack(polys[: degree + 1], dim=-1) * torch.sqrt(2 * torch.arange(degree + 1, dtype=x.dtype) + 1)


def draw_training_sets(f: Callable[[torch.Tensor], torch.Tensor], num_sets: int, n: int, sigma: float,
                       seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``num_sets`` training sets of ``n`` jittered inputs (one uniform point in each of ``n`` equal cells
    of [-1, 1]) with labels ``f(x) + sigma * noise``. Returns ``x``, ``y``, both ``(num_sets, n)``, float64."""
    gen = torch.Generator().manual_seed(seed)
    x = -1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(num_sets, n, generator=gen,
                                                                    dtype=torch.float64)) / n
    return x, f(x) + sigma * torch.randn(num_sets, n, generator=gen, dtype=torch.float64)


# Taught in notebook 01 (section 4); saved here for the Monte Carlo driver below.
def decompose(preds: torch.Tensor, f_test: torch.Tensor, sigma: float):
    """Plain bias^2, variance (divisor R) and noise of ``preds`` ``(..., R, T)``: R training sets, T test points."""
    f_bar = preds.mean(dim=-2)
    bias2 = ((f_bar - f_test) ** 2).mean(dim=-1)
    variance = preds.var(dim=-2, correction=0).mean(dim=-1)
    return bias2, variance, sigma**2


# Taught in notebook 01 (section 4b); saved here for the Monte Carlo driver below.
def unbiased_bias2(preds: torch.Tensor, f_test: torch.Tensor) -> torch.Tensor:
    """Bias^2 without the Monte Carlo inflation: ``E (f_bar - f)^2 = bias^2 + Var / R``, so subtract ``s^2 / R``."""
    R = preds.shape[-2]
    f_bar = preds.mean(dim=-2)
    return ((f_bar - f_test) ** 2 - preds.var(dim=-2) / R).mean(dim=-1)


def _jackknife_se(loo: torch.Tensor) -> torch.Tensor:
    """Jackknife standard error from the ``R`` leave-one-out values of a statistic (last dimension)."""
    R = loo.shape[-1]
    return ((R - 1) / R * ((loo - loo.mean(dim=-1, keepdim=True)) ** 2).sum(dim=-1)).sqrt()


def _unbiased_bias2_loo(preds: torch.Tensor, f_test: torch.Tensor) -> torch.Tensor:
    """:func:`unbiased_bias2` with each training set left out in turn, ``(..., R)`` (closed form)."""
    e = preds - f_test
    R = e.shape[-2]
    S, Q = e.sum(dim=-2), (e**2).sum(dim=-2)                       # (..., T)
    c = (S**2 - Q).mean(dim=-1, keepdim=True)                       # (..., 1)
    return (c - 2 * (e @ S.unsqueeze(-1)).squeeze(-1) / e.shape[-1] + 2 * (e**2).mean(dim=-1)) / ((R - 1) * (R - 2))


def bias2_se(preds: torch.Tensor, f_test: torch.Tensor) -> torch.Tensor:
    """Jackknife standard error of :func:`unbiased_bias2` (leave one training set out; closed form)."""
    return _jackknife_se(_unbiased_bias2_loo(preds, f_test))


def variance_se(preds: torch.Tensor) -> torch.Tensor:
    """Jackknife standard error of the variance ``preds.var(dim=-2).mean(dim=-1)`` (divisor R - 1)."""
    R = preds.shape[-2]
    S, Q = preds.sum(dim=-2, keepdim=True), (preds**2).sum(dim=-2, keepdim=True)
    loo = (Q - preds**2 - (S - preds) ** 2 / (R - 1)) / (R - 2)     # sample variance without set r, (..., R, T)
    return _jackknife_se(loo.mean(dim=-1))


def effective_df(X: torch.Tensor, lambd) -> torch.Tensor:
    """``df(lambda) = trace X (X^T X + n lambda I)^-1 X^T`` for ``X`` ``(..., n, d)``; ``lambd`` a number or
    a list of ``K`` values (then a leading dimension ``K``)."""
    n, d = X.shape[-2:]
    lam = torch.as_tensor(lambd, dtype=X.dtype).reshape(-1, *[1] * X.dim())
    G = X.mT @ X
    df = torch.linalg.solve(G + n * lam * torch.eye(d, dtype=X.dtype), G).diagonal(dim1=-2, dim2=-1).sum(-1)
    return df if torch.as_tensor(lambd).dim() else df[0]


@dataclass
class SweepBV:
    """Bias-variance numbers of ridge fits over a lambda grid (one entry per lambda).

    ``total`` is the expected test error measured directly (mean over sets and test points of
    ``(f_D - f)^2``, plus ``sigma^2``); ``total_se`` is its standard error over training sets.
    ``bias2`` is unbiased and precise: the label noise is averaged out exactly (ridge is linear in the
    labels, so the fit to the noise-free labels ``f(x_i)`` is the noise average of the fits), and the
    spread of those fits over input draws is subtracted (:func:`unbiased_bias2`). ``variance`` is measured
    directly: the unbiased sample variance (divisor R - 1) of the noisy fits, averaged over test points.
    ``*_se`` are jackknife standard errors. The three terms are estimated separately, so
    ``bias2 + variance + noise`` equals ``total`` only up to Monte Carlo error. ``bias2_plain`` /
    ``variance_plain`` are the plain estimates of :func:`decompose` (they add up to ``total`` exactly).
    """

    lambdas: list[float]
    bias2: torch.Tensor
    bias2_se: torch.Tensor
    variance: torch.Tensor
    variance_se: torch.Tensor
    noise: float
    total: torch.Tensor
    total_se: torch.Tensor
    bias2_plain: torch.Tensor
    variance_plain: torch.Tensor
    preds: torch.Tensor        # (L, R, T) fits to the noisy labels
    clean: torch.Tensor        # (L, R, T) fits to the noise-free labels
    X: torch.Tensor            # (R, n, d) the design matrices
    f_test: torch.Tensor       # (T,) the truth at the test points

    @property
    def df(self) -> torch.Tensor:
        """Mean over training sets of df(lambda), one entry per lambda (computed on first use)."""
        if not hasattr(self, "_df"):
            self._df = effective_df(self.X, self.lambdas).mean(dim=-1)
        return self._df

    @property
    def best(self) -> int:
        """Index of the lambda with the smallest expected test error."""
        return int(torch.argmin(self.total))

    @property
    def per_set_error(self) -> torch.Tensor:
        """``(L, R)``: each training set's test error without the noise, ``mean_x (f_D(x) - f(x))^2``."""
        return ((self.preds - self.f_test) ** 2).mean(dim=-1)


def ridge_bias_variance(f: Callable[[torch.Tensor], torch.Tensor] = target, degree: int = SETUP.degree,
                        lambdas=SETUP.lambdas, n: int = SETUP.n, sigma: float = SETUP.sigma,
                        num_sets: int = SETUP.num_sets, seed: int = SETUP.seed, num_test: int = SETUP.num_test,
                        solver: Callable = ridge) -> SweepBV:
    """Monte Carlo bias^2 / variance / noise of degree-``degree`` Legendre ridge fits over ``lambdas``.

    ``solver(X, y, lambd)`` fits one lambda for a batch of training sets (default ``d2l.ridge``).
    ``lambdas`` may contain 0 (least squares) when ``n >= degree + 1``.
    """
    lambdas = list(lambdas)
    x, y = draw_training_sets(f, num_sets, n, sigma, seed)
    x_test = torch.linspace(-1, 1, num_test, dtype=x.dtype)
    X, X_test, f_test = legendre_features(x, degree), legendre_features(x_test, degree), f(x_test)

    def fit(labels):
        W = ridge(X, labels, lambdas) if solver is ridge else torch.stack([solver(X, labels, v) for v in lambdas])
        return W @ X_test.T

    preds, clean = fit(y), fit(f(x))
    bias2_plain, variance_plain, noise = decompose(preds, f_test, sigma)
    total = bias2_plain + variance_plain + noise
    total_se = ((preds - f_test) ** 2).mean(dim=-1).std(dim=-1) / math.sqrt(num_sets)
    return SweepBV(lambdas, unbiased_bias2(clean, f_test), bias2_se(clean, f_test), preds.var(dim=-2).mean(dim=-1),
                   variance_se(preds), noise, total, total_se, bias2_plain, variance_plain, preds, clean, X, f_test)


def noisy_label_error(preds: torch.Tensor, f_test: torch.Tensor, sigma: float, seed: int) -> dict[str, torch.Tensor]:
    """Test error against fresh noisy labels ``f(x) + sigma * noise`` (one draw per training set).

    Returns ``"fresh"`` (mean over sets), ``"se"`` (its standard error) and ``"z"``: ``fresh`` minus the
    noise-free computation ``mean (pred - f)^2 + sigma^2`` in units of its own standard error.
    """
    R, T = preds.shape[-2:]
    labels = f_test + sigma * torch.randn(R, T, generator=torch.Generator().manual_seed(seed), dtype=preds.dtype)
    per_set = ((preds - labels) ** 2).mean(dim=-1)
    diff = per_set - ((preds - f_test) ** 2).mean(dim=-1) - sigma**2
    return {"fresh": per_set.mean(dim=-1), "se": per_set.std(dim=-1) / math.sqrt(R),
            "z": diff.mean(dim=-1) / (diff.std(dim=-1) / math.sqrt(R))}


# Fixed design (section 8): exact moments of the ridge weights -----------------------------------

# Taught in notebook 01 (section 8, written there as -n lambda A^-1 w*); saved here for ridge_weight_mse.
def ridge_moments(X: torch.Tensor, w_star: torch.Tensor, sigma: float, lambd):
    """Bias vector ``E[w_hat] - w_star`` and covariance of ridge weights for a FIXED design ``X``
    with ``y = X w_star + sigma * noise`` (expectations over the noise only). ``lambd``: a number or a
    list of ``K`` values (then both results get a leading dimension ``K``)."""
    n, d = X.shape
    G, eye = X.T @ X, torch.eye(d, dtype=X.dtype)
    lam = torch.as_tensor(lambd, dtype=X.dtype)
    A_inv = torch.linalg.inv(G + n * lam.reshape(*lam.shape, 1, 1) * eye)
    return ((A_inv @ G - eye) @ w_star.unsqueeze(-1)).squeeze(-1), sigma**2 * A_inv @ G @ A_inv


def ridge_weight_mse(X: torch.Tensor, w_star: torch.Tensor, sigma: float, lambd):
    """``E ||w_hat - w_star||^2 = ||bias||^2 + trace(Cov)`` for a fixed design (exact); a float for one
    ``lambd``, a tensor for a list."""
    bias, cov = ridge_moments(X, w_star, sigma, lambd)
    mse = (bias**2).sum(dim=-1) + cov.diagonal(dim1=-2, dim2=-1).sum(dim=-1)
    return float(mse) if mse.dim() == 0 else mse


def ridge_beats_ols_until(X: torch.Tensor, w_star: torch.Tensor, sigma: float, high: float = 1e6,
                          low: float = 1e-12, num: int = 241, steps: int = 60) -> float:
    """The largest lambda up to which ridge has a smaller weight MSE than least squares.

    Scans ``num`` log-spaced values from ``low`` to ``high`` for the first lambda where ridge is no better,
    then bisects (on a log scale) between it and the grid point before. Returns ``high`` if ridge wins at
    every scanned value. ``X`` needs full column rank (least squares must exist).
    """
    mse_ols = ridge_weight_mse(X, w_star, sigma, 0.0)
    grid = torch.logspace(math.log10(low), math.log10(high), num, dtype=X.dtype)
    loses = (ridge_weight_mse(X, w_star, sigma, grid.tolist()) >= mse_ols).nonzero()
    if len(loses) == 0:
        return high
    first = int(loses[0])
    if first == 0:
        return 0.0
    lo, hi = math.log(float(grid[first - 1])), math.log(float(grid[first]))
    for _ in range(steps):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ridge_weight_mse(X, w_star, sigma, math.exp(mid)) < mse_ols else (lo, mid)
    return math.exp(lo)


# Figures ---------------------------------------------------------------------------------------

def _plain_log_ticks(ax) -> None:
    for axis in (ax.xaxis, ax.yaxis):  # plain tick labels, no minor ticks: cheap to redraw
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        axis.set_minor_locator(NullLocator())


def draw_fits(ax, x_test, preds_k, f_test, show_sets: int = 20):
    """Draw ``show_sets`` fits (rows of ``preds_k``), their mean over ALL rows, and the truth; return the
    artists that change with lambda: ``(fits, mean)``."""
    fits = ax.plot(x_test, preds_k[:show_sets].T, color=COLORS[0], lw=0.8, alpha=0.45)
    fits[0].set_label(f"{show_sets} fits (one per training set)")
    (mean,) = ax.plot(x_test, preds_k.mean(dim=0), color=COLORS[1], ls="--", lw=2.5,
                      label=f"average fit ({preds_k.shape[0]} sets)")
    ax.plot(x_test, f_test, color="k", lw=1.8, label="truth $f(x)$")
    ax.set(xlabel="$x$", ylabel=r"$\hat f_{\mathcal{D}}(x)$", ylim=(-2.6, 2.6))
    return fits, mean


def draw_curves(ax, lambdas, bias2, variance, noise: float, total) -> None:
    """Bias^2, variance, noise and their sum against lambda (log axes), best lambda starred."""
    best = int(torch.argmin(total))
    ax.loglog(lambdas, bias2, color=COLORS[1], ls="--", label="bias²")
    ax.loglog(lambdas, variance, color=COLORS[0], ls="-.", label="variance")
    ax.axhline(noise, color=COLORS[2], ls=":", label=r"noise $\sigma^2$")
    ax.loglog(lambdas, total, color="k", lw=2.5, label="expected test error")
    ax.plot(lambdas[best], total[best], "*", ms=16, color=COLORS[4], mec="k", label=f"best λ = {lambdas[best]:g}")
    ax.set(xlabel="penalty strength λ (log scale)", ylabel="squared error (log scale)", ylim=(1e-9, 10))
    _plain_log_ticks(ax)


def slider_figure(lambdas, x_test, preds, f_test, bias2, variance, noise: float, total, show_sets: int = 20):
    """The slider's figure: fits at one lambda (left), where that lambda sits on the error curve (right).

    Returns ``(fig, show)``; ``show(lambd)`` mutates the artists and returns a one-line readout. Everything
    ``show`` touches is bound as a default argument, so re-running the cell gives an independent pair.
    """
    lambdas = list(lambdas)
    best = int(torch.argmin(total))
    fig, (ax_fit, ax_curve) = new_figure(1, 2, figsize=(11, 3.9))
    fits, mean = draw_fits(ax_fit, x_test, preds[best], f_test, show_sets)
    draw_curves(ax_curve, lambdas, bias2, variance, noise, total)
    (marker,) = ax_curve.plot([lambdas[best]], [total[best]], "o", ms=12, color=COLORS[3], mec="k")
    vline = ax_curve.axvline(lambdas[best], color=COLORS[3], lw=1)
    ax_curve.set_title("Where this λ sits on the error curve", fontsize=11)
    ax_fit.legend(loc="lower right", fontsize=8)
    ax_curve.legend(loc="lower right", ncol=2, fontsize=8)
    title = ax_fit.text(0.5, 1.02, "", transform=ax_fit.transAxes, ha="center", va="bottom", fontsize=11)
    freeze_static(fig, [*fits, mean, marker, vline, title])  # the rest is drawn once, as a picture
    curves = preds[:, :show_sets].numpy()                      # (L, show_sets, T) plain arrays
    means = preds.mean(dim=1).numpy()
    stats = np.stack([t.numpy() for t in (bias2, variance, total)], axis=1)

    def show(lambd, fits=fits, mean=mean, marker=marker, vline=vline, title=title, lambdas=lambdas,
             curves=curves, means=means, stats=stats, noise=noise):
        k = lambdas.index(lambd)
        for line, curve in zip(fits, curves[k], strict=True):
            line.set_ydata(curve)
        mean.set_ydata(means[k])
        marker.set_data([lambd], [stats[k, 2]])
        vline.set_xdata([lambd, lambd])
        title.set_text(f"λ = {lambd:g}: bias² = {stats[k, 0]:.3g}, variance = {stats[k, 1]:.3g}")
        return (f"λ = {lambd:g}: bias² = {stats[k, 0]:.4g}, variance = {stats[k, 1]:.4g}, "
                f"noise = {noise:.4g}, expected test error = {stats[k, 2]:.4g}")

    show(lambdas[best])
    return fig, show

