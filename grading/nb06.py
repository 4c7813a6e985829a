"""References, typical mistakes and hidden cases of notebook 06's exercises (weight decay in modern networks).

Every reference runs PyTorch's own optimizer (or a rule written from the library it stands for), never the closed
form of the worked solution.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from d2lmini.checks import nb06 as public

F64 = torch.float64


# --------------------------------------------------------------------------- 06.1: torch's SGD until the norm settles
def equilibrium_by_sgd(c: dict, dim: int = 8, seed: int = 0) -> list[float]:
    """``torch.optim.SGD(weight_decay=λ)`` on a scale-invariant weight: its gradient is ``g_unit / ‖w‖`` times a
    random unit vector orthogonal to ``w``. Run for about 12 relaxation times of ‖w‖²; the last norm."""
    lr, lambd, g_unit = c["lr"], c["lambd"], c["g"]
    gen = torch.Generator().manual_seed(seed)
    w = torch.randn(dim, generator=gen, dtype=F64)
    w = (w / w.norm()).requires_grad_()
    optimizer = torch.optim.SGD([w], lr=lr, weight_decay=lambd)
    for _ in range(int(12 / (4 * lr * lambd)) + 200):
        with torch.no_grad():
            xi = torch.randn(dim, generator=gen, dtype=F64)
            xi -= (xi @ w) / (w @ w) * w                          # orthogonal to w
            w.grad = g_unit / w.norm() * xi / xi.norm()
        optimizer.step()
    return [float(w.detach().norm())]


# --------------------------------------------------------------------------- 06.2: the paper's AdamW against torch's
def _quadratic(seed: int = 0, d: int = 6):
    gen = torch.Generator().manual_seed(seed)
    A = torch.randn(d, d, generator=gen, dtype=F64)
    return A @ A.T / d + 0.1 * torch.eye(d, dtype=F64), torch.randn(d, generator=gen, dtype=F64), gen


def _schedule(t: int, T: int) -> float:
    return 0.5 * (1 + math.cos(math.pi * t / T))


def paper_adamw(lambd, alpha, steps=60, betas=(0.9, 0.999), eps=1e-8):
    """Loshchilov & Hutter's Algorithm 2 written out on a noisy quadratic: θ ← θ − η_t (α u_t + λ θ), cosine η_t."""
    A, theta, gen = _quadratic()
    m, v = torch.zeros_like(theta), torch.zeros_like(theta)
    for t in range(1, steps + 1):
        g = A @ theta + 0.1 * torch.randn(theta.shape, generator=gen, dtype=F64)
        m, v = betas[0] * m + (1 - betas[0]) * g, betas[1] * v + (1 - betas[1]) * g * g
        u = (m / (1 - betas[0] ** t)) / ((v / (1 - betas[1] ** t)).sqrt() + eps)
        theta = theta - _schedule(t - 1, steps) * (alpha * u + lambd * theta)
    return theta


def torch_adamw(weight_decay, alpha, steps=60):
    """``torch.optim.AdamW(lr=α, weight_decay=...)`` with the same cosine multiplier as a LambdaLR, same noise."""
    A, theta0, gen = _quadratic()
    theta = theta0.clone().requires_grad_()
    optimizer = torch.optim.AdamW([theta], lr=alpha, weight_decay=weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda t: _schedule(t, steps))
    for _ in range(steps):
        with torch.no_grad():
            theta.grad = A @ theta + 0.1 * torch.randn(theta.shape, generator=gen, dtype=F64)
        optimizer.step()
        schedule.step()
    return theta.detach()


def paper_lambda(c: dict) -> float:
    """The paper's λ from its normalized value (the task states this formula)."""
    return c["lambda_norm"] * math.sqrt(c["b"] / (c["B"] * c["T"]))


