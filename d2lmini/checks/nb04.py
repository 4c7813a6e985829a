"""Checks of notebook 04's exercises (constrained vs penalized, L1, early stopping): public cases, hints; answers as
fingerprints."""

from __future__ import annotations

import torch

from ..nb04 import Quadratic
from . import Exercise, as_number, as_vector

F64 = torch.float64


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


# --------------------------------------------------------------------------- 04.1 (derivation)
def isotropic_case(c: dict):
    """h, b and θ = share · ‖b/h‖² (share > 1: the ball already holds the unconstrained minimizer)."""
    b = torch.randn(c["d"], generator=_gen(c["seed"]), dtype=F64)
    return c["h"], b, c["share"] * float(b @ b) / c["h"] ** 2


LAMBDA_ISOTROPIC = Exercise(
    "04.1", "lambda_isotropic",
    cases=[{"h": 0.7, "d": 3, "share": 0.3, "seed": 4041}, {"h": 2.5, "d": 5, "share": 0.05, "seed": 4042},
           {"h": 1.3, "d": 4, "share": 1.6, "seed": 4043}],
    inputs=isotropic_case,
    run=lambda fn, h, b, theta: [as_number("lambda_isotropic(h, b, theta)", fn(h, b.clone(), theta))],
    describe=lambda c: f"h = {c['h']}, b of {c['d']} entries, a ball {'larger' if c['share'] > 1 else 'smaller'} "
                       "than ‖b/h‖²",
    rel=1e-6, atol=1e-12,
    hints={
        "generic": "the penalized minimizer of a round loss points along b; its squared norm falls as λ grows: "
                   "solve for the λ where it equals θ, and think about the case where no λ > 0 is needed",
        "negative": "λ must not be negative (dual feasibility): when the ball already holds the unconstrained "
                    "minimizer, the constraint is inactive and λ = 0",
        "theta_not_squared": "θ bounds the SQUARED norm: the norm itself is bounded by √θ",
        "squared_ratio": "take the square root when you undo the square: ‖w(λ)‖ = ‖b‖/(h + λ), not its square",
        "no_h": "the curvature h is in the denominator too: subtract it",
        "sign": "sign: solving h + λ = (something) for λ subtracts h",
        "zero": "λ = 0 only when the constraint is inactive; here the ball is smaller than that",
    },
    more=["Setting the gradient hw − b + λw to zero gives w(λ) as a multiple of b.",
          "Its squared norm is ‖b‖²/(h + λ)²; set it equal to θ, take square roots, and return 0 when the result "
          "would be negative."],
    success="λ(θ) for every θ, including the inactive case",
)
check_lambda_isotropic = LAMBDA_ISOTROPIC.check


# --------------------------------------------------------------------------- 04.2 (derivation)
def diagonal_case(c: dict):
    g = _gen(c["seed"])
    h = 0.3 + 3 * torch.rand(c["d"], generator=g, dtype=F64)
    b = c["scale"] * torch.randn(c["d"], generator=g, dtype=F64)
    return h, b, c["lambd"]


