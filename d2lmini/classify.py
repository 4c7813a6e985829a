"""A 2-D toy classification lab: noisy two moons, a small MLP, decision boundaries."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import torch
from torch import nn

from ._validate import require_finite, require_int, require_real, require_tensor


def make_moons(num_examples: int, noise: float = 0.2, flip: float = 0.1) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaving half circles with Gaussian jitter and flipped labels.

    Half the points (label 0) lie on the upper moon, half (label 1) on the lower
    one; each coordinate gets ``noise * N(0, 1)`` and each label is flipped with
    probability ``flip``. Uses PyTorch's global generator (seed it with
    :func:`d2lmini.set_seed`). Returns ``X`` of shape ``(n, 2)`` and float
    labels ``y`` of shape ``(n,)``.
    """
    require_int("num_examples", num_examples, minimum=2)
    noise = require_real("noise", noise, nonnegative=True)
    flip = require_real("flip", flip, nonnegative=True)
    if flip >= 0.5:
        raise ValueError(f"flip: expected a probability below 0.5, got {flip}")
    n0 = num_examples // 2
    t = torch.rand(num_examples) * math.pi
    label = torch.cat([torch.zeros(n0), torch.ones(num_examples - n0)])
    upper = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], dim=1)
    X = torch.where(label[:, None] == 0, upper, lower) + noise * torch.randn(num_examples, 2)
    flipped = torch.rand(num_examples) < flip
    y = torch.where(flipped, 1 - label, label)
    perm = torch.randperm(num_examples)
    return X[perm], y[perm]


def mlp(num_hidden: int = 64, num_layers: int = 2, num_inputs: int = 2) -> nn.Sequential:
    """``num_layers`` hidden ReLU layers of width ``num_hidden`` and one output logit."""
    require_int("num_hidden", num_hidden)
    require_int("num_layers", num_layers)
    require_int("num_inputs", num_inputs)
    layers: list[nn.Module] = []
    width = num_inputs
    for _ in range(num_layers):
        layers += [nn.Linear(width, num_hidden), nn.ReLU()]
        width = num_hidden
    layers.append(nn.Linear(width, 1))
    return nn.Sequential(*layers)


@contextmanager
def one_thread() -> Iterator[None]:
    """Run the enclosed tiny-tensor work on ONE intra-op thread, then restore the setting.

    For a 100-example MLP the thread hand-offs cost more than they save (on a
    busy 2-core machine, 2 threads were 50x slower), and one thread gives
    bit-identical results whatever ``OMP_NUM_THREADS`` is.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def train_classifier(net: nn.Module, X: torch.Tensor, y: torch.Tensor,
                     optimizer: torch.optim.Optimizer, num_steps: int) -> float:
    """Full-batch training on the mean logistic loss; returns the final loss.

    Weight decay, if any, comes from ``optimizer`` (e.g. built with
    :func:`d2lmini.param_groups`). Raises ``DivergenceError`` on NaN or inf.
    """
    _require_net(net)
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(f"optimizer: expected a torch.optim.Optimizer, got {type(optimizer).__name__}")
    _check_xy(X, y)
    require_int("num_steps", num_steps)
    loss_fn = nn.BCEWithLogitsLoss()
    with one_thread():
        for _ in range(num_steps):
            loss = loss_fn(net(X).reshape(-1), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    value = float(loss.detach())
    require_finite(value, "the training loss")
    return value


def _require_net(net: nn.Module) -> None:
    if not isinstance(net, nn.Module):
        raise TypeError(f"net: expected a torch.nn.Module, got {type(net).__name__}")


def _check_xy(X: torch.Tensor, y: torch.Tensor) -> None:
    require_tensor("X", X, ndim=(2,))
    require_tensor("y", y, ndim=(1,))
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"y: expected {X.shape[0]} labels like X's rows, got {y.shape[0]}")


def accuracy(net: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of examples whose predicted class (logit > 0) equals the label."""
    _require_net(net)
    _check_xy(X, y)
    with torch.no_grad(), one_thread():
        return float(((net(X).reshape(-1) > 0).float() == y).float().mean())


def probability_grid(net: nn.Module, xlim: Sequence[float], ylim: Sequence[float],
                     num: int = 100) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``P(y = 1 | x)`` on a ``num x num`` grid: returns ``(xs, ys, probs)``, probs ``(num, num)``.

    ``probs[i, j]`` belongs to the point ``(xs[j], ys[i])`` (image layout).
    """
    _require_net(net)
    require_int("num", num, minimum=2)
    for name, lim in (("xlim", xlim), ("ylim", ylim)):
        if len(lim) != 2 or not lim[0] < lim[1]:
            raise ValueError(f"{name}: expected (low, high) with low < high, got {tuple(lim)}")
    xs = torch.linspace(float(xlim[0]), float(xlim[1]), num)
    ys = torch.linspace(float(ylim[0]), float(ylim[1]), num)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    with torch.no_grad(), one_thread():
        logits = net(torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1))
    return xs, ys, torch.sigmoid(logits).reshape(num, num)
