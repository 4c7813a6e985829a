"""Plumbing for notebook 03 (weight decay the concise way): its setup, two moons, MLPs, a lambda sweep.

The ideas the notebook teaches (``weight_decay``, the rule for parameter groups, AdamW) are written in
the notebook's own cells; :func:`param_groups` is the saved copy of its rule, for notebook 05.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import torch
from torch import nn

from .utils import check_finite


@dataclass(frozen=True)
class Setup:
    """Notebook 03's settings, in one place (the notebook and the exercise checks read them from here).

    The regression is notebook 02's noisy problem (``d2l.nb02.SETUP["noisy"]``: n = 30, d = 20, sigma = 1),
    trained here with minibatches and ``torch.optim.SGD(weight_decay=...)``.
    """

    batch_size: int = 10        # the noisy regression of notebook 02: 3 minibatches per epoch
    lr: float = 0.05
    num_epochs: int = 200       # 600 steps
    init_seed: int = 1          # seed of the minibatch order (and of w ~ N(0, 1) where a run starts there)
    lambd: float = 3.0          # read by the exercise checks
    lr_adam: float = 0.01       # read by the exercise checks
    moons_train: int = 100      # two moons: examples per training set, noise, label flips
    moons_val: int = 1000
    moons_test: int = 2000
    moons_noise: float = 0.25
    moons_flip: float = 0.1
    moons_hidden: int = 32
    moons_steps: int = 1000
    moons_eval_every: int = 50  # checkpoints of the sweep: validation accuracy and weights every 50 steps
    moons_lr: float = 0.1
    momentum: float = 0.9
    num_seeds: int = 5


SETUP = Setup()


# Taught in notebook 03 (section 5, "Which parameters to decay"); saved here for notebook 05.
def param_groups(model, weight_decay):
    """Two optimizer groups: weights (>= 2-D, no "bias" in the name, not in a normalization layer) get
    ``weight_decay``; biases and normalization parameters get 0. Frozen parameters are left out, and a
    tensor shared by two modules (tied weights) is listed once."""
    norm_layers = (torch.nn.modules.batchnorm._NormBase,   # BatchNorm*, InstanceNorm*
                   torch.nn.LayerNorm, torch.nn.GroupNorm, torch.nn.RMSNorm)
    decay, no_decay, seen = [], [], set()
    for module in model.modules():
        for name, p in module.named_parameters(recurse=False):
            if not p.requires_grad or id(p) in seen:
                continue
            seen.add(id(p))
            is_weight = p.dim() >= 2 and "bias" not in name and not isinstance(module, norm_layers)
            (decay if is_weight else no_decay).append(p)
    groups = [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return [g for g in groups if g["params"]]


# ---- Two moons and small MLPs (randomness: a seed, used by a private generator).
def make_moons(num_examples: int, noise: float = 0.25, flip: float = 0.1,
               seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaving half circles with Gaussian jitter ``noise`` and a fraction ``flip`` of labels flipped.

    Returns ``X`` of shape ``(n, 2)`` and float labels ``y`` (0 or 1) of shape ``(n,)``.
    """
    gen = torch.Generator().manual_seed(seed)
    n0 = num_examples // 2
    t = torch.rand(num_examples, generator=gen) * math.pi
    label = torch.cat([torch.zeros(n0), torch.ones(num_examples - n0)])
    upper = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], dim=1)
    X = torch.where(label[:, None] == 0, upper, lower) + noise * torch.randn(num_examples, 2, generator=gen)
    flipped = torch.rand(num_examples, generator=gen) < flip
    y = torch.where(flipped, 1 - label, label)
    perm = torch.randperm(num_examples, generator=gen)
    return X[perm], y[perm]


