"""Checks of notebook 06's exercises (weight decay in modern networks): public cases, hints; answers as fingerprints.

The problems are built here from small parameter dicts (a small language model the notebook never shows, a
normalized toy layer for the rescaling symmetry); the right answers were computed by the instructor's ``grading/``
package with PyTorch's own optimizers and are stored as fingerprints (``answers/nb06.json``).
"""

from __future__ import annotations

import torch
from torch import nn

from . import Exercise, as_number, fail

# --------------------------------------------------------------------------- 06.1 (derivation)
EQUILIBRIUM_NORM = Exercise(
    "06.1", "sgd_equilibrium_norm",
    cases=[{"lr": 0.5, "lambd": 0.01, "g": 1.0}, {"lr": 0.2, "lambd": 0.05, "g": 0.3},
           {"lr": 1.0, "lambd": 0.02, "g": 2.0}, {"lr": 0.1, "lambd": 0.05, "g": 0.5}],
    inputs=lambda c: (c["lr"], c["lambd"], c["g"]),
    run=lambda fn, lr, lambd, g: [as_number("sgd_equilibrium_norm", fn(lr, lambd, g))],
    describe=lambda c: f"lr = {c['lr']}, λ = {c['lambd']}, g_unit = {c['g']}",
    rel=0.01,      # the worked solution is first order in ηλ: within 0.3% of where torch's SGD settles
    hints={
        "generic": "write ‖w‖² after one step (the gradient step is orthogonal to w, so Pythagoras applies), use "
                   "that the gradient's size is g_unit / ‖w‖, and ask for which norm nothing changes",
        "fixed_gradient": "that would be right if the gradient did not depend on the norm; for a scale-invariant "
                          "weight it is g_unit / ‖w‖, so ‖w‖ appears on both sides of the balance",
        "factor_two": "off by a factor of 2 inside the root: one step shrinks ‖w‖² by (1 − ηλ)², about 1 − 2ηλ",
        "norm_power": "that is a power of the norm, not the norm: take the root your balance equation needs",
        "angle": "that is the angle turned per step at equilibrium, not the norm",
        "lr_power": "count the powers of the learning rate: the gradient step adds η² |gradient|² to ‖w‖², the "
                    "decay removes about 2ηλ‖w‖²",
        "g_unsquared": "the gradient enters squared (Pythagoras: its step is orthogonal to w)",
    },
    more=["Balance: at equilibrium what the decay removes from ‖w‖² in one step equals what the orthogonal "
          "gradient step adds.",
          "Write the added part with |gradient| = g_unit / ‖w‖: the balance becomes an equation in ‖w‖ alone, with "
          "‖w‖ to a power on one side. Solve it for ‖w‖."],
    success="the norm where decay balances the gradient's growth, against torch.optim.SGD run until it settles "
            "(4 settings)",
)
check_sgd_equilibrium_norm = EQUILIBRIUM_NORM.check


# --------------------------------------------------------------------------- 06.2 (transfer)
PAPER_WEIGHT_DECAY = Exercise(
    "06.2", "torch_weight_decay",
    cases=[{"lambda_norm": 0.05, "alpha": 1e-3, "b": 128, "B": 50_000, "T": 100},
           {"lambda_norm": 0.025, "alpha": 3e-4, "b": 64, "B": 10_000, "T": 20},
           {"lambda_norm": 0.1, "alpha": 1e-2, "b": 32, "B": 1_000, "T": 5}],
    inputs=lambda c: (c["lambda_norm"], c["alpha"], c["b"], c["B"], c["T"]),
    run=lambda fn, *args: [as_number("torch_weight_decay", fn(*args))],
    describe=lambda c: (f"λ_norm = {c['lambda_norm']}, α = {c['alpha']}, batch size {c['b']}, {c['B']} examples, "
                        f"{c['T']} epochs"),
    rel=1e-6,
    hints={
        "generic": "write the decay of one step both ways (the paper: schedule multiplier times λ; PyTorch: its "
                   "current learning rate times weight_decay) and set them equal, after turning λ_norm into λ",
        "paper_lambda": "that is the paper's λ: PyTorch multiplies weight_decay by its learning rate (α times the "
                        "schedule), the paper multiplies λ by the schedule only; the per-step decays must be equal",
        "times_alpha": "the per-step decays must match: solve for weight_decay rather than multiplying by the step "
                       "size",
        "unnormalized": "convert the NORMALIZED value first: the paper's λ depends on the batch size, the number of "
                        "examples and the number of epochs",
        "raw": "λ_norm is neither the paper's λ nor PyTorch's weight_decay: two conversions are needed",
        "inverted_norm": "the normalization makes λ SMALLER for more data and longer training: the batch size goes "
                         "in the numerator",
        "steps_not_epochs": "T counts epochs, not optimizer steps",
        "no_sqrt": "the normalization uses a square root",
    },
    more=["Two conversions: λ_norm → the paper's λ (the normalization formula of the task), then the paper's λ → "
          "PyTorch's weight_decay.",
          "torch.optim.AdamW multiplies each parameter by (1 − lr_t · weight_decay) with lr_t = α · η_t; the paper "
          "multiplies it by (1 − η_t · λ). Equate the two factors."],
    success="torch.optim.AdamW with your weight_decay takes the paper's AdamW steps (3 settings)",
)
check_torch_weight_decay = PAPER_WEIGHT_DECAY.check


