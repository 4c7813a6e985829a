"""Checks of notebook 03's exercises (weight decay the concise way): public cases, hints; answers as fingerprints."""

from __future__ import annotations

import math

import torch
from torch import nn

from . import Exercise, as_number, as_vector, fail


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


# --------------------------------------------------------------------------- 03.1 (transfer): the L2 term
class TokenBlock(nn.Module):
    """Token and position embeddings + attention + LayerNorm + head: a probe the notebook never shows."""

    def __init__(self, vocab: int = 11, d: int = 8, length: int = 5, heads: int = 2, bias_kv: bool = False) -> None:
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(length, d)
        self.attn = nn.MultiheadAttention(d, num_heads=heads, batch_first=True, add_bias_kv=bias_kv)
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)


class ConvNet(nn.Module):
    """Conv + BatchNorm (or GroupNorm / RMSNorm) + a free 2-D scale table + a bilinear head."""

    def __init__(self, norm: str = "batch") -> None:
        super().__init__()
        self.conv = nn.Conv1d(2, 4, 3)
        self.norm = {"batch": nn.BatchNorm1d(4), "group": nn.GroupNorm(2, 4), "rms": nn.RMSNorm(4)}[norm]
        self.scale = nn.Parameter(torch.ones(4, 3))
        self.mix = nn.Bilinear(3, 3, 2)
        self.out = nn.Linear(2, 1, bias=False)


def probe_model(c: dict) -> nn.Module:
    kind = c["model"]
    if kind == "block":
        model = TokenBlock(**c.get("size", {}))
    elif kind == "conv":
        model = ConvNet(c.get("norm", "batch"))
    elif kind == "tied":   # an embedding reused as the output layer: one tensor held by two modules
        layers = [nn.Embedding(6, 4), nn.LayerNorm(4), nn.Linear(4, 4), nn.Linear(4, 6)]
        if c.get("head_first"):   # the output layer comes first in model.modules() (it owns the table)
            layers = layers[::-1]
        if c.get("pos"):          # a second, untied embedding table
            layers.append(nn.Embedding(3, 4))
        model = nn.Sequential(*layers)
        emb, head = (model[3], model[0]) if c.get("head_first") else (model[0], model[3])
        if c.get("head_first"):
            emb.weight = head.weight
        else:
            head.weight = emb.weight
    else:   # "ln2d": a 2-D LayerNorm weight must not be decayed either
        model = nn.Sequential(nn.Linear(3, 6), nn.Unflatten(1, (2, 3)), nn.LayerNorm((2, 3)),
                              nn.Flatten(), nn.Embedding(4, 6) if c.get("embed") else nn.Identity())
    g = _gen(c["seed"])
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.5 + 0.3)
    return model


def _run_l2_term(fn, model, lambd, flag):
    value = fn(model, lambd, decay_embeddings=flag)
    if not isinstance(value, torch.Tensor):
        fail(f"l2_term returned a {type(value).__name__}, not a tensor",
             "the optimizer needs its gradient: do not call .item() or float()")
    if value.numel() != 1:
        fail(f"l2_term returned a tensor of shape {tuple(value.shape)}", "return one number: add everything up")
    if not value.requires_grad:
        fail("the returned term has no gradient", "do not compute it under torch.no_grad() or with .detach()/.data")
    params = list(model.parameters())
    grads = torch.autograd.grad(value.sum(), params, allow_unused=True)
    slope = sum(float((g * p.detach()).sum()) for g, p in zip(grads, params, strict=True) if g is not None)
    return [as_number("l2_term", value), slope]     # for λ/2 Σ‖W‖²: Σ <∇, W> = 2 × the value


