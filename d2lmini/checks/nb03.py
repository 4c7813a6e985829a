"""Self-checks for notebook 03 (weight decay the concise way).

Each function takes the learner's answer, raises ``AssertionError`` with a hint
that names the likely mistake when it is wrong, and prints one line when right.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from ..nb03 import split_decay_names


def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def _number(name: str, value: Any) -> float:
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AssertionError(f"{name}: expected a number, got {type(value).__name__}")
    return float(value)


def check_mse_settings(lr_torch: float, weight_decay: float, lr: float = 0.003, lambd: float = 3.0) -> None:
    """Exercise 1: SGD settings that make ``nn.MSELoss()`` training match the from-scratch run.

    From scratch: per-example loss ``(y_hat - y)^2 / 2 + lambd/2 ||w||^2``, averaged
    over the minibatch, step ``lr``. ``nn.MSELoss()`` is the batch mean of
    ``(y_hat - y)^2`` (no 1/2), so the answer is ``lr / 2`` and ``2 * lambd``.
    """
    a, wd = _number("lr_torch", lr_torch), _number("weight_decay", weight_decay)
    want_lr, want_wd = lr / 2, 2 * lambd
    if _close(a, want_lr) and _close(wd, want_wd):
        print(f"Exercise 1 OK: lr={a:g}, weight_decay={wd:g} reproduce lr={lr:g}, λ={lambd:g} from scratch")
        return
    if _close(a, lr):
        raise AssertionError(
            "lr is unchanged, but nn.MSELoss() has no 1/2, so its gradient is twice that of "
            "squared_loss: halve the learning rate to take the same step.")
    if not _close(a, want_lr):
        raise AssertionError(f"lr_torch={a:g}: the data gradient doubles (no 1/2 in MSELoss), so the "
                             f"step lr_torch * 2 * grad must equal lr * grad: lr_torch = lr / 2.")
    if _close(wd, lambd):
        raise AssertionError(
            "off by a factor of 2 in weight_decay: with the halved learning rate the decay per step is "
            "lr_torch * weight_decay, which must still equal lr * λ, so weight_decay = 2λ.")
    if _close(wd, lambd / 2):
        raise AssertionError("weight_decay is 4x too small: you halved λ, but the halved learning rate "
                             "means it must be doubled (weight_decay = 2λ).")
    raise AssertionError(f"weight_decay={wd:g}: require lr_torch * weight_decay = lr * λ.")


def _probe_model() -> nn.Module:
    """A fixed model with weights, biases and a LayerNorm (for checking penalties)."""
    gen = torch.Generator().manual_seed(3)
    net = nn.Sequential(nn.Linear(3, 4), nn.LayerNorm(4), nn.ReLU(), nn.Linear(4, 2))
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(torch.randn(p.shape, generator=gen) + 0.5)
    return net


def check_weight_penalty(penalty: Callable[[nn.Module, float], torch.Tensor]) -> None:
    """Exercise 2: ``penalty(model, lambd)`` returns ``lambd/2 * sum ||W||^2`` over weights only.

    It must skip biases and normalization parameters and stay differentiable.
    """
    if not callable(penalty):
        raise AssertionError(f"penalty: expected a function, got {type(penalty).__name__}")
    net, lambd = _probe_model(), 0.3
    params = dict(net.named_parameters())
    decay, no_decay = split_decay_names(net)
    with torch.no_grad():
        sq_w = sum(float((params[n] ** 2).sum()) for n in decay)
        sq_b = sum(float((params[n] ** 2).sum()) for n in no_decay if n.endswith("bias"))
        sq_norm = sum(float((params[n] ** 2).sum()) for n in no_decay if not n.endswith("bias"))
    try:
        value = penalty(net, lambd)
    except RuntimeError as exc:
        raise AssertionError(f"penalty raised RuntimeError: {exc}") from exc
    if not isinstance(value, torch.Tensor):
        raise AssertionError(
            f"penalty returned a {type(value).__name__}, not a tensor: the optimizer needs its gradient "
            "(did you call .item() or float()?)")
    if not value.requires_grad:
        raise AssertionError("the penalty has no gradient: did you compute it under torch.no_grad() "
                             "or use .detach()/.data?")
    got, want = float(value.detach()), lambd / 2 * sq_w
    if _close(got, want, 1e-5):
        print("Exercise 2 OK: λ/2 Σ||W||² over the weights only (biases and LayerNorm skipped)")
        return
    hints = [
        (2 * want, "off by a factor of 2: did you forget the 1/2 in λ/2 ||w||^2?"),
        (want / 2, "off by a factor of 1/2: did you halve twice?"),
        (lambd / 2 * (sq_w + sq_b), "you decayed the biases too: skip parameters named 'bias'."),
        (lambd / 2 * (sq_w + sq_norm), "you decayed the LayerNorm scale: skip normalization parameters."),
        (lambd / 2 * (sq_w + sq_b + sq_norm), "you summed over model.parameters(): that decays biases and "
                                               "LayerNorm parameters; keep only the weight matrices."),
        (lambd * (sq_w + sq_b + sq_norm), "you summed over all parameters and forgot the 1/2."),
        (lambd / 2 * math.sqrt(sq_w), "use the SQUARED norm: sum(p**2), not p.norm()."),
    ]
    for value_if, hint in hints:
        if _close(got, value_if, 1e-5):
            raise AssertionError(hint)
    raise AssertionError(f"penalty gave {got:.4g}, expected {want:.4g} (λ/2 Σ||W||² over weights only).")


def check_groups(optimizer: torch.optim.Optimizer, model: nn.Module, weight_decay: float) -> None:
    """Exercise 3: ``optimizer`` decays every weight matrix of ``model`` by ``weight_decay``, nothing else."""
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise AssertionError(f"optimizer: expected a torch.optim optimizer, got {type(optimizer).__name__}")
    names = {id(p): n for n, p in model.named_parameters()}
    decay, no_decay = split_decay_names(model)
    seen: dict[str, float] = {}
    for group in optimizer.param_groups:
        for p in group["params"]:
            n = names.get(id(p))
            if n is None:
                raise AssertionError("the optimizer holds a tensor that is not a parameter of this model")
            if n in seen:
                raise AssertionError(f"{n} appears in two parameter groups")
            seen[n] = float(group.get("weight_decay", 0.0))
    missing = [n for n in decay + no_decay if n not in seen]
    if missing:
        raise AssertionError(f"not optimized at all: {missing}; every trainable parameter needs a group")
    decayed_bias = [n for n in no_decay if seen[n] != 0]
    if decayed_bias and len(optimizer.param_groups) == 1:
        raise AssertionError("you passed model.parameters() with weight_decay: that decays the biases and "
                             "normalization parameters too; use two groups (d2l.param_groups).")
    if decayed_bias:
        raise AssertionError(f"these should not be decayed (biases / normalization): {decayed_bias}")
    wrong = [n for n in decay if not _close(seen[n], weight_decay)]
    if wrong:
        raise AssertionError(f"these weights need weight_decay={weight_decay:g}: {wrong}")
    print(f"Exercise 3 OK: {len(decay)} weight tensors decayed, {len(no_decay)} biases/norm parameters not")


def check_adamw_factor(factor: float, lr: float = 1e-3, weight_decay: float = 1e-2, steps: int = 1000) -> None:
    """Exercise 4: the fraction of a weight left after ``steps`` AdamW steps with a zero gradient."""
    got = _number("factor", factor)
    want = (1 - lr * weight_decay) ** steps
    if _close(got, want, 1e-7):
        print(f"Exercise 4 OK: (1 - lr·wd)^steps = {want:.5f}")
        return
    if _close(got, (1 - weight_decay) ** steps, 1e-3):
        raise AssertionError("PyTorch's AdamW multiplies the decay by the learning rate: the factor per "
                             "step is 1 - lr * weight_decay, not 1 - weight_decay.")
    if _close(got, 1 - lr * weight_decay, 1e-7):
        raise AssertionError("that is the factor for ONE step; raise it to the power `steps`.")
    if _close(got, 1 - steps * lr * weight_decay, 1e-7):
        raise AssertionError("close, but the decay compounds: (1 - lr*wd)^steps, not 1 - steps*lr*wd.")
    raise AssertionError(f"factor={got:.5g}: each step multiplies the weight by (1 - lr * weight_decay).")


def check_decoupled_step(step: Callable[..., Any]) -> None:
    """Exercise 5: ``step(params, lr, weight_decay)`` shrinks each tensor in place by ``1 - lr*wd``."""
    if not callable(step):
        raise AssertionError(f"step: expected a function, got {type(step).__name__}")
    w = torch.tensor([[1.0, -2.0], [0.5, 4.0]], requires_grad=True)
    before = w.detach().clone()
    try:
        result = step([w], 0.1, 0.5)
    except RuntimeError as exc:
        if "in-place" in str(exc) or "leaf" in str(exc):
            raise AssertionError("an in-place change of a parameter must run inside `with torch.no_grad():` "
                                 f"(PyTorch said: {exc})") from exc
        raise
    if result is not None and isinstance(result, torch.Tensor) and torch.equal(w.detach(), before):
        raise AssertionError("you returned a new tensor but left the parameter unchanged: update it in "
                             "place (p.mul_(...)) so the model sees the change.")
    if torch.allclose(w.detach(), before * (1 - 0.1 * 0.5)):
        if w.grad_fn is not None:
            raise AssertionError("the parameter now has a grad_fn: do the update under torch.no_grad().")
        print("Exercise 5 OK: p ← (1 - lr·λ) p, in place, outside autograd")
        return
    if torch.allclose(w.detach(), before * (1 - 0.5)):
        raise AssertionError("you shrank by 1 - weight_decay: the decoupled step multiplies by 1 - lr*weight_decay.")
    if torch.equal(w.detach(), before):
        raise AssertionError("the parameter did not change: update it in place (p.mul_(...)).")
    raise AssertionError("each parameter must become (1 - lr * weight_decay) times itself.")
