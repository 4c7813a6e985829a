"""Self-checks for the exercises of notebook 06 (weight decay in modern networks).

Each exercise keeps three things apart, so that the grading framework can move them where it wants:
the case inputs (``_CASES_...``), a private reference that uses an independent method (``_reference_...``:
PyTorch's own optimizer run on the case, never the closed-form answer), and the typical wrong answers with
their hints (``_MISTAKES_...``: each names the idea or the likely mistake, never the final formula).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from . import as_number as _number
from . import exercise, fail


def _close(a: float, b: float, rel: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-15)


def _first_hint(got: float, mistakes, rel: float = 1e-3):
    """The hint of the first typical mistake whose value matches ``got`` (``mistakes``: (value, hint) pairs)."""
    return next((hint for value, hint in mistakes if _close(got, value, rel)), None)


# =========================================================================== Exercise 06.1 (derivation)
_CASES_EQUILIBRIUM = [(0.5, 0.01, 1.0), (0.2, 0.05, 0.3), (1.0, 0.02, 2.0), (0.1, 0.05, 0.5)]   # (lr, lambd, g_unit)


def _reference_equilibrium_norm(lr: float, lambd: float, g_unit: float, dim: int = 8, seed: int = 0) -> float:
    """Run ``torch.optim.SGD(weight_decay=lambd)`` on a scale-invariant weight until its norm settles.

    The gradient at ``w`` is ``g_unit / ||w||`` times a random unit vector orthogonal to ``w`` (what a layer
    followed by a normalization produces); the run lasts long enough for the norm to settle (about 12
    relaxation times), and the last norm is returned.
    """
    gen = torch.Generator().manual_seed(seed)
    w = torch.randn(dim, generator=gen, dtype=torch.float64)
    w = (w / w.norm()).requires_grad_()
    optimizer = torch.optim.SGD([w], lr=lr, weight_decay=lambd)
    for _ in range(int(12 / (4 * lr * lambd)) + 200):
        with torch.no_grad():
            xi = torch.randn(dim, generator=gen, dtype=torch.float64)
            xi -= (xi @ w) / (w @ w) * w                          # orthogonal to w
            w.grad = g_unit / w.norm() * xi / xi.norm()
        optimizer.step()
    return float(w.detach().norm())


def _mistakes_equilibrium(lr, lambd, g):
    return [
        ((lr * g * g / (2 * lambd)) ** 0.5,
         "that would be right if the gradient did not depend on the norm; for a scale-invariant weight it is "
         "g_unit / ||w||, so ||w|| appears on both sides"),
        ((lr * g * g / lambd) ** 0.25,
         "off by a factor 2 inside the root: one step shrinks ||w||^2 by (1 - lr*lambd)^2, about 1 - 2*lr*lambd"),
        ((lr * g * g / (2 * lambd)),
         "that is a power of the norm, not the norm: take the root your balance equation needs"),
        (math.sqrt(2 * lr * lambd), "that is the angle turned per step at equilibrium (section 2), not the norm"),
        ((g * g / (2 * lr * lambd)) ** 0.25, "count the powers of lr: the gradient step adds lr^2 * |gradient|^2 to "
                                             "||w||^2, the decay removes about 2*lr*lambd*||w||^2"),
        ((lr * g / (2 * lambd)) ** 0.25, "the gradient enters squared (Pythagoras: its step is orthogonal to w)"),
    ]


@exercise("06.1")
def check_sgd_equilibrium_norm(sgd_equilibrium_norm) -> str:
    """``sgd_equilibrium_norm(lr, lambd, g_unit)``: where the norm of a scale-invariant weight settles under SGD."""
    for lr, lambd, g in _CASES_EQUILIBRIUM:
        got = _number("sgd_equilibrium_norm", sgd_equilibrium_norm(lr, lambd, g))
        want = _reference_equilibrium_norm(lr, lambd, g)
        if _close(got, want, 0.01):
            continue
        what = (f"sgd_equilibrium_norm({lr}, {lambd}, {g}) = {got:.4g}, but torch.optim.SGD settles at a norm "
                f"{'larger' if want > got else 'smaller'} by more than 1%")
        hint = _first_hint(got, _mistakes_equilibrium(lr, lambd, g), rel=0.01)
        fail(what, hint or "write ||w||^2 after one step (the step is orthogonal to w, so Pythagoras applies), use "
                           "that the gradient's size is g_unit / ||w||, and ask for which norm nothing changes")
    return "the norm where decay balances the gradient's growth, checked against torch.optim.SGD on 4 settings"


# =========================================================================== Exercise 06.2 (transfer)
_CASES_PAPER = [(0.05, 1e-3, 128, 50_000, 100), (0.025, 3e-4, 64, 10_000, 20), (0.1, 1e-2, 32, 1_000, 5)]
# (lambda_norm, alpha, batch_size, n_train, epochs)


def _quadratic(seed: int = 0, d: int = 6):
    gen = torch.Generator().manual_seed(seed)
    A = torch.randn(d, d, generator=gen, dtype=torch.float64)
    H = A @ A.T / d + 0.1 * torch.eye(d, dtype=torch.float64)
    return H, torch.randn(d, generator=gen, dtype=torch.float64), gen


def _schedule(t: int, T: int) -> float:
    return 0.5 * (1 + math.cos(math.pi * t / T))


def _reference_paper_adamw(lambda_norm, alpha, batch_size, n_train, epochs, steps=60, betas=(0.9, 0.999), eps=1e-8):
    """The paper's AdamW (Loshchilov & Hutter 2019, Algorithm 2) written out: theta <- theta - eta_t (alpha u +
    lambda theta), with the normalized lambda = lambda_norm sqrt(b / (B T)) and a cosine schedule multiplier eta_t,
    on a noisy quadratic."""
    A, theta, gen = _quadratic()
    lambd = lambda_norm * math.sqrt(batch_size / (n_train * epochs))
    m, v = torch.zeros_like(theta), torch.zeros_like(theta)
    for t in range(1, steps + 1):
        g = A @ theta + 0.1 * torch.randn(theta.shape, generator=gen, dtype=torch.float64)
        m, v = betas[0] * m + (1 - betas[0]) * g, betas[1] * v + (1 - betas[1]) * g * g
        u = (m / (1 - betas[0] ** t)) / ((v / (1 - betas[1] ** t)).sqrt() + eps)
        theta = theta - _schedule(t - 1, steps) * (alpha * u + lambd * theta)
    return theta


def _torch_adamw(weight_decay, alpha, steps=60):
    """``torch.optim.AdamW(lr=alpha, weight_decay=...)`` with the same cosine multiplier as a LambdaLR, same noise."""
    A, theta0, gen = _quadratic()
    theta = theta0.clone().requires_grad_()
    optimizer = torch.optim.AdamW([theta], lr=alpha, weight_decay=weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda t: _schedule(t, steps))
    for _ in range(steps):
        with torch.no_grad():
            theta.grad = A @ theta + 0.1 * torch.randn(theta.shape, generator=gen, dtype=torch.float64)
        optimizer.step()
        schedule.step()
    return theta.detach()


def _mistakes_paper(lambda_norm, alpha, b, B, T):
    lam = lambda_norm * math.sqrt(b / (B * T))
    return [
        (lam, "PyTorch multiplies weight_decay by its current learning rate (alpha times the schedule); the paper "
              "multiplies lambda by the schedule only: the two per-step decays must be equal"),
        (lam * alpha, "the per-step decays must match: solve for weight_decay rather than multiplying by the step "
                      "size"),
        (lambda_norm / alpha, "convert the NORMALIZED value first: the paper's lambda depends on the batch size, the "
                              "number of examples and the number of epochs"),
        (lambda_norm, "lambda_norm is neither the paper's lambda nor PyTorch's weight_decay: two conversions are "
                      "needed"),
        (lambda_norm * math.sqrt(B * T / b) / alpha, "the normalization makes lambda SMALLER for more data and longer "
                                                     "training: the batch size goes in the numerator"),
        (lambda_norm * math.sqrt(b / (B * T * B / b)) / alpha, "T counts epochs, not steps"),
        (lambda_norm * (b / (B * T)) / alpha, "the normalization uses a square root"),
    ]


@exercise("06.2")
def check_torch_weight_decay(torch_weight_decay) -> str:
    """``torch_weight_decay(lambda_norm, alpha, batch_size, n_train, epochs)``: ``weight_decay`` for torch's AdamW."""
    for lambda_norm, alpha, b, B, T in _CASES_PAPER:
        got = _number("torch_weight_decay", torch_weight_decay(lambda_norm, alpha, b, B, T))
        paper = _reference_paper_adamw(lambda_norm, alpha, b, B, T)
        gap = float((_torch_adamw(got, alpha) - paper).abs().max() / paper.abs().max())
        if math.isfinite(gap) and gap < 1e-6:
            continue
        what = (f"torch_weight_decay({lambda_norm}, {alpha}, {b}, {B}, {T}) = {got:.4g}: torch.optim.AdamW with it "
                f"does not take the paper's steps (relative gap {gap:.1e} after 60 steps)")
        hint = _first_hint(got, _mistakes_paper(lambda_norm, alpha, b, B, T))
        fail(what, hint or "write the decay of one step both ways (the paper: schedule times lambda; PyTorch: learning "
                           "rate times weight_decay) and set them equal, after turning lambda_norm into lambda")
    return "torch.optim.AdamW with your weight_decay takes the paper's AdamW steps (3 settings, 60 steps each)"