L2_TERM = Exercise(
    "03.1", "l2_term",
    cases=[{"model": "block", "seed": 0, "lambd": 0.3, "flag": True},
           {"model": "block", "seed": 0, "lambd": 0.3, "flag": False},
           {"model": "conv", "seed": 1, "lambd": 0.3, "flag": True},
           {"model": "ln2d", "seed": 2, "lambd": 0.7, "flag": True},
           {"model": "tied", "seed": 3, "lambd": 0.5, "flag": True},
           {"model": "tied", "seed": 5, "lambd": 0.5, "flag": False, "pos": True, "head_first": True},
           {"model": "block", "seed": 4, "lambd": 0.3, "flag": True, "size": {"bias_kv": True}}],
    inputs=lambda c: (probe_model(c), c["lambd"], c["flag"]),
    run=_run_l2_term,
    describe=lambda c: (f"a {c['model']} probe model, λ = {c['lambd']}, decay_embeddings={c['flag']}"),
    rel=1e-5, atol=1e-9,
    hints={
        "generic": "go through every parameter with the module that owns it: decay those with two or more "
                   "dimensions, skip normalization layers (and, when decay_embeddings is False, embedding tables)",
        "linear_only": "embedding tables, attention projections (in_proj_weight) and any matrix-shaped parameter are "
                       "weights too, not only nn.Linear/Conv weights",
        "factor_two": "off by a factor of 2: the term is λ/2 times the sum of squares",
        "all_parameters": "you summed over every parameter: biases and normalization parameters are not decayed",
        "norm_weights": "a normalization layer's scale (here a 2-D LayerNorm weight) is not decayed, whatever its "
                        "shape",
        "biases": "you included the biases (in_proj_bias too): a bias is not decayed",
        "norm_not_squared": "use the SQUARED norm of each parameter",
        "tied_table_decayed": "with decay_embeddings=False an embedding table stays undecayed also where another "
                              "module shares it (a tied output layer): skip the tensor, wherever it appears, not only "
                              "the nn.Embedding module",
        "flag_ignored": "decay_embeddings=False must leave the embedding tables out (minGPT's convention)",
        "flag_inverted": "decay_embeddings=True decays the embedding tables (the convention of this notebook and "
                         "nanoGPT); False leaves them out",
        "tied_twice": "a tensor that two modules share (a tied embedding and output layer) is one parameter: count it "
                      "once",
        "bias_named": "a parameter with bias in its name is a bias whatever its shape (attention's bias_k and bias_v "
                      "are 3-D): it is not decayed",
        "detached": "the term must carry the gradient of every decayed parameter: no .data, .detach() or "
                    "torch.no_grad() inside",
    },
    more=["For each module, model.modules() and module.named_parameters(recurse=False) give the parameters it owns "
          "directly, so you can ask what kind of layer owns a parameter.",
          "Keep a parameter when it has at least two dimensions, no 'bias' in its name, and its owner is not a "
          "normalization layer (and, with decay_embeddings=False, not the table of any nn.Embedding, even where a "
          "tied layer holds it too: collect those tables first); remember which tensors you "
          "already added (their id), and add λ/2 times each one's sum of squares to a tensor total once."],
    success="λ/2 Σ‖W‖² over embeddings (by convention), attention projections and layer weights; biases and "
            "normalization skipped, gradient intact",
)
check_l2_term = L2_TERM.check


# --------------------------------------------------------------------------- 03.2 (transfer): Keras -> PyTorch
def keras_case(c: dict):
    g = _gen(c["seed"])
    X = torch.randn(16, 3, generator=g, dtype=torch.float64) * c.get("x_scale", 1.0)
    y = torch.randn(16, 2, generator=g, dtype=torch.float64) + c.get("y_shift", 0.0)
    model = nn.Linear(3, 2).double()
    with torch.no_grad():
        model.weight.copy_(torch.randn(2, 3, generator=g, dtype=torch.float64) + 0.5)
        model.bias.copy_(torch.randn(2, generator=g, dtype=torch.float64) + 2.0)
    return model, X, y, c["c"], c["wd"], c["lr"], c["steps"]


def _run_port(fn, model, X, y, c, wd, lr, steps):
    result = fn(model, c=c, wd=wd, lr=lr)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"port_keras returned {type(result).__name__}", "return a pair (optimizer, loss_fn)")
    optimizer, loss_fn = result
    if not isinstance(optimizer, torch.optim.Optimizer):
        fail(f"the first item is a {type(optimizer).__name__}", "return a torch.optim optimizer first")
    for _ in range(steps):
        optimizer.zero_grad()
        loss_fn(model, X, y).backward()
        optimizer.step()
    return as_vector("the trained weights", torch.cat([model.weight.detach().reshape(-1), model.bias.detach()]), 8)


