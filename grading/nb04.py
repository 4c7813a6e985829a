"""References, typical mistakes and hidden cases of notebook 04's exercises (constrained vs penalized)."""

from __future__ import annotations

import itertools
import math

import torch

from d2lmini.checks import nb04 as public

F64 = torch.float64


def _soft(v, tau):
    return torch.sign(v) * torch.clamp(v.abs() - tau, min=0)


def _bisect(f, lo: float, hi: float, iters: int = 200) -> float:
    """Root of a monotone f on [lo, hi] (f(lo), f(hi) of opposite signs)."""
    flo = f(lo)
    for _ in range(iters):
        mid = (lo + hi) / 2
        if (f(mid) > 0) == (flo > 0):
            lo, flo = mid, f(mid)
        else:
            hi = mid
    return (lo + hi) / 2


# --------------------------------------------------------------------------- 04.1: bisection on ‖w(λ)‖² = θ
def isotropic_by_bisection(c: dict) -> list[float]:
    h, b, theta = public.isotropic_case(c)
    bb = float(b @ b)
    if bb / h ** 2 <= theta:
        return [0.0]
    return [_bisect(lambda lam: bb / (h + lam) ** 2 - theta, 0.0, 1e6)]


def _iso(variant):
    def lambda_isotropic(h, b, theta):
        nb = float(b.norm())
        return {"negative": nb / theta ** 0.5 - h, "theta_not_squared": max(nb / theta - h, 0.0),
                "squared_ratio": max(nb ** 2 / theta - h, 0.0), "no_h": nb / theta ** 0.5,
                "sign": nb / theta ** 0.5 + h, "zero": 0.0}[variant]
    return lambda_isotropic


# --------------------------------------------------------------------------- 04.2 / 04.4: compare the candidates
def _best_of(objective, candidates):
    """Per coordinate, the candidate with the smallest objective (the minimizer is among them)."""
    stacked = torch.stack(candidates)                   # (k, d)
    values = torch.stack([objective(c) for c in candidates])
    return stacked.gather(0, values.argmin(0, keepdim=True)).squeeze(0)


def lasso_by_candidates(c: dict) -> list[float]:
    h, b, lam = public.diagonal_case(c)
    cands = [torch.zeros_like(b), (b - lam) / h, (b + lam) / h]
    return [float(v) for v in _best_of(lambda w: h * w ** 2 / 2 - b * w + lam * w.abs(), cands)]


def _lasso(variant):
    def lasso_diagonal(h, b, lambd):
        return {"threshold_after_dividing": _soft(b / h, lambd), "ridge": b / (h + lambd),
                "no_division": _soft(b, lambd), "hard": (b / h) * (b.abs() > lambd),
                "sign_lost": torch.clamp(b.abs() - lambd, min=0) / h, "half_threshold": _soft(b, lambd / 2) / h,
                "unpenalized": b / h, "zeros": torch.zeros_like(b)}[variant]
    return lasso_diagonal


def prox_by_candidates(c: dict) -> list[float]:
    v, eta, l1, l2 = public.prox_case(c)
    cands = [torch.zeros_like(v), (v - eta * l1) / (1 + eta * l2), (v + eta * l1) / (1 + eta * l2)]
    return [float(x) for x in _best_of(lambda w: (w - v) ** 2 / (2 * eta) + l1 * w.abs() + l2 / 2 * w ** 2, cands)]


def _prox(variant):
    def elastic_net_prox(v, eta, lambd1, lambd2):
        return {"shrink_first": _soft(v / (1 + eta * lambd2), eta * lambd1),
                "gradient_step": _soft(v, eta * lambd1) * (1 - eta * lambd2),
                "no_eta": _soft(v, lambd1) / (1 + lambd2), "no_l2": _soft(v, eta * lambd1),
                "no_l1": v / (1 + eta * lambd2), "half_l2": _soft(v, eta * lambd1) / (1 + eta * lambd2 / 2),
                "identity": v.clone(), "zeros": torch.zeros_like(v)}[variant]
    return elastic_net_prox


# --------------------------------------------------------------------------- 04.3: enumerate the active sets
def box_by_active_sets(c: dict) -> list[float]:
    """Exact for small d: every coordinate free, at +c or at −c; solve the free ones, keep the feasible point that
    satisfies the KKT conditions (no gradient descent involved)."""
    q, box = public.box_case(c)
    H, b = q.H, q.b
    d = b.numel()
    for pattern in itertools.product((0, 1, -1), repeat=d):
        w = torch.tensor([box * s for s in pattern], dtype=F64)
        free = [j for j in range(d) if pattern[j] == 0]
        if free:
            fixed = [j for j in range(d) if pattern[j] != 0]
            rhs = b[free] - (H[free][:, fixed] @ w[fixed] if fixed else 0)
            w[free] = torch.linalg.solve(H[free][:, free], rhs)
        if float(w.abs().max()) > box + 1e-12:
            continue
        g = H @ w - b
        if all((pattern[j] == 0 and abs(float(g[j])) < 1e-9) or pattern[j] * float(g[j]) <= 1e-12
               for j in range(d)):
            return [float(x) for x in w]
    raise AssertionError("no KKT point found")