def mlp(num_hidden: int = 32, num_layers: int = 2, num_inputs: int = 2, seed: int = 0) -> nn.Sequential:
    """``num_layers`` hidden ReLU layers of width ``num_hidden`` and one output logit.

    Initialized like ``nn.Linear`` (uniform in ``±1/sqrt(fan_in)``), from ``seed``.
    """
    gen = torch.Generator().manual_seed(seed)
    widths = [num_inputs] + [num_hidden] * num_layers
    layers: list[nn.Module] = []
    for fan_in, fan_out in zip(widths, widths[1:] + [1], strict=True):
        layers += [nn.utils.skip_init(nn.Linear, fan_in, fan_out), nn.ReLU()]   # no draw from the global generator
    net = nn.Sequential(*layers[:-1])
    with torch.no_grad():
        for layer in net[::2]:
            bound = 1 / math.sqrt(layer.in_features)
            layer.weight.uniform_(-bound, bound, generator=gen)
            layer.bias.uniform_(-bound, bound, generator=gen)
    return net


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Fraction of examples whose predicted class (logit > 0) equals the label (over the last dim)."""
    return ((logits > 0).float() == y).float().mean(-1)


# ---- The lambda sweep behind the figures and the slider: K networks trained at once.
class _Stacked(nn.Module):
    """K independent MLPs in one: layer l holds ``weight`` (K, in, out) and ``bias`` (K, 1, out)."""

    def __init__(self, nets: list[nn.Sequential]) -> None:
        super().__init__()
        self.layers = nn.ModuleList()
        for k in range(0, len(nets[0]), 2):
            layer = nn.Module()
            layer.weight = nn.Parameter(torch.stack([net[k].weight.detach().T for net in nets]))
            layer.bias = nn.Parameter(torch.stack([net[k].bias.detach()[None] for net in nets]))
            self.layers.append(layer)

    def forward(self, X: torch.Tensor, nets: slice = slice(None)) -> torch.Tensor:   # (K, n, 2) -> (K, n)
        for k, layer in enumerate(self.layers):
            X = torch.baddbmm(layer.bias[nets], X, layer.weight[nets])
            X = X.relu() if k < len(self.layers) - 1 else X
        return X.squeeze(-1)

    def sq_norms(self) -> torch.Tensor:
        """``sum ||W||^2`` over the weight matrices, one value per network: shape (K,)."""
        return sum((layer.weight ** 2).sum((1, 2)) for layer in self.layers)


@dataclass
class MoonSweep:
    """A lambda sweep over R seeds. After the last step: accuracies and weight norms (R, L), seed 0's probability
    grids (L, num, num). At every checkpoint (``steps``, every ``moons_eval_every`` steps): training and validation
    accuracy (R, L, C) and the weights (``snapshots``, one copy of the stacked weights per checkpoint)."""

    lambdas: list[float]
    train_acc: torch.Tensor
    val_acc: torch.Tensor
    net: _Stacked
    norms: torch.Tensor
    xs: torch.Tensor
    ys: torch.Tensor
    probs: torch.Tensor
    steps: list[int]
    train_curve: torch.Tensor
    val_curve: torch.Tensor
    snapshots: list[dict[str, torch.Tensor]]


def moon_sweep(lambdas: list[float], X_val: torch.Tensor, y_val: torch.Tensor, setup: Setup = SETUP,
               xlim=(-1.6, 2.6), ylim=(-1.3, 1.8), num: int = 120) -> MoonSweep:
    """Train one MLP per (seed r, lambda) at once, exactly like ``torch.optim.SGD(param_groups(net, lambda),
    lr, momentum)`` on full batches of the mean logistic loss (the decay written as the penalty
    ``lambda/2 ||W||^2``, which for SGD is the same update). Seed r draws training set ``make_moons(...,
    seed=100 + r)`` and initial weights ``mlp(..., seed=200 + r)``; every lambda of one seed starts from
    the same weights. Every ``setup.moons_eval_every`` steps it records the training and validation accuracy
    and a copy of the weights (for early stopping: the step count chosen on validation).
    """
    R, L = setup.num_seeds, len(lambdas)
    data = [make_moons(setup.moons_train, setup.moons_noise, setup.moons_flip, seed=100 + r) for r in range(R)]
    X = torch.stack([d[0] for d in data]).repeat_interleave(L, 0)        # (R*L, n, 2), seed-major
    y = torch.stack([d[1] for d in data]).repeat_interleave(L, 0)
    nets = [mlp(setup.moons_hidden, 2, seed=200 + r) for r in range(R) for _ in range(L)]
    net = _Stacked(nets)
    lam = torch.tensor(lambdas, dtype=torch.float32).repeat(R)
    optimizer = torch.optim.SGD(net.parameters(), lr=setup.moons_lr, momentum=setup.momentum)
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    X_val_all = X_val.expand(R * L, -1, -1)
    steps, train_curve, val_curve, snapshots = [], [], [], []
    before = torch.get_num_threads()
    torch.set_num_threads(1)     # tiny tensors: one thread is faster, and identical for any OMP_NUM_THREADS
    try:
        for step in range(1, setup.moons_steps + 1):
            loss = loss_fn(net(X), y).mean(1) + lam / 2 * net.sq_norms()   # per network; summed below
            optimizer.zero_grad()
            loss.sum().backward()
            optimizer.step()
            if step % setup.moons_eval_every == 0 or step == setup.moons_steps:
                with torch.no_grad():
                    steps.append(step)
                    train_curve.append(accuracy(net(X), y).reshape(R, L))
                    val_curve.append(accuracy(net(X_val_all), y_val).reshape(R, L))
                    snapshots.append({k: v.detach().clone() for k, v in net.state_dict().items()})
        check_finite(loss.detach(), "the training loss", lr=setup.moons_lr)
        with torch.no_grad():
            norms = net.sq_norms().sqrt().reshape(R, L)
            xs, ys = torch.linspace(*xlim, num), torch.linspace(*ylim, num)
            gy, gx = torch.meshgrid(ys, xs, indexing="ij")
            grid = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1).expand(L, -1, -1)
            probs = torch.sigmoid(net(grid, slice(0, L))).reshape(L, num, num)   # seed 0's networks
    finally:
        torch.set_num_threads(before)
    return MoonSweep(list(lambdas), train_curve[-1], val_curve[-1], net, norms, xs, ys, probs, steps,
                     torch.stack(train_curve, -1), torch.stack(val_curve, -1), snapshots)


def stacked_logits(sweep: MoonSweep, X: torch.Tensor, step: int | None = None) -> torch.Tensor:
    """Logits of every network of ``sweep`` on ``X`` (n, 2): shape (R, L, n); after ``step`` steps (a checkpoint of
    ``sweep.steps``) or, by default, after the last one."""
    R, L = sweep.train_acc.shape
    net = sweep.net
    if step is not None:
        net = copy.deepcopy(sweep.net)
        net.load_state_dict(sweep.snapshots[sweep.steps.index(step)])
    with torch.no_grad():
        return net(X.expand(R * L, -1, -1)).reshape(R, L, -1)


def bayes_accuracy(noise: float = 0.25, flip: float = 0.1, num: int = 20000, seed: int = 0,
                   grid: int = 200) -> tuple[float, float]:
    """Accuracy of the best possible classifier for ``make_moons(noise, flip)`` on fresh data: mean and s.e.

    The class densities are known: p(x | c) is the average over t in [0, pi] of N(x; curve_c(t), noise^2 I),
    computed by the midpoint rule on ``grid`` values of t. For ``num`` points x drawn from the model (clean
    classes, prior 1/2 each), q(x) = P(c = 1 | x); the Bayes rule predicts the likelier class and is right with
    probability max(q, 1 - q) on clean labels, so (1 - flip) max(q, 1 - q) + flip min(q, 1 - q) on flipped ones.
    The mean of that over the points is the Bayes accuracy (its s.e.: std / sqrt(num)).
    """
    X, _ = make_moons(num, noise, 0.0, seed=seed)
    X = X.double()
    before = torch.get_num_threads()
    torch.set_num_threads(1)     # many small exponentials: one thread is faster here
    try:
        return _bayes(X, noise, flip, grid)
    finally:
        torch.set_num_threads(before)


def _posterior(X: torch.Tensor, noise: float, grid: int) -> torch.Tensor:
    """P(class 1 | x) for each row of ``X`` (float64), equal priors, densities by the midpoint rule in t."""
    t = (torch.arange(grid, dtype=torch.float64) + 0.5) / grid * math.pi
    curves = [torch.stack([torch.cos(t), torch.sin(t)], 1), torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], 1)]
    log_p = [torch.cat([torch.logsumexp(-((chunk[:, None, :] - mu) ** 2).sum(-1) / (2 * noise ** 2), 1)
                        for chunk in X.split(2000)]) for mu in curves]
    return torch.sigmoid(log_p[1] - log_p[0])


def bayes_rule(X: torch.Tensor, noise: float = 0.25, grid: int = 200) -> torch.Tensor:
    """The Bayes rule's predicted labels (0. or 1., shape (n,)) on given points ``X`` (n, 2): the likelier class
    under the known densities (label flips are symmetric, so they do not change which class is likelier)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return (_posterior(X.double(), noise, grid) > 0.5).float()
    finally:
        torch.set_num_threads(before)


