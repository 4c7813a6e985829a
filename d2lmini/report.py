"""Print a measured check and fail loudly if it does not hold."""

from __future__ import annotations

import torch


def max_abs_diff(a, b) -> float:
    """``max |a - b|`` over all entries (tensors or numbers)."""
    a, b = torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b: shapes differ, {tuple(a.shape)} vs {tuple(b.shape)}")
    return float((a - b).abs().max()) if a.numel() else 0.0


def check_gap(name: str, a, b, tol: float) -> float:
    """Print whether ``max |a - b| <= tol`` and raise ``AssertionError`` if not.

    The printed line only shows the tolerance when the check passes, so it is
    identical on every CPU; when it fails the measured gap is printed too.
    """
    gap = max_abs_diff(a, b)
    if gap <= tol:
        print(f"{name}: max |difference| <= {tol:.0e}  OK")
        return gap
    print(f"{name}: max |difference| = {gap:.3e} > {tol:.0e}  FAILED")
    raise AssertionError(f"{name}: max |difference| = {gap:.3e} exceeds the tolerance {tol:.0e}")
