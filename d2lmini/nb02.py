"""Notebook 02 (the L2 penalty from scratch): its setup and plumbing.

The notebook itself writes ``l2_penalty`` and the training loop; here are only the repeated parts:
the setups (one constant, read by the notebook and by ``d2lmini.checks.nb02``), the vectorized
lambda sweep behind the slider, and the Monte Carlo driver of the second experiment.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.utils import data

from .linreg import ridge, sgd
from .utils import check_same, check_shapes


@dataclass(frozen=True)
class Setup:
    """One experiment: ``y = Xw + b + sigma * eps`` with every true weight equal to ``w_value``."""

    n_train: int
    n_val: int
    n_test: int
    num_inputs: int
    w_value: float
    b: float
    sigma: float
    data_seed: int    # seed of the data draw
    batch_size: int
    lr: float
    num_epochs: int
    init_seed: int    # seed of the initial weights (never the data seed)


SETUP = {
    # d2l's classic: 20 examples, 200 inputs, almost no noise, w ~ N(0, 1) at the start.
    "classic": Setup(n_train=20, n_val=100, n_test=100, num_inputs=200, w_value=0.01, b=0.05, sigma=0.01,
                     data_seed=0, batch_size=5, lr=0.003, num_epochs=100, init_seed=1),
    # Noisy labels, fewer inputs than examples: here the penalty wins by fitting less noise.
    # Full-batch gradient descent from w = 0, run to convergence.
    "noisy": Setup(n_train=30, n_val=100, n_test=1000, num_inputs=20, w_value=0.3, b=0.0, sigma=1.0,
                   data_seed=2, batch_size=30, lr=0.2, num_epochs=300, init_seed=0),
}


@dataclass
class SweepResult:
    """Weights and per-epoch histories of a lambda sweep.

    ``w`` is ``(K, d)``, ``b`` is ``(K,)``; every ``history`` entry is ``(K, num_epochs)``: mean loss
    ``(y_hat - y)^2 / 2`` for ``"train"`` and each evaluation set, ``"norm"`` = ||w|| and ``"bias"`` = b.
    """

    lambdas: torch.Tensor
    w: torch.Tensor
    b: torch.Tensor
    history: dict[str, torch.Tensor]


def _mean_losses(W: torch.Tensor, B: torch.Tensor, X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (((X @ W.T + B.T) - y.reshape(-1, 1)) ** 2 / 2).mean(dim=0)


def train_lambda_grid(lambdas, train_iter: data.DataLoader, eval_sets: dict | None = None,
                      num_epochs: int = 100, lr: float = 0.003, seed: int = 0) -> SweepResult:
    """Notebook 02's training loop for every lambda at once: K models are the rows of a ``(K, d)`` tensor.

    Model k minimizes ``squared_loss + lambdas[k] * ||w||^2 / 2`` on every example of each minibatch,
    then takes the same ``sgd`` step as the one-model loop. ``seed`` fixes the initial ``w ~ N(0, 1)``
    and the minibatch order exactly as ``d2l.set_seed(seed)`` before ``init_params`` does, inside
    ``torch.random.fork_rng``: the caller's global generator is left untouched. Runs on one thread
    (matrices this small only get slower with more; the caller's setting is restored).
    """
    X_train, y_train = train_iter.dataset.tensors
    for name, (Xe, ye) in (eval_sets or {}).items():
        check_shapes(Xe.shape[1:] == X_train.shape[1:] and ye.numel() == Xe.shape[0],
                     f"eval_sets[{name!r}]: expected X of shape (n, {X_train.shape[1]}) and n targets, "
                     f"got {tuple(Xe.shape)} and {tuple(ye.shape)}")
        check_same(f"eval_sets[{name!r}] and the training data", Xe, ye, X_train)
    lam = torch.as_tensor(lambdas, dtype=X_train.dtype).reshape(-1)
    K, d = lam.numel(), X_train.shape[1]
    sets = {"train": (X_train, y_train), **(eval_sets or {})}
    history = {name: torch.zeros(K, num_epochs, dtype=X_train.dtype) for name in [*sets, "norm", "bias"]}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            w0 = torch.normal(0.0, 1.0, size=(d, 1))       # what init_params draws after set_seed(seed)
            W = w0.T.to(X_train.dtype).repeat(K, 1).requires_grad_(True)
            B = torch.zeros(K, 1, dtype=X_train.dtype, requires_grad=True)
            for epoch in range(num_epochs):
                for X, y in train_iter:                   # same shuffles as the loop: same generator state
                    residual = X @ W.T + B.T - y.reshape(-1, 1)                    # (batch, K)
                    (residual**2 / 2 + lam * (W**2).sum(dim=1) / 2).sum().backward()
                    sgd([W, B], lr, X.shape[0])
                with torch.no_grad():
                    for name, (Xe, ye) in sets.items():
                        history[name][:, epoch] = _mean_losses(W, B, Xe, ye)
                    history["norm"][:, epoch] = W.norm(dim=1)
                    history["bias"][:, epoch] = B.reshape(-1)
    finally:
        torch.set_num_threads(threads)
    return SweepResult(lam, W.detach(), B.detach().reshape(-1), history)


def draw(setup: Setup, seed: int, num_sets: int | None = None):
    """Draw train, validation and test sets of ``setup`` from a private generator seeded with ``seed``.

    Returns ``((X_train, y_train), (X_val, y_val), (X_test, y_test))``, ``X`` of shape ``(n, d)`` and
    ``y`` of shape ``(n,)``; with ``num_sets = R``, R independent draws stacked along a first dimension.
    """
    g = torch.Generator().manual_seed(seed)
    sizes = [setup.n_train, setup.n_val, setup.n_test]
    lead = () if num_sets is None else (num_sets,)
    X = torch.randn(*lead, sum(sizes), setup.num_inputs, generator=g)
    y = X @ torch.full((setup.num_inputs,), setup.w_value) + setup.b
    y = y + setup.sigma * torch.randn(y.shape, generator=g)
    return tuple(zip(X.split(sizes, dim=-2), y.split(sizes, dim=-1), strict=True))


def ridge_with_bias(X: torch.Tensor, y: torch.Tensor, lambdas):
    """Closed-form minimizer of ``mean((Xw + b - y)^2) / 2 + lambd / 2 * ||w||^2`` (``b`` not penalized).

    The best ``b`` centers the residuals, so ``w`` is ``d2l.ridge`` on centered data and
    ``b = mean(y) - mean(x)^T w``. Batched like ``d2l.ridge``: returns ``w`` of shape ``(K, ..., d)``
    and ``b`` of shape ``(K, ...)`` for ``K`` lambdas. With fewer examples than inputs (``n < d``) it solves
    the equivalent ``n x n`` system, and ``lambd = 0`` gives the minimum-norm fit (with the bias free).
    """
    x_mean, y_mean = X.mean(dim=-2, keepdim=True), y.mean(dim=-1, keepdim=True)
    Xc, yc = X - x_mean, y - y_mean
    lam = torch.as_tensor(lambdas, dtype=X.dtype).reshape(-1)
    n, d = X.shape[-2:]
    if n >= d:
        w = ridge(Xc, yc, lam)
    else:   # fewer examples than inputs: the same w from an n x n system, w = Xc^T (Xc Xc^T + n lambd I)^+ yc;
        # at lambd = 0 the pseudo-inverse gives the minimum-norm interpolant of the centered data
        A = Xc @ Xc.mT + n * lam.reshape(-1, *[1] * X.dim()) * torch.eye(n, dtype=X.dtype)
        w = (Xc.mT @ (torch.linalg.pinv(A, hermitian=True) @ yc.unsqueeze(-1))).squeeze(-1)
    b = y_mean.squeeze(-1) - (x_mean.squeeze(-2) * w).sum(dim=-1)
    return w, b


def population_risk(setup: Setup, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Expected test loss of the predictor ``x -> w^T x + b`` on fresh data of ``setup`` (no test-set noise).

    With ``x ~ N(0, I)`` and ``y = w*^T x + b* + sigma * eps`` the mean of ``(w^T x + b - y)^2 / 2`` is
    ``(||w - w*||^2 + (b - b*)^2 + sigma^2) / 2``. ``w`` is ``(..., d)``, ``b`` is ``(...)``.
    """
    return (((w - setup.w_value) ** 2).sum(-1) + (b - setup.b) ** 2 + setup.sigma**2) / 2


def mean_loss(X: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Mean of ``(Xw + b - y)^2 / 2`` over the examples, batched over the leading dimensions of ``w, b``."""
    return (((X @ w.unsqueeze(-1)).squeeze(-1) + b.unsqueeze(-1) - y) ** 2 / 2).mean(dim=-1)


@dataclass
class Curves:
    """Validation and test losses of ``num_sets`` fresh draws: ``val``, ``test`` are ``(K, R)`` (one row per
    lambda), ``baseline_val``, ``baseline_test`` are ``(R,)`` (predict the mean training label), and
    ``chosen`` is ``(R,)``: the index of the lambda with the lowest validation loss in each draw."""

    lambdas: torch.Tensor
    val: torch.Tensor
    test: torch.Tensor
    baseline_val: torch.Tensor
    baseline_test: torch.Tensor
    chosen: torch.Tensor


def validation_curves(setup: Setup, lambdas, num_sets: int, seed: int) -> Curves:
    """Fit ridge (with its unpenalized bias) on ``num_sets`` fresh draws of ``setup`` for every lambda."""
    (Xt, yt), (Xv, yv), (Xs, ys) = draw(setup, seed, num_sets)
    w, b = ridge_with_bias(Xt, yt, lambdas)
    val, test = mean_loss(Xv, yv, w, b), mean_loss(Xs, ys, w, b)
    y_bar = yt.mean(dim=-1, keepdim=True)
    return Curves(torch.as_tensor(lambdas, dtype=Xt.dtype), val, test, ((yv - y_bar) ** 2 / 2).mean(-1),
                  ((ys - y_bar) ** 2 / 2).mean(-1), val.argmin(dim=0))


def mean_se(values: torch.Tensor) -> tuple[float, float]:
    """Mean and standard error over the last dimension (R values: std / sqrt(R))."""
    return float(values.mean(-1)), float(values.std(-1) / values.shape[-1] ** 0.5)


@dataclass
class Risks:
    """Exact risks (``population_risk``) of ``num_sets`` fresh training sets: ``ridge`` is ``(K, R)`` (ridge with
    a free bias, solved in closed form: where long training ends), ``min_norm`` and ``mean`` are ``(R,)``: the
    minimum-norm fit ``Z^+ y`` of ``Z = [X 1]`` (gradient descent from 0 at lambda = 0) and the mean predictor."""

    lambdas: torch.Tensor
    ridge: torch.Tensor
    min_norm: torch.Tensor
    mean: torch.Tensor


def exact_risks(setup: Setup, lambdas, num_sets: int, seed: int) -> Risks:
    """Draw ``num_sets`` training sets of ``setup`` (float64, private generator) and score three fits exactly."""
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(num_sets, setup.n_train, setup.num_inputs, generator=g, dtype=torch.float64)
    y = X.sum(-1) * setup.w_value + setup.b + setup.sigma * torch.randn(X.shape[:2], generator=g, dtype=X.dtype)
    w, b = ridge_with_bias(X, y, lambdas)
    Z = torch.cat([X, torch.ones(*X.shape[:2], 1, dtype=X.dtype)], dim=-1)
    theta = (torch.linalg.pinv(Z) @ y.unsqueeze(-1)).squeeze(-1)
    return Risks(torch.as_tensor(lambdas, dtype=X.dtype), population_risk(setup, w, b),
                 population_risk(setup, theta[:, :-1], theta[:, -1]),
                 population_risk(setup, torch.zeros_like(X[:, 0]), y.mean(-1)))


def gd_path(X: torch.Tensor, y: torch.Tensor, steps: int, lr: float,
            center: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Full-batch gradient descent on ``mean((Xw + b - y)^2) / 2`` (no penalty) from ``w = 0``, every step
    kept: returns ``W`` of shape ``(steps, ..., d)`` and ``B`` of shape ``(steps, ...)`` (batched over leading dims
    of ``X``, ``y`` like :func:`draw`'s stacked sets). Notebook 02 uses it for early stopping.

    ``center=False``: ``b`` starts at 0 and takes its own gradient steps, so stopping early also shrinks ``b``
    toward 0. ``center=True``: the bias is handled as :func:`ridge_with_bias` handles it, ``w`` descends on
    centered data and every step has ``b = mean(y) - mean(x)^T w`` (the best ``b`` for that ``w``)."""
    x_mean, y_mean = X.mean(dim=-2), y.mean(dim=-1)
    if center:
        X, y = X - x_mean.unsqueeze(-2), y - y_mean.unsqueeze(-1)
    w = torch.zeros(*X.shape[:-2], X.shape[-1], dtype=X.dtype)
    b = torch.zeros(X.shape[:-2], dtype=X.dtype)
    W, B = [], []
    for _ in range(steps):
        r = (X @ w.unsqueeze(-1)).squeeze(-1) + b.unsqueeze(-1) - y
        w = w - lr * (X.mT @ r.unsqueeze(-1)).squeeze(-1) / X.shape[-2]
        if not center:
            b = b - lr * r.mean(-1)
        W.append(w)
        B.append(y_mean - (x_mean * w).sum(-1) if center else b)
    return torch.stack(W), torch.stack(B)


@dataclass
class EarlyStopRisks:
    """Exact risks (``population_risk``) on ``num_sets`` fresh data sets, each ``(R,)``: ``ridge`` with lambda chosen
    on validation, ``early`` (gradient descent, no penalty, step chosen on validation); ``*_w`` / ``*_b`` split each
    into its weight part ``||w - w*||^2 / 2`` and bias part ``(b - b*)^2 / 2`` (the noise ``sigma^2 / 2``: in
    neither)."""

    ridge: torch.Tensor
    early: torch.Tensor
    ridge_w: torch.Tensor
    ridge_b: torch.Tensor
    early_w: torch.Tensor
    early_b: torch.Tensor


def early_stopping_vs_ridge(setup: Setup, lambdas, num_sets: int, seed: int, center: bool) -> EarlyStopRisks:
    """Validation-chosen ridge (free bias) against validation-stopped :func:`gd_path` on the same fresh data sets."""
    (Xt, yt), (Xv, yv), _ = draw(setup, seed, num_sets)
    w, b = ridge_with_bias(Xt, yt, lambdas)                              # (K, R, d), (K, R)
    pick = mean_loss(Xv, yv, w, b).argmin(dim=0)
    sets = torch.arange(num_sets)
    w_r, b_r = w[pick, sets], b[pick, sets]
    W, B = gd_path(Xt, yt, steps=setup.num_epochs, lr=setup.lr, center=center)   # (T, R, d), (T, R)
    val = ((torch.einsum("rnd,trd->trn", Xv, W) + B.unsqueeze(-1) - yv) ** 2 / 2).mean(-1)   # mean_loss, faster
    stop = val.argmin(dim=0)
    w_e, b_e = W[stop, sets], B[stop, sets]
    parts = [((v - setup.w_value) ** 2).sum(-1) / 2 for v in (w_r, w_e)] + [(v - setup.b) ** 2 / 2 for v in (b_r, b_e)]
    return EarlyStopRisks(population_risk(setup, w_r, b_r), population_risk(setup, w_e, b_e),
                          parts[0], parts[2], parts[1], parts[3])


def slowest_mode(X: torch.Tensor, lambd: float) -> tuple[float, float]:
    """The slowest direction of gradient descent on ``mean((Xw + b - y)^2) / 2 + lambd / 2 * ||w||^2`` in ``(w, b)``.

    Returns the smallest nonzero eigenvalue ``mu`` of the Hessian ``Z^T Z / n + lambd * diag(1, ..., 1, 0)``
    with ``Z = [X 1]`` (the error along it shrinks by ``1 - lr * mu`` per step) and the share of ``b`` in its
    eigenvector (its last entry squared). ``b`` is unpenalized but coupled to ``w`` through the inputs' mean,
    so its curvature is not 1. At ``lambd = 0`` the zero eigenvalues (directions the data never see) are skipped.
    """
    n, d = X.shape
    Z = torch.cat([X, torch.ones(n, 1, dtype=X.dtype)], dim=1).double()
    H = Z.T @ Z / n + lambd * torch.diag(torch.tensor([1.0] * d + [0.0], dtype=torch.float64))
    ev, V = torch.linalg.eigh(H)
    ev = torch.where(ev > 1e-8 * ev.max(), ev, torch.inf)
    k = int(ev.argmin())
    return float(ev[k]), float(V[-1, k] ** 2)
