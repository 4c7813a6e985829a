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


@wrong("05.4", "the largest λ")
def _e054_largest(lambdas, val_acc):
    return lambdas[-1]


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


@wrong("05.4", "the next λ after the best")
def _e054_next(lambdas, val_acc):
    return lambdas[min(int(val_acc.mean(1).argmax()) + 1, len(lambdas) - 1)]
