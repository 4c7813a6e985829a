"""Synthetic regression data and minibatch iterators (as in d2l)."""

from __future__ import annotations

import torch
from torch.utils import data


def synthetic_data(w: torch.Tensor, b: float, num_examples: int, noise: float = 0.01):
    """Generate ``y = Xw + b + noise * eps`` with ``X, eps ~ N(0, 1)``: ``X`` is (n, d), ``y`` is (n, 1)."""
    X = torch.normal(0.0, 1.0, (num_examples, w.shape[0]), dtype=w.dtype, device=w.device)
    y = X @ w.reshape(-1, 1) + b
    y += noise * torch.randn(y.shape, dtype=w.dtype, device=w.device)
    return X, y


def load_array(data_arrays: tuple[torch.Tensor, ...], batch_size: int, is_train: bool = True) -> data.DataLoader:
    """Construct a PyTorch data iterator; it shuffles only when ``is_train``."""
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train)
