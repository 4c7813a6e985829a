"""Checks of notebook 05's exercises (weight decay on real data): public cases, hints; answers as fingerprints."""

from __future__ import annotations

import math

import torch

from ..nb05 import load_diabetes
from . import Exercise, as_number, fail


def _choice(name: str, value, grid: list[float]) -> list[float]:
    """A λ returned from ``grid``: a number (the check compares values, so an index is a wrong answer)."""
    return [as_number(name, value)]


# --------------------------------------------------------------------------- 05.1 (derivation)
EPOCHS_TO_HALVE = Exercise(
    "05.1", "epochs_to_halve",
    cases=[{"lr": 0.1, "lambd": 0.01, "n": 1000, "B": 64}, {"lr": 0.05, "lambd": 0.02, "n": 300, "B": 32},
           {"lr": 1.0, "lambd": 0.3, "n": 64, "B": 64}, {"lr": 0.01, "lambd": 0.5, "n": 500, "B": 100}],
    inputs=lambda c: (c["lr"], c["lambd"], c["n"], c["B"]),
    run=lambda fn, lr, lambd, n, B: [as_number("epochs_to_halve", fn(lr, lambd, n, B))],
    describe=lambda c: f"lr = {c['lr']}, λ = {c['lambd']}, n_train = {c['n']}, batch_size = {c['B']}",
    rel=1e-9,
    hints={
        "generic": "count the steps in one epoch, what one step does to a weight whose data gradient is 0, and the "
                   "first epoch after which the weight is at most half of where it started",
        "steps": "that is a number of steps; the question asks for whole epochs",
        "floor_batches": "the last, smaller minibatch is a step too (DataLoader's drop_last=False)",
        "exp_approx": "the exponential is only the small-step approximation of the per-step factor: solve exactly",
        "half": "off by a factor of 2: weight_decay=λ adds λw to the gradient (the gradient of λ/2 ‖w‖²)",
        "round_down": "round up: after the epochs you return, the weight must already be at most half",
        "per_image": "a step processes a whole minibatch: an epoch has one step per minibatch, not per image",
    },
    more=["One step multiplies a weight with zero data gradient by the same number every time. After T steps it is "
          "that number to the power T: find the smallest whole T that brings it to one half or below.",
          "An epoch has one step per minibatch (the last, smaller one included). The answer is the smallest whole "
          "number of epochs whose steps are at least that T."],
    success="agrees on 4 settings with the answers found by running torch.optim.SGD(weight_decay=...) step by step",
)
check_epochs_to_halve = EPOCHS_TO_HALVE.check


# --------------------------------------------------------------------------- 05.2 (transfer)
def diabetes_split(c: dict):
    """A seeded train / validation split of scikit-learn's diabetes data. ``shift``, ``scale``: a constant offset
    per feature and a common scale (the fit must carry an intercept, whatever the features' means); ``by``: the
    validation examples are those with the largest value of feature ``by`` (a split like "the newest patients"),
    else a random draw."""
    X, y = load_diabetes()
    g = torch.Generator().manual_seed(c["seed"])
    perm = torch.randperm(X.shape[0], generator=g)
    X = X * c.get("scale", 1.0) + c.get("shift", 0.0) * torch.randn(X.shape[1], generator=g, dtype=X.dtype)
    pool = perm[:c["n_train"] + c["n_val"]]
    if c.get("by") is not None:
        pool = pool[torch.argsort(X[pool, c["by"]], stable=True)]
    tr, va = pool[:c["n_train"]], pool[c["n_train"]:]
    grid = [round(v, 6) for v in torch.logspace(c["low"], c["high"], c["num"], dtype=torch.float64).tolist()]
    return X[tr], y[tr], X[va], y[va], grid


def _run_choose(fn, X_train, y_train, X_val, y_val, grid):
    got = _choice("choose_ridge_lambda", fn(X_train.clone(), y_train.clone(), X_val.clone(), y_val.clone(),
                                            list(grid)), grid)
    if not any(math.isclose(got[0], g, rel_tol=1e-9) for g in grid):
        fail(f"choose_ridge_lambda returned {got[0]:g}, which is not one of the λ values passed in",
             "return one of the λ values of the grid you were given (the value, not its index)")
    return got


