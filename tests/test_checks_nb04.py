"""Notebook 04's exercise checks: the notebook's worked solution passes, each typical mistake fails with its
own hint, trivial answers fail, and an unanswered exercise prints "not attempted" on stderr without raising."""

import math

import pytest
import torch
from notebook_source import taught_function

from d2lmini.checks import nb04 as checks
from d2lmini.nb04 import SETUP, Quadratic, correlated_data

NB = "04_constrained_vs_penalized.ipynb"
F64 = torch.float64


def soft(v, tau):
    return torch.sign(v) * torch.clamp(v.abs() - tau, min=0)


def stub(*args):
    raise NotImplementedError()


def assert_passes(check, answer, capsys):
    check(answer)
    out = capsys.readouterr()
    assert out.out.startswith(f"Exercise {check.label} correct:") and out.err == ""


def assert_fails(check, answer, hint):
    with pytest.raises(AssertionError, match=f"Exercise {check.label}: .*Hint: .*{hint}"):
        check(answer)


ALL = [(checks.check_lambda_isotropic, "lambda_isotropic"), (checks.check_lasso_diagonal, "lasso_diagonal"),
       (checks.check_box_constrained, "box_constrained"), (checks.check_elastic_net_prox, "elastic_net_prox"),
       (checks.check_steps_to_match, "steps_to_match")]


@pytest.mark.parametrize("check, name", ALL, ids=[n for _, n in ALL])
def test_the_notebooks_worked_solution_passes(check, name, capsys):
    assert_passes(check, taught_function(NB, name), capsys)


@pytest.mark.parametrize("check, name", ALL, ids=[n for _, n in ALL])
def test_not_attempted_is_reported_on_stderr_without_raising(check, name, capsys):
    check(stub)
    out = capsys.readouterr()
    assert out.out == "" and f"Exercise {check.label}: not attempted yet" in out.err


# ----------------------------------------------------------------------------- exercise 1
@pytest.mark.parametrize("wrong, hint", [
    (lambda h, b, theta: float(b.norm()) / theta**0.5 - h, "must not be negative"),
    (lambda h, b, theta: max(float(b.norm()) / theta - h, 0.0), "SQUARED norm"),
    (lambda h, b, theta: max(float(b.norm()) ** 2 / theta - h, 0.0), "square root"),
    (lambda h, b, theta: float(b.norm()) / theta**0.5, "subtract it"),
    (lambda h, b, theta: float(b.norm()) / theta**0.5 + h, "sign"),
    (lambda h, b, theta: 0.0, "only when the constraint is inactive"),          # trivial
    (lambda h, b, theta: theta, "set w"),                                        # the input back: generic hint
    (lambda h, b, theta: 1.419, "set w"),                                        # the λ(θ) printed in §3
    (lambda h, b, theta: torch.tensor([1.0, 2.0]), "one number"),
])
def test_lambda_isotropic_mistakes(wrong, hint):
    assert_fails(checks.check_lambda_isotropic, wrong, hint)


def test_lambda_isotropic_reference_agrees_with_the_notebooks_bisection():
    lambda_for_theta = taught_function(NB, "lambda_for_theta")
    for h, b, theta in checks._isotropic_cases():       # data with H = hI and Xᵀy/n = b: X = √(nh)·I, n = d
        d = b.numel()
        X = (d * h) ** 0.5 * torch.eye(d, dtype=F64)
        y = d * b / (d * h) ** 0.5
        assert lambda_for_theta(X, y, theta) == pytest.approx(checks._reference_lambda_isotropic(h, b, theta),
                                                              rel=1e-9, abs=1e-12)


# ----------------------------------------------------------------------------- exercise 2
@pytest.mark.parametrize("wrong, hint", [
    (lambda h, b, lam: soft(b / h, lam), "before dividing"),
    (lambda h, b, lam: b / (h + lam), "ridge's shrinkage"),
    (lambda h, b, lam: soft(b, lam), "divide by the curvature"),
    (lambda h, b, lam: (b / h) * (b.abs() > lam), "hard thresholding"),
    (lambda h, b, lam: torch.clamp(b.abs() - lam, min=0) / h, "sign is lost"),
    (lambda h, b, lam: soft(b, lam / 2) / h, "has no ½"),
    (lambda h, b, lam: b / h, "unpenalized"),
    (lambda h, b, lam: torch.zeros_like(b), "all zeros"),                        # trivial
    (lambda h, b, lam: b, "three cases"),                                        # the input back
    (lambda h, b, lam: [0.0] * len(b), "torch.Tensor"),
    (lambda h, b, lam: soft(b, lam)[:2] / h[:2], "one per weight"),
])
def test_lasso_diagonal_mistakes(wrong, hint):
    assert_fails(checks.check_lasso_diagonal, wrong, hint)


def test_lasso_diagonal_reference_agrees_with_the_notebooks_ista():
    soft_threshold = taught_function(NB, "soft_threshold")
    ista = taught_function(NB, "ista", {"F64": F64, "soft_threshold": soft_threshold})
    for h, b, lam in checks._diagonal_cases():
        w = ista(Quadratic(torch.diag(h), b), [lam])[0]
        assert torch.allclose(w, checks._reference_lasso_diagonal(h, b, lam), atol=1e-12)


# ----------------------------------------------------------------------------- exercise 3
def clip_w_hat(q, c):
    return torch.clamp(q.minimizer(), -c, c)


