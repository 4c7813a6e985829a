"""Notebook 05 (weight decay on real data): the digits pipeline, a sweep that trains many SimpleNets at once,
and the figure builders.

scikit-learn is imported inside the functions that need it, never when ``d2lmini`` is imported.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader


@dataclass(frozen=True)
class Setup:
    """The notebook's setup (one constant, imported by the exercise checks and the tests)."""

    sizes: tuple[int, int, int] = (1000, 400, 397)   # train, validation, test images (1,797 in all)
    split_seed: int = 0                              # the split; training seeds are 1, 2, ... (never 0)
    batch_size: int = 64                             # as in the classic tutorial
    num_hidden: int = 64                             # 64 -> 64 -> 10
    lr: float = 0.1                                  # the sweep's learning rate (the tutorial's is 0.01)
    num_epochs: int = 40                             # 40 epochs of 16 steps = 640 steps
    seeds: tuple[int, ...] = (1, 2, 3, 4, 5)         # R = 5 training seeds per lambda


SETUP = Setup()


def load_digits() -> tuple[torch.Tensor, torch.Tensor]:
    """scikit-learn's 1,797 8x8 digit images (shipped in its wheel): ``X`` float32 (1797, 64), ``y`` int64."""
    from sklearn.datasets import load_digits as _load

    X, y = _load(return_X_y=True)
    return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.int64)


def load_diabetes() -> tuple[torch.Tensor, torch.Tensor]:
    """scikit-learn's diabetes regression set: ``X`` float64 (442, 10), ``y`` float64 (442,)."""
    from sklearn.datasets import load_diabetes as _load

    X, y = _load(return_X_y=True)
    return torch.tensor(X, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)


# Taught in notebook 05 (section 1); saved here for the checks and tests.
def split_standardize(X, y, sizes, seed):
    """Shuffle with a private generator, split into parts of ``sizes``, standardize with the TRAIN mean/std."""
    perm = torch.randperm(X.shape[0], generator=torch.Generator().manual_seed(seed))
    parts = perm.split(list(sizes))
    mean, std = X[parts[0]].mean(0), X[parts[0]].std(0)
    std = torch.where(std > 0, std, torch.ones_like(std))   # a pixel that is constant in train: leave it at 0
    return [((X[p] - mean) / std, y[p]) for p in parts]


def digits(setup: Setup = SETUP):
    """``[(X_train, y_train), (X_val, y_val), (X_test, y_test)]`` exactly as the notebook builds them."""
    X, y = load_digits()
    return split_standardize(X, y, setup.sizes, setup.split_seed)


# Taught in notebook 05 (section 2): the tutorial's SimpleNet for 8x8 inputs.
class SimpleNet(nn.Module):
    def __init__(self, num_hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(8 * 8, num_hidden)
        self.fc2 = nn.Linear(num_hidden, 10)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x.reshape(-1, 8 * 8))))


def _linears(net: nn.Module) -> list[nn.Linear]:
    layers = [m for m in net.modules() if isinstance(m, nn.Linear)]
    if len(layers) != 2:
        raise ValueError(f"make_net: expected a net with 2 nn.Linear layers (64 -> h -> 10), got {len(layers)}")
    return layers


