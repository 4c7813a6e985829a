"""Linear regression from scratch: model, losses, penalty, optimizer, evaluation."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch

from ._validate import require_finite, require_int, require_real, require_same_device, require_tensor


def init_params(num_inputs: int) -> list[torch.Tensor]:
    """Return ``[w, b]``: ``w ~ N(0, 1)`` of shape ``(num_inputs, 1)``, ``b = 0``, both trainable."""
    require_int("num_inputs", num_inputs)
    w = torch.normal(0.0, 1.0, size=(num_inputs, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return [w, b]


def linreg(X: torch.Tensor, w: torch.Tensor, b: torch.Tensor | float) -> torch.Tensor:
    """The linear model ``Xw + b``."""
    require_tensor("X", X, ndim=(2,))
    require_tensor("w", w, ndim=(1, 2))
    if X.shape[1] != w.shape[0]:
        raise ValueError(
            f"X and w: X has {X.shape[1]} features (shape {tuple(X.shape)}) "
            f"but w has {w.shape[0]} rows (shape {tuple(w.shape)})"
        )
    if X.dtype != w.dtype:
        raise TypeError(f"X and w: dtypes differ ({X.dtype} vs {w.dtype}); convert one, e.g. X.to(w.dtype)")
    if isinstance(b, torch.Tensor):
        require_tensor("b", b)
    else:
        b = require_real("b", b)
    require_same_device(X=X, w=w, b=b if isinstance(b, torch.Tensor) and b.dim() else None)  # 0-D b: any device
    out = X @ w
    result = out + b
    if result.shape != out.shape:
        raise ValueError(f"b: shape {tuple(b.shape)} does not fit the output Xw of shape {tuple(out.shape)}")
    return result


def squared_loss(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Elementwise ``(y_hat - y)^2 / 2``; ``y`` is reshaped like ``y_hat``."""
    require_tensor("y_hat", y_hat)
    require_tensor("y", y)
    require_same_device(y_hat=y_hat, y=y)
    if y.numel() != y_hat.numel():
        raise ValueError(
            f"y and y_hat: y has {y.numel()} values (shape {tuple(y.shape)}) "
            f"but y_hat has {y_hat.numel()} (shape {tuple(y_hat.shape)})"
        )
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def l2_penalty(w: torch.Tensor) -> torch.Tensor:
    """The squared L2 norm with the conventional one half: ``sum(w^2) / 2``."""
    require_tensor("w", w)
    return torch.sum(w**2) / 2


def sgd(params: Iterable[torch.Tensor], lr: float, batch_size: int) -> None:
    """Minibatch SGD in place: ``p -= lr * p.grad / batch_size``, then zero the grads.

    The loss is assumed to be *summed* over the minibatch, hence the division.
    Raises :class:`DivergenceError` if a parameter becomes NaN or inf.
    """
    lr = require_real("lr", lr, positive=True)
    require_int("batch_size", batch_size)
    if isinstance(params, torch.Tensor) or not isinstance(params, Iterable):
        raise TypeError(f"params: expected a list of tensors such as [w, b], got {type(params).__name__}")
    params = list(params)
    with torch.no_grad():
        for k, p in enumerate(params):
            if not isinstance(p, torch.Tensor):
                raise TypeError(f"params[{k}]: expected a torch.Tensor, got {type(p).__name__}")
            if p.grad is None:
                raise ValueError(
                    f"params[{k}]: has no gradient; create it with requires_grad=True "
                    "and call loss.backward() before sgd"
                )
            p -= lr * p.grad / batch_size
            p.grad.zero_()
            require_finite(p, "a parameter after an SGD step", lr=lr)


def evaluate_loss(
    net: Callable[[torch.Tensor], torch.Tensor],
    data_iter: Iterable[tuple[torch.Tensor, torch.Tensor]],
    loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
) -> float:
    """Mean per-example loss of ``net`` over every minibatch of ``data_iter``."""
    for name, f in (("net", net), ("loss", loss)):
        if not callable(f):
            raise TypeError(f"{name}: expected a function, got {type(f).__name__}")
    if not isinstance(data_iter, Iterable):
        raise TypeError(f"data_iter: expected an iterable of (X, y) minibatches, "
                        f"got {type(data_iter).__name__}")
    total, count = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            total += float(loss(net(X), y).sum())
            count += y.shape[0]
    if count == 0:
        raise ValueError("data_iter: yielded no examples")
    return total / count


# Taught in notebook 01 (section "ridge in closed form"); saved here for notebooks 02-05.
def ridge(X: torch.Tensor, y: torch.Tensor, lambd: float | torch.Tensor) -> torch.Tensor:
    """Closed-form minimizer of ``mean((Xw - y)^2) / 2 + lambd / 2 * ||w||^2``: ``(X^T X + n lambd I) w = X^T y``.

    ``X`` is ``(..., n, d)`` and ``y`` is ``(..., n)`` (leading dimensions are batches, e.g. one per
    training set). ``lambd`` is a number or a 1-D tensor/list of ``K`` values; then ``w`` gets a leading
    dimension ``K``. Returns ``w`` of shape ``([K,] ..., d)``.
    """
    n, d = X.shape[-2:]
    lam = torch.as_tensor(lambd, dtype=X.dtype, device=X.device)
    A = X.mT @ X + n * lam.reshape(*lam.shape, *[1] * (X.dim() - 2), 1, 1) * torch.eye(d, dtype=X.dtype, device=X.device)
    return torch.linalg.solve(A, (X.mT @ y.unsqueeze(-1)).expand(*A.shape[:-1], 1)).squeeze(-1)
