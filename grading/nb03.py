"""References, typical mistakes and hidden cases of notebook 03's exercises (weight decay the concise way)."""

from __future__ import annotations

import math

import torch
from torch import nn

from d2lmini.checks import nb03 as public

NORMS = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)


# --------------------------------------------------------------------------- 03.1
def owned(model: nn.Module, once: bool = True):
    """(local name, parameter, owning module) for every parameter; a tensor held by two modules (tied weights) only
    once, unless ``once`` is False. An nn.Embedding's table counts as the embedding's wherever it appears: with
    decay_embeddings=False a tied table is not decayed, whichever module comes first (nanoGPT's minGPT-style
    configure_optimizers removed the tied ``lm_head.weight`` from the decay set for this reason)."""
    tables = {id(m.weight): m for m in model.modules() if isinstance(m, nn.Embedding)}
    seen = set()
    for module in model.modules():
        for p_name, p in module.named_parameters(recurse=False):
            if once and id(p) in seen:
                continue
            seen.add(id(p))
            yield p_name, p, tables.get(id(p), module)


def _by_module(model: nn.Module, lambd: float, flag: bool):
    """A learner's loop: skip the nn.Embedding MODULE when the flag is off, each tensor once, so a tied table is
    still decayed through the output layer that shares it (notebook 03's round-2 worked solution)."""
    total, seen = torch.zeros(()), set()
    for module in model.modules():
        if isinstance(module, NORMS) or (not flag and isinstance(module, nn.Embedding)):
            continue
        for name, p in module.named_parameters(recurse=False):
            if p.dim() >= 2 and "bias" not in name and id(p) not in seen:
                seen.add(id(p))
                total = total + (p ** 2).sum()
    return lambd / 2 * total


def l2_reference(c: dict) -> list[float]:
    """The rule by names and owners: ≥ 2-D, not a normalization layer's, not an nn.Embedding's when the flag is off
    (nanoGPT decays every ≥ 2-D parameter, embeddings included; minGPT's configure_optimizers, mingpt/model.py at
    commit bbbdac7, leaves nn.Embedding and LayerNorm weights and biases undecayed)."""
    model = public.probe_model(c)
    total = 0.0
    for name, p, owner in owned(model):
        if (p.dim() >= 2 and "bias" not in name and not isinstance(owner, NORMS)
                and (c["flag"] or not isinstance(owner, nn.Embedding))):
            total += float((p.detach().double() ** 2).sum())
    value = c["lambd"] / 2 * total
    return [value, 2 * value]


def _term(keep, factor=0.5, square=True, detach_embeddings=False, once=True):
    def l2_term(model, lambd, decay_embeddings=True):
        total = torch.zeros(())
        for name, p, owner in owned(model, once):
            if keep(name, p, owner, decay_embeddings):
                q = p.detach() if detach_embeddings and isinstance(owner, nn.Embedding) else p
                total = total + ((q ** 2).sum() if square else q.norm())
        return factor * lambd * total
    return l2_term


def _rule(name, p, owner, flag):
    return (p.dim() >= 2 and "bias" not in name and not isinstance(owner, NORMS)
            and (flag or not isinstance(owner, nn.Embedding)))


# --------------------------------------------------------------------------- 03.2: Keras' update, written out
def keras_reference(c: dict) -> list[float]:
    """Keras 3: w -= w * wd * lr on every variable (base_optimizer._apply_weight_decay), then Adam on the gradient of
    mean((y_hat - y)^2) + c * sum(kernel^2) (losses.mean_squared_error, regularizers.L2), ε = 1e-7 added to √v."""
    model, X, y, cc, wd, lr, steps = public.keras_case(c)
    beta1, beta2, eps = 0.9, 0.999, 1e-7
    params = [model.weight.detach().clone(), model.bias.detach().clone()]
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    for t in range(1, steps + 1):
        W, b = (p.clone().requires_grad_(True) for p in params)
        loss = ((X @ W.T + b - y) ** 2).mean() + cc * (W ** 2).sum()
        grads = torch.autograd.grad(loss, [W, b])
        alpha = lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        for k, g in enumerate(grads):
            params[k] = params[k] - params[k] * wd * lr
            m[k] = m[k] + (g - m[k]) * (1 - beta1)
            v[k] = v[k] + (g * g - v[k]) * (1 - beta2)
            params[k] = params[k] - alpha * m[k] / (v[k].sqrt() + eps)
    return [float(x) for x in torch.cat([params[0].reshape(-1), params[1]])]


