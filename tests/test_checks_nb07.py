"""Exercise checks of notebook 07: the notebook's worked solutions pass, each typical mistake fails with its own hint,
trivial answers fail, an unanswered exercise is reported as "not attempted" without an exception, and every private
reference agrees with a second, independent computation."""

from __future__ import annotations

import math

import pytest
import torch
from notebook_source import taught_function

import d2lmini as d2l
from d2lmini.checks import nb07 as checks

NB = "07_choosing_lambda_double_descent.ipynb"
F64 = torch.float64
CHECKS = [checks.check_laplace_strength, checks.check_gcv_intercept, checks.check_map_prior_mean,
          checks.check_input_noise]


@pytest.fixture(autouse=True)
def _one_thread():
    """Small matrices: one thread is faster (two spin-wait on a loaded machine) and gives the same digits."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def solution(name):
    return taught_function(NB, name)


def stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("check", CHECKS)
def test_not_attempted_is_reported_not_raised(check, capsys):
    check(stub)
    captured = capsys.readouterr()
    assert "not attempted yet" in captured.err and captured.out == ""


@pytest.mark.parametrize("check, name", [(checks.check_laplace_strength, "laplace_l1_strength"),
                                         (checks.check_gcv_intercept, "gcv_with_intercept"),
                                         (checks.check_map_prior_mean, "map_with_prior_mean"),
                                         (checks.check_input_noise, "ridge_for_input_noise")])
def test_the_notebooks_solution_passes(check, name, capsys):
    check(solution(name))
    assert f"Exercise {check.label} correct" in capsys.readouterr().out


# --------------------------------------------------------------------------- 07.1 the Laplace prior
@pytest.mark.parametrize("wrong, hint", [
    (lambda s, b, n: s**2 / b, "MEAN over the n examples"),
    (lambda s, b, n: n * s**2 / b, "MEAN over the n examples"),
    (lambda s, b, n: s**2 / (2 * n * b), "no ½"),
    (lambda s, b, n: 2 * s**2 / (n * b), "already has its ½"),
    (lambda s, b, n: s**2 / (n * b**2), "enters once"),
    (lambda s, b, n: 1 / (n * b), "noise variance"),
    (lambda s, b, n: s / (n * b), "VARIANCE, not the standard deviation"),
    (lambda s, b, n: b / (n * s**2), "falls with a wider prior"),
    (lambda s, b, n: 0.0, "multiply it by the positive constant"),             # trivial
    (lambda s, b, n: 0.2778, "multiply it by the positive constant"),          # the Gaussian λ printed in section 1
    (lambda s, b, n: None, "return one number"),
])
def test_laplace_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 07.1: .*{hint}"):
        checks.check_laplace_strength(wrong)


def test_laplace_reference_is_measured_not_assumed():
    """The reference reads λ₁ off a MAP estimate found without the formula; it must agree with σ²/(nb) to 1e-9."""
    for sigma, b, n, seed in checks._LAPLACE_CASES:
        assert math.isclose(checks._reference_laplace_strength(sigma, b, n, seed), sigma**2 / (n * b), rel_tol=1e-9)


def test_laplace_map_is_a_true_minimum():
    """Independent of both: ISTA on L(w) + λ₁‖w‖₁ with λ₁ = σ²/(nb) ends at a minimum of the negative log posterior."""
    sigma, b, n, seed = checks._LAPLACE_CASES[0]
    X, y = checks._laplace_problem(sigma, n, seed)
    lam1 = sigma**2 / (n * b)
    w = torch.zeros(6, dtype=F64)
    for _ in range(5000):                                   # ISTA on the series' objective L(w) + λ₁‖w‖₁
        step = 1 / torch.linalg.eigvalsh(X.T @ X / n).max()
        z = w - step * X.T @ (X @ w - y) / n
        w = torch.sign(z) * (z.abs() - step * lam1).clamp_min(0)

    def nlp(v):
        return ((y - X @ v) ** 2).sum() / (2 * sigma**2) + v.abs().sum() / b

    for j in range(6):
        for delta in (1e-4, -1e-4):
            moved = w.clone()
            moved[j] += delta
            assert nlp(moved) > nlp(w)


# --------------------------------------------------------------------------- 07.2 GCV with an intercept
def _variant(**kwargs):
    return lambda X, y, lambdas: checks._gcv_variant(X, y, lambdas, **kwargs)


@pytest.mark.parametrize("wrong, hint", [
    (_variant(center=False, extra_df=0), "center X and y"),
    (_variant(extra_df=0), "count it in df"),
    (_variant(half=False), "½"),
    (_variant(leverage="loo"), "leave-one-out"),
    (_variant(penalty_scale="1"), "nλ, not λ"),
    (lambda X, y, lambdas: torch.zeros(len(lambdas), dtype=F64), "section 3's GCV formula"),   # trivial
    (lambda X, y, lambdas: checks._gcv_variant(X, y, lambdas).argmin(), "return a tensor of shape"),   # one index
    (lambda X, y, lambdas: [1.0] * (len(lambdas) - 1), "return a tensor of shape"),
])
def test_gcv_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 07.2: .*{hint}"):
        checks.check_gcv_intercept(wrong)


def test_gcv_reference_is_the_centered_formula():
    """The explicit hat matrix with an intercept column equals centering plus one more degree of freedom."""
    for _, X, y, grid in checks._gcv_cases():
        torch.testing.assert_close(checks._reference_gcv_intercept(X, y, grid), checks._gcv_variant(X, y, grid),
                                   rtol=1e-9, atol=0)


def test_gcv_mistakes_differ_from_the_reference():
    for _, X, y, grid in checks._gcv_cases()[:2]:
        want = checks._reference_gcv_intercept(X, y, grid)
        for wrong, hint in checks._gcv_mistakes(X, y, grid):
            assert not torch.allclose(torch.as_tensor(wrong), want, rtol=1e-6), hint


# --------------------------------------------------------------------------- 07.3 a prior with a mean
@pytest.mark.parametrize("wrong, hint", [
    (lambda X, y, w0, s, sw: d2l.ridge(X, y, s**2 / (X.shape[0] * sw**2)), "toward w0, not toward 0"),
    (lambda X, y, w0, s, sw: d2l.ridge(X, y, s**2 / (X.shape[0] * sw**2)) + w0, "the difference w - w0"),
    (lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X @ w0, s**2 / sw**2), "MEAN loss"),
    (lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X @ w0, s / (X.shape[0] * sw)), "VARIANCES"),
    (lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X @ w0, sw**2 / (X.shape[0] * s**2)), "WEAKER"),
    (lambda X, y, w0, s, sw: w0, "the data count too"),                                        # trivial
    (lambda X, y, w0, s, sw: torch.zeros_like(w0), "substituting v = w - w0"),                 # trivial
    (lambda X, y, w0, s, sw: torch.zeros(3, dtype=F64), "return a tensor of shape"),
])
def test_prior_mean_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 07.3: .*{hint}"):
        checks.check_map_prior_mean(wrong)


def test_prior_mean_reference_maximizes_the_log_posterior():
    """Bayes' rule (the reference) against the maximum of log p(y | w) + log p(w) found by LBFGS on the log density."""
    n, d, sigma, sigma_w, seed, seed_w0 = checks._PRIOR_MEAN_CASES[1]          # the case with d > n
    X, y, w0 = checks._prior_mean_problem(n, d, sigma, sigma_w, seed, seed_w0)
    w = torch.zeros(d, dtype=F64, requires_grad=True)
    opt = torch.optim.LBFGS([w], lr=1, max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16,
                            line_search_fn="strong_wolfe")
    prior = torch.distributions.Normal(w0, sigma_w)

    def closure():
        opt.zero_grad()
        loss = -(torch.distributions.Normal(X @ w, sigma).log_prob(y).sum() + prior.log_prob(w).sum())
        loss.backward()
        return loss

    opt.step(closure)
    torch.testing.assert_close(w.detach(), checks._reference_map_prior_mean(X, y, w0, sigma, sigma_w),
                               rtol=1e-7, atol=1e-8)