def weight_decay_by_torch(c: dict) -> list[float]:
    """Measure what one unit of weight_decay does in torch's AdamW (a zero-gradient weight, one step at lr = α),
    match the paper's per-step decay λ, and confirm that 60 steps of both optimizers agree."""
    w = torch.ones(1, dtype=F64, requires_grad=True)
    optimizer = torch.optim.AdamW([w], lr=c["alpha"], weight_decay=1.0)
    w.grad = torch.zeros_like(w)
    optimizer.step()
    per_unit = 1.0 - float(w.detach())                  # the decay of one step per unit of weight_decay
    wd = paper_lambda(c) / per_unit
    paper = paper_adamw(paper_lambda(c), c["alpha"])
    gap = float((torch_adamw(wd, c["alpha"]) - paper).abs().max() / paper.abs().max())
    if gap > 1e-9:
        raise AssertionError(f"06.2 reference: torch's AdamW does not follow the paper ({gap:.1e})")
    return [wd]


# --------------------------------------------------------------------------- 06.3: search, confirmed by training
def rescaled_by_training(c: dict) -> list[float]:
    """AdamW's step from w is w(1 − lr·λ) − lr·u; from c·w the gradient is g/c and u is unchanged (up to ε). Solve
    the two matching conditions by a one-step AdamW run on a zero gradient (decay) and on a unit gradient (step),
    then confirm with 100 steps of training on the normalized toy from both starts."""
    lr, lambd, scale = c["lr"], c["lambd"], c["c"]

    def one_step(lr_, wd_, w0, grad):
        w = torch.full((1,), w0, dtype=F64, requires_grad=True)
        optimizer = torch.optim.AdamW([w], lr=lr_, weight_decay=wd_)
        w.grad = torch.full((1,), grad, dtype=F64)
        optimizer.step()
        return float(w.detach())

    move = 1.0 - one_step(lr, 0.0, 1.0, 1.0)               # the size of Adam's first step from w = 1: lr
    new_lr = scale * move                                  # the same angle from c·w needs a c-times larger move
    shrink = 1.0 - one_step(lr, lambd, 1.0, 0.0)           # fraction decayed per step, to be kept
    new_lambd = shrink / (1.0 - one_step(new_lr, 1.0, 1.0, 0.0))
    a, b = public.train_directions(lr, lambd), public.train_directions(new_lr, new_lambd, scale=scale)
    angle = float(torch.arccos((a * b).sum(1).clamp(-1, 1)).max())
    if angle > 1e-5:
        raise AssertionError(f"06.3 reference: the runs differ by {angle:.1e} rad")
    return [new_lr, new_lambd]


# --------------------------------------------------------------------------- 06.4: minGPT's rule
def mingpt_split(model: nn.Module) -> dict[str, bool]:
    """minGPT's GPT.configure_optimizers (mingpt/model.py), re-implemented: name -> decayed?"""
    decay, no_decay = set(), set()
    for mn, m in model.named_modules():
        for pn, _ in m.named_parameters(recurse=False):
            full = f"{mn}.{pn}" if mn else pn
            if pn.endswith("bias"):
                no_decay.add(full)
            elif pn.endswith("weight") and isinstance(m, nn.Linear):
                decay.add(full)
            elif pn.endswith("weight") and isinstance(m, (nn.LayerNorm, nn.Embedding)):
                no_decay.add(full)
    names = [n for n, _ in model.named_parameters()]
    assert decay | no_decay == set(names) and not decay & no_decay
    return {n: n in decay for n in names}


def groups_reference(c: dict) -> list[float]:
    model = public.group_model(c)
    return [c["wd"] if decayed else 0.0 for decayed in mingpt_split(model).values()]


def _groups(rule, wd_factor=1.0, swapped=False, no_key=False):
    def mingpt_groups(model, weight_decay):
        decay, other = [], []
        for module in model.modules():
            for name, p in module.named_parameters(recurse=False):
                (decay if rule(module, name, p) else other).append(p)
        if swapped:
            decay, other = other, decay
        second = {"params": other} if no_key else {"params": other, "weight_decay": 0.0}
        return [{"params": decay, "weight_decay": wd_factor * weight_decay}, second]
    return mingpt_groups


def _linear_weight(m, n, p):
    return isinstance(m, nn.Linear) and n == "weight"


def _everything(model, weight_decay):
    return [{"params": list(model.parameters()), "weight_decay": weight_decay}]


