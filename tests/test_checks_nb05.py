"""Exercise checks of notebook 05: the notebook's worked solutions pass, typical mistakes fail with their own hint,
trivial answers fail, and an unanswered exercise is reported as "not attempted" without an exception."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from notebook_source import taught_function

from d2lmini.checks import nb05 as checks

NB = "05_weight_decay_real_data.ipynb"


def solution(name):
    return taught_function(NB, name)


def stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [checks.check_epochs_to_halve, checks.check_choose_ridge_lambda,
                                   checks.check_C_for_lambda, checks.check_one_se])
def test_not_attempted_is_reported_not_raised(check, capsys):
    check(stub)
    captured = capsys.readouterr()
    assert "not attempted yet" in captured.err and captured.out == ""


# --------------------------------------------------------------------------- 05.1
def test_epochs_to_halve_solution_passes(capsys):
    checks.check_epochs_to_halve(solution("epochs_to_halve"))
    assert "Exercise 05.1 correct" in capsys.readouterr().out


def _steps(lr, lambd):
    return math.ceil(math.log(0.5) / math.log(1 - lr * lambd))


@pytest.mark.parametrize("wrong, hint", [
    (lambda lr, lam, n, B: _steps(lr, lam), "number of steps"),
    (lambda lr, lam, n, B: math.ceil(_steps(lr, lam) / (n // B)), "last, smaller minibatch"),
    (lambda lr, lam, n, B: math.ceil(math.ceil(math.log(2) / (lr * lam)) / math.ceil(n / B)), "approximation"),
    (lambda lr, lam, n, B: math.ceil(_steps(lr, lam / 2) / math.ceil(n / B)), "factor of 2"),
    (lambda lr, lam, n, B: _steps(lr, lam) // math.ceil(n / B), "round UP"),
    (lambda lr, lam, n, B: 0, "zero epochs"),
    (lambda lr, lam, n, B: 50.0, "per step decay"),
    (lambda lr, lam, n, B: None, "return one number"),
])
def test_epochs_to_halve_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 05.1: .*{hint}"):
        checks.check_epochs_to_halve(wrong)


def test_epochs_to_halve_reference_is_sgd_itself():
    # the notebook's setting, by hand: 1000 images / 64 -> 16 steps; (1 - 0.001)^T <= 1/2 needs T = 693 -> 44 epochs
    assert checks._reference_epochs_to_halve(0.1, 0.01, 1000, 64) == 44


# --------------------------------------------------------------------------- 05.2
def test_choose_ridge_lambda_solution_passes(capsys):
    checks.check_choose_ridge_lambda(solution("choose_ridge_lambda"))
    assert "Exercise 05.2 correct" in capsys.readouterr().out


def _by(center="train", on="val", transform=lambda g, k, n: g[k]):
    def answer(X_train, y_train, X_val, y_val, lambdas):
        losses = checks._ridge_val_losses(X_train, y_train, X_val, y_val, lambdas, center=center, on=on)
        return transform(lambdas, int(losses.argmin()), X_train.shape[0])
    return answer


@pytest.mark.parametrize("wrong, hint", [
    (_by(on="train"), "TRAINING loss"),
    (_by(center="none"), "without an intercept"),
    (_by(transform=lambda g, k, n: k), "index"),
    (_by(transform=lambda g, k, n: n * g[k]), "alpha"),
    (lambda *args: args[4][0], "TRAINING loss"),            # trivial: the smallest λ
    (lambda *args: args[4][-1], "fit d2l.ridge"),           # trivial: the largest λ
    (lambda *args: 0.01, "fit d2l.ridge"),                  # a value printed in the notebook
])
def test_choose_ridge_lambda_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 05.2: .*{hint}"):
        checks.check_choose_ridge_lambda(wrong)


def test_center_with_all_data_is_caught_where_it_changes_the_answer():
    # leaking the validation means into the centering: the check names it if it changes the choice, else it passes
    try:
        checks.check_choose_ridge_lambda(_by(center="all"))
    except AssertionError as exc:
        assert "TRAINING data only" in str(exc)


# --------------------------------------------------------------------------- 05.3
def test_C_for_lambda_solution_passes(capsys):
    checks.check_C_for_lambda(solution("C_for_lambda"))
    assert "Exercise 05.3 correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda lam, n: n * lam, "INVERSE"),
    (lambda lam, n: 1 / lam, "SUM"),
    (lambda lam, n: 2 / (n * lam), "factor 2"),
    (lambda lam, n: 1 / (2 * n * lam), "factor 2"),
    (lambda lam, n: lam / n, "inverse strength"),
    (lambda lam, n: lam, "C is not λ"),
    (lambda lam, n: 1.0, "match the coefficient"),          # trivial: scikit-learn's default C
    (lambda lam, n: 0.0, "match the coefficient"),
])
def test_C_for_lambda_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 05.3: .*{hint}"):
        checks.check_C_for_lambda(wrong)


def test_C_reference_agrees_with_scikit_learn_itself():
    """C = 1/(n λ) against sklearn's LogisticRegression and our own minimizer of mean loss + λ/2 ||w||^2."""
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression

    X, y = load_digits(return_X_y=True)
    keep = (y == 3) | (y == 8)
    X, y = X[keep] / 16.0, (y[keep] == 8).astype(np.float64)
    n, lambd = X.shape[0], 0.01
    model = LogisticRegression(C=checks._reference_C(lambd, n), tol=1e-12, max_iter=10_000).fit(X, y)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], lr=1, max_iter=2000, tolerance_grad=1e-12, tolerance_change=1e-15,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(Xt @ w + b, yt) + lambd / 2 * w.square().sum()
        loss.backward()
        return loss

    opt.step(closure)
    assert np.abs(model.coef_.ravel() - w.detach().numpy()).max() < 1e-5
    assert abs(model.intercept_[0] - b.item()) < 1e-5
    wrong = LogisticRegression(C=1 / lambd, tol=1e-12, max_iter=10_000).fit(X, y)   # forgetting n
    assert np.abs(wrong.coef_.ravel() - w.detach().numpy()).max() > 1e-2


