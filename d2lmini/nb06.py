"""Notebook 06 (weight decay in modern networks): its setup, the data, and batched trainers.

Everything here is plumbing that lets the notebook train many small networks at once (one seed and one
setting per row of a stacked tensor) with the optimizer's real update; the notebook checks each trainer
against a plain PyTorch loop before it uses it. The ideas (scale invariance, the equilibrium, AdamW's
update, what to decay) are written in the notebook's cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader


@dataclass(frozen=True)
class Setup:
    """Notebook 06's settings, in one place (the exercise checks and the tests read them from here)."""

    # section 1-2: a BatchNorm MLP on a nonlinear teacher
    num_inputs: int = 20          # d: inputs, the fan-in C of every first-layer row
    num_hidden: int = 64
    n_train: int = 512
    n_test: int = 4096
    data_seed: int = 0
    batch_size: int = 64
    steps: int = 1500             # about 190 epochs of 8 minibatches
    lr: float = 0.05              # SGD with momentum
    momentum: float = 0.9
    lambdas: tuple[float, ...] = (0.0, 1e-3, 3.16e-3, 0.01, 0.0316, 0.1)
    seeds: tuple[int, ...] = (1, 2, 3)
    acc_seeds: tuple[int, ...] = tuple(range(4, 17))   # more seeds (with 1-3: 16) for the test-accuracy comparison
    lr_plain: float = 0.5         # plain SGD (no momentum) for the second angle check
    lambd_check: float = 0.01     # the lambda of the angle checks and of the rescaled run
    scale_big: float = 8.0        # a large initial scale, with and without decay
    lr_adamw: float = 0.01        # AdamW on the first layer (section 4.5)
    lambdas_adamw: tuple[float, ...] = (0.125, 0.5)
    # section 4: AdamW on a noisy linear regression
    reg_n: int = 200
    reg_d: int = 20
    reg_sigma: float = 1.0
    reg_w: float = 0.3
    reg_lambd: float = 0.1
    reg_lr: float = 0.01
    reg_batches: tuple[int, ...] = (200, 40, 10)
    reg_steps: tuple[int, ...] = (300, 2000)
    reg_seeds: int = 8
    # section 5.2: an embedding table with Zipf-distributed tokens
    vocab: int = 1000
    emb_dim: int = 16
    emb_batch: int = 128
    emb_steps: int = 2000
    emb_lr: float = 0.01
    emb_noise: float = 1.0
    emb_wds: tuple[float, ...] = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0)
    # section 6: grokking (a + b) mod p
    modulus: int = 41
    train_frac: float = 0.5
    grok_embed: int = 16
    grok_hidden: int = 48
    grok_lr: float = 0.02
    grok_wd: float = 1.0
    grok_steps: int = 1500
    grok_eval_every: int = 25
    grok_seeds: tuple[int, ...] = (1, 2, 3, 4)
    grok_seeds_no_decay: tuple[int, ...] = (1, 2)


SETUP = Setup()


