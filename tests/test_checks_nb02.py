"""Exercise checks of notebook 02: the worked solution passes, typical mistakes get a hint."""

import math

import pytest
import torch

from d2lmini import checks


def test_decay_factor():
    checks.check_decay_factor(lambda lr, lam, t: (1 - lr * lam) ** t)
    for wrong, hint in [(lambda lr, lam, t: 1 - lr * lam * t, "power"),
                        (lambda lr, lam, t: math.exp(-lr * lam * t), "approximation"),
                        (lambda lr, lam, t: (1 - lr * lam / 2) ** t, "factor of 2")]:
        with pytest.raises(AssertionError, match=hint):
            checks.check_decay_factor(wrong)


def test_batch_penalty_lambda(capsys):
    checks.check_batch_penalty_lambda(3 / 5, lambd=3, batch_size=5)
    assert "Correct" in capsys.readouterr().out
    for wrong, hint in [(15, "inverted"), (3, "not the same"), (1.2, "factor of 2")]:
        with pytest.raises(AssertionError, match=hint):
            checks.check_batch_penalty_lambda(wrong, lambd=3, batch_size=5)


def test_more_data():
    X_test = torch.randn(50, 4)
    w_true = torch.ones(4, 1)
    y_test = X_test @ w_true
    checks.check_more_data(lambda: (w_true, torch.zeros(1)), X_test, y_test, overfit_test_loss=1.0)
    with pytest.raises(AssertionError, match="NEW, larger data set"):
        checks.check_more_data(lambda: (torch.zeros(4, 1), torch.zeros(1)), X_test, y_test, overfit_test_loss=1.0)
    with pytest.raises(AssertionError, match="diverge"):
        checks.check_more_data(lambda: (torch.full((4, 1), math.nan), torch.zeros(1)), X_test, y_test, 1.0)


def test_choose_lambda():
    checks.check_choose_lambda(lambda g, v, t: g[int(torch.tensor(v).argmin())])
    with pytest.raises(AssertionError, match="TEST"):
        checks.check_choose_lambda(lambda g, v, t: g[int(torch.tensor(t).argmin())])
    with pytest.raises(AssertionError, match="index"):
        checks.check_choose_lambda(lambda g, v, t: int(torch.tensor(v).argmin()))