REFERENCES = {"06.1": equilibrium_by_sgd, "06.2": weight_decay_by_torch, "06.3": rescaled_by_training,
              "06.4": groups_reference}


def _pl(lambda_norm, alpha, b, B, T):
    return lambda_norm * math.sqrt(b / (B * T))


MISTAKES = {
    "06.1": {
        "fixed_gradient": lambda lr, lambd, g: (lr * g * g / (2 * lambd)) ** 0.5,
        "factor_two": lambda lr, lambd, g: (lr * g * g / lambd) ** 0.25,
        "norm_power": lambda lr, lambd, g: lr * g * g / (2 * lambd),
        "angle": lambda lr, lambd, g: math.sqrt(2 * lr * lambd),
        "lr_power": lambda lr, lambd, g: (g * g / (2 * lr * lambd)) ** 0.25,
        "g_unsquared": lambda lr, lambd, g: (lr * g / (2 * lambd)) ** 0.25,
    },
    "06.2": {
        "paper_lambda": lambda ln, a, b, B, T: _pl(ln, a, b, B, T),
        "times_alpha": lambda ln, a, b, B, T: _pl(ln, a, b, B, T) * a,
        "unnormalized": lambda ln, a, b, B, T: ln / a,
        "raw": lambda ln, a, b, B, T: ln,
        "inverted_norm": lambda ln, a, b, B, T: ln * math.sqrt(B * T / b) / a,
        "steps_not_epochs": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T * B / b)) / a,
        "no_sqrt": lambda ln, a, b, B, T: ln * (b / (B * T)) / a,
    },
    "06.3": {
        "sgd_rule": lambda lr, lambd, c: (c * c * lr, lambd / c ** 2),
        "unchanged": lambda lr, lambd, c: (lr, lambd),
        "lr_only": lambda lr, lambd, c: (c * lr, lambd),
        "inverted": lambda lr, lambd, c: (lr / c, lambd * c),
        "lambda_only": lambda lr, lambd, c: (lr, lambd / c),
    },
    "06.4": {
        "nanogpt": _groups(lambda m, n, p: p.dim() >= 2),
        "norm_gains": _groups(lambda m, n, p: n == "weight"),
        "biases": _groups(lambda m, n, p: isinstance(m, nn.Linear)),
        "everything": _everything,
        "swapped": _groups(_linear_weight, swapped=True),
        "default_decay": _groups(_linear_weight, no_key=True),
    },
}

HIDDEN = {
    "06.1": [{"lr": 0.3, "lambd": 0.02, "g": 0.7}, {"lr": 0.05, "lambd": 0.1, "g": 1.5},
             {"lr": 2.0, "lambd": 0.005, "g": 0.2}],
    "06.2": [{"lambda_norm": 0.03, "alpha": 5e-4, "b": 256, "B": 120_000, "T": 30},
             {"lambda_norm": 0.2, "alpha": 2e-3, "b": 16, "B": 4_000, "T": 8},
             {"lambda_norm": 0.01, "alpha": 1e-4, "b": 512, "B": 1_280_000, "T": 90}],
    "06.3": [{"lr": 0.005, "lambd": 0.2, "c": 4.0}, {"lr": 0.03, "lambd": 0.01, "c": 0.25},
             {"lr": 0.001, "lambd": 1.0, "c": 1.5}],
    "06.4": [{"seed": 3, "wd": 0.2, "model": {"vocab": 30, "width": 12, "context": 6, "depth": 1, "up_bias": False,
                                              "head_bias": True}},
             {"seed": 4, "wd": 0.01, "model": {"vocab": 10, "width": 4, "context": 3, "depth": 4}},
             {"seed": 5, "wd": 0.3, "model": {"vocab": 40, "width": 8, "context": 16, "depth": 2,
                                              "up_bias": False}}],
}

FORMULAS = {
    "06.1": ["** 0.25", "^(1/4)", "^0.25", "(2 * lambd)", "4th root", "fourth root"],
    "06.2": ["/ alpha", "λ / α", "lambd / alpha"],
    "06.3": ["c * lr", "λ / c", "lambd / c", "c·lr"],
}