PORT_KERAS = Exercise(
    "03.2", "port_keras",
    cases=[{"seed": 7, "c": 1e-4, "wd": 0.05, "lr": 1e-3, "steps": 20},
           {"seed": 8, "c": 0.05, "wd": 0.5, "lr": 0.05, "steps": 20},
           {"seed": 9, "c": 0.01, "wd": 0.1, "lr": 0.3, "steps": 60, "x_scale": 3.0, "y_shift": 1.0}],
    inputs=keras_case,
    run=_run_port,
    describe=lambda c: f"c = {c['c']:g}, wd = {c['wd']:g}, lr = {c['lr']:g}, {c['steps']} steps",
    rel=2e-6, atol=1e-6,      # Keras adds ε to √v, torch to the bias-corrected √v̂: differences up to 2e-6
    hints={
        "generic": "match both halves: which PyTorch optimizer takes Keras' Adam(weight_decay) steps (coupled or "
                   "decoupled, which parameters), and which loss Keras minimizes (its mse and its l2 regularizer)",
        "coupled": "Keras' Adam(weight_decay=...) is decoupled, like torch.optim.AdamW; torch.optim.Adam's "
                   "weight_decay is coupled L2",
        "bias_not_decayed": "Keras decays every trainable variable, the bias too (unless excluded): no parameter "
                            "groups here",
        "no_l2": "the kernel_regularizer l2(c) is part of Keras' loss",
        "l2_half": "Keras' l2(c) has no ½ in front of the sum of squares",
        "mse_half": "Keras' 'mse' is the plain mean of squared errors, without the ½ of d2l.squared_loss",
        "l2_on_bias": "l2(c) is a kernel_regularizer: the bias is not penalized",
        "amsgrad": "Keras' Adam has amsgrad=False by default, as PyTorch's",
        "sum_loss": "Keras' 'mse' averages over the examples and outputs: a mean, not a sum",
    },
    more=["Keras applies weight_decay as w ← w − lr·wd·w on every trainable variable, outside the gradient: that is "
          "PyTorch's decoupled form.",
          "Keras' loss is its 'mse' (a plain mean over examples and outputs) plus the kernel regularizer's c times "
          "the sum of squared kernel weights; the bias appears only in the mse."],
    success="AdamW on every parameter + Keras' mse + the l2 kernel regularizer: Keras' steps (up to ε placement)",
)
check_port_keras = PORT_KERAS.check


# --------------------------------------------------------------------------- 03.3 (derivation): SGDW's end point
SGDW_LAMBDA = Exercise(
    "03.3", "sgdw_lambda",
    cases=[{"wd": 2.0, "beta": 0.9, "tau": 0.5}, {"wd": 1.0, "beta": 0.5, "tau": 0.0},
           {"wd": 0.5, "beta": 0.0, "tau": 0.0}, {"wd": 3.0, "beta": 0.8, "tau": 0.6},
           {"wd": 0.5, "beta": 0.0, "tau": 0.5}],
    inputs=lambda c: (c["wd"], c["beta"], c["tau"]),
    run=lambda fn, wd, beta, tau: [as_number("sgdw_lambda", fn(wd, beta, tau))],
    describe=lambda c: f"wd = {c['wd']}, momentum = {c['beta']}, dampening = {c['tau']}",
    hints={
        "generic": "at the end point nothing moves: write what the buffer is when the gradient stays constant, and "
                   "what the shrink and the buffer's step must add up to",
        "no_dampening": "the dampening scales the gradient entering the buffer, so it changes the buffer at rest",
        "no_momentum": "with momentum the buffer at rest is larger than the gradient: decoupled decay is not coupled "
                       "decay here",
        "inverted": "inverted: the decay must balance the buffer at rest, which is larger than the gradient",
        "dampening_numerator": "the dampening factor shrinks what enters the buffer: it belongs on the other side",
        "dampening_without_momentum": "with momentum = 0 PyTorch's SGD keeps no buffer and does not use the dampening "
                                      "(torch/optim/sgd.py): treat that case on its own",
    },
    more=["At a fixed point the buffer b satisfies b = βb + (1 − τ)·g: solve it for b in terms of the gradient g.",
          "Nothing moves, so the shrink η·wd·w and the step η·b cancel. Write that as g + λ·w = 0 and read off λ."],
    success="the reference λ where hand-written SGDW with momentum and dampening ends",
)
check_sgdw_lambda = SGDW_LAMBDA.check


