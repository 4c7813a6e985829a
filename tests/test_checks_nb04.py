"""The notebook-04 exercise checks accept the worked solutions and catch typical mistakes."""

import pytest
import torch

import d2lmini as d2l
from d2lmini import checks


def ridge_right(X, y, lambd):
    n, d = X.shape
    return torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T @ y)


def test_ridge_accepts_the_solution(capsys):
    checks.check_ridge_mean_loss(ridge_right)
    assert "correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, y, lam: torch.linalg.solve(X.T @ X + lam * torch.eye(3, dtype=X.dtype), X.T @ y), "SUMMED"),
    (lambda X, y, lam: ridge_right(X, y, 2 * lam), "factor of 2"),
    (lambda X, y, lam: ridge_right(X, y, lam / 2), "factor of 2"),
    (lambda X, y, lam: ridge_right(X, y, 0.0), "unpenalized"),
    (lambda X, y, lam: ridge_right(X, y, -lam), "sign"),
    (lambda X, y, lam: torch.zeros(3, dtype=X.dtype), "not the ridge"),
    (lambda X, y, lam: [0.0, 0.0, 0.0], "torch.Tensor"),
])
def test_ridge_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_ridge_mean_loss(wrong)


def test_lambda_for_theta_accepts_the_solution(capsys):
    checks.check_lambda_for_theta(d2l.lambda_for_theta)
    assert "correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda q, theta: d2l.lambda_for_theta(q, theta**2), "SQUARED"),
    (lambda q, theta: 1.1 * d2l.lambda_for_theta(q, theta), "bracket"),
    (lambda q, theta: d2l.lambda_for_theta(q, min(theta, 0.9 * float(d2l.ridge_solution(q, 0).pow(2).sum()))),
     "inactive"),
])
def test_lambda_for_theta_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_lambda_for_theta(wrong)


def test_soft_threshold_accepts_the_solution(capsys):
    checks.check_soft_threshold(lambda v, tau: torch.sign(v) * torch.clamp(v.abs() - tau, min=0))
    assert "correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda v, tau: v * (v.abs() > tau), "HARD"),
    (lambda v, tau: torch.clamp(v.abs() - tau, min=0), "sign"),
    (lambda v, tau: torch.clamp(v - tau, min=0), "positive side"),
    (lambda v, tau: d2l.soft_threshold(v, tau / 2), "not τ/2"),
    (lambda v, tau: v, "not soft thresholding"),
])
def test_soft_threshold_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_soft_threshold(wrong)


def test_early_stopping_steps(capsys):
    checks.check_early_stopping_steps(200, lr=0.05, lambd=0.1)
    assert "correct" in capsys.readouterr().out
    for wrong, hint in [(0.5, "lr/λ"), (2.0, "FEWER"), (10.0, "learning rate"), (20.0, "forgot λ"), (77, "not it")]:
        with pytest.raises(AssertionError, match=hint):
            checks.check_early_stopping_steps(wrong, lr=0.05, lambd=0.1)


@pytest.mark.parametrize("call", [
    lambda: checks.check_ridge_mean_loss(3.0),
    lambda: checks.check_lambda_for_theta(None),
    lambda: checks.check_soft_threshold("x"),
    lambda: checks.check_early_stopping_steps("200", 0.05, 0.1),
])
def test_checks_name_a_bad_argument(call):
    with pytest.raises(TypeError, match=r"^(fn|t):"):
        call()