LASSO_DIAGONAL = Exercise(
    "04.2", "lasso_diagonal",
    cases=[{"d": 6, "seed": 1, "scale": 2.0, "lambd": 1.0}, {"d": 4, "seed": 2, "scale": 1.0, "lambd": 0.5},
           {"d": 8, "seed": 3, "scale": 3.0, "lambd": 2.0}],
    inputs=diagonal_case,
    run=lambda fn, h, b, lambd: as_vector("lasso_diagonal(h, b, lambd)", fn(h.clone(), b.clone(), lambd), b.numel()),
    describe=lambda c: f"{c['d']} weights, λ = {c['lambd']}",
    rel=1e-7, atol=1e-10, ztol=1e-9,
    hints={
        "generic": "solve the optimality condition in three cases (w_j > 0, w_j < 0, w_j = 0) and see which one "
                   "holds for which b_j",
        "threshold_after_dividing": "the threshold acts on b_j, before dividing by h_j",
        "ridge": "that is ridge's shrinkage: the L1 subgradient SUBTRACTS from |b_j|, it does not add to the "
                 "curvature",
        "no_division": "divide by the curvature h_j",
        "hard": "hard thresholding: the surviving weights must also move toward 0",
        "sign_lost": "the sign is lost: a negative b_j gives a negative w_j",
        "half_threshold": "λ‖w‖₁ has no ½: its subgradient is λ·sign(w)",
        "unpenalized": "this is the unpenalized minimizer: where did λ go?",
        "zeros": "all zeros is the answer only when λ is at least every |b_j|",
    },
    more=["For w_j > 0 the condition is an equation h_j w_j − b_j + λ = 0; it has a positive solution only for "
          "some b_j. Do the same for w_j < 0.",
          "When neither case has a solution of the right sign, w_j = 0 satisfies the condition (0 ∈ −b_j + λ[−1, 1])."],
    success="exact zeros where the penalty wins, the others shrunk: soft-thresholding, then the curvature",
)
check_lasso_diagonal = LASSO_DIAGONAL.check


# --------------------------------------------------------------------------- 04.3 (transfer)
def box_case(c: dict):
    """A correlated least-squares problem (like this notebook's first one) as a Quadratic, and the box size c."""
    g = _gen(c["seed"])
    d = len(c["w_true"])
    A = torch.eye(d, dtype=F64) + c["mix"] * torch.randn(d, d, generator=g, dtype=F64)
    X = torch.randn(c["n"], d, generator=g, dtype=F64) @ A
    y = X @ torch.tensor(c["w_true"], dtype=F64) + c["sigma"] * torch.randn(c["n"], generator=g, dtype=F64)
    return Quadratic.from_data(X, y), c["c"]


def _run_box(fn, q, c):
    copy = Quadratic(q.H.clone(), q.b.clone(), q.c)
    return as_vector("box_constrained(q, c)", fn(copy, c), q.b.numel())


BOX = Exercise(
    "04.3", "box_constrained",
    cases=[{"seed": 1, "n": 100, "w_true": [1.0, 0.3], "mix": 0.8, "sigma": 0.5, "c": 0.5},
           {"seed": 1, "n": 100, "w_true": [1.0, 0.3], "mix": 0.8, "sigma": 0.5, "c": 0.8},
           {"seed": 2, "n": 60, "w_true": [1.5, -1.0, 0.5], "mix": 0.8, "sigma": 0.3, "c": 0.6},
           {"seed": 5, "n": 60, "w_true": [1.5, -1.0, 0.5], "mix": 0.8, "sigma": 0.3, "c": 0.6}],
    inputs=box_case,
    run=_run_box,
    describe=lambda c: f"{len(c['w_true'])} correlated features, c = {c['c']}",
    rel=1e-6, atol=1e-7,
    hints={
        "generic": "projected gradient descent: a gradient step, then the nearest point of the box, repeated until "
                   "w stops moving",
        "clip_unconstrained": "clipping the unconstrained minimizer is the answer only when H is diagonal: with "
                              "correlated features the weights interact through H",
        "one_pass": "one re-solve after clipping is not enough: when the free weights move, a weight clipped at "
                    "first may have to come back inside the box (or another one reach its edge); iterate until w "
                    "stops moving",
        "ball": "that is a ball ‖w‖ ≤ c: the box constrains each weight separately",
        "ball_squared": "that is a ball ‖w‖² ≤ c: the box constrains each weight separately",
        "unconstrained": "this is the unconstrained minimizer: the constraint |w_j| ≤ c is missing",
        "zeros": "w = 0 is feasible but not the minimizer: the loss still falls inside the box",
    },
    more=["The nearest point of the box to any v clips each coordinate of v to [−c, c] separately.",
          "Repeat w ← clip(w − η∇L(w)) with a step η of at most 1 over the largest eigenvalue of H, from w = 0, until "
          "the change is below 1e-12."],
    success="the box-constrained minimizer; clipping the unconstrained minimizer, or clipping and re-solving once, "
            "would be wrong for correlated features",
)
check_box_constrained = BOX.check