# --------------------------------------------------------------------------- 03.4 (practice): choose, report once
def sweep_tables(c: dict):
    """(lambdas, val_acc, test_acc) of a seed × λ sweep: per-λ means given, seed noise added (``spike``: one validation
    entry set by hand)."""
    g = _gen(c["seed"])
    R = c["R"]
    lambdas = [0.0] + [round(v, 6) for v in torch.logspace(-4, 0, len(c["val"]) - 1, dtype=torch.float64).tolist()]
    val = torch.tensor(c["val"], dtype=torch.float64) + c["noise"] * torch.randn(R, len(c["val"]), generator=g,
                                                                                 dtype=torch.float64)
    test = torch.tensor(c["test"], dtype=torch.float64) + c["noise"] * torch.randn(R, len(c["test"]), generator=g,
                                                                                   dtype=torch.float64)
    if "spike" in c:                   # one seed set by hand: a lucky one (above every mean) or an unlucky one
        r, k, v = c["spike"]
        val[r, k] = v
    return lambdas, val.clamp(0, 1), test.clamp(0, 1)


def _run_choose(fn, lambdas, val, test):
    result = fn(list(lambdas), val.clone(), test.clone())
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail(f"choose_and_test returned {type(result).__name__}", "return a pair (lam, test_mean)")
    lam = as_number("lam", result[0])
    if not any(math.isclose(lam, g, rel_tol=1e-9, abs_tol=1e-15) for g in lambdas):
        fail(f"lam = {lam:g} is not one of the λ values passed in", "return the λ value itself (not its index)")
    return [lam, as_number("test_mean", result[1])]


CHOOSE_AND_TEST = Exercise(
    "03.4", "choose_and_test",
    cases=[{"seed": 1, "R": 4, "noise": 0.004, "val": [0.80, 0.86, 0.87, 0.83, 0.82, 0.78, 0.70],
            "test": [0.80, 0.84, 0.80, 0.81, 0.87, 0.77, 0.71], "spike": [0, 5, 0.95]},
           {"seed": 2, "R": 5, "noise": 0.015, "val": [0.91, 0.93, 0.92, 0.90, 0.80, 0.60],
            "test": [0.90, 0.91, 0.93, 0.92, 0.81, 0.62]},
           {"seed": 3, "R": 4, "noise": 0.02, "val": [0.70, 0.72, 0.78, 0.81, 0.83, 0.79, 0.74],
            "test": [0.72, 0.73, 0.80, 0.80, 0.80, 0.82, 0.75]},
           {"seed": 4, "R": 5, "noise": 0.004, "val": [0.80, 0.85, 0.83, 0.82, 0.78],
            "test": [0.80, 0.83, 0.86, 0.84, 0.77], "spike": [2, 2, 0.99]},
           {"seed": 10, "R": 5, "noise": 0.02, "val": [0.78, 0.84, 0.87, 0.865, 0.80, 0.70, 0.62, 0.55],
            "test": [0.79, 0.85, 0.86, 0.87, 0.81, 0.71, 0.63, 0.56]}],
    inputs=sweep_tables,
    run=_run_choose,
    describe=lambda c: f"a sweep of {len(c['val'])} λ values × {c['R']} seeds",
    rel=1e-9,
    hints={
        "generic": "average over the seeds first, choose the λ on validation alone, then report the test accuracy "
                   "at that λ only",
        "test_choice": "the test set must not choose λ: choose on the validation accuracy",
        "single_best_entry": "average over the seeds first, then take the best mean: one lucky seed decides nothing",
        "pooled": "validation and test pooled still lets the test set choose: choose on validation alone",
        "agreement": "the λ where validation and test agree is chosen by the test set too: choose on validation",
        "middle": "choose by the data, not by the position in the grid",
        "reported_val": "report the mean TEST accuracy at the chosen λ (the validation accuracy is biased upward: "
                        "it chose λ)",
        "best_test_reported": "report the test accuracy at the λ validation chose, not the best test accuracy",
        "wrong_axis": "rows are seeds, columns are λ values: average over the seeds (dim 0)",
        "median_choice": "choose on the MEAN over the seeds, as the task says: the median ignores how badly one seed "
                         "does",
        "one_se": "the one-standard-error rule (the largest λ within one s.e. of the best mean) is a different rule: "
                  "this task asks for the λ with the best mean validation accuracy",
    },
    more=["val_acc.mean(0) gives one mean per λ; the position of its maximum picks λ.",
          "Use that same position in the test table, averaged over the seeds: that one number is what you report."],
    success="λ chosen on the mean validation accuracy; the test accuracy reported at that λ only",
)
check_choose_and_test = CHOOSE_AND_TEST.check


