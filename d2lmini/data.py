"""Synthetic regression data and minibatch iterators."""

from __future__ import annotations

import torch
from torch.utils import data

from ._validate import require_int, require_real, require_tensor


def synthetic_data(
    w: torch.Tensor, b: float | torch.Tensor, num_examples: int, noise: float = 0.01
) -> tuple[torch.Tensor, torch.Tensor]:
    """Draw ``y = Xw + b + noise * eps`` with ``X, eps ~ N(0, 1)``.

    ``w`` has shape ``(d,)`` or ``(d, 1)``. Returns ``X`` of shape ``(n, d)`` and
    ``y`` of shape ``(n, 1)``.
    """
    require_tensor("w", w, ndim=(1, 2))
    if w.dim() == 2 and w.shape[1] != 1:
        raise ValueError(f"w: expected shape (d,) or (d, 1), got {tuple(w.shape)}")
    require_int("num_examples", num_examples)
    b = require_real("b", b)
    noise = require_real("noise", noise, nonnegative=True)
    X = torch.normal(0.0, 1.0, (num_examples, w.shape[0]), dtype=w.dtype, device=w.device)
    y = X @ w.reshape(-1, 1) + b
    y += noise * torch.randn(y.shape, dtype=w.dtype, device=w.device)
    return X, y


def load_array(
    data_arrays: tuple[torch.Tensor, ...], batch_size: int, is_train: bool = True
) -> data.DataLoader:
    """Wrap tensors in a DataLoader that shuffles only when ``is_train``."""
    if not isinstance(data_arrays, (tuple, list)) or not data_arrays:
        raise TypeError("data_arrays: expected a non-empty tuple of tensors, e.g. (X, y)")
    for k, t in enumerate(data_arrays):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"data_arrays[{k}]: expected a torch.Tensor, got {type(t).__name__}")
    n = data_arrays[0].shape[0] if data_arrays[0].dim() else 0
    for k, t in enumerate(data_arrays):
        if t.dim() == 0 or t.shape[0] != n:
            raise ValueError(
                f"data_arrays[{k}]: expected {n} rows like data_arrays[0], got shape {tuple(t.shape)}"
            )
    if n == 0:
        raise ValueError("data_arrays: the tensors have no rows (0 examples)")
    require_int("batch_size", batch_size)
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=bool(is_train))