def _port(opt="adamw", bias_decay=True, c_factor=1.0, half=False, l2_bias=False, amsgrad=False, reduce="mean"):
    def port_keras(model, c=1e-4, wd=0.05, lr=1e-3):
        groups = [{"params": [model.weight], "weight_decay": wd},
                  {"params": [model.bias], "weight_decay": wd if bias_decay else 0.0}]
        cls = torch.optim.AdamW if opt == "adamw" else torch.optim.Adam
        optimizer = cls(groups, lr=lr, amsgrad=amsgrad)

        def loss_fn(model, X, y):
            err = (model(X) - y) ** 2
            data = (err.mean() if reduce == "mean" else err.sum()) * (0.5 if half else 1.0)
            reg = (model.weight ** 2).sum() + ((model.bias ** 2).sum() if l2_bias else 0.0)
            return data + c * c_factor * reg

        return optimizer, loss_fn
    return port_keras


# --------------------------------------------------------------------------- 03.3: SGDW run until it stops moving
def sgdw_reference(c: dict) -> list[float]:
    """Hand-written SGDW (shrink by 1 - lr·wd, then torch's SGD with momentum and dampening) on a 1-D least-squares
    problem until it stops; the λ of the ridge solution it ends at, read off the end point."""
    g = torch.Generator().manual_seed(5)
    x = torch.randn(40, generator=g, dtype=torch.float64)
    y = 2.0 * x + torch.randn(40, generator=g, dtype=torch.float64)
    sxx, sxy = float((x * x).mean()), float((x * y).mean())
    w = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    lr = 0.02
    optimizer = torch.optim.SGD([w], lr=lr, momentum=c["beta"], dampening=c["tau"])
    for _ in range(20000):
        optimizer.zero_grad()
        (((x * w - y) ** 2) / 2).mean().backward()
        with torch.no_grad():
            w.mul_(1 - lr * c["wd"])
        optimizer.step()
    end = float(w.detach())
    return [sxy / end - sxx]        # ridge: w = sxy / (sxx + λ)


# --------------------------------------------------------------------------- 03.4
def choose_reference(c: dict) -> list[float]:
    lambdas, val, test = public.sweep_tables(c)
    k = max(range(len(lambdas)), key=lambda j: float(val[:, j].mean()))
    return [lambdas[k], float(test[:, k].mean())]


def _choose(rule, report="test"):
    def choose_and_test(lambdas, val_acc, test_acc):
        v, t = val_acc.mean(0), test_acc.mean(0)
        se_best = val_acc[:, int(v.argmax())].std() / len(val_acc) ** 0.5      # for the one-standard-error rule
        k = {"test": lambda: int(t.argmax()), "entry": lambda: int(val_acc.max(0).values.argmax()),
             "pooled": lambda: int((v + t).argmax()), "agree": lambda: int((v - t).abs().argmin()),
             "middle": lambda: len(lambdas) // 2, "val": lambda: int(v.argmax()),
             "axis": lambda: int(val_acc.mean(1).argmax()) % len(lambdas),
             "median": lambda: int(val_acc.median(0).values.argmax()),
             "one_se": lambda: max(j for j in range(len(lambdas)) if v[j] >= v.max() - se_best)}[rule]()
        value = {"test": float(t[k]), "val": float(v[k]), "best_test": float(t.max())}[report]
        return lambdas[k], value
    return choose_and_test


