"""Self-checks for the exercises of notebook 05 (weight decay on real data).

Every check runs the learner's function on cases the notebook never printed and compares it with a private reference;
a wrong answer that matches a typical mistake gets that mistake's hint.
"""

from __future__ import annotations

import math

import torch

from ..linreg import ridge
from ..nb05 import load_diabetes
from . import as_number as _number
from . import exercise, fail


def _close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-15)


# --------------------------------------------------------------------------- Exercise 05.1 (derivation)
def _reference_epochs_to_halve(lr: float, lambd: float, n_train: int, batch_size: int) -> int:
    """Run torch.optim.SGD(weight_decay=lambd) on a weight whose data gradient is 0 until it is at most 1/2."""
    steps_per_epoch = math.ceil(n_train / batch_size)
    w = torch.ones(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, weight_decay=lambd)
    epochs = 0
    while w.item() > 0.5:
        for _ in range(steps_per_epoch):
            w.grad = torch.zeros_like(w)
            optimizer.step()
        epochs += 1
    return epochs


_HALVE_CASES = [(0.1, 0.01, 1000, 64), (0.05, 0.02, 300, 32), (1.0, 0.3, 64, 64), (0.01, 0.5, 500, 100)]


@exercise("05.1")
def check_epochs_to_halve(epochs_to_halve) -> str:
    """``epochs_to_halve(lr, lambd, n_train, batch_size)``: fewest whole epochs until decay alone leaves <= 1/2."""
    for lr, lambd, n, B in _HALVE_CASES:
        got = _number("epochs_to_halve", epochs_to_halve(lr, lambd, n, B))
        want = _reference_epochs_to_halve(lr, lambd, n, B)
        if got == want:
            continue
        what = f"epochs_to_halve({lr}, {lambd}, {n}, {B}) = {got:g}, but SGD with weight_decay needs {want} epochs"
        steps = math.ceil(math.log(0.5) / math.log(1 - lr * lambd))
        if got <= 0:
            fail(what, "zero epochs leave the weight unchanged: the answer is a positive whole number of epochs")
        if got == steps:
            fail(what, "that is the number of steps; divide by the steps per epoch (and round up to whole epochs)")
        if got == math.ceil(steps / (n // B)) and n % B:
            fail(what, f"{n} images in batches of {B} make ceil(n/B) = {math.ceil(n / B)} steps per epoch: "
                       "the last, smaller minibatch is a step too (DataLoader's drop_last=False)")
        if got == math.ceil(math.ceil(math.log(2) / (lr * lambd)) / math.ceil(n / B)):
            fail(what, "exp(-lr*lambda*T) is only the small-step approximation of (1 - lr*lambda)^T: solve "
                       "(1 - lr*lambda)^T <= 1/2 exactly, T = ceil(log(1/2) / log(1 - lr*lambda))")
        if got == math.ceil(math.ceil(math.log(0.5) / math.log(1 - lr * lambd / 2)) / math.ceil(n / B)):
            fail(what, "off by a factor of 2: weight_decay=lambda shrinks by (1 - lr*lambda) per step, not lr*lambda/2")
        if got == math.ceil(steps / math.ceil(n / B)) - 1 or got == steps // math.ceil(n / B):
            fail(what, "round UP: after the answer's epochs the weight must be at most half, not slightly more")
        fail(what, "per step decay multiplies the weight by (1 - lr*lambda); find the fewest steps T with "
                   "(1 - lr*lambda)^T <= 1/2, then the fewest whole epochs of ceil(n/B) steps that cover T")
    return "checked against torch.optim.SGD(weight_decay=...) itself on 4 settings"


# --------------------------------------------------------------------------- Exercise 05.2 (transfer)
def _ridge_val_losses(X_train, y_train, X_val, y_val, lambdas, center="train", on="val"):
    if center == "train":
        x_mean, y_mean = X_train.mean(0), y_train.mean()
    elif center == "all":
        X_all, y_all = torch.cat([X_train, X_val]), torch.cat([y_train, y_val])
        x_mean, y_mean = X_all.mean(0), y_all.mean()
    else:
        x_mean, y_mean = torch.zeros_like(X_train[0]), torch.zeros_like(y_train[0])
    W = ridge(X_train - x_mean, y_train - y_mean, lambdas)
    b = y_mean - W @ x_mean
    X, y = (X_val, y_val) if on == "val" else (X_train, y_train)
    return ((X @ W.T + b - y[:, None]) ** 2 / 2).mean(0)


def _diabetes_split(seed: int, n_train: int = 300):
    X, y = load_diabetes()
    perm = torch.randperm(X.shape[0], generator=torch.Generator().manual_seed(seed))
    return X[perm[:n_train]], y[perm[:n_train]], X[perm[n_train:]], y[perm[n_train:]]


_RIDGE_GRID = [0.0001, 0.000316, 0.001, 0.00316, 0.01, 0.0316, 0.1, 0.316, 1.0]


@exercise("05.2")
def check_choose_ridge_lambda(choose_ridge_lambda) -> str:
    """``choose_ridge_lambda(X_train, y_train, X_val, y_val, lambdas)``: the λ of lowest validation loss."""
    picks = []
    for seed in (1, 4):                                   # two diabetes splits the notebook never used
        data = _diabetes_split(seed)
        got = _number("choose_ridge_lambda", choose_ridge_lambda(*data, list(_RIDGE_GRID)))
        losses = _ridge_val_losses(*data, _RIDGE_GRID)
        want = _RIDGE_GRID[int(losses.argmin())]
        if _close(got, want):
            picks.append(want)
            continue
        what = f"on a diabetes split (seed {seed}) you chose {got:g}, the validation loss is lowest at λ = {want:g}"
        n = data[0].shape[0]
        if got in range(len(_RIDGE_GRID)) and _RIDGE_GRID[int(got)] == want:
            fail(what, "you returned the index of the best λ; return the value lambdas[index]")
        if _close(got, n * want):
            fail(what, "you returned scikit-learn's alpha = n·λ; return λ itself")
        if _close(got, _RIDGE_GRID[int(_ridge_val_losses(*data, _RIDGE_GRID, on="train").argmin())]):
            fail(what, "you chose by the TRAINING loss, which always prefers the smallest λ; use the validation data")
        if _close(got, _RIDGE_GRID[int(_ridge_val_losses(*data, _RIDGE_GRID, center="none").argmin())]):
            fail(what, "without an intercept the model must pass through 0 (the targets average about 150): "
                       "center X and y with the TRAINING means, fit d2l.ridge, then b = y_mean - x_mean @ w")
        if _close(got, _RIDGE_GRID[int(_ridge_val_losses(*data, _RIDGE_GRID, center="all").argmin())]):
            fail(what, "center with the means of the TRAINING data only; the validation data must not shape the fit")
        fail(what, "fit d2l.ridge on centered training data for every λ, add the intercept, and take the λ whose "
                   "mean validation loss 1/2 (prediction - y)^2 is smallest")
    return f"λ chosen on validation data: {picks[0]:g} and {picks[1]:g} on two diabetes splits"


# --------------------------------------------------------------------------- Exercise 05.3 (transfer)
def _reference_C(lambd: float, n_train: int) -> float:
    # sklearn/linear_model/_logistic.py (1.9.1): objective C * sum(loss) + 1/2 ||w||^2,
    # i.e. l2_reg_strength = 1 / (C * n)
    return 1.0 / (n_train * lambd)


@exercise("05.3")
def check_C_for_lambda(C_for_lambda) -> str:
    """``C_for_lambda(lambd, n_train)``: scikit-learn's LogisticRegression(C) for mean cross-entropy + λ/2 ||w||^2."""
    for lambd, n in [(0.01, 1000), (0.003, 250), (1.0, 64), (0.25, 10)]:
        got = _number("C_for_lambda", C_for_lambda(lambd, n))
        want = _reference_C(lambd, n)
        if _close(got, want):
            continue
        what = f"C_for_lambda({lambd}, {n}) = {got:.6g}, expected {want:.6g}"
        hints = [(n * lambd, "C is an INVERSE strength (a larger C means less regularization): invert"),
                 (1 / lambd, "scikit-learn's data term is a SUM over the n examples, ours a mean: n enters too"),
                 (2 / (n * lambd), "both objectives have the 1/2 on ||w||^2, so no factor 2 appears"),
                 (1 / (2 * n * lambd), "both objectives have the 1/2 on ||w||^2, so no factor 2 appears"),
                 (lambd / n, "C is an inverse strength, and the sum over n examples multiplies the data term by n"),
                 (lambd, "C is not λ: divide scikit-learn's objective C * sum(loss) + 1/2 ||w||^2 by C * n")]
        for value, hint in hints:
            if _close(got, value):
                fail(what, hint)
        fail(what, "write scikit-learn's objective C * sum_i loss_i + 1/2 ||w||^2, divide it by C*n, and match the "
                   "coefficient of 1/2 ||w||^2 with λ")
    return "C = 1 / (n λ): scikit-learn's sum-of-losses objective divided by C·n is the mean loss + λ/2 ||w||^2"


# --------------------------------------------------------------------------- Exercise 05.4 (practice)
def _reference_one_se(lambdas, val_acc):
    acc = torch.as_tensor(val_acc, dtype=torch.float64)
    mean, se = acc.mean(1), acc.std(1) / math.sqrt(acc.shape[1])
    best = int(mean.argmax())
    ok = [k for k in range(len(lambdas)) if mean[k] >= mean[best] - se[best]]
    return lambdas[max(ok, key=lambda k: lambdas[k])]


_ONE_SE_CASES = [
    # (lambdas, per-seed accuracies): rows = lambdas, columns = seeds. Built so that the best mean, the smallest and the
    # largest λ within one s.e., and the largest within one standard DEVIATION are four different answers.
    ([0.0, 0.001, 0.01, 0.1, 1.0],
     [[0.912, 0.917, 0.922, 0.917], [0.91, 0.92, 0.93, 0.92], [0.913, 0.918, 0.923, 0.918],
      [0.909, 0.914, 0.919, 0.914], [0.69, 0.70, 0.71, 0.70]]),
    ([0.0, 0.01, 0.03, 0.1, 0.3],
     [[0.95, 0.96, 0.97, 0.96, 0.96], [0.953, 0.958, 0.963, 0.958, 0.958], [0.9525, 0.9575, 0.9625, 0.9575, 0.9575],
      [0.95, 0.955, 0.96, 0.955, 0.955], [0.89, 0.90, 0.91, 0.90, 0.90]]),
]


@exercise("05.4")
def check_one_se(choose_one_se, lambdas=None, val_acc=None) -> str:
    """``choose_one_se(lambdas, val_acc)``: the largest λ whose mean is within one s.e. (of the best) of the best."""
    for grid, acc in _ONE_SE_CASES:
        acc_t = torch.tensor(acc, dtype=torch.float64)
        got = _number("choose_one_se", choose_one_se(list(grid), acc_t.clone()))
        want = _reference_one_se(grid, acc_t)
        if _close(got, want):
            continue
        what = f"on a table with λ = {grid} you chose {got:g}, the one-standard-error rule gives {want:g}"
        mean, std = acc_t.mean(1), acc_t.std(1)
        best = int(mean.argmax())
        within_se = [k for k in range(len(grid)) if mean[k] >= mean[best] - std[best] / math.sqrt(acc_t.shape[1])]
        within_sd = [k for k in range(len(grid)) if mean[k] >= mean[best] - std[best]]
        if got in range(len(grid)) and grid[int(got)] == want and not _close(got, want):
            fail(what, "you returned an index; return the value lambdas[index]")
        if _close(got, grid[best]):
            fail(what, "that is the best mean: the rule then moves to the LARGEST λ still within one s.e. of it")
        if _close(got, grid[min(within_se)]):
            fail(what, "of the λ within one s.e. take the largest (most regularized), not the smallest")
        if _close(got, grid[max(within_sd)]):
            fail(what, "the standard error is the standard deviation over seeds divided by sqrt(R), R seeds")
        fail(what, "mean and s.e. (std / sqrt(R)) over seeds for each λ; keep the λ whose mean is at least "
                   "best mean - s.e. of the best; return the largest of them")
    message = "the largest λ within one s.e. of the best, on two tables"
    if lambdas is not None and val_acc is not None:
        pick = _number("choose_one_se", choose_one_se(list(lambdas), torch.as_tensor(val_acc).clone()))
        message += f"; on this notebook's sweep it picks λ = {pick:g}"
    return message


__all__ = ["check_C_for_lambda", "check_choose_ridge_lambda", "check_epochs_to_halve", "check_one_se"]