def _bayes(X: torch.Tensor, noise: float, flip: float, grid: int) -> tuple[float, float]:
    q = _posterior(X, noise, grid)                              # P(class 1 | x), equal priors
    best = torch.maximum(q, 1 - q)
    right = (1 - flip) * best + flip * (1 - best)
    return float(right.mean()), float(right.std() / len(right) ** 0.5)


# ---- Figures: decision boundaries of seed 0's networks, static and on a slider.
def moon_cmap():
    """Light Okabe-Ito blue -> white -> light vermilion, in 10 steps of P(class 1)."""
    from matplotlib.colors import LinearSegmentedColormap, to_rgb

    from .plotting import COLORS
    light = [[0.45 + 0.55 * c for c in to_rgb(color)] for color in COLORS[:2]]
    return LinearSegmentedColormap.from_list("moons", [light[0], "white", light[1]], N=10)


def boundary_lines(sweep: MoonSweep) -> list[list]:
    """The P = 0.5 contour of each of seed 0's networks: a list of (m, 2) arrays per lambda."""
    import contourpy
    return [contourpy.contour_generator(sweep.xs.numpy(), sweep.ys.numpy(), P.numpy()).lines(0.5) for P in sweep.probs]


def draw_points(ax, X: torch.Tensor, y: torch.Tensor) -> None:
    """Training points: class 0 as blue circles, class 1 as vermilion triangles."""
    from .plotting import COLORS
    for label, marker, color in [(0, "o", COLORS[0]), (1, "^", COLORS[1])]:
        pts = X[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], marker=marker, s=22, color=color, edgecolor="k", linewidth=0.5,
                   label=f"class {label}")


