"""Linear regression from scratch: model, loss, penalty, SGD, evaluation, and ridge in closed form."""

from __future__ import annotations

import torch

from .utils import check_finite, check_grad, check_same, check_shapes


def init_params(num_inputs: int) -> list[torch.Tensor]:
    """``[w, b]`` with ``w ~ N(0, 1)`` of shape (num_inputs, 1) and ``b = 0``, both trainable."""
    w = torch.normal(0.0, 1.0, size=(num_inputs, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return [w, b]


def linreg(X: torch.Tensor, w: torch.Tensor, b) -> torch.Tensor:
    """The linear regression model ``Xw + b``."""
    check_shapes(X.shape[-1] == w.shape[0], f"X and w: X has {X.shape[-1]} features, w has {w.shape[0]} rows")
    check_same("X and w", X, w)
    return torch.matmul(X, w) + b


def squared_loss(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Squared loss ``(y_hat - y)^2 / 2``, one value per example (``y`` is reshaped like ``y_hat``)."""
    check_shapes(y.numel() == y_hat.numel(), f"y and y_hat: {tuple(y.shape)} vs {tuple(y_hat.shape)}")
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


# Taught in notebook 02 (section "The penalty and its scaling convention"); saved here for later notebooks.
def l2_penalty(w: torch.Tensor) -> torch.Tensor:
    """Half the squared L2 norm, ``sum(w^2) / 2``."""
    return torch.sum(w.pow(2)) / 2


def sgd(params, lr: float, batch_size: int) -> None:
    """Minibatch stochastic gradient descent; the loss is summed over the minibatch, hence ``/ batch_size``."""
    with torch.no_grad():
        for k, param in enumerate(params):
            check_grad(param, f"params[{k}]")
            param -= lr * param.grad / batch_size
            param.grad.zero_()
            check_finite(param, "a parameter after an SGD step", lr)


def evaluate_loss(net, data_iter, loss) -> float:
    """The mean per-example loss of ``net`` over every minibatch of ``data_iter``."""
    total, count = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            total += float(loss(net(X), y).sum())
            count += y.shape[0]
    return total / count


# Taught in notebook 01 (section "Ridge in closed form"); saved here for notebooks 02-05.
def ridge(X: torch.Tensor, y: torch.Tensor, lambd) -> torch.Tensor:
    """Minimizer of ``mean((Xw - y)^2) / 2 + lambd / 2 * ||w||^2``: solve ``(X^T X + n lambd I) w = X^T y``.

    ``X`` is (..., n, d) and ``y`` is (..., n): leading dimensions are batches (e.g. one per training set).
    ``lambd`` is a number, or K values (a list or 1-D tensor) that give ``w`` a leading dimension K.
    Returns ``w`` of shape ([K,] ..., d).
    """
    n, d = X.shape[-2:]
    lambd = torch.as_tensor(lambd, dtype=X.dtype, device=X.device)
    eye = torch.eye(d, dtype=X.dtype, device=X.device)
    A = X.mT @ X + n * lambd.reshape(*lambd.shape, *[1] * X.dim()) * eye
    return torch.linalg.solve(A, (X.mT @ y.unsqueeze(-1)).expand(*A.shape[:-1], 1)).squeeze(-1)