def _pgd(q, project, max_steps: int = 200_000):
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for _ in range(max_steps):
        w_next = project(w - eta * q.grad(w))
        if float((w_next - w).abs().max()) <= 1e-14:
            return w_next
        w = w_next
    return w


def _box(variant):
    def box_constrained(q, c):
        if variant == "clip_unconstrained":
            return torch.clamp(q.minimizer(), -c, c)
        if variant in ("ball", "ball_squared"):
            r = c if variant == "ball" else c ** 0.5
            return _pgd(q, lambda v: v * min(1.0, r / max(float(v.norm()), 1e-300)))
        if variant == "unconstrained":
            return q.minimizer()
        if variant == "one_pass":                 # clip, re-solve the free weights once, clip again
            w = torch.clamp(q.minimizer(), -c, c)
            fixed = w.abs() >= c
            free = ~fixed
            if free.any():
                w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, fixed] @ w[fixed])
            return torch.clamp(w, -c, c)
        return torch.zeros_like(q.b)
    return box_constrained


# --------------------------------------------------------------------------- 04.5: bisection on t
def steps_by_bisection(c: dict) -> list[float]:
    h, eta, lam = c["h"], c["eta"], c["lambd"]
    return [_bisect(lambda t: 1 - (1 - eta * h) ** t - h / (h + lam), 0.0, 1e7)]


REFERENCES = {"04.1": isotropic_by_bisection, "04.2": lasso_by_candidates, "04.3": box_by_active_sets,
              "04.4": prox_by_candidates, "04.5": steps_by_bisection}

MISTAKES = {
    "04.1": {k: _iso(k) for k in ("negative", "theta_not_squared", "squared_ratio", "no_h", "sign", "zero")},
    "04.2": {k: _lasso(k) for k in ("threshold_after_dividing", "ridge", "no_division", "hard", "sign_lost",
                                    "half_threshold", "unpenalized", "zeros")},
    "04.3": {k: _box(k) for k in ("clip_unconstrained", "one_pass", "ball", "ball_squared", "unconstrained",
                                   "zeros")},
    "04.4": {k: _prox(k) for k in ("shrink_first", "gradient_step", "no_eta", "no_l2", "no_l1", "half_l2",
                                   "identity", "zeros")},
    "04.5": {
        "approximation": lambda h, eta, lambd: 1 / (eta * lambd),
        "wrong_fraction": lambda h, eta, lambd: math.log(h / (h + lambd)) / math.log(1 - eta * h),
        "linear_log": lambda h, eta, lambd: math.log(lambd / (h + lambd)) / (-eta * h),
        "sign": lambda h, eta, lambd: -math.log(lambd / (h + lambd)) / math.log(1 - eta * h),
    },
}

HIDDEN = {
    "04.1": [{"h": 0.4, "d": 6, "share": 0.2, "seed": 4141}, {"h": 3.0, "d": 2, "share": 2.5, "seed": 4142},
             {"h": 1.1, "d": 8, "share": 0.6, "seed": 4143}],
    "04.2": [{"d": 9, "seed": 21, "scale": 1.5, "lambd": 0.8}, {"d": 5, "seed": 22, "scale": 4.0, "lambd": 3.0}],
    "04.3": [{"seed": 31, "n": 80, "w_true": [2.0, -0.5], "mix": 1.2, "sigma": 0.4, "c": 0.7},
             {"seed": 32, "n": 50, "w_true": [0.8, 1.4, -1.1], "mix": 0.6, "sigma": 0.2, "c": 0.9}],
    "04.4": [{"seed": 41, "d": 9, "scale": 2.5, "eta": 0.8, "l1": 0.7, "l2": 2.0},
             {"seed": 42, "d": 6, "scale": 1.0, "eta": 0.1, "l1": 5.0, "l2": 10.0}],
    "04.5": [{"h": 1.5, "eta": 0.2, "lambd": 0.3}, {"h": 0.01, "eta": 5.0, "lambd": 0.002},
             {"h": 4.0, "eta": 0.1, "lambd": 8.0}],
}

FORMULAS = {
    "04.1": ["‖b‖/√θ − h", "/ theta**0.5 - h", "max(‖b‖"],
    "04.2": ["soft(b_j, λ)/h_j", "max(|b_j| − λ, 0)/h_j"],
    "04.4": ["soft(v, ηλ₁)/(1 + ηλ₂)", "/ (1 + eta * lambd2)"],
    "04.5": ["log(λ/(h+λ)) / log(1 − ηh)", "log(lambd / (h + lambd))"],
}