def pgd_ball(radius_of_c):
    def answer(q, c):
        eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
        w = torch.zeros_like(q.b)
        for _ in range(20_000):
            v = w - eta * q.grad(w)
            w = v * min(1.0, radius_of_c(c) / max(float(v.norm()), 1e-300))
        return w
    return answer


def too_few_steps(q, c):
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for _ in range(3):
        w = torch.clamp(w - eta * q.grad(w), -c, c)
    return w


@pytest.mark.parametrize("wrong, hint", [
    (clip_w_hat, "clipping ŵ"),
    (pgd_ball(lambda c: c), "ball ‖w‖ ≤ c"),
    (pgd_ball(lambda c: c**0.5), "ball ‖w‖² ≤ c"),
    (lambda q, c: q.minimizer(), "unconstrained minimizer"),
    (lambda q, c: torch.zeros_like(q.b), "feasible but not the minimizer"),       # trivial
    (lambda q, c: torch.full_like(q.b, c), "projected gradient"),                # a corner of the box
    (lambda q, c: 2 * q.minimizer(), "leaves the box"),
    (too_few_steps, "projected gradient"),
])
def test_box_constrained_mistakes(wrong, hint):
    assert_fails(checks.check_box_constrained, wrong, hint)


def test_box_reference_satisfies_kkt_and_is_not_the_clipped_minimizer():
    for q, c in checks._box_cases():
        w = checks._reference_box(q, c)
        g = q.grad(w)
        inside = w.abs() < c - 1e-9
        assert float(torch.cat([g[inside].abs(), torch.zeros(1, dtype=F64)]).max()) < 1e-9   # free weights: ∇L_j = 0
        assert bool((g[w >= c - 1e-9] <= 1e-9).all()) and bool((g[w <= -c + 1e-9] >= -1e-9).all())
        assert float((w - torch.clamp(q.minimizer(), -c, c)).abs().max()) > 0.05   # clipping ŵ is wrong here


def test_box_check_uses_the_notebooks_setup():
    X, y = correlated_data(SETUP.n, SETUP.rho, SETUP.w_true, SETUP.sigma, SETUP.seed)
    q, _ = checks._box_cases()[0]
    assert torch.equal(q.H, Quadratic.from_data(X, y).H)


# ----------------------------------------------------------------------------- exercise 4
@pytest.mark.parametrize("wrong, hint", [
    (lambda v, eta, l1, l2: soft(v / (1 + eta * l2), eta * l1), "threshold first"),
    (lambda v, eta, l1, l2: soft(v, eta * l1) * (1 - eta * l2), "gradient step"),
    (lambda v, eta, l1, l2: soft(v, l1) / (1 + l2), "scales both"),
    (lambda v, eta, l1, l2: soft(v, eta * l1), "L2 part is missing"),
    (lambda v, eta, l1, l2: v / (1 + eta * l2), "L1 part is missing"),
    (lambda v, eta, l1, l2: soft(v, eta * l1) / (1 + eta * l2 / 2), "derivative of λ₂/2"),
    (lambda v, eta, l1, l2: v, "unchanged"),                                     # the input back
    (lambda v, eta, l1, l2: torch.zeros_like(v), "all zeros"),                   # trivial
    (lambda v, eta, l1, l2: soft(v, 2 * eta * l1) / (1 + eta * l2), "solve it for w > 0"),
])
def test_elastic_net_prox_mistakes(wrong, hint):
    assert_fails(checks.check_elastic_net_prox, wrong, hint)


def test_elastic_net_reference_is_the_minimizer_by_brute_force():
    grid = torch.linspace(-5, 5, 200_001, dtype=F64)
    for vj in [-3.0, -0.4, 0.25, 1.0, 2.5]:
        eta, l1, l2 = 0.5, 1.0, 2.0
        obj = (grid - vj) ** 2 / (2 * eta) + l1 * grid.abs() + l2 / 2 * grid**2
        ref = checks._reference_elastic_net(torch.tensor([vj], dtype=F64), eta, l1, l2)
        assert float(ref) == pytest.approx(float(grid[obj.argmin()]), abs=1e-4)


# ----------------------------------------------------------------------------- exercise 5
@pytest.mark.parametrize("wrong, hint", [
    (lambda h, eta, lam: 1 / (eta * lam), "approximation"),
    (lambda h, eta, lam: math.log(h / (h + lam)) / math.log(1 - eta * h), "NOT yet reached"),
    (lambda h, eta, lam: math.log(lam / (h + lam)) / (-eta * h), "exact logarithm"),
    (lambda h, eta, lam: -math.log(lam / (h + lam)) / math.log(1 - eta * h), "sign"),
    (lambda h, eta, lam: 200.0, "take logarithms"),                              # the old printed answer
    (lambda h, eta, lam: 0, "take logarithms"),                                  # trivial
    (lambda h, eta, lam: "100", "one number"),
])
def test_steps_to_match_mistakes(wrong, hint):
    assert_fails(checks.check_steps_to_match, wrong, hint)


def test_steps_reference_matches_gradient_descent():
    h, eta, lam = 0.5, 0.1, 0.2
    t = checks._reference_steps(h, eta, lam)
    assert 1 - (1 - eta * h) ** t == pytest.approx(h / (h + lam), rel=1e-12)