# --------------------------------------------------------------------------- 04.4 (transfer)
def prox_case(c: dict):
    g = _gen(c["seed"])
    return c["scale"] * torch.randn(c["d"], generator=g, dtype=F64), c["eta"], c["l1"], c["l2"]


ELASTIC_NET = Exercise(
    "04.4", "elastic_net_prox",
    cases=[{"seed": 1, "d": 7, "scale": 1.5, "eta": 0.5, "l1": 1.0, "l2": 3.0},
           {"seed": 2, "d": 7, "scale": 2.0, "eta": 0.2, "l1": 3.0, "l2": 0.5}],
    inputs=prox_case,
    run=lambda fn, v, eta, l1, l2: as_vector("elastic_net_prox(v, eta, lambd1, lambd2)", fn(v.clone(), eta, l1, l2),
                                             v.numel()),
    describe=lambda c: f"η = {c['eta']}, λ₁ = {c['l1']}, λ₂ = {c['l2']}",
    rel=1e-7, atol=1e-10, ztol=1e-9,
    hints={
        "generic": "write the optimality condition coordinate by coordinate and solve it in the three cases w > 0, "
                   "w < 0 and w = 0, as for soft-thresholding",
        "shrink_first": "threshold first, then shrink: the threshold acts on v itself",
        "gradient_step": "a gradient step on the L2 part is not its proximal map: solve the condition for w, which "
                         "divides",
        "no_eta": "the step η scales both penalties",
        "no_l2": "the L2 part is missing",
        "no_l1": "the L1 part is missing: there must be exact zeros",
        "half_l2": "the derivative of λ₂/2 w² is λ₂w (no ½ left)",
        "identity": "returning v unchanged ignores both penalties",
        "zeros": "all zeros is the answer only when every |v_j| is below the threshold",
    },
    more=["For w > 0: (w − v)/η + λ₁ + λ₂w = 0. Solve for w and note when the solution is positive.",
          "Together with w < 0 and w = 0 this is soft-thresholding of v followed by a division."],
    success="the elastic-net proximal step: soft-threshold, then shrink",
)
check_elastic_net_prox = ELASTIC_NET.check


# --------------------------------------------------------------------------- 04.5 (practice)
STEPS = Exercise(
    "04.5", "steps_to_match",
    cases=[{"h": 0.5, "eta": 0.1, "lambd": 0.2}, {"h": 2.0, "eta": 0.3, "lambd": 1.0},
           {"h": 0.05, "eta": 1.0, "lambd": 0.01}],
    inputs=lambda c: (c["h"], c["eta"], c["lambd"]),
    run=lambda fn, h, eta, lambd: [as_number("steps_to_match(h, eta, lambd)", fn(h, eta, lambd))],
    describe=lambda c: f"h = {c['h']}, η = {c['eta']}, λ = {c['lambd']}",
    rel=1e-6,
    hints={
        "generic": "write the fraction gradient descent has NOT yet reached after t steps, set it equal to the "
                   "fraction ridge leaves out, and take logarithms",
        "approximation": "that is the small-curvature approximation; solve the equation exactly",
        "wrong_fraction": "(1 − ηh)^t is the fraction GD has NOT yet reached: it must equal what ridge leaves out",
        "linear_log": "log(1 − ηh) ≈ −ηh only when ηh is small: keep the exact logarithm",
        "sign": "sign: both logarithms are negative, so t is positive",
    },
    more=["After t steps from 0, gradient descent has reached 1 − (1 − ηh)^t of the way to the minimizer in that "
          "direction; ridge keeps h/(h + λ) of it.",
          "Set (1 − ηh)^t equal to 1 − h/(h + λ) and solve for t with logarithms."],
    success="the exact step count at which early stopping keeps ridge's fraction",
)
check_steps_to_match = STEPS.check