# --------------------------------------------------------------------------- 06.3 (transfer)
def _pair(value) -> list[float]:
    if isinstance(value, torch.Tensor) and value.numel() == 2:
        value = value.reshape(-1).tolist()
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail(f"adamw_rescaled returned {type(value).__name__}", "return a pair (new_lr, new_lambd)")
    lr, lambd = as_number("adamw_rescaled(...)[0]", value[0]), as_number("adamw_rescaled(...)[1]", value[1])
    if not (lr > 0 and lambd >= 0):
        fail(f"adamw_rescaled returned ({lr:.4g}, {lambd:.4g})",
             "a learning rate must be positive and a weight decay non-negative")
    return [lr, lambd]


def normalized_toy(seed: int = 0):
    """A scale-invariant layer: rows w_j, z = X wᵀ normalized over the batch (no ε), a fixed head,
    cross-entropy. Returns the start W0 and ``loss(W, idx)``."""
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


def train_directions(lr: float, lambd: float, scale: float = 1.0, steps: int = 100, seed: int = 0):
    """``torch.optim.AdamW(lr, weight_decay=lambd)`` on the toy from ``scale * W0``: the final row directions."""
    W0, loss = normalized_toy(seed)
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


def _rescaled_message(fn) -> str:
    lr, lambd, c = 0.01, 0.1, 2.0
    new_lr, new_lambd = _pair(fn(lr, lambd, c))
    a, b = train_directions(lr, lambd, steps=50), train_directions(new_lr, new_lambd, scale=c, steps=50)
    angle = float(torch.arccos((a * b).sum(1).clamp(-1, 1)).max())
    return (f"from c·w0 your AdamW settings train the same directions: after 50 steps of torch.optim.AdamW on a "
            f"normalized layer (c = {c}) the rows of the two runs differ by at most {angle:.0e} rad")


RESCALED = Exercise(
    "06.3", "adamw_rescaled",
    cases=[{"lr": 0.01, "lambd": 0.1, "c": 2.0}, {"lr": 0.003, "lambd": 0.5, "c": 0.5},
           {"lr": 0.02, "lambd": 0.05, "c": 3.0}],
    inputs=lambda c: (c["lr"], c["lambd"], c["c"]),
    run=lambda fn, lr, lambd, c: _pair(fn(lr, lambd, c)),
    describe=lambda c: f"lr = {c['lr']}, λ = {c['lambd']}, c = {c['c']}",
    rel=1e-6,
    success=_rescaled_message,
    hints={
        "generic": "from c·w0 the gradient is 1/c as large but Adam's update u is unchanged (up to ε): write one "
                   "AdamW step from c·w and ask when it is exactly c times the step from w",
        "sgd_rule": "that is SGD's rule; Adam's step does not shrink when the gradient shrinks by 1/c, so the "
                    "learning rate must grow differently",
        "unchanged": "from c·w0 the same settings turn the rows c times more slowly: Adam moves each coordinate by "
                     "about lr whatever the gradient's size, so the step must grow with the norm",
        "lr_only": "the decay of one step (lr times λ) must stay the same fraction of the weights",
        "inverted": "upside down: a c-times larger weight needs a c-times larger step to turn by the same angle",
        "lambda_only": "the decay per step must stay the same fraction, and the step must grow with the norm",
    },
    more=["AdamW's step from w: w ← (1 − lr·λ) w − lr·u. From c·w with new settings: c·w ← (1 − lr'·λ') c·w − lr'·u, "
          "with the SAME u.",
          "For the second to be c times the first, both the shrink factor and the u term must match: two conditions, "
          "two unknowns."],
)
check_adamw_rescaled = RESCALED.check


# --------------------------------------------------------------------------- 06.4 (transfer)
class Block(nn.Module):
    def __init__(self, width: int, up_bias: bool = True):
        super().__init__()
        self.ln = nn.LayerNorm(width)
        self.up = nn.Linear(width, 3 * width, bias=up_bias)
        self.down = nn.Linear(3 * width, width, bias=False)

    def forward(self, x):
        return x + self.down(torch.relu(self.up(self.ln(x))))


