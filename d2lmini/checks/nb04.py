"""Self-checks for notebook 04's exercises (constrained vs penalized, L1, early stopping).

Each check runs the learner's function on fresh inputs (never the numbers the notebook prints),
compares it with a private reference solution, and names the likely mistake when it differs.
"""

from __future__ import annotations

import math

import torch

from ..nb04 import SETUP, Quadratic, correlated_data
from . import as_number as _number
from . import exercise, fail

F64 = torch.float64


# ----------------------------------------------------------------------------- helpers

def _vector(name: str, value, size: int) -> torch.Tensor:
    if not isinstance(value, torch.Tensor):
        fail(f"{name} returned {type(value).__name__}", "return a torch.Tensor (work with torch operations)")
    if value.numel() != size:
        fail(f"{name} returned shape {tuple(value.shape)}", f"return {size} numbers, one per weight")
    return value.detach().reshape(-1).to(F64)


def _soft(v: torch.Tensor, tau) -> torch.Tensor:
    return torch.sign(v) * torch.clamp(v.abs() - tau, min=0)


def _first_match(got, mistakes: dict, close) -> str | None:
    for hint, wrong in mistakes.items():
        if close(got, wrong):
            return hint
    return None


def _same_vec(a: torch.Tensor, b: torch.Tensor, tol: float = 1e-9) -> bool:
    return bool(torch.isfinite(a).all()) and float((a - b.reshape(-1)).abs().max()) <= tol