@dataclass
class Sweep:
    """Many SimpleNets trained at once: index ``[i, s]`` = (``lambdas[i]``, ``seeds[s]``).

    ``W1 (L, S, 64, h)``, ``b1 (L, S, h)``, ``W2 (L, S, h, 10)``, ``b2 (L, S, 10)`` hold the weights
    (``W1[i, s]`` is ``fc1.weight.T``); ``epoch_loss (L, S, E)`` the mean minibatch loss of each epoch;
    ``weight_norm (L, S, E)`` the norm of the decayed weights after each epoch.
    """

    lambdas: list[float]
    seeds: list[int]
    W1: torch.Tensor
    b1: torch.Tensor
    W2: torch.Tensor
    b2: torch.Tensor
    epoch_loss: torch.Tensor
    weight_norm: torch.Tensor

    def logits(self, X: torch.Tensor) -> torch.Tensor:
        """``(L, S, n, 10)`` outputs of every net for the inputs ``X (n, 64)``."""
        h = torch.relu(torch.einsum("nd,lsdh->lsnh", X, self.W1) + self.b1[:, :, None])
        return torch.einsum("lsnh,lshk->lsnk", h, self.W2) + self.b2[:, :, None]

    def evaluate(self, X: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Mean cross-entropy loss and accuracy of every net on ``(X, y)``: two ``(L, S)`` tensors."""
        with torch.no_grad():
            out = self.logits(X)
            loss = F.cross_entropy(out.flatten(0, 2), y.repeat(out.shape[0] * out.shape[1]), reduction="none")
            return loss.reshape(out.shape[:3]).mean(-1), (out.argmax(-1) == y).float().mean(-1)

    def correct(self, X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Which images each net gets right: a ``(L, S, n)`` bool tensor (for paired comparisons on the same images)."""
        with torch.no_grad():
            return self.logits(X).argmax(-1) == y

    def net(self, i: int, s: int, make_net: Callable[[], nn.Module]) -> nn.Module:
        """Net ``[i, s]`` copied into a fresh ``make_net()`` (for plotting or a single evaluation)."""
        net = make_net()
        fc1, fc2 = _linears(net)
        with torch.no_grad():
            fc1.weight.copy_(self.W1[i, s].T)
            fc1.bias.copy_(self.b1[i, s])
            fc2.weight.copy_(self.W2[i, s].T)
            fc2.bias.copy_(self.b2[i, s])
        return net


def train_sweep(make_net: Callable[[], nn.Module], train: tuple[torch.Tensor, torch.Tensor],
                lambdas: Sequence[float], seeds: Sequence[int], num_epochs: int, lr: float,
                optimizer: str = "sgd", decay_biases: bool = False, batch_size: int = 64) -> Sweep:
    """Train one net per (lambda, seed) with a real ``torch.optim`` optimizer and parameter groups.

    Net ``[i, s]`` starts from ``make_net()`` built right after ``torch.manual_seed(seeds[s])`` and sees
    the minibatches of ``DataLoader(..., shuffle=True, generator=torch.Generator().manual_seed(seeds[s]))``:
    the same run as training that net alone. All nets of one lambda share two tensors (weights, biases)
    that form the optimizer's parameter groups ``weight_decay=lambda`` and ``0`` (or ``lambda`` for the
    biases too, if ``decay_biases``). ``optimizer``: ``"sgd"``, ``"adam"`` (L2 in the gradient) or ``"adamw"``.
    """
    X, y = train
    L, S = len(lambdas), len(seeds)
    inits = []
    for seed in seeds:
        with torch.random.fork_rng(devices=[]):   # the caller's random stream stays untouched
            torch.manual_seed(seed)
            inits.append(_linears(make_net()))
    per_lambda, groups = [], []
    for lambd in lambdas:
        W1 = torch.stack([fc1.weight.detach().T for fc1, _ in inits]).requires_grad_()
        b1 = torch.stack([fc1.bias.detach() for fc1, _ in inits])[:, None].requires_grad_()
        W2 = torch.stack([fc2.weight.detach().T for _, fc2 in inits]).requires_grad_()
        b2 = torch.stack([fc2.bias.detach() for _, fc2 in inits])[:, None].requires_grad_()
        per_lambda.append((W1, b1, W2, b2))
        groups += [{"params": [W1, W2], "weight_decay": lambd},
                   {"params": [b1, b2], "weight_decay": lambd if decay_biases else 0.0}]
    opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[optimizer](groups, lr=lr)
    loaders = [DataLoader(range(X.shape[0]), batch_size, shuffle=True,
                          generator=torch.Generator().manual_seed(seed)) for seed in seeds]
    epoch_loss = torch.zeros(L, S, num_epochs)
    weight_norm = torch.zeros(L, S, num_epochs)
    before = torch.get_num_threads()
    torch.set_num_threads(1)   # small products: one thread is faster (2 spin-wait under load) and gives the same digits
    try:
        for epoch in range(num_epochs):
            num_batches = 0
            for batches in zip(*loaders, strict=True):  # one minibatch per seed, in that seed's order
                idx = torch.stack(batches)               # (S, B)
                W1, b1, W2, b2 = (torch.cat(t, dim=-1 if k < 2 else 0)
                                  for k, t in enumerate(zip(*per_lambda, strict=True)))
                # first layer of all L nets of a seed in one product (S, B, 64) @ (S, 64, L*h), then one net per row
                h = torch.relu(torch.baddbmm(b1, X[idx], W1)).unflatten(-1, (L, -1)).transpose(0, 2)   # (L, B, S, h)
                h = h.transpose(1, 2).flatten(0, 1)                                                   # (L*S, B, h)
                out = torch.baddbmm(b2, h, W2)
                loss = F.cross_entropy(out.flatten(0, 1), y[idx].repeat(L, 1).flatten(), reduction="none")
                loss = loss.reshape(L * S, -1).mean(1)   # each net's mean loss over its minibatch
                opt.zero_grad()
                loss.sum().backward()                    # the sum: each net gets the gradient of its own loss
                opt.step()
                epoch_loss[:, :, epoch] += loss.detach().reshape(L, S)
                num_batches += 1
            epoch_loss[:, :, epoch] /= num_batches
            with torch.no_grad():
                for i, (W1, _, W2, _) in enumerate(per_lambda):
                    weight_norm[i, :, epoch] = (W1.square().sum((1, 2)) + W2.square().sum((1, 2))).sqrt()
    finally:
        torch.set_num_threads(before)
    if not torch.isfinite(epoch_loss).all():
        raise FloatingPointError(f"training diverged: a loss became NaN or inf; lr={lr:g} is too large")
    stack = [torch.stack([p[k].detach() for p in per_lambda]) for k in range(4)]
    return Sweep(list(lambdas), list(seeds), stack[0], stack[1][:, :, 0], stack[2], stack[3][:, :, 0],
                 epoch_loss, weight_norm)


def mean_se(values: torch.Tensor, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean and standard error (sample std / sqrt(R)) over ``dim``."""
    return values.mean(dim), values.std(dim) / math.sqrt(values.shape[dim])


def roughness(W1: torch.Tensor) -> torch.Tensor:
    """How noisy 8x8 filters look: mean squared difference of neighbouring pixels / mean squared pixel.

    ``W1 (..., 64, h)``: one filter per hidden unit; returns ``(...)``, averaged over the units.
    About 2 for white noise, small for smooth filters.
    """
    img = W1.transpose(-1, -2).reshape(*W1.shape[:-2], W1.shape[-1], 8, 8)
    dx = (img[..., :, 1:] - img[..., :, :-1]).square().mean((-1, -2))
    dy = (img[..., 1:, :] - img[..., :-1, :]).square().mean((-1, -2))
    return ((dx + dy) / 2 / img.square().mean((-1, -2))).mean(-1)


def filter_mosaic(W1: torch.Tensor, num: int = 16, cols: int = 8):
    """The first ``num`` filters of ``W1 (64, h)`` as one picture: ``cols`` per row, 1-pixel gaps of NaN (drawn grey
    by :func:`draw_filters`, so that they differ from a zero weight, which is white).

    Each 8x8 filter is scaled to its own largest |w| (so the SHAPE is compared, not the size).
    """
    img = W1.detach().T[:num].reshape(-1, 8, 8)
    img = img / img.abs().amax((-1, -2), keepdim=True)
    rows = math.ceil(num / cols)
    out = torch.full((rows * 9 - 1, cols * 9 - 1), float("nan"))
    for k, f in enumerate(img):
        r, c = divmod(k, cols)
        out[9 * r:9 * r + 8, 9 * c:9 * c + 8] = f
    return out.numpy()


def draw_filters(ax, W1: torch.Tensor, num: int = 16, cols: int = 8):
    """Draw :func:`filter_mosaic` into ``ax`` (red positive, blue negative, 0 white, gaps grey); return the image."""
    import matplotlib as mpl

    cmap = mpl.colormaps["RdBu_r"].with_extremes(bad="0.55")     # NaN gaps between filters: grey
    image = ax.imshow(filter_mosaic(W1, num, cols), cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return image


def filter_slider(sweep: Sweep, rough: torch.Tensor, num: int = 16, seed_index: int = 0):
    """The λ slider's figure: ``num`` first-layer filters of one seed in one picture; returns ``(fig, show)``."""
    from .plotting import freeze_static, new_figure

    fig, ax = new_figure(figsize=(7.5, 2.6))
    mosaics = [filter_mosaic(W, num) for W in sweep.W1[:, seed_index]]
    image = draw_filters(ax, sweep.W1[0, seed_index], num)
    title = ax.set_title("λ = 0.000: roughness 0.00")
    freeze_static(fig, [image, title])
    norms = sweep.W1[:, seed_index].norm(dim=(-2, -1))
    rough_mean = rough.mean(1)

    def show(lambd, image=image, title=title, grid=tuple(sweep.lambdas), mosaics=mosaics,
             rough=rough_mean, norms=norms, seed=sweep.seeds[seed_index]):
        k = grid.index(lambd)
        image.set_data(mosaics[k])
        title.set_text(f"λ = {lambd:g}: roughness {rough[k]:.2f}")
        return f"λ = {lambd:g}: roughness {rough[k]:.3g} (mean of 5 seeds), ‖W1‖ = {norms[k]:.3g} (seed {seed})"

    return fig, show
