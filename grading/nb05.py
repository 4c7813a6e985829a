"""References, typical mistakes and hidden cases of notebook 05's exercises (weight decay on real data)."""

from __future__ import annotations

import math

import torch

from d2lmini.checks import nb05 as public
from d2lmini.linreg import ridge


# --------------------------------------------------------------------------- 05.1: torch's SGD itself
def epochs_by_sgd(c: dict) -> list[float]:
    """Run torch.optim.SGD(weight_decay=λ) on a weight whose data gradient is 0 until it is at most 1/2."""
    steps_per_epoch = math.ceil(c["n"] / c["B"])
    w = torch.ones(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=c["lr"], weight_decay=c["lambd"])
    epochs = 0
    while float(w.detach()) > 0.5:
        for _ in range(steps_per_epoch):
            w.grad = torch.zeros_like(w)
            optimizer.step()
        epochs += 1
    return [float(epochs)]


def _steps(lr, lambd):
    return math.ceil(math.log(0.5) / math.log(1 - lr * lambd))


# --------------------------------------------------------------------------- 05.2: fit every λ, score on validation
def val_losses(X_train, y_train, X_val, y_val, grid, center="train", on="val", predict="raw", scale=1.0):
    """Validation (or training) loss of ridge with an intercept, for every λ; the variants are mistakes."""
    if center == "train":
        x_mean, y_mean = X_train.mean(0), y_train.mean()
    elif center == "all":
        x_mean, y_mean = torch.cat([X_train, X_val]).mean(0), torch.cat([y_train, y_val]).mean()
    else:
        x_mean, y_mean = torch.zeros_like(X_train[0]), torch.zeros_like(y_train[0])
    W = ridge(X_train - x_mean, y_train - y_mean, [g * scale for g in grid])
    b = y_mean - W @ x_mean
    X, y = (X_val, y_val) if on == "val" else (X_train, y_train)
    if predict == "own_means":              # validation inputs centered with their own means
        pred = (X - X.mean(0)) @ W.T + y_mean
    elif predict == "no_intercept":         # the centered fit used on raw inputs, intercept forgotten
        pred = X @ W.T
    else:
        pred = X @ W.T + b
    return ((pred - y[:, None]) ** 2 / 2).mean(0)


def _pick(**kw):
    def answer(X_train, y_train, X_val, y_val, lambdas):
        return lambdas[int(val_losses(X_train, y_train, X_val, y_val, lambdas, **kw).argmin())]
    return answer


def choose_by_refits(c: dict) -> list[float]:
    """Independent of the centering trick: least squares on [1, X] with the intercept unpenalized (a refit per λ)."""
    X_train, y_train, X_val, y_val, grid = public.diabetes_split(c)
    n, d = X_train.shape
    Z = torch.cat([torch.ones(n, 1, dtype=X_train.dtype), X_train], 1)
    D = torch.eye(d + 1, dtype=X_train.dtype)
    D[0, 0] = 0
    losses = []
    for lambd in grid:
        theta = torch.linalg.solve(Z.T @ Z / n + lambd * D, Z.T @ y_train / n)
        pred = X_val @ theta[1:] + theta[0]
        losses.append(float(((pred - y_val) ** 2 / 2).mean()))
    return [grid[min(range(len(grid)), key=losses.__getitem__)]]


# --------------------------------------------------------------------------- 05.4: the one-standard-error rule
def _one_se_rule(se="sem", within="best", pick="largest", axis=1, ddof=1):
    def answer(lambdas, val_acc):
        acc = val_acc if axis == 1 else val_acc.T
        R = acc.shape[1]
        mean, sd = acc.mean(1), acc.std(1, correction=ddof)
        s = {"sem": sd / math.sqrt(R), "sd": sd, "sd2": sd / 2, "r1": sd / math.sqrt(R - 1)}[se]
        best = int(mean.argmax())
        if within == "best":
            keep = [k for k in range(len(mean)) if mean[k] >= mean[best] - s[best]]
        elif within == "pooled":                     # the s.e. averaged over all λ
            keep = [k for k in range(len(mean)) if mean[k] >= mean[best] - s.mean()]
        elif within == "walk_up":                    # up from the best λ, stopping at the first one outside
            keep = [best]
            while keep[-1] + 1 < len(mean) and mean[keep[-1] + 1] >= mean[best] - s[best]:
                keep.append(keep[-1] + 1)
        elif within == "overlap":                    # error bars overlap: each λ's own s.e. AND the best's
            keep = [k for k in range(len(mean)) if mean[k] + s[k] >= mean[best] - s[best]]
        else:                                        # each λ's own s.e.
            keep = [k for k in range(len(mean)) if mean[k] + s[k] >= mean[best]]
        keep = [k for k in keep if k < len(lambdas)]
        if pick == "largest":
            return max(lambdas[k] for k in keep)
        if pick == "smallest":
            return min(lambdas[k] for k in keep)
        if pick == "index":
            return float(max(keep))
        return lambdas[best]
    return answer


def one_se_reference(c: dict) -> list[float]:
    grid, acc = public.one_se_table(c)
    mean = acc.mean(1)
    se = acc.std(1) / math.sqrt(acc.shape[1])        # sample standard deviation / sqrt(R)
    best = int(mean.argmax())
    return [max(grid[k] for k in range(len(grid)) if mean[k] >= mean[best] - se[best])]


