"""The wrong-answer battery (issue 19): what real students try, grouped by exercise.

Every entry is an answer function, written as a learner would write it. ``tests/test_battery.py`` runs each one
through the exercise's public check AND the notebook's hidden block (the graded cases, run the way autograde runs
them): both must reject it. The typical mistakes of ``grading/nbNN.py`` (``MISTAKES``) are part of the battery too;
:func:`battery` returns both. ``HARVESTED`` answers are right on the public cases only (a lookup table of the
public answers): by construction the public check accepts them, and the hidden cases must reject them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from numpy.linalg import solve as _numpy_solve  # bound before any check runs (01.2 battery)
from torch import nn

from d2lmini.checks import REGISTRY

BATTERY: dict[str, list[tuple[str, Callable]]] = {}
HARVESTED: dict[str, Callable] = {}


def wrong(label: str, what: str):
    """Register an answer function as a wrong answer of exercise ``label``."""

    def add(fn: Callable) -> Callable:
        BATTERY.setdefault(label, []).append((what, fn))
        return fn

    return add


def battery() -> dict[str, list[tuple[str, Callable]]]:
    """Every wrong answer per exercise: the typical mistakes of grading/nbNN.py, then the entries below."""
    import importlib

    out: dict[str, list[tuple[str, Callable]]] = {}
    for label in sorted(REGISTRY):
        nn = label.split(".")[0]
        if nn == "00":
            continue
        try:
            refs = importlib.import_module(f"grading.nb{nn}")
        except ModuleNotFoundError:
            continue
        out[label] = [(f"mistake: {k}", fn) for k, fn in refs.MISTAKES.get(label, {}).items()]
        out[label] += BATTERY.get(label, [])
    return out


def harvested(label: str, refs) -> Callable:
    """A lookup table of the right answers of the public cases (what a student could harvest if messages printed
    them), anything else for other inputs: right on every public case, wrong on the hidden ones."""
    ex = REGISTRY[label]
    table = [(ex.inputs(case), refs.REFERENCES[label](case)) for case in ex.cases]

    def same(a, b) -> bool:
        if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
            return a.shape == b.shape and bool(torch.equal(a, b))
        if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
        return type(a) is type(b) and a == b

    def answer(*args):
        for inputs, right in table:
            if len(inputs) == len(args) and all(same(x, y) for x, y in zip(inputs, args, strict=True)):
                return right[0] if len(right) == 1 else torch.tensor(right, dtype=torch.float64)
        return 0.5
    return answer


# ============================================================================ notebook 06
@wrong("06.1", "returns 0")
def _e061_zero(lr, lambd, g_unit):
    return 0.0


@wrong("06.1", "returns the input g_unit (the norm where the gradient's size is g_unit)")
def _e061_input(lr, lambd, g_unit):
    return g_unit


@wrong("06.1", "the final norm printed in the lesson's table (0.44), hard-coded")
def _e061_printed(lr, lambd, g_unit):
    return 0.44


@wrong("06.1", "the momentum factor (1 + β) with β = 0.9 carried over from the lesson's angle law")
def _e061_momentum(lr, lambd, g_unit):
    return (lr * g_unit ** 2 / (2 * lambd * 1.9)) ** 0.25


@wrong("06.1", "λ instead of ηλ in the decay term (lr dropped from the shrink factor)")
def _e061_no_lr_decay(lr, lambd, g_unit):
    return (lr ** 2 * g_unit ** 2 / (2 * lambd)) ** 0.25


@wrong("06.1", "sign: the decay adds to the norm")
def _e061_sign(lr, lambd, g_unit):
    return -(lr * g_unit ** 2 / (2 * lambd)) ** 0.25


@wrong("06.1", "cube root")
def _e061_cube(lr, lambd, g_unit):
    return (lr * g_unit ** 2 / (2 * lambd)) ** (1 / 3)


@wrong("06.1", "the gradient's size at the equilibrium (g_unit / ‖w‖) instead of ‖w‖")
def _e061_gradient(lr, lambd, g_unit):
    return g_unit / (lr * g_unit ** 2 / (2 * lambd)) ** 0.25


@wrong("06.2", "returns 0")
def _e062_zero(lambda_norm, alpha, batch_size, n_train, epochs):
    return 0.0


@wrong("06.2", "PyTorch's default weight_decay (0.01)")
def _e062_default(lambda_norm, alpha, batch_size, n_train, epochs):
    return 0.01


@wrong("06.2", "the paper's λ = 0.1 printed in the lesson, hard-coded")
def _e062_printed(lambda_norm, alpha, batch_size, n_train, epochs):
    return 0.1


@wrong("06.2", "epochs forgotten in the normalization")
def _e062_no_epochs(lambda_norm, alpha, batch_size, n_train, epochs):
    return lambda_norm * math.sqrt(batch_size / n_train) / alpha


@wrong("06.2", "divides by α twice")
def _e062_alpha_twice(lambda_norm, alpha, batch_size, n_train, epochs):
    return lambda_norm * math.sqrt(batch_size / (n_train * epochs)) / alpha ** 2


@wrong("06.2", "divides by √α (the square root carried over from the normalization)")
def _e062_sqrt_alpha(lambda_norm, alpha, batch_size, n_train, epochs):
    return lambda_norm * math.sqrt(batch_size / (n_train * epochs) / alpha)


@wrong("06.2", "returns α (the learning rate) itself")
def _e062_alpha(lambda_norm, alpha, batch_size, n_train, epochs):
    return alpha


@wrong("06.3", "returns the inputs unchanged, as a tuple of three")
def _e063_inputs(lr, lambd, c):
    return lr, lambd, c


@wrong("06.3", "the pair in the wrong order (λ first)")
def _e063_swapped(lr, lambd, c):
    return lambd / c, c * lr


@wrong("06.3", "the lesson's SGD rule (4η, λ/4) for c = 2, hard-coded")
def _e063_printed(lr, lambd, c):
    return 4 * lr, lambd / 4


@wrong("06.3", "η·λ kept, but the learning rate grows like c²")
def _e063_c2_lr(lr, lambd, c):
    return c * c * lr, lambd / c ** 2 * c


@wrong("06.3", "both scaled by c")
def _e063_both(lr, lambd, c):
    return c * lr, c * lambd


@wrong("06.3", "√c on the learning rate (Adam's √v̂ taken for a square-root law)")
def _e063_sqrt(lr, lambd, c):
    return math.sqrt(c) * lr, lambd / math.sqrt(c)


@wrong("06.3", "zeros")
def _e063_zeros(lr, lambd, c):
    return 0.0, 0.0


def _e064_by(rule, groups=None):
    def mingpt_groups(model, weight_decay):
        decay, other = [], []
        for mn, module in model.named_modules():
            for name, p in module.named_parameters(recurse=False):
                (decay if rule(mn, module, name, p) else other).append(p)
        return groups(decay, other, weight_decay) if groups else [
            {"params": decay, "weight_decay": weight_decay}, {"params": other, "weight_decay": 0.0}]
    return mingpt_groups


BATTERY.setdefault("06.4", []).extend([
    ("decays by name: 'weight' not in a module called ln", _e064_by(lambda mn, m, n, p: n == "weight"
                                                                    and not mn.split(".")[-1].startswith("ln"))),
    ("decays only the token table and linear weights (position table treated as a bias)",
     _e064_by(lambda mn, m, n, p: n == "weight" and (isinstance(m, nn.Linear) or mn == "tok"))),
    ("decays only the top-level head (blocks inside the ModuleList missed)",
     _e064_by(lambda mn, m, n, p: isinstance(m, nn.Linear) and n == "weight" and "." not in mn)),
    ("half the weight decay on the decayed group",
     _e064_by(lambda mn, m, n, p: isinstance(m, nn.Linear) and n == "weight",
              lambda d, o, wd: [{"params": d, "weight_decay": wd / 2}, {"params": o, "weight_decay": 0.0}])),
    ("everything in the decayed group and again in the other", _e064_by(
        lambda mn, m, n, p: True, lambda d, o, wd: [{"params": d, "weight_decay": wd}, {"params": d,
                                                                                        "weight_decay": 0.0}])),
    ("only the decayed group returned", _e064_by(lambda mn, m, n, p: isinstance(m, nn.Linear) and n == "weight",
                                                 lambda d, o, wd: [{"params": d, "weight_decay": wd}])),
    ("no parameter decayed", _e064_by(lambda mn, m, n, p: False)),
    ("a dict of two groups instead of a list", _e064_by(
        lambda mn, m, n, p: isinstance(m, nn.Linear) and n == "weight",
        lambda d, o, wd: {"decay": {"params": d, "weight_decay": wd}, "no_decay": {"params": o,
                                                                                     "weight_decay": 0.0}})),
])


# ============================================================================ notebook 05
@wrong("05.1", "returns 0")
def _e051_zero(lr, lambd, n_train, batch_size):
    return 0


@wrong("05.1", "the notebook's own setting's answer, hard-coded")
def _e051_44(lr, lambd, n_train, batch_size):
    return 44


@wrong("05.1", "fractional epochs (no rounding)")
def _e051_fraction(lr, lambd, n_train, batch_size):
    return math.log(0.5) / math.log(1 - lr * lambd) / math.ceil(n_train / batch_size)


@wrong("05.1", "round() instead of rounding up")
def _e051_round(lr, lambd, n_train, batch_size):
    steps = math.log(0.5) / math.log(1 - lr * lambd)
    return round(steps / math.ceil(n_train / batch_size))


@wrong("05.1", "forgets the learning rate: (1 - λ)^T")
def _e051_no_lr(lr, lambd, n_train, batch_size):
    return math.ceil(math.ceil(math.log(0.5) / math.log(1 - lambd)) / math.ceil(n_train / batch_size))


@wrong("05.1", "batch size and n swapped")
def _e051_swapped(lr, lambd, n_train, batch_size):
    return math.ceil(math.ceil(math.log(0.5) / math.log(1 - lr * lambd)) / math.ceil(batch_size / n_train))


@wrong("05.2", "the smallest λ")
def _e052_smallest(X_train, y_train, X_val, y_val, lambdas):
    return lambdas[0]


@wrong("05.2", "the largest λ")
def _e052_largest(X_train, y_train, X_val, y_val, lambdas):
    return lambdas[-1]


@wrong("05.2", "the middle λ")
def _e052_middle(X_train, y_train, X_val, y_val, lambdas):
    return lambdas[len(lambdas) // 2]


@wrong("05.2", "0.001 hard-coded (the answer the old check printed twice)")
def _e052_const(X_train, y_train, X_val, y_val, lambdas):
    return min(lambdas, key=lambda lam: abs(math.log(lam / 0.001)))


@wrong("05.2", "argmax of the validation loss")
def _e052_argmax(X_train, y_train, X_val, y_val, lambdas):
    x_mean, y_mean = X_train.mean(0), y_train.mean()
    W = torch.stack([torch.linalg.solve((X_train - x_mean).T @ (X_train - x_mean) / len(y_train)
                                        + lam * torch.eye(X_train.shape[1], dtype=X_train.dtype),
                                        (X_train - x_mean).T @ (y_train - y_mean) / len(y_train)) for lam in lambdas])
    val = ((X_val @ W.T + (y_mean - W @ x_mean) - y_val[:, None]) ** 2).mean(0)
    return lambdas[int(val.argmax())]


@wrong("05.2", "fits on train + validation pooled, then scores on validation")
def _e052_pooled(X_train, y_train, X_val, y_val, lambdas):
    X, y = torch.cat([X_train, X_val]), torch.cat([y_train, y_val])
    x_mean, y_mean = X.mean(0), y.mean()
    best, best_loss = None, math.inf
    for lam in lambdas:
        w = torch.linalg.solve((X - x_mean).T @ (X - x_mean) / len(y) + lam * torch.eye(X.shape[1], dtype=X.dtype),
                               (X - x_mean).T @ (y - y_mean) / len(y))
        loss = float(((X_val @ w + y_mean - x_mean @ w - y_val) ** 2).mean())
        if loss < best_loss:
            best, best_loss = lam, loss
    return best


@wrong("05.3", "scikit-learn's default C = 1")
def _e053_default(lambd, n_train):
    return 1.0


@wrong("05.3", "n / λ")
def _e053_n_over(lambd, n_train):
    return n_train / lambd


@wrong("05.3", "1 / (nλ²)")
def _e053_square(lambd, n_train):
    return 1 / (n_train * lambd ** 2)


@wrong("05.3", "1 / ((n − 1) λ)")
def _e053_n_minus_1(lambd, n_train):
    return 1 / ((n_train - 1) * lambd)


@wrong("05.4", "no decay, λ = 0")
def _e054_zero(lambdas, val_acc):
    return 0.0


@wrong("05.4", "the notebook's λ* = 0.01, hard-coded")
def _e054_notebook(lambdas, val_acc):
    return min(lambdas, key=lambda lam: abs(lam - 0.01))


@wrong("05.4", "best seed's maximum instead of the mean")
def _e054_max(lambdas, val_acc):
    top = val_acc.max(1).values
    best = int(top.argmax())
    se = val_acc.std(1) / math.sqrt(val_acc.shape[1])
    return max(lambdas[k] for k in range(len(lambdas)) if top[k] >= top[best] - se[best])


@wrong("05.4", "two standard errors")
def _e054_two_se(lambdas, val_acc):
    mean, se = val_acc.mean(1), val_acc.std(1) / math.sqrt(val_acc.shape[1])
    best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - 2 * se[best])


@wrong("05.4", "error bars overlap (each λ's own s.e. added to its mean)")
def _e054_overlap(lambdas, val_acc):
    mean, se = val_acc.mean(1), val_acc.std(1) / math.sqrt(val_acc.shape[1])
    best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] + se[k] >= mean[best] - se[best])


@wrong("05.4", "the next λ after the best")
def _e054_next(lambdas, val_acc):
    return lambdas[min(int(val_acc.mean(1).argmax()) + 1, len(lambdas) - 1)]


# ============================================================================ notebook 03
_NORM_LAYERS = (torch.nn.modules.batchnorm._NormBase, torch.nn.LayerNorm, torch.nn.GroupNorm, torch.nn.RMSNorm)


@wrong("03.1", "returns a float (.item()): the optimizer gets no gradient")
def _e031_item(model, lambd, decay_embeddings=True):
    return lambd / 2 * sum(float((p ** 2).sum()) for p in model.parameters() if p.dim() >= 2)


@wrong("03.1", "parameters named exactly 'weight' (misses in_proj_weight, decays norms)")
def _e031_named_weight(model, lambd, decay_embeddings=True):
    return lambd / 2 * sum((p ** 2).sum() for n, p in model.named_parameters() if n.rsplit(".", 1)[-1] == "weight")


@wrong("03.1", "every parameter with two or more dimensions, flag ignored")
def _e031_dim_only(model, lambd, decay_embeddings=True):
    return lambd / 2 * sum((p ** 2).sum() for p in model.parameters() if p.dim() >= 2)


@wrong("03.1", "λ instead of λ/2, flag respected")
def _e031_lambda(model, lambd, decay_embeddings=True):
    total = torch.zeros(())
    for m in model.modules():
        if isinstance(m, _NORM_LAYERS) or (not decay_embeddings and isinstance(m, torch.nn.Embedding)):
            continue
        total = total + sum((p ** 2).sum() for p in m.parameters(recurse=False) if p.dim() >= 2)
    return lambd * total


@wrong("03.1", "modules() without remembering tensors: a tied weight counted twice")
def _e031_tied_twice(model, lambd, decay_embeddings=True):
    total = torch.zeros(())
    for m in model.modules():
        if isinstance(m, _NORM_LAYERS) or (not decay_embeddings and isinstance(m, torch.nn.Embedding)):
            continue
        for name, p in m.named_parameters(recurse=False):
            if p.dim() >= 2 and "bias" not in name:
                total = total + (p ** 2).sum()
    return lambd / 2 * total


@wrong("03.1", "flag off: skips the nn.Embedding module, but decays its tied table through the output layer")
def _e031_tied_table(model, lambd, decay_embeddings=True):
    total, seen = torch.zeros(()), set()
    for m in model.modules():
        if isinstance(m, _NORM_LAYERS) or (not decay_embeddings and isinstance(m, torch.nn.Embedding)):
            continue
        for name, p in m.named_parameters(recurse=False):
            if p.dim() >= 2 and "bias" not in name and id(p) not in seen:
                seen.add(id(p))
                total = total + (p ** 2).sum()
    return lambd / 2 * total


@wrong("03.1", "flag off: skips a tensor by its first owner only (a tied table decayed when the head comes first)")
def _e031_first_owner(model, lambd, decay_embeddings=True):
    total, seen = torch.zeros(()), set()
    for m in model.modules():
        for name, p in m.named_parameters(recurse=False):
            if id(p) in seen:
                continue
            seen.add(id(p))
            if isinstance(m, _NORM_LAYERS) or (not decay_embeddings and isinstance(m, torch.nn.Embedding)):
                continue
            if p.dim() >= 2 and "bias" not in name:
                total = total + (p ** 2).sum()
    return lambd / 2 * total


@wrong("03.1", "no name test: attention's 3-D bias_k and bias_v decayed")
def _e031_bias_kv(model, lambd, decay_embeddings=True):
    total, seen = torch.zeros(()), set()
    for m in model.modules():
        if isinstance(m, _NORM_LAYERS) or (not decay_embeddings and isinstance(m, torch.nn.Embedding)):
            continue
        for p in m.parameters(recurse=False):
            if p.dim() >= 2 and id(p) not in seen:
                seen.add(id(p))
                total = total + (p ** 2).sum()
    return lambd / 2 * total


@wrong("03.1", "a zero tensor")
def _e031_zero(model, lambd, decay_embeddings=True):
    return torch.zeros((), requires_grad=True)


@wrong("03.2", "torch.optim.SGD with weight_decay")
def _e032_sgd(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.SGD(model.parameters(), lr=lr, weight_decay=wd), \
        lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()


@wrong("03.2", "AdamW with weight_decay = lr * wd (scaled twice)")
def _e032_double(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=lr * wd), \
        lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()


@wrong("03.2", "AdamW's default weight_decay, wd ignored")
def _e032_default(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.AdamW(model.parameters(), lr=lr), \
        lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()


@wrong("03.2", "Adam (coupled) with weights only decayed")
def _e032_adam_groups(model, c=1e-4, wd=0.05, lr=1e-3):
    groups = [{"params": [model.weight], "weight_decay": wd}, {"params": [model.bias], "weight_decay": 0.0}]
    return torch.optim.Adam(groups, lr=lr), lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()


@wrong("03.2", "nn.MSELoss with the l2 term as weight_decay of Adam")
def _e032_mseloss(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.Adam(model.parameters(), lr=lr, weight_decay=2 * c), \
        lambda m, X, y: torch.nn.functional.mse_loss(m(X), y)


@wrong("03.3", "wd (1 − τ)/(1 − β)")
def _e033_swapped(wd, momentum, dampening):
    return wd * (1 - dampening) / (1 - momentum)


@wrong("03.3", "wd / (1 − τ)")
def _e033_tau_only(wd, momentum, dampening):
    return wd / (1 - dampening)


@wrong("03.3", "wd (1 − β)² / (1 − τ)")
def _e033_square(wd, momentum, dampening):
    return wd * (1 - momentum) ** 2 / (1 - dampening)


@wrong("03.3", "wd (1 − β)/(1 + τ)")
def _e033_plus(wd, momentum, dampening):
    return wd * (1 - momentum) / (1 + dampening)


@wrong("03.3", "wd (1 − β)/(1 − τ) at β = 0 too (PyTorch ignores the dampening there)")
def _e033_no_branch(wd, momentum, dampening):
    return wd * (1 - momentum) / (1 - dampening)


@wrong("03.4", "the index of the best λ and the test mean there")
def _e034_index(lambdas, val_acc, test_acc):
    k = int(val_acc.mean(0).argmax())
    return k, float(test_acc[:, k].mean())


@wrong("03.4", "argmin instead of argmax")
def _e034_argmin(lambdas, val_acc, test_acc):
    k = int(val_acc.mean(0).argmin())
    return lambdas[k], float(test_acc[:, k].mean())


@wrong("03.4", "the best seed's test accuracy at the chosen λ")
def _e034_max_seed(lambdas, val_acc, test_acc):
    k = int(val_acc.mean(0).argmax())
    return lambdas[k], float(test_acc[:, k].max())


@wrong("03.4", "the median over seeds")
def _e034_median(lambdas, val_acc, test_acc):
    k = int(val_acc.median(0).values.argmax())
    return lambdas[k], float(test_acc[:, k].median())


@wrong("03.4", "chosen on the median over seeds, the mean test accuracy reported")
def _e034_median_choice(lambdas, val_acc, test_acc):
    k = int(val_acc.median(0).values.argmax())
    return lambdas[k], float(test_acc[:, k].mean())


@wrong("03.4", "the one-standard-error rule: the largest λ within one s.e. of the best mean")
def _e034_one_se(lambdas, val_acc, test_acc):
    m = val_acc.mean(0)
    k = int(m.argmax())
    k = max(j for j in range(len(lambdas)) if m[j] >= m[k] - val_acc[:, k].std() / len(val_acc) ** 0.5)
    return lambdas[k], float(test_acc[:, k].mean())


@wrong("03.4", "a hard-coded λ = 0.01 and its test mean")
def _e034_const(lambdas, val_acc, test_acc):
    k = min(range(len(lambdas)), key=lambda j: abs(lambdas[j] - 0.01))
    return lambdas[k], float(test_acc[:, k].mean())


@wrong("03.5", "rebinds the name (p = p * ...): nothing changes")
def _e035_rebind(params, lr, weight_decay):
    for p in params:
        p = p * (1 - lr * weight_decay)  # noqa: PLW2901


@wrong("03.5", "in place but without torch.no_grad()")
def _e035_grad(params, lr, weight_decay):
    for p in params:
        p.mul_(1 - lr * weight_decay)


@wrong("03.5", "grows instead of shrinking")
def _e035_sign(params, lr, weight_decay):
    with torch.no_grad():
        for p in params:
            p.mul_(1 + lr * weight_decay)


@wrong("03.5", "multiplies by lr·wd")
def _e035_times(params, lr, weight_decay):
    with torch.no_grad():
        for p in params:
            p.mul_(lr * weight_decay)


@wrong("03.5", "shrinks twice")
def _e035_twice(params, lr, weight_decay):
    with torch.no_grad():
        for p in params:
            p.mul_((1 - lr * weight_decay) ** 2)


# ============================================================================ notebook 02
@wrong("02.1", "the closed form of plain SGD raised to t, times 1/(1 − β)")
def _e021_scaled(lr, lambd, momentum, t):
    return (1 - lr * lambd) ** t / (1 - momentum)


@wrong("02.1", "returns the final buffer v_t instead of w_t")
def _e021_buffer(lr, lambd, momentum, t):
    w, v = 1.0, 0.0
    for _ in range(t):
        v = momentum * v + lambd * w
        w -= lr * v
    return v


@wrong("02.1", "updates w with the OLD buffer (v used before it is updated)")
def _e021_old_buffer(lr, lambd, momentum, t):
    w, v = 1.0, 0.0
    for _ in range(t):
        w_new = w - lr * v
        v = momentum * v + lambd * w
        w = w_new
    return w


@wrong("02.1", "Nesterov's update")
def _e021_nesterov(lr, lambd, momentum, t):
    w, v = 1.0, 0.0
    for _ in range(t):
        g = lambd * w
        v = momentum * v + g
        w -= lr * (g + momentum * v)
    return w


@wrong("02.2", "trains (a gradient-descent loop with y = 0) and measures")
def _e022_train(X, w_init, lr, lambd, steps):
    w = w_init.clone()
    for _ in range(steps):
        w = w - lr * (X.T @ (X @ w) / X.shape[0] + lambd * w)
    P_null = torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return float((P_null @ w).norm())


@wrong("02.2", "exp(−ηλT) instead of the per-step factor")
def _e022_exp(X, w_init, lr, lambd, steps):
    P_null = torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return math.exp(-lr * lambd * steps) * float((P_null @ w_init).norm())


@wrong("02.2", "squared norm")
def _e022_squared(X, w_init, lr, lambd, steps):
    P_null = torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return (1 - lr * lambd) ** steps * float((P_null @ w_init).norm()) ** 2


@wrong("02.2", "null space of X^T (pinv(X) X replaced by X pinv(X), wrong size)")
def _e022_transposed(X, w_init, lr, lambd, steps):
    P = torch.linalg.pinv(X.T) @ X.T
    return (1 - lr * lambd) ** steps * float((torch.eye(P.shape[0], dtype=X.dtype) - P).sum())


@wrong("02.2", "0")
def _e022_zero(X, w_init, lr, lambd, steps):
    return 0.0


@wrong("02.3", "n brute-force refits")
def _e023_refits(X, y, lambdas):
    n = X.shape[0]
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=X.dtype)
    D[0, 0] = 0
    out = []
    for lambd in lambdas:
        err = []
        for i in range(n):
            keep = torch.arange(n) != i
            theta = torch.linalg.solve(Z[keep].T @ Z[keep] + n * lambd * D, Z[keep].T @ y[keep])
            err.append((Z[i] @ theta - y[i]) ** 2 / 2)
        out.append(torch.stack(err).mean())
    return torch.stack(out)


@wrong("02.3", "the n refits batched into one solve")
def _e023_batched(X, y, lambdas):
    n = X.shape[0]
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=X.dtype)
    D[0, 0] = 0
    gram = Z.T @ Z - Z[:, :, None] * Z[:, None, :]
    rhs = Z.T @ y - Z * y[:, None]
    return torch.stack([(((torch.linalg.solve(gram + n * lam * D, rhs) * Z).sum(1) - y) ** 2 / 2).mean()
                        for lam in lambdas])


@wrong("02.3", "no bias column at all")
def _e023_no_bias(X, y, lambdas):
    n, d = X.shape
    out = []
    for lambd in lambdas:
        H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
        out.append((((y - H @ y) / (1 - torch.diagonal(H))) ** 2 / 2).mean())
    return torch.stack(out)


@wrong("02.3", "λ instead of nλ in the hat matrix")
def _e023_lambda(X, y, lambdas):
    n = X.shape[0]
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=X.dtype)
    D[0, 0] = 0
    out = []
    for lambd in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + lambd * D, Z.T)
        out.append((((y - H @ y) / (1 - torch.diagonal(H))) ** 2 / 2).mean())
    return torch.stack(out)


@wrong("02.3", "the validation-style constant: one number repeated")
def _e023_const(X, y, lambdas):
    return torch.full((len(lambdas),), float(y.var() / 2), dtype=X.dtype)


@wrong("02.4", "trains 5000 steps and returns the weights")
def _e024_train(X, y, w_init):
    w = w_init.clone()
    lr = 1.0 / float(torch.linalg.eigvalsh(X.T @ X / X.shape[0]).max())
    for _ in range(5000):
        w = w - lr * X.T @ (X @ w - y) / X.shape[0]
    return w


@wrong("02.4", "least squares from torch.linalg.lstsq (the minimum-norm fit)")
def _e024_lstsq(X, y, w_init):
    return torch.linalg.lstsq(X, y.unsqueeze(-1), driver="gelsd").solution.squeeze(-1)


@wrong("02.4", "the start plus the minimum-norm fit (w_init + pinv y)")
def _e024_plus(X, y, w_init):
    return w_init + torch.linalg.pinv(X) @ y


@wrong("02.4", "zeros")
def _e024_zeros(X, y, w_init):
    return torch.zeros_like(w_init)


# ============================================================================ notebook 01
@wrong("01.1", "d, the number of features")
def _e011_d(s, n, lambd):
    return float(len(s))


@wrong("01.1", "n, the number of examples")
def _e011_n(s, n, lambd):
    return float(n)


@wrong("01.1", "sum of s / (s + λ) with λ/n")
def _e011_over_n(s, n, lambd):
    return float((s / (s + lambd / n)).sum())


@wrong("01.1", "the sum of the eigenvalues over (sum + nλ)")
def _e011_pooled(s, n, lambd):
    return float(s.sum() / (s.sum() + n * lambd))


@wrong("01.1", "s² / (s² + nλ): eigenvalues squared")
def _e011_squared(s, n, lambd):
    return float((s ** 2 / (s ** 2 + n * lambd)).sum())


@wrong("01.1", "s / (s + nλ) summed as it is: 0/0 for the null directions at λ = 0")
def _e011_naive(s, n, lambd):
    return float((s / (s + n * lambd)).sum())


@wrong("01.1", "keep s > 0: eigvalsh's 1e-15 null eigenvalues count as 1 at λ = 0")
def _e011_positive(s, n, lambd):
    return float(torch.where(s > 0, s / (s + n * lambd), torch.zeros_like(s)).sum())


@wrong("01.1", "a tiny shift s / (s + nλ + 1e-12)")
def _e011_tiny(s, n, lambd):
    return float((s / (s + n * lambd + 1e-12)).sum())


@wrong("01.1", "s / (s + nλ) clamped at min(n, d): misses a repeated column when n > d")
def _e011_clamped(s, n, lambd):
    return min(float((s / (s + n * lambd)).nan_to_num(0.0).sum()), float(min(n, len(s))))


@wrong("01.1", "an absolute cut-off s > 1e-8: drops every eigenvalue of a design of size 1e-6")
def _e011_absolute(s, n, lambd):
    return float(torch.where(s > 1e-8, s / (s + n * lambd), torch.zeros_like(s)).sum())


@wrong("01.2", "n brute-force refits")
def _e012_refits(X, y, lambd):
    n, d = X.shape
    errors = []
    for i in range(n):
        keep = torch.arange(n) != i
        w = torch.linalg.solve(X[keep].T @ X[keep] + n * lambd * torch.eye(d, dtype=X.dtype), X[keep].T @ y[keep])
        errors.append(float((y[i] - X[i] @ w) ** 2))
    return sum(errors) / n


def _refit_loo(X, y, lambd, solve):
    """Leave-one-out by n refits in NumPy, each solved by ``solve`` (the 01.2 wrong answers below)."""
    import numpy as np
    A, b = X.numpy(), y.numpy()
    n, d = A.shape
    errors = []
    for i in range(n):
        keep = np.arange(n) != i
        w = solve(A[keep].T @ A[keep] + n * lambd * np.eye(d), A[keep].T @ b[keep])
        errors.append(float((b[i] - A[i] @ w) ** 2))
    return sum(errors) / n


@wrong("01.2", "n brute-force refits with numpy.linalg.solve")
def _e012_refits_numpy(X, y, lambd):
    import numpy as np
    return _refit_loo(X, y, lambd, np.linalg.solve)


@wrong("01.2", "n brute-force refits through a name bound before the check (from numpy.linalg import solve)")
def _e012_refits_bound(X, y, lambd):
    return _refit_loo(X, y, lambd, _numpy_solve)


@wrong("01.2", "n brute-force refits with SciPy imported inside the function")
def _e012_refits_scipy(X, y, lambd):
    from scipy.linalg import solve
    return _refit_loo(X, y, lambd, solve)


@wrong("01.2", "refits with penalty (n − 1)λ")
def _e012_n_minus_1(X, y, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + (n - 1) * lambd * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean())


@wrong("01.2", "½ of the squared residuals")
def _e012_half(X, y, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean() / 2)


@wrong("01.2", "(1 + H_ii) instead of (1 − H_ii)")
def _e012_plus(X, y, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 + H.diagonal())) ** 2).mean())


@wrong("01.2", "the variance of y")
def _e012_var(X, y, lambd):
    return float(y.var())


@wrong("01.3", "an intercept column added instead of freeing the first weight")
def _e013_add_column(X, y, lambd):
    n, d = X.shape[-2:]
    Z = torch.cat([torch.ones(*X.shape[:-1], 1, dtype=X.dtype), X], -1)
    D = torch.eye(d + 1, dtype=X.dtype)
    D[0, 0] = 0
    w = torch.linalg.solve(Z.mT @ Z + n * lambd * D, Z.mT @ y.unsqueeze(-1)).squeeze(-1)
    return w[..., 1:]


@wrong("01.3", "centers y and fits d2l.ridge (the intercept trick, but X's first column is no constant)")
def _e013_center(X, y, lambd):
    n, d = X.shape[-2:]
    ym, xm = y.mean(-1, keepdim=True), X.mean(-2, keepdim=True)
    w = torch.linalg.solve((X - xm).mT @ (X - xm) + n * lambd * torch.eye(d, dtype=X.dtype),
                           (X - xm).mT @ (y - ym).unsqueeze(-1)).squeeze(-1)
    return w


@wrong("01.3", "no batch support: X.T instead of X.mT")
def _e013_T(X, y, lambd):
    n, d = X.shape[-2:]
    D = torch.eye(d, dtype=X.dtype)
    D[0, 0] = 0
    Xf, yf = X.reshape(-1, n, d)[0], y.reshape(-1, n)[0]
    w = torch.linalg.solve(Xf.T @ Xf + n * lambd * D, Xf.T @ yf)
    return w if X.dim() == 2 else w.expand(*X.shape[:-2], d).clone()


@wrong("01.3", "penalty λ/2 on the mean but the data term summed")
def _e013_summed(X, y, lambd):
    n, d = X.shape[-2:]
    D = torch.eye(d, dtype=X.dtype)
    D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X / n + n * lambd * D, X.mT @ y.unsqueeze(-1) / n).squeeze(-1)


@wrong("01.4", "σ²(1 − d/n) alone")
def _e014_classic(X, w_star, sigma, lambd):
    n, d = X.shape
    return sigma ** 2 * (1 - d / n)


@wrong("01.4", "tr(I − H) instead of tr((I − H)²)")
def _e014_trace(X, w_star, sigma, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    M = torch.eye(n, dtype=X.dtype) - H
    return float(((M @ X @ w_star) ** 2).sum() / n + sigma ** 2 * M.trace() / n)


@wrong("01.4", "the test error's noise σ² added")
def _e014_plus_noise(X, w_star, sigma, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    M = torch.eye(n, dtype=X.dtype) - H
    return float(((M @ X @ w_star) ** 2).sum() / n + sigma ** 2 * (M @ M).trace() / n + sigma ** 2)


@wrong("01.4", "one simulated draw instead of the expectation")
def _e014_one_draw(X, w_star, sigma, lambd):
    n, d = X.shape
    g = torch.Generator().manual_seed(0)
    y = X @ w_star + sigma * torch.randn(n, generator=g, dtype=X.dtype)
    w = torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T @ y)
    return float(((y - X @ w) ** 2).mean())


# ============================================================================ notebook 04
@wrong("04.1", "‖b‖/θ (no square root, no h)")
def _e041_ratio(h, b, theta):
    return float(b.norm()) / theta


@wrong("04.1", "(‖b‖ − h√θ)/√θ without the clamp at 0")
def _e041_unclamped(h, b, theta):
    return (float(b.norm()) - h * theta ** 0.5) / theta ** 0.5


@wrong("04.1", "‖b‖²/θ − h² (squares everywhere)")
def _e041_squares(h, b, theta):
    return max(float(b @ b) / theta - h ** 2, 0.0)


@wrong("04.1", "sum of |b| (L1 norm) instead of the L2 norm")
def _e041_l1(h, b, theta):
    return max(float(b.abs().sum()) / theta ** 0.5 - h, 0.0)


@wrong("04.2", "clamp(b − λ)/h (forgets negative weights)")
def _e042_positive(h, b, lambd):
    return torch.clamp(b - lambd, min=0) / h


@wrong("04.2", "soft threshold at λ·h")
def _e042_scaled(h, b, lambd):
    return torch.sign(b) * torch.clamp(b.abs() - lambd * h, min=0) / h


@wrong("04.2", "(b − λ·sign(b))/h without zeros")
def _e042_no_zero(h, b, lambd):
    return (b - lambd * torch.sign(b)) / h


@wrong("04.2", "returns b")
def _e042_identity(h, b, lambd):
    return b.clone()


@wrong("04.3", "clips every gradient step but stops after 10 steps")
def _e043_short(q, c):
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for _ in range(10):
        w = torch.clamp(w - eta * q.grad(w), -c, c)
    return w


@wrong("04.3", "projects once, at the end, after unconstrained gradient descent")
def _e043_project_late(q, c):
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for _ in range(5000):
        w = w - eta * q.grad(w)
    return torch.clamp(w, -c, c)


@wrong("04.3", "clips the unconstrained minimizer, re-solves the free weights once, clips again")
def _e043_one_pass(q, c):
    w = torch.clamp(torch.linalg.solve(q.H, q.b), -c, c)
    free = w.abs() < c
    if free.any():
        w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, ~free] @ w[~free])
    return torch.clamp(w, -c, c)


@wrong("04.3", "the corner of the box in the direction of b")
def _e043_corner(q, c):
    return c * torch.sign(q.b)


@wrong("04.3", "ridge with λ = c")
def _e043_ridge(q, c):
    return torch.linalg.solve(q.H + c * torch.eye(q.b.numel(), dtype=q.b.dtype), q.b)


@wrong("04.4", "soft-threshold at λ₁ (no η) and divide by 1 + ηλ₂")
def _e044_no_eta_l1(v, eta, lambd1, lambd2):
    return torch.sign(v) * torch.clamp(v.abs() - lambd1, min=0) / (1 + eta * lambd2)


@wrong("04.4", "divide by 1 + λ₂ (no η)")
def _e044_no_eta_l2(v, eta, lambd1, lambd2):
    return torch.sign(v) * torch.clamp(v.abs() - eta * lambd1, min=0) / (1 + lambd2)


@wrong("04.4", "multiply by 1 + ηλ₂")
def _e044_times(v, eta, lambd1, lambd2):
    return torch.sign(v) * torch.clamp(v.abs() - eta * lambd1, min=0) * (1 + eta * lambd2)


@wrong("04.4", "threshold (ηλ₁ + ηλ₂)")
def _e044_sum(v, eta, lambd1, lambd2):
    return torch.sign(v) * torch.clamp(v.abs() - eta * (lambd1 + lambd2), min=0)


@wrong("04.5", "the ratio of the fractions, no logarithms")
def _e045_ratio(h, eta, lambd):
    return (lambd / (h + lambd)) / (1 - eta * h)


@wrong("04.5", "log base 10 over natural log")
def _e045_bases(h, eta, lambd):
    return math.log10(lambd / (h + lambd)) / math.log(1 - eta * h)


@wrong("04.5", "rounds up to whole steps")
def _e045_ceil(h, eta, lambd):
    return float(math.ceil(math.log(lambd / (h + lambd)) / math.log(1 - eta * h)))


@wrong("04.5", "1/(ηh)")
def _e045_inverse(h, eta, lambd):
    return 1 / (eta * h)


# ============================================================================ notebook 07
@wrong("07.1", "returns 0 (the L1 penalty vanishes)")
def _e071_zero(sigma, b, n_train):
    return 0.0


@wrong("07.1", "the Bayes λ of section 1's first setting, printed in the notebook")
def _e071_printed(sigma, b, n_train):
    return 0.2778


@wrong("07.1", "n − 1 in the mean")
def _e071_n_minus_1(sigma, b, n_train):
    return sigma**2 / ((n_train - 1) * b)


@wrong("07.1", "the Gaussian with the Laplace's variance 2b²: σ²/(n·2b²)")
def _e071_matched_variance(sigma, b, n_train):
    return sigma**2 / (n_train * 2 * b**2)


@wrong("07.1", "sign: −σ²/(nb)")
def _e071_sign(sigma, b, n_train):
    return -(sigma**2) / (n_train * b)


@wrong("07.1", "√2 from the Laplace's standard deviation √2·b")
def _e071_sqrt2(sigma, b, n_train):
    return sigma**2 / (n_train * math.sqrt(2) * b)


@wrong("07.1", "1/b only (forgets σ² and n)")
def _e071_inverse_b(sigma, b, n_train):
    return 1 / b


def _gcv_parts(X, y, lambdas):
    n = X.shape[0]
    Xc, yc = X - X.mean(0), y - y.mean()
    U, s, _ = torch.linalg.svd(Xc, full_matrices=False)
    lam = torch.as_tensor(lambdas, dtype=X.dtype)
    f = s[:, None] ** 2 / (s[:, None] ** 2 + n * lam)
    uy = U.T @ yc
    e = (yc - U @ uy)[:, None] + U @ ((1 - f) * uy[:, None])
    return n, e, f


@wrong("07.2", "zeros")
def _e072_zeros(X, y, lambdas):
    return torch.zeros(len(lambdas), dtype=X.dtype)


@wrong("07.2", "the training loss (no df correction)")
def _e072_train(X, y, lambdas):
    n, e, f = _gcv_parts(X, y, lambdas)
    return e.pow(2).mean(0) / 2


@wrong("07.2", "n − 1 in the mean of the squared residuals")
def _e072_n_minus_1(X, y, lambdas):
    n, e, f = _gcv_parts(X, y, lambdas)
    return e.pow(2).sum(0) / (n - 1) / 2 / (1 - (1 + f.sum(0)) / n) ** 2


@wrong("07.2", "sum instead of mean")
def _e072_sum(X, y, lambdas):
    n, e, f = _gcv_parts(X, y, lambdas)
    return e.pow(2).sum(0) / 2 / (1 - (1 + f.sum(0)) / n) ** 2


@wrong("07.2", "centers y only, not X")
def _e072_center_y(X, y, lambdas):
    n = X.shape[0]
    yc = y - y.mean()
    U, s, _ = torch.linalg.svd(X, full_matrices=False)
    lam = torch.as_tensor(lambdas, dtype=X.dtype)
    f = s[:, None] ** 2 / (s[:, None] ** 2 + n * lam)
    uy = U.T @ yc
    e = (yc - U @ uy)[:, None] + U @ ((1 - f) * uy[:, None])
    return e.pow(2).mean(0) / 2 / (1 - (1 + f.sum(0)) / n) ** 2


@wrong("07.2", "df = d + 1 at every λ (least squares' count)")
def _e072_df_ls(X, y, lambdas):
    n, e, f = _gcv_parts(X, y, lambdas)
    return e.pow(2).mean(0) / 2 / (1 - (X.shape[1] + 1) / n) ** 2


@wrong("07.2", "returns the index of the λ GCV picks")
def _e072_argmin(X, y, lambdas):
    n, e, f = _gcv_parts(X, y, lambdas)
    return (e.pow(2).mean(0) / 2 / (1 - (1 + f.sum(0)) / n) ** 2).argmin()


@wrong("07.2", "1 − df/n not squared")
def _e072_unsquared(X, y, lambdas):
    n, e, f = _gcv_parts(X, y, lambdas)
    return e.pow(2).mean(0) / 2 / (1 - (1 + f.sum(0)) / n)


@wrong("07.3", "zeros")
def _e073_zeros(X, y, w0, sigma, sigma_w):
    return torch.zeros_like(w0)


@wrong("07.3", "least squares (ignores the prior)")
def _e073_lstsq(X, y, w0, sigma, sigma_w):
    return torch.linalg.lstsq(X, y.unsqueeze(-1), driver="gelsd").solution.squeeze(-1)


@wrong("07.3", "sign: w0 − v")
def _e073_sign(X, y, w0, sigma, sigma_w):
    n, d = X.shape
    lam = sigma**2 / (n * sigma_w**2)
    return w0 - torch.linalg.solve(X.T @ X / n + lam * torch.eye(d, dtype=X.dtype), X.T @ (y - X @ w0) / n)


@wrong("07.3", "n − 1 in λ")
def _e073_n_minus_1(X, y, w0, sigma, sigma_w):
    n, d = X.shape
    lam = sigma**2 / ((n - 1) * sigma_w**2)
    return w0 + torch.linalg.solve(X.T @ X / n + lam * torch.eye(d, dtype=X.dtype), X.T @ (y - X @ w0) / n)


@wrong("07.3", "λ/2 in the normal equations")
def _e073_half(X, y, w0, sigma, sigma_w):
    n, d = X.shape
    lam = sigma**2 / (n * sigma_w**2)
    return w0 + torch.linalg.solve(X.T @ X / n + lam / 2 * torch.eye(d, dtype=X.dtype), X.T @ (y - X @ w0) / n)


@wrong("07.3", "prior mean added to the right-hand side without 1/σ_w² (Bayes' rule misremembered)")
def _e073_bishop_slip(X, y, w0, sigma, sigma_w):
    S_inv = torch.eye(X.shape[1], dtype=X.dtype) / sigma_w**2 + X.T @ X / sigma**2
    return torch.linalg.solve(S_inv, w0 + X.T @ y / sigma**2)


@wrong("07.3", "the average of w0 and the ridge fit")
def _e073_average(X, y, w0, sigma, sigma_w):
    n, d = X.shape
    lam = sigma**2 / (n * sigma_w**2)
    return (w0 + torch.linalg.solve(X.T @ X / n + lam * torch.eye(d, dtype=X.dtype), X.T @ y / n)) / 2


@wrong("07.4", "zeros")
def _e074_zeros(X, y, noise_std):
    return torch.zeros(X.shape[1], dtype=X.dtype)


@wrong("07.4", "sign: the noise variance subtracted")
def _e074_minus(X, y, noise_std):
    n = X.shape[0]
    return torch.linalg.solve(X.T @ X / n - torch.diag(noise_std**2), X.T @ y / n)


@wrong("07.4", "shrinks each least-squares weight by 1/(1 + s_j²) (ignores the correlations)")
def _e074_shrink(X, y, noise_std):
    n = X.shape[0]
    return torch.linalg.solve(X.T @ X / n, X.T @ y / n) / (1 + noise_std**2)


@wrong("07.4", "least squares on 2000 random noisy copies (Monte Carlo)")
def _e074_monte_carlo(X, y, noise_std):
    g = torch.Generator().manual_seed(0)
    n, d = X.shape
    noisy = X[None] + noise_std * torch.randn(2000, n, d, generator=g, dtype=X.dtype)
    return torch.linalg.lstsq(noisy.reshape(-1, d), y.repeat(2000).unsqueeze(-1)).solution.squeeze(-1)


@wrong("07.4", "λ = max(s²) for every weight")
def _e074_max(X, y, noise_std):
    n, d = X.shape
    return torch.linalg.solve(X.T @ X / n + noise_std.pow(2).max() * torch.eye(d, dtype=X.dtype), X.T @ y / n)


@wrong("07.4", "dropout's data-weighted penalty s²·diag(XᵀX/n)")
def _e074_dropout(X, y, noise_std):
    n = X.shape[0]
    A = X.T @ X / n
    return torch.linalg.solve(A + torch.diag(noise_std**2 * torch.diagonal(A)), X.T @ y / n)


@wrong("07.4", "noise std added to the inputs once (one noisy copy, x + s)")
def _e074_shifted(X, y, noise_std):
    return torch.linalg.lstsq(X + noise_std, y.unsqueeze(-1)).solution.squeeze(-1)