# --------------------------------------------------------------------------- 07.4 per-feature input noise
def _solve(penalty):
    def answer(X, y, s):
        n = X.shape[0]
        return torch.linalg.solve(X.T @ X / n + penalty(s, n), X.T @ y / n)
    return answer


@pytest.mark.parametrize("wrong, hint", [
    (_solve(lambda s, n: s.pow(2).mean() * torch.eye(len(s), dtype=F64)), "its own noise level"),
    (_solve(lambda s, n: torch.diag(s)), "VARIANCE of the noise"),
    (_solve(lambda s, n: n * torch.diag(s**2)), "MEAN over the n examples"),
    (_solve(lambda s, n: torch.diag(s**2) / 2), "carry their ½"),
    (_solve(lambda s, n: 2 * torch.diag(s**2)), "carry their ½"),
    (_solve(lambda s, n: torch.zeros(len(s), len(s), dtype=F64)), "does change the minimizer"),   # least squares
    (lambda X, y, s: torch.zeros(X.shape[1], dtype=F64), "set the gradient to 0"),              # trivial
    (lambda X, y, s: d2l.ridge(X, y, 0.25), "set the gradient to 0"),                            # section 5's λ = s²
])
def test_input_noise_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 07.4: .*{hint}"):
        checks.check_input_noise(wrong)


def test_input_noise_reference_against_random_copies():
    """The exact 2d-copies reference against least squares on 20,000 copies with Gaussian noise (Monte Carlo)."""
    n, stds, seed = checks._NOISE_CASES[0]
    X, y, s = checks._noise_problem(n, stds, seed)
    g = torch.Generator().manual_seed(5)
    copies = X + s * torch.randn(20_000, n, len(stds), generator=g, dtype=F64)
    w_mc = torch.linalg.lstsq(copies.reshape(-1, len(stds)), y.repeat(20_000)).solution
    want = checks._reference_input_noise(X, y, s)
    assert float((w_mc - want).norm() / want.norm()) < 5e-3
    iso = checks._noise_mistakes(X, y, s)[0][0]
    assert float((iso - want).norm() / want.norm()) > 0.1          # the nearest wrong answer is far outside that noise


def test_laplace_mistakes_are_distinguishable_on_every_case():
    for sigma, b, n, _ in checks._LAPLACE_CASES:
        values = [v for v, _ in checks._laplace_mistakes(sigma, b, n)] + [sigma**2 / (n * b)]
        assert len({round(v, 12) for v in values}) == len(values), (sigma, b, n)