def _same_num(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


# ----------------------------------------------------------------------------- exercise 1
def _reference_lambda_isotropic(h: float, b: torch.Tensor, theta: float) -> float:
    return max(float(b.norm()) / theta**0.5 - h, 0.0)


def _isotropic_cases() -> list[tuple[float, torch.Tensor, float]]:
    g = torch.Generator().manual_seed(4041)
    cases = []
    for h, d, share in [(0.7, 3, 0.3), (2.5, 5, 0.05), (1.3, 4, 1.6)]:   # θ = share·‖ŵ‖²; 1.6: inactive
        b = torch.randn(d, generator=g, dtype=F64)
        cases.append((h, b, share * float(b @ b) / h**2))
    return cases


@exercise("04.1")
def check_lambda_isotropic(lambda_isotropic) -> str:
    """``lambda_isotropic(h, b, theta)``: λ with ``||b/(h + λ)||² = θ``, or 0 when the ball holds ``b/h``."""
    for h, b, theta in _isotropic_cases():
        got = _number("lambda_isotropic(h, b, theta)", lambda_isotropic(h, b.clone(), theta))
        right = _reference_lambda_isotropic(h, b, theta)
        if _same_num(got, right):
            continue
        nb = float(b.norm())
        hint = _first_match(got, {
            "λ must not be negative (dual feasibility): when ‖b‖/h ≤ √θ the ball already holds the minimizer "
            "b/h, the constraint is inactive and λ = 0": nb / theta**0.5 - h,
            "θ bounds the SQUARED norm: solve ‖w(λ)‖² = θ, i.e. ‖b‖/(h + λ) = √θ": max(nb / theta - h, 0.0),
            "‖w(λ)‖ = ‖b‖/(h + λ), so ‖b‖²/(h + λ)² = θ gives h + λ = ‖b‖/√θ (a square root, not ‖b‖²/θ)":
                max(nb**2 / theta - h, 0.0),
            "w(λ) = b/(h + λ): the curvature h is in the denominator too, so subtract it": nb / theta**0.5,
            "sign: h + λ = ‖b‖/√θ gives λ = ‖b‖/√θ − h": nb / theta**0.5 + h,
            "λ = 0 only when the constraint is inactive (θ ≥ ‖b‖²/h²); here the ball is smaller than that": 0.0,
        }, _same_num)
        w_sq = nb**2 / (h + got) ** 2 if h + got > 0 else float("inf")
        fail(f"for h = {h:g}, θ = {theta:.4g} you returned λ = {got:.4g}, which gives ‖w(λ)‖² = {w_sq:.4g}",
             hint or "set w(λ) = b/(h + λ) (the gradient hw − b + λw = 0), square its norm, solve for λ, "
                     "and return 0 when that λ is negative")
    return "λ(θ) = max(‖b‖/√θ − h, 0), including the inactive case"


# ----------------------------------------------------------------------------- exercise 2
def _reference_lasso_diagonal(h: torch.Tensor, b: torch.Tensor, lambd: float) -> torch.Tensor:
    return _soft(b, lambd) / h


def _diagonal_cases() -> list[tuple[torch.Tensor, torch.Tensor, float]]:
    return [(torch.tensor([0.5, 2.0, 1.5, 3.0, 0.8, 4.0], dtype=F64),
             torch.tensor([2.0, -3.0, 0.3, -0.7, -1.6, 2.2], dtype=F64), 1.0),
            (torch.tensor([3.0, 0.4, 2.5, 0.6], dtype=F64), torch.tensor([-0.2, 0.9, 1.4, -2.0], dtype=F64), 0.5)]


@exercise("04.2")
def check_lasso_diagonal(lasso_diagonal) -> str:
    """``lasso_diagonal(h, b, lambd)``: the minimizer of ``Σ h_j w_j²/2 - b_j w_j + λ|w_j|``."""
    for h, b, lam in _diagonal_cases():
        got = _vector("lasso_diagonal(h, b, lambd)", lasso_diagonal(h.clone(), b.clone(), lam), b.numel())
        if _same_vec(got, _reference_lasso_diagonal(h, b, lam)):
            continue
        hint = _first_match(got, {
            "the threshold acts on b_j, before dividing by h_j: from h_j w_j = b_j − λ sign(w_j), "
            "w_j = soft(b_j, λ)/h_j, not soft(b_j/h_j, λ)": _soft(b / h, lam),
            "that is ridge's shrinkage b_j/(h_j + λ): the L1 subgradient SUBTRACTS λ from |b_j|, "
            "it does not add λ to the curvature": b / (h + lam),
            "divide by the curvature h_j: h_j w_j = b_j − λ sign(w_j)": _soft(b, lam),
            "hard thresholding: the surviving weights must also move, by λ/h_j": (b / h) * (b.abs() > lam),
            "the sign is lost: a negative b_j gives a negative w_j": torch.clamp(b.abs() - lam, min=0) / h,
            "λ‖w‖₁ has no ½: its subgradient is λ·sign(w), so the threshold is λ, not λ/2": _soft(b, lam / 2) / h,
            "this is the unpenalized minimizer b_j/h_j: where did λ go?": b / h,
            "all zeros is the answer only when λ ≥ max|b_j|; here some |b_j| exceed λ": torch.zeros_like(b),
        }, _same_vec)
        fail(f"for λ = {lam:g} your weights differ from the minimizer (by up to "
             f"{float((got - _reference_lasso_diagonal(h, b, lam)).abs().max()):.3g})",
             hint or "solve 0 ∈ h_j w_j − b_j + λ∂|w_j| in the three cases w_j > 0, w_j < 0, w_j = 0")
    return "w_j = sign(b_j)·max(|b_j| − λ, 0)/h_j: exact zeros wherever |b_j| ≤ λ"


# ----------------------------------------------------------------------------- exercise 3
def _pgd(q: Quadratic, project, tol: float = 1e-14, max_steps: int = 200_000) -> torch.Tensor:
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for _ in range(max_steps):
        w_next = project(w - eta * q.grad(w))
        if float((w_next - w).abs().max()) <= tol:
            return w_next
        w = w_next
    return w


def _reference_box(q: Quadratic, c: float) -> torch.Tensor:
    return _pgd(q, lambda v: torch.clamp(v, -c, c))


def _ball(radius: float):
    return lambda v: v * min(1.0, radius / max(float(v.norm()), 1e-300))


def _box_cases() -> list[tuple[Quadratic, float]]:
    X, y = correlated_data(SETUP.n, SETUP.rho, SETUP.w_true, SETUP.sigma, SETUP.seed)
    g = torch.Generator().manual_seed(4043)
    A = torch.randn(3, 3, generator=g, dtype=F64)
    X3 = torch.randn(60, 3, generator=g, dtype=F64) @ (torch.eye(3, dtype=F64) + 0.8 * A)
    y3 = X3 @ torch.tensor([1.5, -1.0, 0.5], dtype=F64) + 0.3 * torch.randn(60, generator=g, dtype=F64)
    q2, q3 = Quadratic.from_data(X, y), Quadratic.from_data(X3, y3)
    return [(q2, 0.5), (q2, 0.8), (q3, 0.6)]


@exercise("04.3")
def check_box_constrained(box_constrained) -> str:
    """``box_constrained(q, c)``: ``argmin L(w)`` subject to ``|w_j| <= c`` for every ``j``."""
    for q, c in _box_cases():
        q_copy = Quadratic(q.H.clone(), q.b.clone(), q.c)
        got = _vector("box_constrained(q, c)", box_constrained(q_copy, c), q.b.numel())
        right = _reference_box(q, c)
        if _same_vec(got, right, 1e-7):
            continue
        w_hat = q.minimizer()
        hint = _first_match(got, {
            "clipping ŵ to the box is the answer only when H is diagonal: with correlated features the other "
            "weights must adjust once one is clipped. Take a gradient step, clip, and repeat":
                torch.clamp(w_hat, -c, c),
            "that is the ball ‖w‖ ≤ c: the box clips each weight separately, torch.clamp(w, -c, c)":
                _pgd(q, _ball(c)),
            "that is a ball ‖w‖² ≤ c: the box clips each weight separately, torch.clamp(w, -c, c)":
                _pgd(q, _ball(c**0.5)),
            "this is the unconstrained minimizer ŵ: the constraint |w_j| ≤ c is missing": w_hat,
            "w = 0 is feasible but not the minimizer: L still falls along −∇L(0) = b inside the box":
                torch.zeros_like(q.b),
        }, lambda a, b: _same_vec(a, b, 1e-7))
        if hint is None and float(got.abs().max()) > c + 1e-9:
            hint = f"your w leaves the box (max |w_j| = {float(got.abs().max()):.4g} > c): project after every step"
        fail(f"with c = {c:g} your w = {[round(v, 4) for v in got.tolist()]} has L(w) = {float(q.loss(got)):.6g}; "
             f"the box minimum is L = {float(q.loss(right)):.6g}",
             hint or "projected gradient with step 1/h_max: w ← clamp(w − η∇L(w), −c, c) until w stops moving")
    return "projected gradient with clipping; clipping ŵ alone would be wrong for correlated features"


# ----------------------------------------------------------------------------- exercise 4
def _reference_elastic_net(v: torch.Tensor, eta: float, lambd1: float, lambd2: float) -> torch.Tensor:
    return _soft(v, eta * lambd1) / (1 + eta * lambd2)


@exercise("04.4")
def check_elastic_net_prox(elastic_net_prox) -> str:
    """``elastic_net_prox(v, eta, lambd1, lambd2)``: ``argmin ||w - v||²/(2η) + λ₁||w||₁ + λ₂/2 ||w||²``."""
    v = torch.tensor([-3.0, -0.4, 0.0, 0.25, 1.0, 2.5, 0.6], dtype=F64)
    for eta, l1, l2 in [(0.5, 1.0, 3.0), (0.2, 3.0, 0.5)]:
        got = _vector("elastic_net_prox(v, eta, lambd1, lambd2)", elastic_net_prox(v.clone(), eta, l1, l2), v.numel())
        if _same_vec(got, _reference_elastic_net(v, eta, l1, l2)):
            continue
        hint = _first_match(got, {
            "threshold first, then shrink: from (1 + ηλ₂)w = v − ηλ₁ sign(w) the threshold is ηλ₁ on v itself, "
            "soft(v, ηλ₁)/(1 + ηλ₂)": _soft(v / (1 + eta * l2), eta * l1),
            "(1 − ηλ₂)·soft(v, ηλ₁) is a gradient step on the L2 part, not its proximal map: "
            "solve (w − v)/η + λ₂w = ... for w, which divides by 1 + ηλ₂": _soft(v, eta * l1) * (1 - eta * l2),
            "the step η scales both penalties: the threshold is ηλ₁ and the divisor 1 + ηλ₂": _soft(v, l1) / (1 + l2),
            "the L2 part is missing: λ₂/2‖w‖² adds λ₂w to the condition, dividing by 1 + ηλ₂": _soft(v, eta * l1),
            "the L1 part is missing: there must be exact zeros where |v| ≤ ηλ₁": v / (1 + eta * l2),
            "the derivative of λ₂/2 w² is λ₂w, so the divisor is 1 + ηλ₂, not 1 + ηλ₂/2":
                _soft(v, eta * l1) / (1 + eta * l2 / 2),
            "returning v unchanged ignores both penalties": v,
            "all zeros is the answer only when every |v_j| ≤ ηλ₁": torch.zeros_like(v),
        }, _same_vec)
        fail(f"for η = {eta:g}, λ₁ = {l1:g}, λ₂ = {l2:g} your step differs from the minimizer",
             hint or "write 0 ∈ (w − v)/η + λ₁∂|w| + λ₂w and solve it for w > 0, w < 0 and w = 0")
    return "soft-threshold by ηλ₁, then divide by 1 + ηλ₂"


# ----------------------------------------------------------------------------- exercise 5
def _reference_steps(h: float, eta: float, lambd: float) -> float:
    return math.log(lambd / (h + lambd)) / math.log(1 - eta * h)


@exercise("04.5")
def check_steps_to_match(steps_to_match) -> str:
    """``steps_to_match(h, eta, lambd)``: the real ``t`` with ``1 - (1 - ηh)^t = h/(h + λ)``."""
    for h, eta, lam in [(0.5, 0.1, 0.2), (2.0, 0.3, 1.0), (0.05, 1.0, 0.01)]:
        got = _number("steps_to_match(h, eta, lambd)", steps_to_match(h, eta, lam))
        if _same_num(got, _reference_steps(h, eta, lam)):
            continue
        hint = _first_match(got, {
            "t = 1/(ηλ) is §10's small-curvature approximation; solve 1 − (1 − ηh)^t = h/(h + λ) exactly":
                1 / (eta * lam),
            "(1 − ηh)^t is the fraction GD has NOT yet reached, so it must equal 1 − h/(h+λ) = λ/(h+λ)":
                math.log(h / (h + lam)) / math.log(1 - eta * h),
            "log(1 − ηh) ≈ −ηh only when ηh is small: keep the exact logarithm":
                math.log(lam / (h + lam)) / (-eta * h),
            "sign: both logarithms are negative, so t is positive": -math.log(lam / (h + lam)) / math.log(1 - eta * h),
        }, _same_num)
        fail(f"for h = {h:g}, η = {eta:g}, λ = {lam:g} you returned t = {got:.4g}, which keeps "
             f"{1 - (1 - eta * h) ** got:.4g} of the direction instead of h/(h+λ) = {h / (h + lam):.4g}"
             if got == got else f"you returned t = {got}",
             hint or "take logarithms of (1 − ηh)^t = λ/(h + λ)")
    return "t = log(λ/(h+λ)) / log(1 − ηh)"
