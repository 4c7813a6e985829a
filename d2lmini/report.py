"""Print a measured check and fail loudly if it does not hold."""

from __future__ import annotations

import torch

from ._validate import require_real


def _as_float64(name: str, value) -> torch.Tensor:
    if isinstance(value, torch.Tensor) and (value.is_complex() or value.is_meta):
        kind = "meta" if value.is_meta else "complex"
        raise TypeError(f"{name}: expected real values, got a {kind} tensor")
    try:
        return torch.as_tensor(value, dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError) as exc:
        raise TypeError(f"{name}: expected a tensor or (lists of) numbers, got {type(value).__name__} "
                        f"({exc})") from None


def max_abs_diff(a, b) -> float:
    """``max |a - b|`` over all entries (tensors or numbers)."""
    a, b = _as_float64("a", a), _as_float64("b", b)
    if a.shape != b.shape:
        raise ValueError(f"a and b: shapes differ, {tuple(a.shape)} vs {tuple(b.shape)}")
    return float((a - b).abs().max()) if a.numel() else 0.0


def check_gap(name: str, a, b, tol: float) -> None:
    """Print whether ``max |a - b| <= tol`` and raise ``AssertionError`` if not.

    The printed line only shows the tolerance when the check passes, so it is
    identical on every CPU; when it fails the measured gap is printed too.
    """
    if not isinstance(name, str):
        raise TypeError(f"name: expected a str, got {type(name).__name__}")
    tol = require_real("tol", tol, nonnegative=True)
    gap = max_abs_diff(a, b)
    if gap <= tol:
        print(f"{name}: max |difference| <= {tol:.0e}  OK")
        return
    print(f"{name}: max |difference| = {gap:.3e} > {tol:.0e}  FAILED")
    raise AssertionError(f"{name}: max |difference| = {gap:.3e} exceeds the tolerance {tol:.0e}")
