"""Self-checking exercises: one module per notebook (``d2lmini.checks.nb02`` ...).

Every check speaks one format (made by :func:`exercise`):

* right: one line on stdout, ``Exercise 02.1 correct: <what was verified>``;
* wrong: ``AssertionError("Exercise 02.1: <what is wrong>. Hint: <the likely mistake>")``;
* not attempted (the answer still raises ``NotImplementedError``, as in the student edition):
  one line on stderr, ``Exercise 02.1: not attempted yet ...``. No exception, so *Run All* goes
  on; nbgrader scores a test cell with stderr output as 0 points.

Answers are always functions (``def decay_factor(lr, lambd, t): ...``) so that the student
edition's stub (``raise NotImplementedError()`` inside the body) still defines the name.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

import torch


def exercise(label: str) -> Callable[[Callable[..., str]], Callable[..., None]]:
    """Turn ``check(*answers) -> message`` (raising :func:`fail` when wrong) into a graded check."""

    def wrap(check: Callable[..., str]) -> Callable[..., None]:
        @functools.wraps(check)
        def graded(*args, **kwargs) -> None:
            try:
                message = check(*args, **kwargs)
            except NotImplementedError:
                print(f"Exercise {label}: not attempted yet. Write your answer in the cell above "
                      "(replace `raise NotImplementedError()`), run it, then run this cell again.",
                      file=sys.stderr)
                return
            except AssertionError as exc:
                raise AssertionError(f"Exercise {label}: {exc}") from None
            print(f"Exercise {label} correct: {message}")

        graded.label = label
        return graded

    return wrap


def fail(what: str, hint: str) -> None:
    """Raise the one wrong-answer message: what is wrong, then the likely mistake."""
    raise AssertionError(f"{what}. Hint: {hint}")


def as_number(name: str, value) -> float:
    """The learner's answer as a float (a Python number or a one-element tensor), or :func:`fail`."""
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{name} returned {type(value).__name__}", "return one number (a float)")
    return float(value)


from . import nb01, nb02, nb03, nb04, nb05, nb06, nb07  # noqa: E402