def boundary_slider(sweep: MoonSweep, X: torch.Tensor, y: torch.Tensor):
    """A figure of seed 0's boundary and ``show(lambd)`` that switches it to another lambda: ``(fig, show)``."""
    from matplotlib.collections import LineCollection

    from .plotting import freeze_static, new_figure
    lines, extent = boundary_lines(sweep), (*sweep.xs[[0, -1]].tolist(), *sweep.ys[[0, -1]].tolist())
    fig, ax = new_figure(figsize=(6, 4.4))
    image = ax.imshow(sweep.probs[0].numpy(), extent=extent, origin="lower", cmap=moon_cmap(), vmin=0, vmax=1,
                      aspect="auto", interpolation="nearest")
    boundary = LineCollection(lines[0], colors="k", linewidths=2, label="boundary P = 0.5")
    ax.add_collection(boundary)
    draw_points(ax, X, y)
    ax.set(xlim=extent[:2], ylim=extent[2:], xlabel="x₁", ylabel="x₂")
    ax.legend(loc="lower left", fontsize=9)
    title = ax.set_title("λ = 0.000316: train 100%, validation 100.0% (seed 0)")
    freeze_static(fig, [image, boundary, title])
    grid, train_acc, val_acc, norms = sweep.lambdas, sweep.train_acc[0], sweep.val_acc[0], sweep.norms[0]

    def show(lambd, image=image, boundary=boundary, title=title, grid=grid, probs=sweep.probs, lines=lines,
             train_acc=train_acc, val_acc=val_acc, norms=norms):
        k = grid.index(lambd)
        image.set_data(probs[k].numpy())
        boundary.set_segments(lines[k])
        title.set_text(f"λ = {lambd:g}: train {train_acc[k]:.0%}, validation {val_acc[k]:.1%} (seed 0)")
        return f"λ = {lambd:g}: train {train_acc[k]:.0%}, validation {val_acc[k]:.1%}, ‖W‖ = {norms[k]:.3g} (seed 0)"

    show(grid[0])
    return fig, show

