"""Argument checks shared by every d2lmini function.

Each helper raises a ``TypeError`` or ``ValueError`` whose message names the
argument and says what was expected, so a learner sees *what* to fix.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

import torch


class DivergenceError(FloatingPointError):
    """Training produced NaN or inf: the learning rate is almost always too large."""


def require_tensor(name: str, value: Any, ndim: tuple[int, ...] | None = None) -> torch.Tensor:
    """Return ``value`` if it is a floating-point tensor with an allowed number of dims."""
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name}: expected a torch.Tensor, got {type(value).__name__}")
    if not value.is_floating_point():
        raise TypeError(
            f"{name}: expected a floating-point tensor, got dtype {value.dtype}; "
            f"convert it with {name + '.float()' if name.isidentifier() else '.float()'}"
        )
    if ndim is not None and value.dim() not in ndim:
        allowed = " or ".join(str(n) for n in ndim)
        raise ValueError(f"{name}: expected a {allowed}-D tensor, got shape {tuple(value.shape)}")
    return value


def require_same_device(**tensors: Any) -> None:
    """Raise ``ValueError`` naming the arguments if the given tensors sit on different devices."""
    devices = {name: t.device for name, t in tensors.items() if isinstance(t, torch.Tensor)}
    if len(set(devices.values())) > 1:
        where = ", ".join(f"{name} on {dev}" for name, dev in devices.items())
        raise ValueError(f"{' and '.join(devices)}: tensors are on different devices ({where}); "
                         "move them to one device with .to(device)")


def require_int(name: str, value: Any, minimum: int = 1) -> int:
    """Return ``value`` if it is an int (not a bool) that is at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name}: expected an int >= {minimum}, got {value}")
    return value


def require_real(name: str, value: Any, *, positive: bool = False, nonnegative: bool = False) -> float:
    """Return ``value`` as a finite float; optionally require > 0 or >= 0."""
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}: expected a real number, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name}: expected a finite number, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name}: expected a number > 0, got {value}")
    if nonnegative and value < 0:
        raise ValueError(f"{name}: expected a number >= 0, got {value}")
    return value


def require_lambda(value: Any, name: str = "lambd") -> float:
    """A regularization strength: a finite number >= 0."""
    return require_real(name, value, nonnegative=True)


def require_finite(value: float | torch.Tensor, what: str, lr: float | None = None) -> None:
    """Raise :class:`DivergenceError` if ``value`` holds NaN or inf."""
    finite = bool(torch.isfinite(value).all()) if isinstance(value, torch.Tensor) else math.isfinite(value)
    if not finite:
        hint = f"lr={lr:g} is too large; " if lr is not None else ""
        raise DivergenceError(
            f"training diverged: {what} became NaN or inf. {hint}"
            "try a smaller learning rate (for example 10x smaller)."
        )