class TinyLM(nn.Module):
    """A case the notebook never showed: token and position embeddings, blocks in a ModuleList, a final
    LayerNorm, a linear head (with or without bias)."""

    def __init__(self, vocab: int = 50, width: int = 16, context: int = 8, depth: int = 2, up_bias: bool = True,
                 head_bias: bool = False):
        super().__init__()
        self.tok = nn.Embedding(vocab, width)
        self.pos = nn.Embedding(context, width)
        self.blocks = nn.ModuleList([Block(width, up_bias) for _ in range(depth)])
        self.ln_f = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab, bias=head_bias)


def group_model(c: dict) -> nn.Module:
    torch.manual_seed(c["seed"])
    return TinyLM(**c["model"])


def _run_groups(fn, model, weight_decay):
    """Per parameter (in ``model.named_parameters()`` order) the weight decay the optimizer would apply."""
    groups = fn(model, weight_decay)
    if isinstance(groups, (dict, nn.Module, torch.Tensor)) or not hasattr(groups, "__iter__"):
        fail(f"mingpt_groups returned {type(groups).__name__}",
             "return a list of parameter-group dicts, as an optimizer takes them")
    names = {id(p): n for n, p in model.named_parameters()}
    decay: dict[str, float] = {}
    for g in groups:
        if not isinstance(g, dict) or "params" not in g:
            fail(f"mingpt_groups returned a group of type {type(g).__name__}",
                 "each group is a dict with 'params' and 'weight_decay'")
        params = g["params"]
        params = [params] if isinstance(params, torch.Tensor) else list(params)
        wd = as_number("a group's weight_decay", g.get("weight_decay", 0.01))    # AdamW's default when absent
        for p in params:
            if id(p) not in names:
                fail("mingpt_groups put a tensor that is not a parameter of the model into a group",
                     "take the parameters from the model (model.modules() or model.named_parameters())")
            if names[id(p)] in decay:
                fail(f"parameter {names[id(p)]} is in two groups",
                     "every parameter goes into exactly one group (minGPT asserts this)")
            decay[names[id(p)]] = wd
    missing = [n for n in names.values() if n not in decay]
    if missing:
        fail(f"{len(missing)} parameters are in no group (e.g. {missing[0]})",
             "every parameter goes into exactly one group (minGPT asserts this)")
    return [decay[n] for n in names.values()]


MINGPT_GROUPS = Exercise(
    "06.4", "mingpt_groups",
    cases=[{"seed": 0, "wd": 0.1, "model": {}},
           {"seed": 1, "wd": 0.05, "model": {"vocab": 20, "width": 8, "context": 4, "depth": 3, "head_bias": True}}],
    inputs=lambda c: (group_model(c), c["wd"]),
    run=_run_groups,
    describe=lambda c: f"a small language model (depth {c['model'].get('depth', 2)}), weight_decay = {c['wd']}",
    rel=1e-6,
    hints={
        "generic": "decay exactly the weights of nn.Linear modules; look at each parameter's module (the module "
                   "that owns it), not only at its shape or its name",
        "nanogpt": "minGPT keeps nn.Embedding weights out of weight decay (token AND position tables); decaying "
                   "every 2-D tensor is nanoGPT's rule, another convention",
        "norm_gains": "LayerNorm weights are gains (natural value 1), not weights to decay",
        "biases": "no bias is decayed, not even the biases of nn.Linear layers",
        "everything": "one group with every parameter decays biases, gains and embeddings too: split them",
        "swapped": "the two groups are the wrong way round: the nn.Linear weights get the weight decay",
        "default_decay": "a group without a 'weight_decay' entry gets the optimizer's default (0.01 for AdamW), "
                         "not 0: give both groups their weight_decay",
    },
    more=["model.modules() visits every module, nested ones too (blocks inside an nn.ModuleList); "
          "module.named_parameters(recurse=False) gives the parameters it owns itself.",
          "For each (module, parameter name) pair, ask two questions: is the module an nn.Linear, and is the "
          "parameter its weight (not its bias)? Only a yes to both goes into the decayed group."],
    success="minGPT's rule: nn.Linear weights decayed; biases, LayerNorm and Embedding weights (token and position) "
            "not (2 models)",
)
check_mingpt_groups = MINGPT_GROUPS.check


__all__ = ["check_adamw_rescaled", "check_mingpt_groups", "check_sgd_equilibrium_norm", "check_torch_weight_decay"]
