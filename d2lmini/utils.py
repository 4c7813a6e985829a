"""Seeds, devices, printed checks, and the one-line guards against learners' usual mistakes."""

from __future__ import annotations

import math
import random

import numpy as np
import torch


class DivergenceError(FloatingPointError):
    """Training produced NaN or inf: the learning rate is almost always too large."""


# ---- Guards: one call each, only for the mistakes learners really make.
def check_shapes(ok: bool, message: str) -> None:
    """Shape mismatch, e.g. ``y`` of shape (n,) against ``y_hat`` of shape (n, 1) (broadcasts to (n, n))."""
    if not ok:
        raise ValueError(message)


def check_same(what: str, *tensors: torch.Tensor) -> None:
    """Tensors used in one expression must share their dtype and their device."""
    if len({t.dtype for t in tensors}) > 1:
        raise TypeError(f"{what}: dtypes differ ({', '.join(str(t.dtype) for t in tensors)}); "
                        "convert one, e.g. X.to(w.dtype)")
    if len({t.device for t in tensors}) > 1:
        raise ValueError(f"{what}: devices differ ({', '.join(str(t.device) for t in tensors)}); "
                         "move them to one device with .to(device)")


def check_grad(param: torch.Tensor, name: str) -> None:
    """A parameter without ``.grad``: created without requires_grad, or backward() not called yet."""
    if param.grad is None:
        raise ValueError(f"{name} has no gradient: create it with requires_grad=True "
                         "and call loss.backward() before sgd")


def check_finite(value, what: str, lr: float | None = None) -> None:
    """Divergence: raise :class:`DivergenceError` if ``value`` (a tensor or numbers) holds NaN or inf."""
    if isinstance(value, torch.Tensor) and bool(torch.isfinite(value).all()):
        return
    if not isinstance(value, torch.Tensor) and all(map(math.isfinite, value)):
        return
    hint = f"lr={lr:g} is too large; " if lr is not None else ""
    raise DivergenceError(f"training diverged: {what} became NaN or inf. {hint}"
                          "try a smaller learning rate (for example 10x smaller).")


# ---- Reproducibility and devices (as in d2l).
def set_seed(seed: int = 0) -> None:
    """Seed Python's, NumPy's and PyTorch's global random generators."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def try_gpu(i: int = 0) -> torch.device:
    """Return ``cuda:i`` if that GPU exists, else the CPU."""
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")


# ---- Printed checks.
def _num(v: float) -> str:
    """Two significant digits: 1.3, 0.013, 1.3e-05, 1e-07 (scientific below 0.001)."""
    if v != 0 and abs(v) < 1e-3:
        return f"{v:.1e}".replace(".0e", "e")
    return f"{float(f'{v:.2g}'):g}"


def _max_abs_diff(a, b) -> float:
    a, b = torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64)
    check_shapes(a.shape == b.shape, f"a and b: shapes differ, {tuple(a.shape)} vs {tuple(b.shape)}")
    return float((a - b).abs().max()) if a.numel() else 0.0


def check_gap(name: str, a, b, tol: float) -> None:
    """Print ``max |a - b|`` next to the tolerance ``tol``; raise ``AssertionError`` if it exceeds ``tol``.

    The printed digits must not depend on the CPU or the thread count (nbval compares them):
    - a gap from ``tol / 1000`` to ``tol`` is a number that means something: printed with 2 significant
      digits, ``max |difference| = 1.3 (tolerance 3)  OK``;
    - a gap below ``tol / 1000`` is rounding noise that differs between machines: only the bound is
      printed, ``max |difference| < 1e-07 (tolerance 1e-04)  OK``.
    So choose ``tol`` at least 1000x the rounding noise of the comparison.
    """
    gap = _max_abs_diff(a, b)
    shown = f"< {_num(tol / 1000)}" if gap < tol / 1000 else f"= {_num(gap)}"
    line = f"{name}: max |difference| {shown} (tolerance {_num(tol)})"
    if not gap <= tol:  # also catches NaN
        print(f"{line}  FAILED")
        raise AssertionError(f"{line}: exceeds the tolerance")
    print(f"{line}  OK")
