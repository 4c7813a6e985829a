"""Self-checks for notebook 04 (constrained vs penalized, L1 vs L2, early stopping).

Each check runs the learner's answer on a small fixed problem, compares it with
the right answer and with the answers that typical mistakes give, and raises
``AssertionError`` with a hint naming the likely mistake.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

from ..nb04 import Quadratic, lambda_for_theta, ridge_solution, soft_threshold


def _as_vector(name: str, value, size: int) -> torch.Tensor:
    if not isinstance(value, torch.Tensor):
        raise AssertionError(f"{name} should return a torch.Tensor, got {type(value).__name__}")
    if value.numel() != size:
        raise AssertionError(f"{name} should return {size} numbers, got shape {tuple(value.shape)}")
    return value.detach().reshape(-1).double()


def _closest_hint(got: torch.Tensor, mistakes: dict[str, torch.Tensor], tol: float) -> str | None:
    for hint, wrong in mistakes.items():
        if float((got - wrong.reshape(-1)).abs().max()) <= tol:
            return hint
    return None


def _require_callable(fn) -> None:
    if not callable(fn):
        raise TypeError(f"fn: expected your function, got {type(fn).__name__}")


def _ridge_problem() -> tuple[torch.Tensor, torch.Tensor, float]:
    g = torch.Generator().manual_seed(404)
    X = torch.randn(30, 3, generator=g, dtype=torch.float64)
    w = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
    y = X @ w + torch.randn(30, generator=g, dtype=torch.float64)
    return X, y, 0.5


def check_ridge_mean_loss(fn: Callable) -> None:
    """Exercise 1: ``fn(X, y, lambd)`` returns ``argmin 1/(2n)||Xw - y||² + λ/2 ||w||²``."""
    _require_callable(fn)
    X, y, lam = _ridge_problem()
    n, eye = X.shape[0], torch.eye(X.shape[1], dtype=X.dtype)
    got = _as_vector("fn(X, y, lambd)", fn(X.clone(), y.clone(), lam), X.shape[1])

    def solve(A: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
        return torch.linalg.solve(A, r)

    right = solve(X.T @ X / n + lam * eye, X.T @ y / n)
    if float((got - right).abs().max()) <= 1e-8:
        print("Exercise 1: correct, (XᵀX + nλI)⁻¹Xᵀy is ridge for the mean loss.")
        return
    hint = _closest_hint(got, {
        "you used (XᵀX + λI)⁻¹Xᵀy, the formula for the SUMMED loss 1/2||Xw - y||²; with the mean "
        "loss 1/(2n)||Xw - y||² the penalty weighs n times more: (XᵀX + nλI)⁻¹Xᵀy":
            solve(X.T @ X + lam * eye, X.T @ y),
        "off by a factor of 2: the gradient of λ/2 ||w||² is λw, not 2λw "
        "(did you forget the 1/2 in λ/2 ||w||²?)": solve(X.T @ X / n + 2 * lam * eye, X.T @ y / n),
        "off by a factor of 2: the gradient of λ/2 ||w||² is λw, so the matrix is XᵀX/n + λI, "
        "not XᵀX/n + (λ/2)I": solve(X.T @ X / n + lam / 2 * eye, X.T @ y / n),
        "this is the unpenalized least-squares solution: where did λI go?": solve(X.T @ X, X.T @ y),
        "sign error: the penalty ADDS λI to XᵀX/n (it makes the matrix larger, the weights smaller)":
            solve(X.T @ X / n - lam * eye, X.T @ y / n),
    }, 1e-8)
    raise AssertionError(hint or "not the ridge solution: set the gradient XᵀXw/n - Xᵀy/n + λw "
                         "to zero and solve for w")


def _theta_problem() -> Quadratic:
    H = torch.tensor([[2.0, 0.9], [0.9, 0.6]], dtype=torch.float64)
    return Quadratic(H, torch.tensor([1.5, 0.2], dtype=torch.float64))


def check_lambda_for_theta(fn: Callable) -> None:
    """Exercise 2: ``fn(q, theta)`` returns the λ with ``||w(λ)||² = θ`` (0 if ``θ >= ||ŵ||²``)."""
    _require_callable(fn)
    q = _theta_problem()
    w_hat = ridge_solution(q, 0.0)
    full = float(w_hat @ w_hat)
    for theta in (0.2 * full, 0.6 * full):
        got = float(fn(q, theta))
        right = lambda_for_theta(q, theta)
        if math.isclose(got, right, rel_tol=1e-6, abs_tol=1e-9):
            continue
        radius_lambda = lambda_for_theta(q, theta**2)
        if math.isclose(got, radius_lambda, rel_tol=1e-4):
            raise AssertionError(f"for θ = {theta:.4g} you returned λ = {got:.4g}, which makes ||w(λ)|| = θ: "
                                 "θ bounds the SQUARED norm, so solve ||w(λ)||² = θ")
        w = ridge_solution(q, max(got, 0.0))
        raise AssertionError(
            f"for θ = {theta:.4g} you returned λ = {got:.4g}, but then ||w(λ)||² = {float(w @ w):.4g}. "
            "||w(λ)||² falls as λ grows: if it is above θ, move the lower end of the bracket up; "
            "bisect until the bracket is shorter than 1e-10")
    got = float(fn(q, 2 * full))
    if got != 0.0:
        raise AssertionError(f"for θ = 2||ŵ||² you returned λ = {got:.4g}: when θ >= ||ŵ||² the unpenalized "
                             "solution already fits in the ball, the constraint is inactive and λ = 0")
    print("Exercise 2: correct, including the inactive case θ >= ||ŵ||² (λ = 0).")


def check_soft_threshold(fn: Callable) -> None:
    """Exercise 3: ``fn(v, tau)`` is the proximal map of ``τ||·||₁`` (soft thresholding)."""
    _require_callable(fn)
    v = torch.tensor([-3.0, -0.5, 0.0, 0.2, 1.5, 4.0], dtype=torch.float64)
    tau = 1.0
    got = _as_vector("fn(v, tau)", fn(v.clone(), tau), v.numel())
    if float((got - soft_threshold(v, tau)).abs().max()) <= 1e-12:
        print("Exercise 3: correct, small entries become exactly 0 and the rest move τ toward 0.")
        return
    hint = _closest_hint(got, {
        "that is HARD thresholding (entries above τ kept unchanged); soft thresholding also moves "
        "the survivors τ toward zero": v * (v.abs() > tau),
        "the sign is lost: negative inputs must give negative outputs, sign(v)·max(|v| - τ, 0)":
            torch.clamp(v.abs() - tau, min=0),
        "only the positive side is handled: v = -3 must give -2, use sign(v)·max(|v| - τ, 0)":
            torch.clamp(v - tau, min=0),
        "the threshold is τ, not τ/2: the L1 penalty λ||w||₁ has no 1/2, so its prox shifts by lr·λ":
            soft_threshold(v, tau / 2),
        "the threshold is τ, not 2τ": soft_threshold(v, 2 * tau),
    }, 1e-12)
    raise AssertionError(hint or "not soft thresholding: expected sign(v)·max(|v| - τ, 0), "
                         "e.g. -3 -> -2, 0.2 -> 0")


def check_early_stopping_steps(t: float, lr: float, lambd: float) -> None:
    """Exercise 4: the number of GD steps ``t`` that mimics ridge with ``lambd``: ``t ≈ 1/(lr·λ)``."""
    if isinstance(t, bool) or not isinstance(t, (int, float)):
        raise TypeError(f"t: expected a number of steps, got {type(t).__name__}")
    right = 1 / (lr * lambd)
    if abs(t - right) <= max(1.0, 0.01 * right):
        print(f"Exercise 4: correct, t ≈ 1/(lr·λ) = {right:.4g} steps.")
        return
    mistakes = {"t = lr/λ: the steps should grow when lr shrinks, t = 1/(lr·λ)": lr / lambd,
                "t = λ/lr: a STRONGER penalty means FEWER steps, t = 1/(lr·λ)": lambd / lr,
                "you forgot the learning rate: each step moves lr·h, so t = 1/(lr·λ)": 1 / lambd,
                "you forgot λ: t = 1/(lr·λ)": 1 / lr}
    for hint, wrong in mistakes.items():
        if math.isclose(t, wrong, rel_tol=0.01):
            raise AssertionError(hint)
    raise AssertionError(f"t = {t:.4g} is not it: for small h, match 1 - (1 - lr·h)^t ≈ lr·h·t "
                         "with h/(h + λ) ≈ h/λ")
