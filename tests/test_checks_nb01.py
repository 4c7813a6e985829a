"""The notebook-01 exercise checks accept the worked solutions and catch typical mistakes with a useful hint."""

import pytest
import torch

import d2lmini as d2l
from d2lmini.checks import nb01

# Exercise 1: the closed form ---------------------------------------------------


def ridge_right(Phi, y, lambd):
    n, p = Phi.shape
    return torch.linalg.solve(Phi.T @ Phi + n * lambd * torch.eye(p, dtype=Phi.dtype), Phi.T @ y)


def ridge_with_shift(shift):
    def solver(Phi, y, lambd):
        n, p = Phi.shape
        return torch.linalg.solve(Phi.T @ Phi + shift(n, lambd) * torch.eye(p, dtype=Phi.dtype), Phi.T @ y)
    return solver


def test_ridge_solver_accepts_the_solution(capsys):
    nb01.check_ridge_solver(ridge_right)
    assert capsys.readouterr().out.startswith("Exercise 1: correct")


def test_ridge_solver_accepts_an_explicit_inverse():
    nb01.check_ridge_solver(lambda P, y, lam: torch.linalg.inv(P.T @ P + len(y) * lam * torch.eye(P.shape[1],
                                                                dtype=P.dtype)) @ P.T @ y)


@pytest.mark.parametrize("shift, hint", [
    (lambda n, lam: lam, "SUMMED-loss convention"),
    (lambda n, lam: n * lam / 2, "do not halve"),
    (lambda n, lam: 2 * n * lam, "cancels the 2"),
    (lambda n, lam: 0.0, "ignore lambd"),
    (lambda n, lam: n * lam**2, "solve"),
])
def test_ridge_solver_typical_mistakes(shift, hint):
    with pytest.raises(AssertionError, match=hint):
        nb01.check_ridge_solver(ridge_with_shift(shift))


def test_ridge_solver_shape_and_type_mistakes():
    with pytest.raises(AssertionError, match="shape"):
        nb01.check_ridge_solver(lambda P, y, lam: ridge_right(P, y, lam).reshape(-1, 1))
    with pytest.raises(AssertionError, match="torch.Tensor"):
        nb01.check_ridge_solver(lambda P, y, lam: ridge_right(P, y, lam).tolist())
    with pytest.raises(TypeError, match="my_ridge"):
        nb01.check_ridge_solver(torch.zeros(3))


# Exercise 2: the decomposition ----------------------------------------------------


def decompose_right(preds, f_test, sigma):
    f_bar = preds.mean(dim=0)
    return float(((f_bar - f_test) ** 2).mean()), float(((preds - f_bar) ** 2).mean()), sigma**2


def test_decompose_accepts_the_solution_and_tensors(capsys):
    nb01.check_decompose(decompose_right)
    nb01.check_decompose(lambda p, f, s: tuple(torch.tensor(v) for v in decompose_right(p, f, s)))
    assert capsys.readouterr().out.count("Exercise 2: correct") == 2


@pytest.mark.parametrize("wrong, hint", [
    (lambda p, f, s: (*decompose_right(p, f, s)[:2], s), "not sigma"),
    (lambda p, f, s: (decompose_right(p, f, s)[0], float(p.var(dim=0).mean()), s**2), "divisor R"),
    (lambda p, f, s: (decompose_right(p, f, s)[0], float(p.var(dim=1, correction=0).mean()), s**2),
     "ACROSS TRAINING SETS"),
    (lambda p, f, s: (float((p.mean(0) - f).mean()), *decompose_right(p, f, s)[1:]), "SQUARED"),
    (lambda p, f, s: (float(((p - f) ** 2).mean()), *decompose_right(p, f, s)[1:]), "AVERAGE fit"),
    (lambda p, f, s: decompose_right(p, f, s)[:2], "tuple"),
])
def test_decompose_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        nb01.check_decompose(wrong)


# Exercises 3-5: best lambda -----------------------------------------------------------

def f_smooth(x):
    return torch.sin(3 * x) + 0.5 * torch.cos(5 * x)


def best(f, **kwargs):
    lams = d2l.lambda_grid(1e-5, 10, 25, zero=False)
    args = {"n": 20, "sigma": 0.3, "num_sets": 400, "seed": 0, **kwargs}
    return lams[d2l.ridge_bias_variance(f, 12, lams, **args).best]


def test_best_lambda_checks_accept_worked_solutions(capsys):
    nb01.check_best_lambda_more_data(best(f_smooth, n=80))
    nb01.check_best_lambda_more_noise(best(f_smooth, sigma=0.6))
    nb01.check_best_lambda_exp_target(torch.tensor(best(lambda x: torch.exp(2 * x))))
    out = capsys.readouterr().out.splitlines()
    assert [line[:11] for line in out] == ["Exercise 3:", "Exercise 4:", "Exercise 5:"]


def test_best_lambda_answers_differ_from_the_baseline():
    base = best(f_smooth)
    assert len({base, best(f_smooth, n=80), best(f_smooth, sigma=0.6), best(lambda x: torch.exp(2 * x))}) == 4


@pytest.mark.parametrize("check", [nb01.check_best_lambda_more_data, nb01.check_best_lambda_more_noise,
                                   nb01.check_best_lambda_exp_target])
def test_best_lambda_typical_mistakes(check):
    with pytest.raises(AssertionError, match="best lambda for"):
        check(best(f_smooth))                 # forgot to change the setting
    with pytest.raises(AssertionError, match="end of the grid"):
        check(1e-05)                          # argmin of the training error / of bias² alone
    with pytest.raises(AssertionError, match="not on the grid"):
        check(0.123)
    with pytest.raises(TypeError, match="best_lambda"):
        check("0.1")


def test_best_lambda_wrong_seed_or_neighbour_is_rejected():
    ref = best(f_smooth, n=80)
    lams = d2l.lambda_grid(1e-5, 10, 25, zero=False)
    neighbour = lams[lams.index(ref) + 1]
    with pytest.raises(AssertionError, match="seed=0"):
        nb01.check_best_lambda_more_data(neighbour)


def test_checks_are_exported():
    for name in ["check_ridge_solver", "check_decompose", "check_best_lambda_more_data",
                 "check_best_lambda_more_noise", "check_best_lambda_exp_target"]:
        assert getattr(d2l.checks, name) is getattr(nb01, name)