CHOOSE_RIDGE_LAMBDA = Exercise(
    "05.2", "choose_ridge_lambda",
    cases=[{"seed": 22, "n_train": 150, "n_val": 40, "shift": 0.5, "scale": 2.0, "by": None, "low": -5, "high": 0,
            "num": 13},
           {"seed": 123, "n_train": 200, "n_val": 40, "shift": 1.0, "scale": 2.0, "by": 2, "low": -5, "high": 0,
            "num": 13},
           {"seed": 95, "n_train": 150, "n_val": 60, "shift": 1.0, "scale": 2.0, "by": 2, "low": -5, "high": 1,
            "num": 11}],
    inputs=diabetes_split,
    run=_run_choose,
    describe=lambda c: (f"diabetes, {c['n_train']} training / {c['n_val']} validation examples, "
                        + ("a random split" if c["by"] is None else f"validation = largest feature {c['by']}")),
    rel=1e-9,
    hints={
        "generic": "fit on the training data only, for every λ, with an unpenalized intercept; score every fit on "
                   "the validation data with the same loss; return the λ whose validation loss is lowest",
        "index": "you returned the position of the best λ; return the value",
        "train_loss": "you chose by the TRAINING loss, which always prefers the smallest λ: use the validation data",
        "no_intercept": "without an intercept the model must pass through 0 (targets average about 150): center X "
                        "and y with the training means and put the intercept back",
        "center_all": "center with the means of the TRAINING data only: the validation data must not shape the fit",
        "center_val_own": "the validation inputs go through the model as they are: the model's intercept, not the "
                          "validation means, undoes the centering",
        "forgot_intercept_at_prediction": "the fit was on centered data: predictions need the intercept "
                                          "(the training means) added back",
        "sklearn_alpha": "d2l.ridge's λ goes with the MEAN loss; scikit-learn's Ridge(alpha) is a different scale",
    },
    more=["Centering: subtract the training means from the training inputs and targets, fit d2l.ridge (no intercept "
          "needed on centered data), then the intercept is what makes the fit pass through the training means.",
          "Predict the validation targets from the raw validation inputs with the weights and that intercept; the "
          "validation loss is the mean of ½(prediction − target)² over the validation examples."],
    success="λ chosen on validation data with training-only centering, on three diabetes splits",
)
check_choose_ridge_lambda = CHOOSE_RIDGE_LAMBDA.check


# --------------------------------------------------------------------------- 05.3 (transfer)
C_FOR_LAMBDA = Exercise(
    "05.3", "C_for_lambda",
    cases=[{"lambd": 0.01, "n": 1000}, {"lambd": 0.003, "n": 250}, {"lambd": 1.0, "n": 64}, {"lambd": 0.25, "n": 10}],
    inputs=lambda c: (c["lambd"], c["n"]),
    run=lambda fn, lambd, n: [as_number("C_for_lambda", fn(lambd, n))],
    describe=lambda c: f"λ = {c['lambd']}, n_train = {c['n']}",
    hints={
        "generic": "write scikit-learn's objective and ours over the same data, rescale one so that the data terms "
                   "agree, then compare the coefficients of ½‖w‖²",
        "not_inverse": "C is an INVERSE strength: a larger C means less regularization",
        "no_n": "scikit-learn's data term is a SUM over the n examples, ours a mean: n enters too",
        "factor_two": "both objectives have the ½ on ‖w‖², so no factor 2 appears",
        "factor_half": "both objectives have the ½ on ‖w‖², so no factor 2 appears",
        "lambda_over_n": "C is an inverse strength, and the sum over n examples changes the data term's scale",
        "identity": "C is not λ: put both objectives in the same form first",
    },
    more=["Dividing a whole objective by a positive constant does not move its minimizer.",
          "Divide scikit-learn's objective by the factor that turns its summed loss into a mean; the coefficient "
          "left in front of ½‖w‖² is our λ."],
    success="scikit-learn's sum-of-losses objective, rescaled to a mean loss, has our λ/2 ‖w‖²",
)
check_C_for_lambda = C_FOR_LAMBDA.check