def mean_se(values: torch.Tensor, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean and standard error (sample standard deviation / sqrt(R)) over ``dim``."""
    values = torch.as_tensor(values, dtype=torch.float64)
    return values.mean(dim), values.std(dim) / math.sqrt(values.shape[dim])


class _OneThread:
    """Small tensors: one thread is faster and gives the same digits for any OMP_NUM_THREADS."""

    def __enter__(self):
        self.before = torch.get_num_threads()
        torch.set_num_threads(1)

    def __exit__(self, *exc):
        torch.set_num_threads(self.before)


# =========================================================================== sections 1-2: BatchNorm MLP
def teacher_data(setup: Setup = SETUP) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Gaussian inputs ``x`` (d = 20) labeled by a fixed random ReLU teacher: y = 1 if sum_k relu(v_k . x) is
    above its median, else 0. Returns ``X_train (512, 20), y_train, X_test (4096, 20), y_test`` (labels int64)."""
    gen = torch.Generator().manual_seed(setup.data_seed)
    n = setup.n_train + setup.n_test
    X = torch.randn(n, setup.num_inputs, generator=gen)
    V = torch.randn(setup.num_inputs, 4, generator=gen)
    score = torch.relu(X @ V).sum(1)
    y = (score > score.median()).long()
    return X[:setup.n_train], y[:setup.n_train], X[setup.n_train:], y[setup.n_train:]


# Taught in notebook 06 (section 1); saved here for the tests and the exercise checks.
def bn_mlp(setup: Setup = SETUP) -> nn.Sequential:
    """``Linear(d, h, bias=False) -> BatchNorm1d(h, affine=False) -> ReLU -> Linear(h, 2)``."""
    return nn.Sequential(nn.Linear(setup.num_inputs, setup.num_hidden, bias=False),
                         nn.BatchNorm1d(setup.num_hidden, affine=False), nn.ReLU(),
                         nn.Linear(setup.num_hidden, 2))


@dataclass(frozen=True)
class Run:
    """One training setting of the first layer (the scale-invariant weights) and of the head.

    ``optimizer``: ``"sgd"`` (``torch.optim.SGD`` with ``momentum``) or ``"adamw"`` (``torch.optim.AdamW``).
    ``lr``, ``lambd``: the first layer's learning rate and ``weight_decay``; the head (never decayed) uses
    ``head_lr`` (``lr`` if None). ``scale`` multiplies the first layer's initial weights.
    """

    lr: float
    lambd: float
    momentum: float = 0.0
    optimizer: str = "sgd"
    scale: float = 1.0
    head_lr: float | None = None


@dataclass
class BNSweep:
    """Every (run, seed) of :func:`train_bn`. Shapes: ``(R runs, S seeds, ...)``.

    ``angle2[t]``: mean over the 64 rows of the squared angle (radians) the row turned in step t, ``angle[t]`` the
    mean of the angle itself; ``norm[t]``: root-mean-square row norm after step t; ``test_acc``: accuracy on the test
    set at the end (BatchNorm with its running statistics, as ``model.eval()``); ``W1 (R, S, h, d)``,
    ``W2 (R, S, 2, h)``, ``b2 (R, S, 2)``, ``running_mean``/``running_var (R, S, h)``: the final networks.
    """

    runs: list[Run]
    seeds: list[int]
    angle2: torch.Tensor
    angle: torch.Tensor
    norm: torch.Tensor
    test_acc: torch.Tensor
    W1: torch.Tensor
    W2: torch.Tensor
    b2: torch.Tensor
    running_mean: torch.Tensor
    running_var: torch.Tensor
    extra: dict = field(default_factory=dict)

    def logits(self, X: torch.Tensor) -> torch.Tensor:
        """``(R, S, n, 2)`` outputs of every network in evaluation mode (running statistics)."""
        z = torch.einsum("rshd,nd->rsnh", self.W1, X)
        a = torch.relu((z - self.running_mean[:, :, None]) / torch.sqrt(self.running_var[:, :, None] + 1e-5))
        return torch.einsum("rsnh,rskh->rsnk", a, self.W2) + self.b2[:, :, None]


def train_bn(runs: Sequence[Run], seeds: Sequence[int], data, setup: Setup = SETUP,
             steps: int | None = None) -> BNSweep:
    """Train :func:`bn_mlp` once per (run, seed), all at once, with the real ``torch.optim`` updates.

    Network ``[r, s]`` starts from ``bn_mlp()`` built right after ``torch.manual_seed(seeds[s])`` (its first
    layer times ``runs[r].scale``) and sees the minibatches of ``DataLoader(range(n), batch_size,
    shuffle=True, generator=torch.Generator().manual_seed(1000 + seeds[s]))``: the same run as training that
    network alone (the notebook checks this). Each run is one group of first-layer weights (its ``lr``,
    ``weight_decay=lambd``, ``momentum``) and one group for the head (``head_lr``, no decay).
    """
    X, y, X_test, y_test = data
    steps = setup.steps if steps is None else steps
    R, S, B, h = len(runs), len(seeds), setup.batch_size, setup.num_hidden
    inits = []
    for seed in seeds:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            net = bn_mlp(setup)
        inits.append((net[0].weight.detach(), net[3].weight.detach(), net[3].bias.detach()))
    # One tensor per run and layer, seeds along dim 0; the forward pass stacks them seed-major: (S, R, ...).
    tensors, groups = [], {"sgd": [], "adamw": []}
    for run in runs:
        W1 = (torch.stack([w for w, _, _ in inits]) * run.scale).requires_grad_()       # (S, h, d)
        W2 = torch.stack([w for _, w, _ in inits]).clone().requires_grad_()             # (S, 2, h)
        b2 = torch.stack([b for _, _, b in inits])[:, :, None].clone().requires_grad_()  # (S, 2, 1)
        tensors.append((W1, W2, b2))
        extra = {"momentum": run.momentum} if run.optimizer == "sgd" else {}
        groups[run.optimizer] += [{"params": [W1], "lr": run.lr, "weight_decay": run.lambd, **extra},
                                  {"params": [W2, b2], "lr": run.head_lr or run.lr, "weight_decay": 0.0, **extra}]
    optimizers = [cls(groups[k], lr=0.0) for k, cls in (("sgd", torch.optim.SGD), ("adamw", torch.optim.AdamW))
                  if groups[k]]
    loaders = [DataLoader(range(X.shape[0]), B, shuffle=True, generator=torch.Generator().manual_seed(1000 + s))
               for s in seeds]
    epochs = -(-steps // len(loaders[0]))
    batches = torch.stack([torch.stack([b for _ in range(epochs) for b in loader])[:steps] for loader in loaders],
                          1)                                                              # (steps, S, B)
    running_mean, running_var = torch.zeros(S, R, h, 1), torch.ones(S, R, h, 1)
    angle2, angle, norm = torch.zeros(steps, R, S), torch.zeros(steps, R, S), torch.zeros(steps, R, S)
    with _OneThread():
        for step in range(steps):
            idx = batches[step]                                                       # (S, B)
            W1, W2, b2 = (torch.stack(t, 1) for t in zip(*tensors, strict=True))       # (S, R, ...)
            z = torch.bmm(W1.reshape(S, R * h, -1), X[idx].transpose(1, 2)).reshape(S, R, h, B)
            mu = z.mean(-1, keepdim=True)
            zc = z - mu
            var = zc.square().mean(-1, keepdim=True)                                  # biased, as BatchNorm1d
            with torch.no_grad():                                                     # BatchNorm1d's running stats
                running_mean.mul_(0.9).add_(0.1 * mu)
                running_var.mul_(0.9).add_(0.1 * B / (B - 1) * var)
            out = torch.matmul(W2, torch.relu(zc * torch.rsqrt(var + 1e-5))) + b2      # (S, R, 2, B)
            loss = F.cross_entropy(out.flatten(0, 1), y[idx].repeat_interleave(R, 0), reduction="none").mean(1)
            before = W1.detach()
            for opt in optimizers:
                opt.zero_grad()
            loss.sum().backward()              # the sum: each network gets the gradient of its own mean loss
            for opt in optimizers:
                opt.step()
            with torch.no_grad():
                after = torch.stack([t[0].detach() for t in tensors], 1)
                n_before, n_after = before.norm(dim=-1), after.norm(dim=-1)
                cos = (before * after).sum(-1) / (n_before * n_after)
                turned = torch.arccos(cos.clamp(-1.0, 1.0))
                angle2[step], angle[step] = turned.square().mean(-1).T, turned.mean(-1).T
                norm[step] = n_after.square().mean(-1).sqrt().T
    if not torch.isfinite(norm).all():
        raise FloatingPointError("train_bn: training diverged (NaN or inf); lower the learning rate")
    sweep = BNSweep(list(runs), list(seeds), angle2, angle, norm, torch.zeros(R, S),
                    torch.stack([t[0].detach() for t in tensors]), torch.stack([t[1].detach() for t in tensors]),
                    torch.stack([t[2].detach()[..., 0] for t in tensors]),
                    running_mean[..., 0].transpose(0, 1), running_var[..., 0].transpose(0, 1))
    with torch.no_grad():
        sweep.test_acc = (sweep.logits(X_test).argmax(-1) == y_test).float().mean(-1)
    return sweep


# =========================================================================== section 4: AdamW on a linear regression
def regression_data(n: int, setup: Setup = SETUP, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """``y = X w* + sigma * eps``, ``X, eps ~ N(0, 1)``, d = 20, every ``w*_j = 0.3``; returns ``X (n, d), y (n,)``."""
    gen = torch.Generator().manual_seed(seed)
    X = torch.randn(n, setup.reg_d, generator=gen)
    y = X @ torch.full((setup.reg_d,), setup.reg_w) + setup.reg_sigma * torch.randn(n, generator=gen)
    return X, y


def minibatches(n: int, batch_size: int, steps: int, seed: int, reshuffle: bool = False) -> torch.Tensor:
    """``(steps, batch_size)`` example indices from a private generator (all ``n`` when ``batch_size == n``).
    Default: each step draws ``batch_size`` distinct examples at random, independently of the other steps (iid
    subsets: an example can come back at the next step or be missed for many). ``reshuffle=True``: reshuffled
    epochs, as ``DataLoader(shuffle=True)`` does: a fresh permutation of all ``n`` examples, cut into consecutive
    batches (every example once per epoch; a batch may straddle two epochs if ``batch_size`` does not divide ``n``)."""
    if batch_size >= n:
        return torch.arange(n).expand(steps, n)
    gen = torch.Generator().manual_seed(seed)
    if reshuffle:
        epochs = -(-steps * batch_size // n)
        order = torch.rand(epochs, n, generator=gen).argsort(-1).reshape(-1)          # one permutation per epoch
        return order[:steps * batch_size].reshape(steps, batch_size)
    return torch.rand(steps, n, generator=gen).argsort(-1)[:, :batch_size]


def cosine(t: int, T: int) -> float:
    """The learning-rate factor of a cosine schedule from 1 (step 0) to 0 (step T); 0 after T."""
    return 0.5 * (1 + math.cos(math.pi * t / T)) if t < T else 0.0


def adam_linear(X: torch.Tensor, y: torch.Tensor, lambdas, run_steps, decoupled, seeds: Sequence[int],
                batch_size: int, lr: float, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                w0: torch.Tensor | None = None, return_vhat: bool = False, reshuffle: bool = False):
    """Many Adam runs on the mean 1/2 squared loss of ``X w`` at once (no bias): run ``k`` has ``lambdas[k]``,
    ``run_steps[k]`` steps of a cosine schedule from ``lr`` to 0 and is AdamW if ``decoupled[k]`` (else Adam
    with L2 in the gradient, ``Adam(weight_decay=...)``), and each run is repeated for every seed's minibatches
    (:func:`minibatches` with ``seed`` and ``reshuffle``: iid subsets by default, reshuffled epochs if True).
    The update is ``torch.optim.Adam``'s single-tensor code, line by line
    (the notebook compares it with ``torch.optim`` itself). ``w0``: start (default 0). Returns ``W (K, R, d)``
    (and, if ``return_vhat``, Adam's bias-corrected ``sqrt(v_hat)`` of the same shape, read at each run's own last
    step ``run_steps[k]``: a shorter run is frozen afterwards (lr 0) but its ``v`` would go on averaging).
    """
    K, R, d = len(lambdas), len(seeds), X.shape[1]
    lam = torch.as_tensor(lambdas, dtype=X.dtype).reshape(K, 1, 1)
    dec = torch.as_tensor(decoupled, dtype=torch.bool).reshape(K, 1, 1)
    steps = max(run_steps)
    factors = torch.tensor([[cosine(t, T) for T in run_steps] for t in range(steps)], dtype=X.dtype)   # (steps, K)
    idx = torch.stack([minibatches(X.shape[0], batch_size, steps, s, reshuffle) for s in seeds], 1)   # (steps, R, B)
    W = torch.zeros(K, R, d, dtype=X.dtype) if w0 is None else w0.expand(K, R, d).clone()
    m, v = torch.zeros_like(W), torch.zeros_like(W)
    root_vhat = torch.zeros_like(W)
    beta1, beta2 = betas
    with _OneThread():
        for t in range(steps):
            Xb, yb = X[idx[t]], y[idx[t]]                                   # (R, B, d), (R, B)
            residual = torch.einsum("rbd,krd->krb", Xb, W) - yb
            grad = torch.einsum("rbd,krb->krd", Xb, residual) / Xb.shape[1]
            lr_t = (lr * factors[t]).reshape(K, 1, 1)
            grad = torch.where(dec, grad, grad + lam * W)                  # Adam: L2 in the gradient
            W = torch.where(dec, W * (1 - lr_t * lam), W)                  # AdamW: shrink first
            m = m.lerp(grad, 1 - beta1)
            v = v * beta2 + (1 - beta2) * grad * grad
            bc1, bc2 = 1 - beta1 ** (t + 1), 1 - beta2 ** (t + 1)
            W = W - (lr_t / bc1) * m / (v.sqrt() / math.sqrt(bc2) + eps)
            for k in (k for k, T in enumerate(run_steps) if T == t + 1):           # run k's last step: read v_hat now
                root_vhat[k] = (v[k] / bc2).sqrt()
    return (W, root_vhat) if return_vhat else W


def nearest_ridge_lambda(X: torch.Tensor, y: torch.Tensor, W: torch.Tensor, grid: torch.Tensor) -> torch.Tensor:
    """For each weight vector in ``W (..., d)``: the ``grid`` value whose ridge solution (mean 1/2 squared loss +
    lambda/2 ||w||^2, no bias) is nearest in Euclidean distance: the ridge lambda the end point behaves like."""
    n, d = X.shape
    A = X.T @ X / n
    ridge = torch.linalg.solve(A + grid.reshape(-1, 1, 1) * torch.eye(d, dtype=X.dtype), (X.T @ y / n).expand(
        len(grid), d).unsqueeze(-1)).squeeze(-1)                                                  # (G, d)
    dist = (W.unsqueeze(-2) - ridge).square().sum(-1)                                               # (..., G)
    return grid[dist.argmin(-1)]


# =========================================================================== section 5.2: embeddings
def zipf(vocab: int) -> torch.Tensor:
    """Token probabilities proportional to 1 / rank (Zipf's law with exponent 1), rank 1 first."""
    p = 1.0 / torch.arange(1, vocab + 1, dtype=torch.float64)
    return (p / p.sum()).float()


@dataclass
class EmbeddingRun:
    """Rows of every table after training: ``norm``/``error (W, V)`` for the decoupled decay of ``wds`` on every
    row, ``lazy_norm``/``lazy_error`` with decay only on the rows in each minibatch; ``target (V, dim)``."""

    wds: list[float]
    norm: torch.Tensor
    error: torch.Tensor
    lazy_norm: torch.Tensor
    lazy_error: torch.Tensor
    target: torch.Tensor
    visits: torch.Tensor
    init_error: torch.Tensor | None = None      # (V,) ||E0[v] - t_v||^2 of the initial table


def train_embeddings(wds: Sequence[float], setup: Setup = SETUP, seed: int = 1,
                     steps: int | None = None) -> EmbeddingRun:
    """One embedding table per weight decay (and a "lazy" copy of each), all trained on the same stream.

    Token ``v`` has a target vector ``t_v ~ N(0, I)``; each step draws ``emb_batch`` tokens from :func:`zipf` and the
    loss is the mean over the minibatch of ``1/2 ||E[v] - t_v - eps||^2`` (``eps ~ N(0, noise^2 I)``, fresh each
    time). Every table is trained with AdamW (``lr=emb_lr``, its ``weight_decay``): the shrink by ``1 - lr * wd`` before
    Adam's step, on every row; the lazy tables get the same shrink only on the rows that appear in the minibatch.
    Gradients are computed in closed form. The initial table is ``nn.Embedding`` built right after
    ``torch.manual_seed(seed + 100)``: N(0, 1) rows drawn independently of the targets (with the same seed the two
    streams would coincide and the table would start exactly at its targets).
    """
    steps = setup.emb_steps if steps is None else steps
    gen = torch.Generator().manual_seed(seed)
    target = torch.randn(setup.vocab, setup.emb_dim, generator=gen)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed + 100)
        E0 = nn.Embedding(setup.vocab, setup.emb_dim).weight.detach()          # N(0, 1) rows, independent of target
    K = len(wds)
    E = E0.expand(2 * K, *E0.shape).clone().requires_grad_()                  # K tables decayed on every row, K lazy
    # AdamW = the decoupled shrink p <- (1 - lr*wd) p (torch/optim/adam.py: param.mul_(1 - lr * weight_decay)), then
    # Adam's step. One Adam on the stacked tables, with the shrink written out per table (tested against AdamW).
    opt = torch.optim.Adam([E], lr=setup.emb_lr)
    shrink = torch.tensor([1 - setup.emb_lr * wd for wd in wds]).reshape(K, 1, 1)
    probs = zipf(setup.vocab)
    visits = torch.zeros(setup.vocab)
    with _OneThread():
        for _ in range(steps):
            tok = torch.multinomial(probs, setup.emb_batch, replacement=True, generator=gen)
            noise = setup.emb_noise * torch.randn(setup.emb_batch, setup.emb_dim, generator=gen)
            visits.index_add_(0, tok, torch.ones(setup.emb_batch))
            with torch.no_grad():
                residual = (E[:, tok] - target[tok] - noise) / setup.emb_batch          # d loss / d E[tok]
                E.grad = torch.zeros_like(E).index_add_(1, tok, residual)
                seen = torch.zeros(setup.vocab, 1, dtype=torch.bool)
                seen[tok] = True
                E[:K] *= shrink                                                     # every row, every step
                E[K:] *= torch.where(seen, shrink, torch.ones(()))                  # lazy: the rows in this minibatch
            opt.step()
    E = E.detach()
    norm, error = E.norm(dim=-1), (E - target).square().sum(-1)
    return EmbeddingRun(list(wds), norm[:K], error[:K], norm[K:], error[K:], target, visits,
                        (E0 - target).square().sum(-1))


# =========================================================================== section 6: grokking
def modular_pairs(setup: Setup = SETUP) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """All ``p^2`` pairs ``(a, b)`` with label ``(a + b) mod p``, and a seeded split: ``a, b, y, train_index``
    (the first ``train_frac`` of a random permutation; the rest is the test set)."""
    p = setup.modulus
    a, b = torch.arange(p).repeat_interleave(p), torch.arange(p).repeat(p)
    perm = torch.randperm(p * p, generator=torch.Generator().manual_seed(setup.data_seed))
    return a, b, (a + b) % p, perm[:int(setup.train_frac * p * p)]


# Taught in notebook 06 (section 6); saved here for the tests.
class ModularMLP(nn.Module):
    """Embed a and b (one table), concatenate, ``Linear(2e, h) -> ReLU -> Linear(h, p)``."""

    def __init__(self, p: int, embed: int, hidden: int):
        super().__init__()
        self.embed = nn.Embedding(p, embed)
        self.hidden = nn.Linear(2 * embed, hidden)
        self.out = nn.Linear(hidden, p)

    def forward(self, a, b):
        return self.out(torch.relu(self.hidden(torch.cat([self.embed(a), self.embed(b)], dim=-1))))


@dataclass
class GrokRun:
    """Accuracy and weight norm every ``eval_every`` steps: ``steps (E,)``; ``train_acc``, ``test_acc``,
    ``norm (E, M)`` for the ``M`` networks; ``decayed (M,)`` says which had ``weight_decay``; ``seeds (M,)``."""

    steps: torch.Tensor
    train_acc: torch.Tensor
    test_acc: torch.Tensor
    norm: torch.Tensor
    decayed: torch.Tensor
    seeds: list[int]


def train_grokking(setup: Setup = SETUP, steps: int | None = None) -> GrokRun:
    """Full-batch ``torch.optim.AdamW`` on :class:`ModularMLP`, one network per seed, all at once.

    Networks of ``grok_seeds`` get ``weight_decay=grok_wd`` on the embedding and both weight matrices (biases: 0);
    those of ``grok_seeds_no_decay`` get none. Network ``m`` starts from ``ModularMLP`` built right after
    ``torch.manual_seed(seed)``; the loss is each network's mean cross-entropy over the training pairs.
    """
    steps = setup.grok_steps if steps is None else steps
    p, e = setup.modulus, setup.grok_embed
    a, b, y, train = modular_pairs(setup)
    test = torch.ones(p * p, dtype=torch.bool)
    test[train] = False
    test = test.nonzero().flatten()
    seeds = [*setup.grok_seeds, *setup.grok_seeds_no_decay]
    decayed = torch.tensor([True] * len(setup.grok_seeds) + [False] * len(setup.grok_seeds_no_decay))
    nets = []
    for seed in seeds:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            nets.append(ModularMLP(p, e, setup.grok_hidden))
    E = torch.stack([n.embed.weight.detach() for n in nets]).requires_grad_()              # (M, p, e)
    W1 = torch.stack([n.hidden.weight.detach().T for n in nets]).requires_grad_()          # (M, 2e, h)
    W2 = torch.stack([n.out.weight.detach().T for n in nets]).requires_grad_()             # (M, h, p)
    b1 = torch.stack([n.hidden.bias.detach()[None] for n in nets]).requires_grad_()        # (M, 1, h)
    b2 = torch.stack([n.out.bias.detach()[None] for n in nets]).requires_grad_()           # (M, 1, p)
    # AdamW = the decoupled shrink (torch/optim/adam.py: param.mul_(1 - lr * weight_decay)) then Adam's step: one Adam
    # for all networks, the shrink written out per network, on E, W1, W2 only (tested against AdamW, net by net).
    opt = torch.optim.Adam([E, W1, W2, b1, b2], lr=setup.grok_lr)
    shrink = (1 - setup.grok_lr * setup.grok_wd * decayed.float()).reshape(-1, 1, 1)
    M = len(seeds)

    def logits(idx):
        A, B = torch.bmm(E, W1[:, :e]), torch.bmm(E, W1[:, e:])                 # each token's share of the hidden layer
        hidden = torch.relu(A.index_select(1, a[idx]) + B.index_select(1, b[idx]) + b1)
        return torch.baddbmm(b2, hidden, W2)                                   # (M, n, p)

    y_train = y[train].repeat(M)
    evals = []
    with _OneThread():
        for step in range(1, steps + 1):
            loss = F.cross_entropy(logits(train).flatten(0, 1), y_train, reduction="none").reshape(M, -1).mean(1)
            opt.zero_grad()
            loss.sum().backward()
            with torch.no_grad():
                for t in (E, W1, W2):
                    t.mul_(shrink)
            opt.step()
            if step % setup.grok_eval_every == 0:
                with torch.no_grad():
                    acc = [(logits(idx).argmax(-1) == y[idx]).float().mean(1) for idx in (train, test)]
                    norm = sum(t.square().flatten(1).sum(1) for t in (E, W1, W2)).sqrt()
                evals.append((step, *acc, norm))
    if not all(torch.isfinite(e[3]).all() for e in evals):
        raise FloatingPointError("train_grokking: training diverged (NaN or inf)")
    return GrokRun(torch.tensor([e[0] for e in evals]), torch.stack([e[1] for e in evals]),
                   torch.stack([e[2] for e in evals]), torch.stack([e[3] for e in evals]), decayed, seeds)


# =========================================================================== figures and sliders
def moving_rms(angle2: torch.Tensor, window: int = 50) -> torch.Tensor:
    """Root of the running mean of squared angles over ``window`` steps (dim 0), one value per step from ``window``."""
    c = torch.cat([torch.zeros(1, *angle2.shape[1:], dtype=torch.float64), angle2.double().cumsum(0)])
    return ((c[window:] - c[:-window]) / window).sqrt()


def equilibrium_slider(sweep: BNSweep, which: Sequence[int], setup: Setup = SETUP, window: int = 50):
    """The eta*lambda slider: row norm and angle per step over training for ``sweep.runs[which]`` (SGD with
    momentum, one eta, a grid of lambdas; the first must be lambda = 0, drawn in gray for reference).
    Returns ``(fig, show, grid)`` with ``grid`` the eta*lambda values."""
    from .plotting import COLORS, freeze_static, new_figure

    runs = [sweep.runs[i] for i in which]
    grid = [float(f"{r.lr * r.lambd:.3g}") for r in runs]
    steps = torch.arange(1, sweep.norm.shape[0] + 1)
    norms = [sweep.norm[:, i].mean(1).numpy() for i in which]                      # mean over seeds
    angles = [moving_rms(sweep.angle2[:, i].mean(1), window).numpy() for i in which]
    half = sweep.norm.shape[0] // 2
    rms = [float(sweep.angle2[half:, i].mean(0).sqrt().mean()) for i in which]  # mean of per-seed RMS, as the table
    beta = runs[0].momentum
    preds = [math.sqrt(2 * g / (1 + beta)) for g in grid]
    acc = [float(sweep.test_acc[i].mean()) for i in which]
    fig, (ax_n, ax_a) = new_figure(1, 2, figsize=(10, 4.2))
    (ref_line,) = ax_n.plot(steps, norms[0], color="0.6", ls="-.")
    (norm_line,) = ax_n.plot(steps, norms[0], color=COLORS[0])
    ax_n.set(ylim=(0, 0.8), xlabel="step t", ylabel="RMS row norm ‖w‖", title="norm of the first-layer rows")
    x_a = steps[window - 1:]
    ax_a.plot(x_a, angles[0], color="0.6", ls="-.")
    (angle_line,) = ax_a.plot(x_a, angles[0], color=COLORS[0])
    pred_line = ax_a.axhline(1e-9, color=COLORS[1], ls=":", lw=2.5)
    ax_a.set(yscale="log", ylim=(1e-3, 0.15), xlabel="step t", ylabel="angle turned per step, rad (log)",
             title="rotation per step (RMS over 50 steps)")
    ticks = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]
    ax_a.set_yticks(ticks, labels=[f"{v:g}" for v in ticks])
    ax_a.minorticks_off()
    fig.legend([ref_line, norm_line, pred_line],
               ["λ = 0 (reference)", "chosen ηλ", "equilibrium prediction √(2ηλ/(1+β))"],
               loc="outside lower center", ncol=3)
    title = fig.suptitle("ηλ")
    freeze_static(fig, [norm_line, angle_line, pred_line, title])

    def show(eta_lambda, grid=tuple(grid), norms=norms, angles=angles, preds=preds, rms=rms, acc=acc, runs=runs,
             norm_line=norm_line, angle_line=angle_line, pred_line=pred_line, title=title):
        k = grid.index(eta_lambda)
        norm_line.set_ydata(norms[k])
        angle_line.set_ydata(angles[k])
        pred_line.set_ydata([preds[k] if preds[k] > 0 else 1e-9] * 2)
        run = runs[k]
        title.set_text(f"ηλ = {eta_lambda:g}  (η = {run.lr:g}, λ = {run.lambd:g}, momentum β = {run.momentum:g})")
        return (f"ηλ = {eta_lambda:g}: final ‖w‖ = {norms[k][-1]:.3g}, RMS angle per step (2nd half) = "
                f"{rms[k]:.3g} rad (√(2ηλ/(1+β)) = {preds[k]:.3g}), test accuracy {acc[k]:.3f}")

    return fig, show, grid


def rank_bins(vocab: int, num: int = 16) -> list[torch.Tensor]:
    """Frequency ranks 1..vocab in ``num`` log-spaced bins (0-based token indices per bin, empty bins dropped)."""
    edges = torch.unique(torch.logspace(0, math.log10(vocab + 1), num + 1).floor().long())
    return [torch.arange(lo - 1, hi - 1) for lo, hi in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True)
            if hi > lo]


def embedding_slider(emb: EmbeddingRun, setup: Setup = SETUP):
    """The weight-decay slider of section 5: row norm and error against token frequency rank (log-binned means),
    decay on every row (solid), lazy decay (dashed), no decay (gray). ``emb.wds[0]`` must be 0.
    Returns ``(fig, show)``."""
    from .plotting import COLORS, freeze_static, new_figure

    if emb.wds[0] != 0:
        raise ValueError("embedding_slider: emb.wds[0] must be 0 (the no-decay reference)")
    bins = rank_bins(setup.vocab)
    centers = [float((b.float() + 1).mean()) for b in bins]

    def binned(values):
        return [float(values[b].mean()) for b in bins]

    curves = {k: [binned(getattr(emb, k)[i]) for i in range(len(emb.wds))]
              for k in ("norm", "error", "lazy_norm", "lazy_error")}
    fig, axes = new_figure(1, 2, figsize=(10, 4.2))
    lines, handles = {}, []
    for ax, what, label in [(axes[0], "norm", "row norm ‖E[v]‖"),
                            (axes[1], "error", "row error ‖E[v] − t_v‖² (log)")]:
        (none,) = ax.plot(centers, curves[what][0], color="0.6", ls="-.", marker=".")
        (lines[what],) = ax.plot(centers, curves[what][0], color=COLORS[0], marker="o", ms=4)
        (lines["lazy_" + what],) = ax.plot(centers, curves["lazy_" + what][0], color=COLORS[1], ls="--", marker="s",
                                           ms=4)
        ax.set(xscale="log", xlabel="token frequency rank (log; 1 = most frequent)", ylabel=label)
        handles = [none, lines[what], lines["lazy_" + what]]
    axes[0].set(ylim=(0, 4.8), title="row norms (mean per rank bin)")
    axes[1].set(yscale="log", ylim=(0.01, 30), title="distance to the target")
    ticks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]
    axes[1].set_yticks(ticks, labels=[f"{v:g}" for v in ticks])
    axes[1].minorticks_off()
    fig.legend(handles, ["no decay", "AdamW, decay on every row", "lazy: decay only on the rows in the minibatch"],
               loc="outside lower center", ncol=3)
    title = fig.suptitle("weight decay")
    freeze_static(fig, [*lines.values(), title])
    rare = torch.arange(100, setup.vocab)                                    # frequency ranks 101 ... vocab

    def show(wd, grid=tuple(emb.wds), curves=curves, lines=lines, title=title, emb=emb, rare=rare):
        k = grid.index(wd)
        for key, line in lines.items():
            line.set_ydata(curves[key][k])
        title.set_text(f"AdamW weight_decay = {wd:g} (lr = {setup.emb_lr:g}, {setup.emb_steps} steps, "
                       "the same token stream for every table)")
        norm, lazy_norm, error, lazy_error = (float(getattr(emb, key)[k, rare].mean())
                                              for key in ("norm", "lazy_norm", "error", "lazy_error"))
        none_norm, none_error = float(emb.norm[0, rare].mean()), float(emb.error[0, rare].mean())
        return (f"weight_decay = {wd:g}: ranks 101-{setup.vocab}: norm {norm:.3g} (lazy {lazy_norm:.3g}, none "
                f"{none_norm:.3g}), error {error:.3g} (lazy {lazy_error:.3g}, none {none_error:.3g})")

    return fig, show