# --------------------------------------------------------------------------- 03.5: AdamW itself
def adamw_reference(c: dict) -> list[float]:
    net, X, y, lr, wd, steps = public.decoupled_case(c)
    shrunk = torch.tensor([1.0, -2.0, 0.5, 4.0]) * (1 - lr * wd)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=wd)
    for _ in range(steps):
        opt.zero_grad()
        ((net(X) - y) ** 2).mean().backward()
        opt.step()
    return [float(v) for v in torch.cat([shrunk, *[p.detach().reshape(-1) for p in net.parameters()]])]


def _shrink(how):
    def decoupled_step(params, lr, weight_decay):
        with torch.no_grad():
            for k, p in enumerate(params):
                if how == "first_only" and k > 0:
                    break
                if how == "gradient":
                    if p.grad is not None:
                        p.grad.add_(weight_decay * p)
                    else:
                        p.mul_(1 - lr * weight_decay)
                elif how == "no_lr":
                    p.mul_(1 - weight_decay)
                elif how == "subtract":
                    p.sub_(lr * weight_decay)
                elif how == "half":
                    p.mul_(1 - lr * weight_decay / 2)
                else:
                    p.mul_(1 - lr * weight_decay)
    return decoupled_step


REFERENCES = {"03.1": l2_reference, "03.2": keras_reference, "03.3": sgdw_reference, "03.4": choose_reference,
              "03.5": adamw_reference}

MISTAKES = {
    "03.1": {
        "linear_only": _term(lambda n, p, o, f: isinstance(o, (nn.Linear, nn.Conv1d, nn.Conv2d))
                             and n.endswith("weight")),
        "factor_two": _term(_rule, factor=1.0),
        "all_parameters": _term(lambda n, p, o, f: True),
        "norm_weights": _term(lambda n, p, o, f: _rule(n, p, o, f) or (isinstance(o, NORMS) and n.endswith("weight"))),
        "biases": _term(lambda n, p, o, f: _rule(n, p, o, f) or (n.endswith("bias") and not isinstance(o, NORMS))),
        "norm_not_squared": _term(_rule, square=False),
        "flag_ignored": _term(lambda n, p, o, f: _rule(n, p, o, True)),
        "flag_inverted": _term(lambda n, p, o, f: _rule(n, p, o, not f)),
        "detached": _term(lambda n, p, o, f: _rule(n, p, o, True), detach_embeddings=True),
        "tied_twice": _term(_rule, once=False),
        "tied_table_decayed": lambda model, lambd, decay_embeddings=True: _by_module(model, lambd, decay_embeddings),
        "bias_named": _term(lambda n, p, o, f: _rule(n, p, o, f) or (n.startswith("bias_") and p.dim() >= 2)),
    },
    "03.2": {
        "coupled": _port(opt="adam"),
        "bias_not_decayed": _port(bias_decay=False),
        "no_l2": _port(c_factor=0.0),
        "l2_half": _port(c_factor=0.5),
        "mse_half": _port(half=True),
        "l2_on_bias": _port(l2_bias=True),
        "amsgrad": _port(amsgrad=True),
        "sum_loss": _port(reduce="sum"),
    },
    "03.3": {
        "no_dampening": lambda wd, beta, tau: wd * (1 - beta),
        "no_momentum": lambda wd, beta, tau: wd,
        "inverted": lambda wd, beta, tau: wd / (1 - beta),
        "dampening_numerator": lambda wd, beta, tau: wd * (1 - beta) * (1 - tau),
        "dampening_without_momentum": lambda wd, beta, tau: wd * (1 - beta) / (1 - tau),
    },
    "03.4": {
        "test_choice": _choose("test"),
        "single_best_entry": _choose("entry"),
        "pooled": _choose("pooled"),
        "agreement": _choose("agree"),
        "middle": _choose("middle"),
        "reported_val": _choose("val", report="val"),
        "best_test_reported": _choose("val", report="best_test"),
        "wrong_axis": _choose("axis"),
        "median_choice": _choose("median"),
        "one_se": _choose("one_se"),
    },
    "03.5": {
        "no_lr": _shrink("no_lr"),
        "subtract": _shrink("subtract"),
        "half": _shrink("half"),
        "first_only": _shrink("first_only"),
        "gradient": _shrink("gradient"),
    },
}

