"""Notebook 01's exercise checks: the worked solutions pass, typical mistakes fail with their own hint,
trivial answers fail, and an unanswered exercise (the student edition's stub) is reported on stderr."""

import math

import pytest
import torch
from notebook_source import taught_function

from d2lmini.checks import nb01

NB = "01_bias_variance.ipynb"


def stub(*args):
    raise NotImplementedError()


def hat(X, lambd):
    n, d = X.shape
    return X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)


CHECKS = [(nb01.check_df, "01.1"), (nb01.check_loo, "01.2"), (nb01.check_free_intercept, "01.3"),
          (nb01.check_training_error, "01.4")]


@pytest.mark.parametrize("check, label", CHECKS)
def test_not_attempted_is_reported_on_stderr_without_raising(check, label, capsys):
    check(stub)
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith(f"Exercise {label}: not attempted yet")


@pytest.mark.parametrize("name, check", [("df_from_eigenvalues", nb01.check_df), ("loo_error", nb01.check_loo),
                                         ("ridge_free_intercept", nb01.check_free_intercept),
                                         ("expected_training_error", nb01.check_training_error)])
def test_worked_solutions_in_the_notebook_pass(name, check, capsys):
    check(taught_function(NB, name))
    assert capsys.readouterr().out.startswith("Exercise 01.")


# Exercise 1: df from eigenvalues ---------------------------------------------------------------

def df_summed(X, lambd):
    s = torch.linalg.eigvalsh(X.T @ X).clamp(min=0)
    return float((s / (s + lambd)).sum())


def df_singular(X, lambd):
    s = torch.linalg.svdvals(X)
    return float((s / (s + X.shape[0] * lambd)).sum())


def df_complement(X, lambd):
    s = torch.linalg.eigvalsh(X.T @ X).clamp(min=0)
    return float((X.shape[0] * lambd / (s + X.shape[0] * lambd)).sum())


@pytest.mark.parametrize("wrong, hint", [
    (df_summed, "summed-loss convention"),
    (df_singular, "not the singular values"),
    (lambda X, lambd: float(X.shape[1]), "does not depend on λ"),
    (df_complement, "d − df"),
    (lambda X, lambd: 0.0, "sum_j s_j"),                         # trivial
    (lambda X, lambd: 9.655, "sum_j s_j"),                       # the number printed in the notebook
])
def test_df_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 01.1: .*Hint: .*{hint}"):
        nb01.check_df(wrong)


def test_df_wrong_type():
    with pytest.raises(AssertionError, match="return one number"):
        nb01.check_df(lambda X, lambd: "9")


# Exercise 2: leave-one-out ---------------------------------------------------------------------

def loo_with(H_fn, residual_fn):
    def loo(X, y, lambd):
        H = H_fn(X, lambd)
        return float(residual_fn(y - H @ y, H.diagonal()).mean())
    return loo


def hat_summed(X, lambd):
    d = X.shape[1]
    return X @ torch.linalg.solve(X.T @ X + lambd * torch.eye(d, dtype=X.dtype), X.T)


@pytest.mark.parametrize("wrong, hint", [
    (loo_with(hat, lambda r, h: r**2), "training error"),
    (loo_with(hat, lambda r, h: r**2 / (1 - h)), "THEN square"),
    (loo_with(hat, lambda r, h: r**2 / (1 - h.mean()) ** 2), "generalized cross-validation"),
    (loo_with(hat_summed, lambda r, h: (r / (1 - h)) ** 2), "λ instead of n·λ"),
    (lambda X, y, lambd: 0.0, "LOO residual"),                  # trivial
    (lambda X, y, lambd: float((y**2).mean()), "LOO residual"),  # the input unchanged (predict 0)
    (lambda X, y, lambd: 0.152, "LOO residual"),                 # a number printed in the notebook
])
def test_loo_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 01.2: .*Hint: .*{hint}"):
        nb01.check_loo(wrong)


