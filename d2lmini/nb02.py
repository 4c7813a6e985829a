"""Train K ridge-penalized linear models at once, one per lambda (for sliders)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import torch
from torch.utils import data

from ._validate import require_int, require_lambda, require_real, require_tensor
from .linreg import init_params, sgd
from .utils import set_seed


@dataclass
class SweepResult:
    """Weights and per-epoch histories of a lambda sweep.

    ``w`` is ``(K, d)``, ``b`` is ``(K,)``; every ``history`` entry is
    ``(K, num_epochs)``: mean squared loss (with the 1/2) for ``"train"`` and
    each evaluation set, and ``"norm"`` = ||w||.
    """

    lambdas: torch.Tensor
    w: torch.Tensor
    b: torch.Tensor
    history: dict[str, torch.Tensor]


def _losses(W: torch.Tensor, B: torch.Tensor, X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (((X @ W.T + B.T) - y.reshape(-1, 1)) ** 2 / 2).mean(dim=0)


def _check_data(name: str, pair, d: int | None = None, dtype: torch.dtype | None = None) -> None:
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        raise ValueError(f"{name}: expected a pair (X, y) of tensors")
    X, y = pair
    require_tensor(f"X of {name}", X, ndim=(2,))
    require_tensor(f"y of {name}", y)
    if (d is not None and X.shape[1] != d) or y.numel() != X.shape[0]:
        raise ValueError(f"{name}: expected X of shape (n, {d if d is not None else 'd'}) and n targets y, "
                         f"got X {tuple(X.shape)} and y {tuple(y.shape)}")
    if dtype is not None and (X.dtype != dtype or y.dtype != dtype):
        raise TypeError(f"{name}: expected {dtype} tensors like the training data, "
                        f"got {X.dtype} and {y.dtype}")
    if not (torch.isfinite(X).all() and torch.isfinite(y).all()):
        raise ValueError(f"{name}: the data contain NaN or inf")


def train_lambda_grid(lambdas: Sequence[float], train_iter: data.DataLoader,
                      eval_sets: dict[str, tuple[torch.Tensor, torch.Tensor]] | None = None,
                      num_epochs: int = 100, lr: float = 0.003, seed: int = 0) -> SweepResult:
    """Run the from-scratch L2 training loop for every lambda in ONE vectorized run.

    Model k minimises ``sum_batch squared_loss + lambdas[k] * l2_penalty(w_k)``
    per example, exactly like the single-model loop: same seed, so the same
    initial ``w ~ N(0, 1)`` (from :func:`init_params`) and the same minibatch
    order for every k. The K weight vectors are the rows of a ``(K, d)`` tensor.
    """
    if isinstance(lambdas, torch.Tensor):
        lambdas = lambdas.reshape(-1).tolist()
    if isinstance(lambdas, (str, bytes)) or not isinstance(lambdas, Iterable):
        raise TypeError(f"lambdas: expected a list of numbers such as [0, 0.1, 1], "
                        f"got {type(lambdas).__name__}")
    lam_values = [require_lambda(v, "lambdas") for v in lambdas]
    if not lam_values:
        raise ValueError("lambdas: expected at least one value")
    require_int("num_epochs", num_epochs)
    lr = require_real("lr", lr, positive=True)
    if not isinstance(train_iter, data.DataLoader) or not isinstance(train_iter.dataset, data.TensorDataset):
        raise TypeError("train_iter: expected a DataLoader from d2lmini.load_array")
    _check_data("train_iter", train_iter.dataset.tensors)
    X_train, y_train = train_iter.dataset.tensors
    dtype = X_train.dtype
    if eval_sets is not None and not isinstance(eval_sets, Mapping):
        raise TypeError(f"eval_sets: expected a dict such as {{'test': (X, y)}}, "
                        f"got {type(eval_sets).__name__}")
    for name, pair in (eval_sets or {}).items():
        if name in ("train", "norm"):
            raise ValueError(f"eval_sets: the name {name!r} is reserved for the history; choose another")
        _check_data(f"eval_sets[{name!r}]", pair, d=X_train.shape[1], dtype=dtype)
    set_seed(seed)
    w0, _ = init_params(X_train.shape[1])
    lam = torch.tensor(lam_values, dtype=dtype)
    K = lam.numel()
    W = w0.detach().T.to(dtype).repeat(K, 1).requires_grad_(True)
    B = torch.zeros(K, 1, dtype=dtype, requires_grad=True)
    sets = {"train": (X_train, y_train), **(eval_sets or {})}
    history = {name: torch.zeros(K, num_epochs, dtype=dtype) for name in [*sets, "norm"]}
    for epoch in range(num_epochs):
        for X, y in train_iter:
            residual = X @ W.T + B.T - y.reshape(-1, 1)  # (batch, K)
            loss = residual**2 / 2 + lam * (W**2).sum(dim=1) / 2
            loss.sum().backward()
            sgd([W, B], lr, X.shape[0])
        with torch.no_grad():
            for name, (Xe, ye) in sets.items():
                history[name][:, epoch] = _losses(W, B, Xe, ye)
            history["norm"][:, epoch] = W.norm(dim=1)
    return SweepResult(lam, W.detach(), B.detach().reshape(-1), history)