HIDDEN = {
    "03.1": [{"model": "block", "seed": 11, "lambd": 0.05, "flag": False, "size": {"vocab": 7, "d": 6, "length": 3,
                                                                                  "heads": 3}},
             {"model": "conv", "seed": 12, "lambd": 1.3, "flag": False, "norm": "group"},
             {"model": "conv", "seed": 13, "lambd": 0.2, "flag": True, "norm": "rms"},
             {"model": "ln2d", "seed": 14, "lambd": 0.4, "flag": False, "embed": True},
             {"model": "tied", "seed": 15, "lambd": 0.9, "flag": True},
             {"model": "tied", "seed": 17, "lambd": 0.7, "flag": False, "pos": True, "head_first": True},
             {"model": "block", "seed": 16, "lambd": 0.6, "flag": False, "size": {"bias_kv": True, "heads": 4}}],
    "03.2": [{"seed": 21, "c": 0.003, "wd": 0.2, "lr": 0.01, "steps": 25},
             {"seed": 22, "c": 0.02, "wd": 0.05, "lr": 0.2, "steps": 80, "x_scale": 2.0, "y_shift": -1.5}],
    "03.3": [{"wd": 0.7, "beta": 0.95, "tau": 0.3}, {"wd": 4.0, "beta": 0.6, "tau": 0.9},
             {"wd": 1.5, "beta": 0.99, "tau": 0.0}, {"wd": 1.0, "beta": 0.0, "tau": 0.9}],
    "03.4": [{"seed": 31, "R": 6, "noise": 0.01, "val": [0.60, 0.75, 0.79, 0.82, 0.80, 0.66],
              "test": [0.62, 0.76, 0.81, 0.80, 0.83, 0.65]},
             {"seed": 32, "R": 3, "noise": 0.012, "val": [0.88, 0.92, 0.90, 0.86, 0.84],
              "test": [0.87, 0.89, 0.91, 0.88, 0.86], "spike": [1, 3, 0.97]},
             {"seed": 33, "R": 4, "noise": 0.01, "val": [0.81, 0.83, 0.85, 0.84, 0.86, 0.80, 0.70, 0.55],
              "test": [0.80, 0.84, 0.83, 0.86, 0.84, 0.79, 0.71, 0.57]},
             {"seed": 34, "R": 6, "noise": 0.005, "val": [0.75, 0.82, 0.79, 0.84, 0.81, 0.70],
              "test": [0.74, 0.83, 0.80, 0.82, 0.80, 0.71], "spike": [4, 3, 0.66]},
             {"seed": 57, "R": 4, "noise": 0.02, "val": [0.70, 0.80, 0.84, 0.835, 0.79, 0.72, 0.60, 0.52],
              "test": [0.71, 0.81, 0.83, 0.84, 0.78, 0.71, 0.61, 0.53]}],
    "03.5": [{"seed": 41, "d": 5, "lr": 0.02, "wd": 1.5, "steps": 40},
             {"seed": 42, "d": 3, "lr": 0.1, "wd": 0.05, "steps": 20}],
}

FORMULAS = {
    "03.3": ["(1 - momentum)", "(1-β)/(1-τ)", "(1 − β)/(1 − τ)", "/ (1 - dampening)"],
    "03.5": ["mul_(1 - lr", "1 - lr * weight_decay"],
}
