"""Reproducibility and device helpers."""

from __future__ import annotations

import random

import torch

from ._validate import require_int


def set_seed(seed: int = 0) -> None:
    """Seed Python's, PyTorch's and (if installed) NumPy's random generators."""
    require_int("seed", seed, minimum=0)
    if seed > 2**32 - 1:
        raise ValueError(f"seed: expected an int <= 2**32 - 1 (NumPy's limit), got {seed}")
    random.seed(seed)
    torch.manual_seed(seed)
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy ships with matplotlib
        return
    np.random.seed(seed)


def try_gpu(i: int = 0) -> torch.device:
    """Return ``cuda:i`` if that GPU exists, else the CPU."""
    require_int("i", i, minimum=0)
    if torch.cuda.is_available() and torch.cuda.device_count() > i:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")