# =========================================================================== Exercise 06.3 (transfer)
_CASES_RESCALE = [(0.01, 0.1, 2.0), (0.003, 0.5, 0.5)]     # (lr, lambd, c)


def _normalized_toy(seed: int = 0):
    """A scale-invariant layer: rows w_j, z = X w^T normalized over the batch (no epsilon), a fixed head,
    cross-entropy."""
    gen = torch.Generator().manual_seed(seed)
    X = torch.randn(256, 8, generator=gen, dtype=torch.float64)
    head = torch.randn(5, 3, generator=gen, dtype=torch.float64)
    y = torch.randint(0, 3, (256,), generator=gen)
    W0 = torch.randn(5, 8, generator=gen, dtype=torch.float64)

    def loss(W, idx):
        z = X[idx] @ W.T
        z = (z - z.mean(0)) / z.std(0)
        return nn.functional.cross_entropy(z @ head, y[idx])

    return W0, loss


def _reference_rescaled_directions(lr, lambd, scale=1.0, steps=100, seed=0):
    """Run ``torch.optim.AdamW(lr, weight_decay=lambd)`` on the toy from ``scale * W0``; the final row directions."""
    W0, loss = _normalized_toy(seed)
    W = (scale * W0).clone().requires_grad_()
    optimizer = torch.optim.AdamW([W], lr=lr, weight_decay=lambd)
    gen = torch.Generator().manual_seed(seed + 1)
    for _ in range(steps):
        idx = torch.randperm(256, generator=gen)[:32]
        optimizer.zero_grad()
        loss(W, idx).backward()
        optimizer.step()
    W = W.detach()
    return W / W.norm(dim=1, keepdim=True)