REFERENCES = {
    "05.1": epochs_by_sgd,
    "05.2": choose_by_refits,
    "05.3": lambda c: [1.0 / (c["n"] * c["lambd"])],     # sklearn/linear_model/_logistic.py: C * sum(loss) + ½‖w‖²
    "05.4": one_se_reference,
}

MISTAKES = {
    "05.1": {
        "steps": lambda lr, lambd, n, B: _steps(lr, lambd),
        "floor_batches": lambda lr, lambd, n, B: math.ceil(_steps(lr, lambd) / (n // B)),
        "exp_approx": lambda lr, lambd, n, B: math.ceil(math.ceil(math.log(2) / (lr * lambd)) / math.ceil(n / B)),
        "half": lambda lr, lambd, n, B: math.ceil(math.ceil(math.log(0.5) / math.log(1 - lr * lambd / 2))
                                                  / math.ceil(n / B)),
        "round_down": lambda lr, lambd, n, B: _steps(lr, lambd) // math.ceil(n / B),
        "per_image": lambda lr, lambd, n, B: math.ceil(_steps(lr, lambd) / n),
    },
    "05.2": {
        "index": lambda *a: float(int(val_losses(*a).argmin())),
        "train_loss": _pick(on="train"),
        "no_intercept": _pick(center="none"),
        "center_all": _pick(center="all"),
        "center_val_own": _pick(predict="own_means"),
        "forgot_intercept_at_prediction": _pick(predict="no_intercept"),
        "sklearn_alpha": lambda Xt, yt, Xv, yv, grid: grid[int(val_losses(Xt, yt, Xv, yv, grid,
                                                                          scale=1 / Xt.shape[0]).argmin())],
    },
    "05.3": {
        "not_inverse": lambda lambd, n: n * lambd,
        "no_n": lambda lambd, n: 1 / lambd,
        "factor_two": lambda lambd, n: 2 / (n * lambd),
        "factor_half": lambda lambd, n: 1 / (2 * n * lambd),
        "lambda_over_n": lambda lambd, n: lambd / n,
        "identity": lambda lambd, n: lambd,
    },
    "05.4": {
        "best_mean": _one_se_rule(pick="best"),
        "smallest_within": _one_se_rule(pick="smallest"),
        "within_sd": _one_se_rule(se="sd"),
        "sd_over_2": _one_se_rule(se="sd2"),
        "sd_over_sqrt_r_minus_1": _one_se_rule(se="r1"),
        "population_sd": _one_se_rule(ddof=0),
        "own_se": _one_se_rule(within="own"),
        "overlap": _one_se_rule(within="overlap"),
        "pooled_se": _one_se_rule(within="pooled"),
        "walk_up": _one_se_rule(within="walk_up"),
        "wrong_axis": _one_se_rule(axis=0),
        "index": _one_se_rule(pick="index"),
        "largest_lambda": lambda lambdas, val_acc: lambdas[-1],    # the grid's largest λ, whatever its accuracy
    },
}

HIDDEN = {
    "05.1": [{"lr": 0.2, "lambd": 0.005, "n": 777, "B": 50}, {"lr": 0.03, "lambd": 0.1, "n": 128, "B": 128},
             {"lr": 0.5, "lambd": 0.04, "n": 90, "B": 16}],
    "05.2": [{"seed": 125, "n_train": 200, "n_val": 30, "shift": 1.0, "scale": 1.0, "by": None, "low": -5, "high": 1,
              "num": 13},
             {"seed": 62, "n_train": 150, "n_val": 80, "shift": 3.0, "scale": 3.0, "by": 8, "low": -5, "high": 0,
              "num": 13},
             {"seed": 155, "n_train": 100, "n_val": 40, "shift": 2.0, "scale": 2.0, "by": None, "low": -5, "high": 1,
              "num": 13}],
    "05.3": [{"lambd": 0.02, "n": 1797}, {"lambd": 5.0, "n": 30}, {"lambd": 0.0004, "n": 400}],
    "05.4": [{"seed": 11, "R": 6, "top": 0.93, "sd": 0.015, "low": -5, "high": -2,      # a gap, as in public case 2
              "a": [0.8, 0.5, 0.0, 0.3, 1.25, 0.92, 1.6, 4.0], "f": [1.0, 1.0, 1.0, 1.0, 1.0, 1.3, 1.0, 1.0]},
             {"seed": 17, "R": 10, "top": 0.96, "sd": 0.01, "low": -4, "high": 0,
              "a": [0.4, 0.0, 0.2, 0.7, 0.96, 1.04, 1.9, 3.5, 8.0], "f": [1.0] * 9},
             {"seed": 23, "R": 3, "top": 0.88, "sd": 0.03, "low": -3, "high": 0,      # best's own s.e. small
              "a": [0.1, 0.3, 0.0, 0.6, 0.95, 1.6, 2.5], "f": [1.0, 1.0, 0.7, 1.0, 1.6, 1.0, 1.0]}],
}

# Fragments of the final formulas: no hint may contain them (tests/test_checks_common.py).
FORMULAS = {
    "05.1": ["log(0.5)", "log(1 - lr", "ceil(n"],
    "05.3": ["1 / (n", "1/(nλ)", "1/(n λ)"],
    "05.4": ["std / sqrt", "std(1)"],
}