# --------------------------------------------------------------------------- 05.4 (practice)
def one_se_table(c: dict):
    """A sweep table, one row per λ (0, then a log grid), one column per seed. Row k has mean
    ``top - a[k] * sd / sqrt(R)`` and sample standard deviation ``f[k] * sd`` exactly (a seeded pattern)."""
    g = torch.Generator().manual_seed(c["seed"])
    R, K = c["R"], len(c["a"])
    grid = [0.0] + [round(v, 6) for v in torch.logspace(c["low"], c["high"], K - 1, dtype=torch.float64).tolist()]
    rows = []
    for a, f in zip(c["a"], c["f"], strict=True):
        z = torch.randn(R, generator=g, dtype=torch.float64)
        z = (z - z.mean()) / z.std()
        rows.append(c["top"] - a * c["sd"] / math.sqrt(R) + f * c["sd"] * z)
    return grid, torch.stack(rows)


def _run_one_se(fn, grid, acc):
    got = _choice("choose_one_se", fn(list(grid), acc.clone()), grid)
    if not any(math.isclose(got[0], g, rel_tol=1e-9, abs_tol=1e-15) for g in grid):
        fail(f"choose_one_se returned {got[0]:g}, which is not one of the λ values passed in",
             "return one of the λ values you were given (the value, not its index)")
    return got


CHOOSE_ONE_SE = Exercise(
    "05.4", "choose_one_se",
    cases=[{"seed": 3, "R": 3, "top": 0.95, "sd": 0.012, "low": -4, "high": 0,
            "a": [0.6, 0.0, 0.4, 0.9, 1.1, 1.5, 6.0], "f": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]},
           # a gap: a λ outside the band (a = 1.3) before larger λ inside it (0.6, 0.95)
           {"seed": 5, "R": 5, "top": 0.9, "sd": 0.02, "low": -3, "high": 0,
            "a": [1.5, 0.3, 0.0, 0.5, 1.3, 0.6, 0.95, 5.0], "f": [1.0, 1.0, 1.0, 0.8, 1.0, 1.2, 1.0, 1.0]},
           # the best λ's own s.e. (f = 0.6) is well below the average s.e. over all λ (f ≈ 1.08)
           {"seed": 2, "R": 8, "top": 0.97, "sd": 0.008, "low": -4, "high": -1,
            "a": [0.2, 0.0, 0.5, 0.97, 1.3, 1.8, 2.5, 6.0], "f": [1.0, 0.6, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0]}],
    inputs=one_se_table,
    run=_run_one_se,
    describe=lambda c: f"a table of {len(c['a'])} λ values × {c['R']} seeds",
    rel=1e-9,
    hints={
        "generic": "per λ, average over the seeds; find the best mean and ITS standard error; of the λ whose mean is "
                   "no more than that below the best, return the largest",
        "best_mean": "that is the best mean: the rule then moves to the LARGEST λ still within one s.e. of it",
        "smallest_within": "of the λ within one s.e. take the largest (most regularized), not the smallest",
        "within_sd": "the standard error is the standard deviation over the seeds divided by √R",
        "sd_over_2": "the standard error divides by √R for R seeds; 2 is √R only when R = 4",
        "sd_over_sqrt_r_minus_1": "the s.e. divides the (sample) standard deviation by √R, not √(R − 1)",
        "population_sd": "use the sample standard deviation (n − 1 in its denominator, torch's default), as the "
                         "task says",
        "own_se": "the threshold is the best λ's mean minus the BEST λ's standard error, the same for every λ",
        "overlap": "the band is not 'error bars overlap': do not add each λ's own standard error to its mean; compare "
                   "the mean itself with one threshold, the best mean minus the best λ's standard error",
        "pooled_se": "the threshold uses the best λ's OWN standard error, not one averaged over all λ",
        "walk_up": "take the largest λ anywhere in the table that is within the band, also past a λ that falls "
                   "outside it: do not stop at the first λ that drops out",
        "wrong_axis": "rows are λ values, columns are seeds: average over the seeds (one mean per λ)",
        "index": "you returned a position; return the λ value",
        "largest_lambda": "that is the largest λ of the whole grid, whatever its accuracy: only the λ whose mean is "
                          "within one s.e. of the best count, and the answer is the largest of THOSE",
    },
    more=["Compute one mean and one standard error per λ (over the seeds), then one threshold from the best λ.",
          "Keep every λ whose mean reaches the threshold; return the largest of those λ values."],
    success="the largest λ within one s.e. of the best, on tables with 3, 5 and 8 seeds",
)
check_choose_one_se = CHOOSE_ONE_SE.check

__all__ = ["check_C_for_lambda", "check_choose_one_se", "check_choose_ridge_lambda", "check_epochs_to_halve"]