def _pair(name, value):
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail(f"{name} returned {value!r}", "return a pair (new_lr, new_lambd)")
    return _number(f"{name}(...)[0]", value[0]), _number(f"{name}(...)[1]", value[1])


def _mistakes_rescale(lr, lambd, c):
    return [
        ((c * c * lr, lambd / c ** 2), "that is SGD's rule (section 3); Adam's step does not shrink when the gradient "
                                       "shrinks by 1/c, so the learning rate must grow differently"),
        ((lr, lambd), "from c*w0 the same settings turn the rows c times more slowly: Adam moves each coordinate by "
                      "about lr whatever the gradient's size, so the step must grow with the norm"),
        ((c * lr, lambd), "the decay per step (lr * lambd) must stay the same fraction of the weights"),
        ((lr / c, lambd * c), "upside down: a c-times larger weight needs a c-times larger step to turn by the same "
                              "angle"),
        ((lr, lambd / c), "the decay per step (lr * lambd) must stay the same fraction, and the step must grow with "
                          "the norm"),
    ]


@exercise("06.3")
def check_adamw_rescaled(adamw_rescaled) -> str:
    """``adamw_rescaled(lr, lambd, c)``: AdamW settings that train the same directions from ``c * w0``."""
    for lr, lambd, c in _CASES_RESCALE:
        new_lr, new_lambd = _pair("adamw_rescaled", adamw_rescaled(lr, lambd, c))
        if not (new_lr > 0 and new_lambd >= 0 and math.isfinite(new_lr * new_lambd)):
            fail(f"adamw_rescaled({lr}, {lambd}, {c}) = ({new_lr:g}, {new_lambd:g})",
                 "a learning rate must be positive and a weight decay non-negative")
        want = _reference_rescaled_directions(lr, lambd)
        got = _reference_rescaled_directions(new_lr, new_lambd, scale=c)
        angle = float(torch.arccos((want * got).sum(1).clamp(-1, 1)).max())
        if angle < 1e-5:
            continue
        what = (f"adamw_rescaled({lr}, {lambd}, {c}) = ({new_lr:.4g}, {new_lambd:.4g}): after 100 steps of "
                f"torch.optim.AdamW from c*w0 the rows point up to {angle:.2g} rad away from the run from w0")
        hint = next((h for (a, b), h in _mistakes_rescale(lr, lambd, c)
                     if _close(new_lr, a, 1e-3) and _close(new_lambd, b, 1e-3)), None)
        fail(what, hint or "from c*w0 the gradient is 1/c as large but Adam's update u is unchanged (up to eps): write "
                           "one AdamW step from c*w and ask when it is exactly c times the step from w")
    return "from c*w0 your AdamW settings train the same directions (torch.optim.AdamW, 2 settings, 100 steps)"


