"""Which parameters to decay: optimizer parameter groups by a simple rule.

Rule: a parameter is *decayed* when it is a weight matrix or kernel (2 or more
dimensions), is not called ``bias`` and does not belong to a normalization
layer. Biases, normalization scales/shifts (BatchNorm, LayerNorm, GroupNorm,
InstanceNorm, RMSNorm) and any other 0-D/1-D parameter are *not* decayed.
Embedding tables are 2-D and therefore decayed. Frozen parameters
(``requires_grad=False``) are left out of the groups entirely.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from ._validate import require_lambda

NORM_LAYERS: tuple[type[nn.Module], ...] = tuple(
    t for t in (
        nn.modules.batchnorm._NormBase,  # BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d, SyncBatchNorm
        nn.LayerNorm, nn.GroupNorm, getattr(nn, "RMSNorm", None),
    ) if t is not None
)


def _require_module(model: Any) -> nn.Module:
    if not isinstance(model, nn.Module):
        raise TypeError(f"model: expected a torch.nn.Module, got {type(model).__name__}")
    return model


def is_decayed(name: str, param: torch.Tensor, module: nn.Module) -> bool:
    """The rule: decay ``param`` (called ``name`` inside ``module``)?

    True for tensors with ``ndim >= 2`` that are not named ``bias`` and whose
    module is not a normalization layer.
    """
    return param.dim() >= 2 and name != "bias" and not isinstance(module, NORM_LAYERS)


def split_decay_names(model: nn.Module) -> tuple[list[str], list[str]]:
    """Names of the trainable parameters to decay and not to decay, in model order."""
    _require_module(model)
    decay, no_decay = [], []
    seen: set[int] = set()
    for module_name, module in model.named_modules():
        for name, p in module.named_parameters(recurse=False):
            if not p.requires_grad or id(p) in seen:
                continue
            seen.add(id(p))
            full = f"{module_name}.{name}" if module_name else name
            (decay if is_decayed(name, p, module) else no_decay).append(full)
    return decay, no_decay


def param_groups(model: nn.Module, weight_decay: float) -> list[dict[str, Any]]:
    """Two optimizer parameter groups: weights with ``weight_decay``, the rest with 0.

    Pass the result to any ``torch.optim`` optimizer, for example
    ``torch.optim.SGD(param_groups(net, 3.0), lr=0.003)``. Empty groups are
    dropped; a model without trainable parameters raises ``ValueError``.
    """
    _require_module(model)
    weight_decay = require_lambda(weight_decay, "weight_decay")
    params = dict(model.named_parameters())
    decay, no_decay = split_decay_names(model)
    if not decay and not no_decay:
        raise ValueError("model: has no trainable parameters (all frozen or none at all)")
    groups = [
        {"params": [params[n] for n in decay], "weight_decay": weight_decay},
        {"params": [params[n] for n in no_decay], "weight_decay": 0.0},
    ]
    return [g for g in groups if g["params"]]


def weight_sq_norm(model: nn.Module) -> torch.Tensor:
    """``sum ||W||^2`` over the parameters that :func:`param_groups` decays (differentiable)."""
    _require_module(model)
    params = dict(model.named_parameters())
    decay, _ = split_decay_names(model)
    total = torch.zeros(())
    for n in decay:
        total = total + (params[n] ** 2).sum()
    return total
