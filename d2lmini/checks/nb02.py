"""Self-checks for the exercises of notebook 02 (the L2 penalty from scratch)."""

from __future__ import annotations

import math
from collections.abc import Callable

import torch


def _ok(message: str) -> None:
    print(f"Correct: {message}")


def check_decay_factor(decay_factor: Callable[[float, float, int], float]) -> None:
    """``decay_factor(lr, lambd, steps)`` must equal ``(1 - lr * lambd) ** steps``."""
    for lr, lambd, steps in [(0.003, 3.0, 400), (0.1, 5.0, 10), (0.01, 0.0, 50)]:
        got = float(decay_factor(lr, lambd, steps))
        want = (1 - lr * lambd) ** steps
        if math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-15):
            continue
        hint = "each step multiplies w by (1 - lr * lambda); repeat that `steps` times."
        if math.isclose(got, 1 - lr * lambd * steps, rel_tol=1e-9):
            hint = "you subtracted lr*lambda once per step from 1 (linear), but the factors multiply: use a power."
        elif math.isclose(got, math.exp(-lr * lambd * steps), rel_tol=1e-9):
            hint = "exp(-lr*lambda*steps) is only the small-step approximation; the exact factor is a power."
        elif math.isclose(got, (1 - lr * lambd / 2) ** steps, rel_tol=1e-9):
            hint = "off by a factor of 2: the gradient of (lambda/2)||w||^2 is lambda*w, not lambda*w/2."
        raise AssertionError(f"decay_factor({lr}, {lambd}, {steps}) = {got:.6g}, expected {want:.6g}. Hint: {hint}")
    _ok("decay alone shrinks w by (1 - lr*lambda)^steps.")


def check_batch_penalty_lambda(answer: float, lambd: float = 3.0, batch_size: int = 5) -> None:
    """A penalty added once per summed minibatch equals our per-example lambda divided by the batch size."""
    want = lambd / batch_size
    got = float(answer)
    if math.isclose(got, want, rel_tol=1e-9):
        _ok(f"once per batch, lambd={lambd:g} acts like lambda={want:g} per example.")
        return
    hint = "sgd divides the whole gradient (data + penalty) by the batch size."
    if math.isclose(got, lambd * batch_size, rel_tol=1e-9):
        hint = "inverted: the penalty is added once but divided by the batch size, so it gets weaker, not stronger."
    elif math.isclose(got, lambd, rel_tol=1e-9):
        hint = "the two are not the same: per example the penalty is added batch_size times before sgd divides."
    elif math.isclose(got, 2 * want, rel_tol=1e-9) or math.isclose(got, want / 2, rel_tol=1e-9):
        hint = "off by a factor of 2: both conventions use l2_penalty = ||w||^2 / 2, so no extra 2 appears."
    raise AssertionError(f"got {got:g}, expected {want:g}. Hint: {hint}")


def check_more_data(train_fn: Callable[[], tuple[torch.Tensor, torch.Tensor]], X_test: torch.Tensor,
                    y_test: torch.Tensor, overfit_test_loss: float) -> None:
    """``train_fn()`` returns ``(w, b)`` trained on more data; its test loss must beat the overfit model's."""
    w, b = train_fn()
    if w.numel() != X_test.shape[1]:
        raise AssertionError(f"w has {w.numel()} entries, expected {X_test.shape[1]} (one per input feature).")
    test_loss = float(((X_test @ w.reshape(-1, 1) + b - y_test.reshape(-1, 1)) ** 2 / 2).mean())
    if not math.isfinite(test_loss):
        raise AssertionError("the test loss is NaN or inf: did training diverge? Try a smaller learning rate.")
    if test_loss >= 0.9 * overfit_test_loss:
        raise AssertionError(
            f"test loss {test_loss:.3g} is not clearly below the 20-example model's {overfit_test_loss:.3g}. "
            "Hint: did you train on the NEW, larger data set (and evaluate on the original test set)?")
    _ok(f"test loss {test_loss:.3g} with more data vs {overfit_test_loss:.3g} with 20 examples.")


def check_choose_lambda(choose_lambda: Callable[[list[float], list[float], list[float]], float]) -> None:
    """``choose_lambda(grid, val_losses, test_losses)`` must pick the lambda with the lowest validation loss."""
    grid = [0.0, 0.01, 0.1, 1.0, 10.0]
    val = [5.0, 3.0, 1.0, 2.0, 4.0]   # best on validation: 0.1
    test = [5.0, 3.0, 2.0, 0.5, 4.0]  # best on test: 1.0
    got = choose_lambda(grid, val, test)
    if isinstance(got, torch.Tensor):
        got = got.item()
    if got == 0.1:
        _ok("lambda chosen on validation data only.")
        return
    if got == 1.0:
        raise AssertionError("you picked the lambda with the lowest TEST loss: the test set must not choose lambda.")
    if got == 2:
        raise AssertionError("you returned the index (2) of the best lambda; return grid[index] instead.")
    raise AssertionError(f"got {got!r}; expected the grid value with the lowest validation loss.")