# =========================================================================== Exercise 06.4 (transfer)
class _Block(nn.Module):
    def __init__(self, width: int = 16):
        super().__init__()
        self.ln = nn.LayerNorm(width)
        self.up = nn.Linear(width, 3 * width)
        self.down = nn.Linear(3 * width, width, bias=False)

    def forward(self, x):
        return x + self.down(torch.relu(self.up(self.ln(x))))


class _TinyLM(nn.Module):
    """A case the notebook never showed: token and position embeddings, blocks in a ModuleList, a final
    LayerNorm, a linear head without bias."""

    def __init__(self, vocab: int = 50, width: int = 16, context: int = 8, depth: int = 2):
        super().__init__()
        self.tok = nn.Embedding(vocab, width)
        self.pos = nn.Embedding(context, width)
        self.blocks = nn.ModuleList([_Block(width) for _ in range(depth)])
        self.ln_f = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab, bias=False)


def _case_model():
    torch.manual_seed(0)
    return _TinyLM()


def _reference_mingpt_split(model):
    """minGPT's rule (mingpt/model.py, GPT.configure_optimizers), re-implemented: full names of the decayed and the
    not-decayed parameters."""
    decay, no_decay = set(), set()
    for mn, m in model.named_modules():
        for pn, _ in m.named_parameters(recurse=False):
            full = f"{mn}.{pn}" if mn else pn
            if pn.endswith("bias"):
                no_decay.add(full)
            elif isinstance(m, nn.Linear):
                decay.add(full)
            elif isinstance(m, (nn.LayerNorm, nn.Embedding)):
                no_decay.add(full)
    return decay, no_decay


def _groups_to_names(name, groups, model, weight_decay):
    names = {id(p): n for n, p in model.named_parameters()}
    if isinstance(groups, dict) or not hasattr(groups, "__iter__"):
        fail(f"{name} returned {type(groups).__name__}",
             "return a list of parameter-group dicts, as an optimizer takes them")
    decay, no_decay, seen = set(), set(), []
    for g in groups:
        if not isinstance(g, dict) or "params" not in g:
            fail(f"{name} returned a group {g!r:.60}", "each group is a dict with 'params' and 'weight_decay'")
        wd = float(g.get("weight_decay", float("nan")))
        params = list(g["params"])
        if params and wd not in (0.0, float(weight_decay)):
            fail(f"a group has weight_decay={wd:g}",
                 f"use weight_decay={weight_decay:g} for the decayed group and 0 for the other")
        for p in params:
            if id(p) not in names:
                fail(f"{name} put a tensor that is not a parameter of the model into a group",
                     "use model.named_parameters()")
            seen.append(names[id(p)])
            (decay if wd > 0 else no_decay).add(names[id(p)])
    return decay, no_decay, seen


@exercise("06.4")
def check_mingpt_groups(mingpt_groups) -> str:
    """``mingpt_groups(model, weight_decay)``: minGPT's two AdamW parameter groups."""
    model, wd = _case_model(), 0.1
    decay, no_decay, seen = _groups_to_names("mingpt_groups", mingpt_groups(model, wd), model, wd)
    want_decay, want_no_decay = _reference_mingpt_split(model)
    if sorted(seen) != sorted(want_decay | want_no_decay):
        missing = sorted((want_decay | want_no_decay) - set(seen))
        twice = sorted({n for n in seen if seen.count(n) > 1})
        fail(f"parameters missing: {missing[:4]}; in two groups: {twice[:4]}",
             "every parameter goes into exactly one group (minGPT asserts this)")
    if decay == want_decay:
        return ("minGPT's rule: nn.Linear weights decayed; biases, LayerNorm and Embedding weights (token and "
                "position) not")
    what = f"decayed {sorted(decay)}"
    wrongly = decay - want_decay
    if any(n.startswith(("tok", "pos")) for n in wrongly):
        fail(what, "minGPT keeps nn.Embedding weights out of weight decay (token AND position tables); decaying "
                   "every 2-D tensor is nanoGPT's rule and notebook 03's")
    if any(".ln" in f".{n}" or n.startswith("ln") for n in wrongly):
        fail(what, "LayerNorm weights are gains (natural value 1), not weights to decay")
    if any(n.endswith("bias") for n in wrongly):
        fail(what, "no bias is decayed")
    fail(what, "decay exactly the weights of nn.Linear modules; look at each parameter's module (named_modules), not "
               "only at its shape or its name")


__all__ = ["check_adamw_rescaled", "check_mingpt_groups", "check_sgd_equilibrium_norm", "check_torch_weight_decay"]