# --------------------------------------------------------------------------- 03.5 (practice): AdamW by hand
def decoupled_case(c: dict):
    g = _gen(c["seed"])
    X, y = torch.randn(32, c["d"], generator=g), torch.randn(32, 1, generator=g)
    net = nn.Linear(c["d"], 1)
    with torch.no_grad():
        net.weight.copy_(torch.randn(1, c["d"], generator=g))
        net.bias.copy_(torch.randn(1, generator=g))
    return net, X, y, c["lr"], c["wd"], c["steps"]


def _run_decoupled(fn, net, X, y, lr, wd, steps):
    w = torch.tensor([[1.0, -2.0], [0.5, 4.0]], requires_grad=True)
    before = w.detach().clone()
    try:
        fn([w], lr, wd)
    except NotImplementedError:
        raise
    except RuntimeError as exc:
        fail(f"decoupled_step raised RuntimeError ({exc})", "change a parameter in place inside torch.no_grad()")
    if torch.equal(w.detach(), before):
        fail("the parameter did not change", "update it in place (an in-place method); p = p * ... only rebinds a name")
    if w.grad_fn is not None:
        fail("the parameter now has a grad_fn", "do the update under torch.no_grad()")
    adam = torch.optim.Adam(net.parameters(), lr=lr)
    for _ in range(steps):
        adam.zero_grad()
        ((net(X) - y) ** 2).mean().backward()
        fn(list(net.parameters()), lr, wd)
        adam.step()
    shrunk = w.detach().reshape(-1)
    trained = torch.cat([p.detach().reshape(-1) for p in net.parameters()])
    return as_vector("the parameters", torch.cat([shrunk, trained]), 4 + trained.numel())


DECOUPLED_STEP = Exercise(
    "03.5", "decoupled_step",
    cases=[{"seed": 3, "d": 4, "lr": 0.01, "wd": 3.0, "steps": 50}, {"seed": 4, "d": 6, "lr": 0.05, "wd": 0.5,
                                                                      "steps": 30}],
    inputs=decoupled_case,
    run=_run_decoupled,
    describe=lambda c: f"lr = {c['lr']}, weight_decay = {c['wd']}, {c['steps']} Adam steps",
    rel=1e-5, atol=1e-6,
    hints={
        "generic": "shrink every tensor in params in place by the factor that one decoupled step applies, under "
                   "torch.no_grad()",
        "no_lr": "the decoupled step multiplies by a factor that involves the learning rate as well",
        "subtract": "decay is proportional to the weight: multiply, do not subtract a constant",
        "half": "off by a factor of 2: PyTorch's AdamW shrinks by lr × weight_decay per step",
        "first_only": "shrink every tensor in params, not only the first",
        "gradient": "decoupled means outside the gradient: change the parameter itself, not its .grad",
    },
    more=["AdamW's step starts with p ← p − lr·weight_decay·p, before Adam's update.",
          "Loop over params and use an in-place multiplication (p.mul_) inside torch.no_grad()."],
    success="p ← (1 − lr·λ) p in place; Adam + decoupled_step = AdamW",
)
check_decoupled_step = DECOUPLED_STEP.check