def test_loo_reference_is_brute_force():
    X = torch.randn(9, 3, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    y = torch.randn(9, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    H = hat(X, 0.2)
    shortcut = float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean())
    assert math.isclose(nb01._reference_loo(X, y, 0.2), shortcut, rel_tol=1e-10)


# Exercise 3: free intercept --------------------------------------------------------------------

def free_with(D_fn, shift):
    def solver(X, y, lambd):
        n, d = X.shape[-2:]
        return torch.linalg.solve(X.mT @ X + shift(n, lambd) * D_fn(d, X.dtype),
                                  X.mT @ y.unsqueeze(-1)).squeeze(-1)
    return solver


def D_free(d, dtype):
    D = torch.eye(d, dtype=dtype)
    D[0, 0] = 0
    return D


def D_only_first(d, dtype):
    D = torch.zeros(d, d, dtype=dtype)
    D[0, 0] = 1
    return D


def drop_first(X, y, lambd):
    w = free_with(lambda d, dt: torch.eye(d, dtype=dt), lambda n, lam: n * lam)(X[..., 1:], y, lambd)
    return torch.cat([torch.zeros_like(w[..., :1]), w], dim=-1)


@pytest.mark.parametrize("wrong, hint", [
    (free_with(lambda d, dt: torch.eye(d, dtype=dt), lambda n, lam: n * lam), "must not be penalized"),
    (free_with(D_free, lambda n, lam: lam), "n·λ"),
    (free_with(D_only_first, lambda n, lam: n * lam), "other way round"),
    (drop_first, "not removed"),
    (lambda X, y, lambd: torch.zeros(X.shape[:-2] + X.shape[-1:], dtype=X.dtype), "not removed"),  # trivial
    (lambda X, y, lambd: torch.ones(X.shape[:-2] + X.shape[-1:], dtype=X.dtype), "solve"),
])
def test_free_intercept_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 01.3: .*Hint: .*{hint}"):
        nb01.check_free_intercept(wrong)


def test_free_intercept_shape_and_type_mistakes():
    solver = free_with(D_free, lambda n, lam: n * lam)
    with pytest.raises(AssertionError, match="Hint: work on the last two dimensions"):
        nb01.check_free_intercept(lambda X, y, lambd: solver(X, y, lambd)[0])
    with pytest.raises(AssertionError, match="torch.Tensor"):
        nb01.check_free_intercept(lambda X, y, lambd: solver(X, y, lambd).tolist())


def test_free_intercept_message_reports_the_improvement(capsys):
    nb01.check_free_intercept(free_with(D_free, lambda n, lam: n * lam))
    out = capsys.readouterr().out
    assert "best expected test error is 0.518" in out and "variance is still" in out


# Exercise 4: expected training error -----------------------------------------------------------

def train_err_with(noise_term, bias=True, scale=1.0):
    def f(X, w_star, sigma, lambd):
        n = X.shape[0]
        H = hat(X, lambd)
        M = torch.eye(n, dtype=X.dtype) - H
        b = float(((M @ X @ w_star) ** 2).sum() / n) if bias else 0.0
        return scale * (b + noise_term(sigma, H, M, n, X.shape[1]))
    return f


@pytest.mark.parametrize("wrong, hint", [
    (train_err_with(lambda s, H, M, n, d: s**2 * (1 - d / n)), "λ = 0 only"),
    (train_err_with(lambda s, H, M, n, d: s**2 * (1 - float(H.trace()) / n)), "no projection"),
    (train_err_with(lambda s, H, M, n, d: s**2 * float((M @ M).trace()) / n, bias=False), "bias part"),
    (train_err_with(lambda s, H, M, n, d: s * float((M @ M).trace()) / n), "not σ"),
    (train_err_with(lambda s, H, M, n, d: s**2 * float((M @ M).trace()) / n, scale=0.5), "WITHOUT the ½"),
    (lambda X, w, s, lam: 0.0, "expand"),                                # trivial
    (lambda X, w, s, lam: s**2, "expand"),                               # "training error = noise floor"
    (lambda X, w, s, lam: 0.0315, "expand"),                             # the number printed in the notebook
])
def test_training_error_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 01.4: .*Hint: .*{hint}"):
        nb01.check_training_error(wrong)


def test_training_error_reference_matches_monte_carlo():
    gen = torch.Generator().manual_seed(3)
    X = torch.randn(12, 4, generator=gen, dtype=torch.float64)
    w_star = torch.randn(4, generator=gen, dtype=torch.float64)
    sigma, lam, draws = 0.6, 0.2, 40000
    Y = X @ w_star + sigma * torch.randn(draws, 12, generator=gen, dtype=torch.float64)
    err = ((Y - Y @ hat(X, lam).T) ** 2).mean(dim=1)
    ref = nb01._reference_training_error(X, w_star, sigma, lam)
    assert abs(float(err.mean()) - ref) < 4 * float(err.std()) / math.sqrt(draws)