# --------------------------------------------------------------------------- 05.4
def test_one_se_solution_passes(capsys):
    grid = [0.0, 0.01, 0.1]
    acc = torch.tensor([[0.9, 0.92, 0.91], [0.91, 0.93, 0.92], [0.8, 0.81, 0.82]])
    checks.check_one_se(solution("choose_one_se"), grid, acc)
    out = capsys.readouterr().out
    assert "Exercise 05.4 correct" in out and "picks λ = 0.01" in out


def _one_se_variant(rule):
    def answer(lambdas, val_acc):
        mean, std = val_acc.mean(1), val_acc.std(1)
        best = int(mean.argmax())
        se = std / math.sqrt(val_acc.shape[1])
        return rule(lambdas, mean, std, se, best)
    return answer


@pytest.mark.parametrize("wrong, hint", [
    (_one_se_variant(lambda g, m, sd, se, b: g[b]), "best mean"),
    (_one_se_variant(lambda g, m, sd, se, b: min(g[k] for k in range(len(g)) if m[k] >= m[b] - se[b])), "largest"),
    (_one_se_variant(lambda g, m, sd, se, b: max(g[k] for k in range(len(g)) if m[k] >= m[b] - sd[b])), "sqrt"),
    (_one_se_variant(lambda g, m, sd, se, b: max(k for k in range(len(g)) if m[k] >= m[b] - se[b])), "index"),
    (lambda lambdas, val_acc: lambdas[-1], "mean and s.e."),      # trivial: the largest λ
    (lambda lambdas, val_acc: 0.0, ""),                           # trivial: no decay
    (lambda lambdas, val_acc: 0.01, ""),                          # the λ* printed in the notebook
])
def test_one_se_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 05.4: .*{hint}"):
        checks.check_one_se(wrong)


def test_one_se_cases_separate_the_rules():
    """Each typical mistake gives a different answer from the reference on at least one table."""
    for rule in ["best", "smallest", "std"]:
        differs = False
        for grid, acc in checks._ONE_SE_CASES:
            acc = torch.tensor(acc, dtype=torch.float64)
            mean, std = acc.mean(1), acc.std(1)
            best = int(mean.argmax())
            se = std / math.sqrt(acc.shape[1])
            got = {"best": grid[best],
                   "smallest": min(grid[k] for k in range(len(grid)) if mean[k] >= mean[best] - se[best]),
                   "std": max(grid[k] for k in range(len(grid)) if mean[k] >= mean[best] - std[best])}[rule]
            differs |= got != checks._reference_one_se(grid, acc)
        assert differs, rule
