"""Tests for d2lmini.bias_variance: closed-form ridge, the decomposition, fixed-design formulas."""

import math

import pytest
import torch

import d2lmini as d2l
from d2lmini import nb01 as bv


def f(x):
    return torch.sin(3 * x) + 0.5 * torch.cos(5 * x)


def problem(n=15, p=5, seed=0):
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(n, p, generator=gen, dtype=torch.float64),
            torch.randn(n, generator=gen, dtype=torch.float64))


# legendre_features ---------------------------------------------------------

def test_legendre_matches_explicit_polynomials():
    x = torch.linspace(-1, 1, 7, dtype=torch.float64)
    P = bv.legendre_features(x, 3)
    explicit = torch.stack([torch.ones_like(x), x, (3 * x**2 - 1) / 2, (5 * x**3 - 3 * x) / 2], dim=-1)
    assert torch.allclose(P, explicit * torch.sqrt(torch.tensor([1.0, 3, 5, 7], dtype=torch.float64)))


def test_legendre_features_have_unit_mean_square_and_are_orthogonal():
    x = torch.linspace(-1, 1, 20001, dtype=torch.float64)
    P = bv.legendre_features(x, 8)
    gram = P.T @ P / x.numel()
    assert torch.allclose(gram, torch.eye(9, dtype=torch.float64), atol=2e-3)


def test_legendre_degree_zero_and_batch_shape():
    assert bv.legendre_features(torch.zeros(4, 3), 0).shape == (4, 3, 1)
    assert bv.legendre_features(torch.zeros(4, 3), 5).shape == (4, 3, 6)


@pytest.mark.parametrize("kwargs, exc, name", [
    ({"x": [0.1], "degree": 2}, TypeError, "x"),
    ({"x": torch.tensor([0, 1]), "degree": 2}, TypeError, "x"),
    ({"x": torch.tensor([0.0, 1.5]), "degree": 2}, ValueError, "x"),
    ({"x": torch.tensor([0.0]), "degree": -1}, ValueError, "degree"),
    ({"x": torch.tensor([0.0]), "degree": 2.0}, TypeError, "degree"),
])
def test_legendre_bad_input(kwargs, exc, name):
    with pytest.raises(exc, match=name):
        bv.legendre_features(**kwargs)


# ridge_fit ----------------------------------------------------------------

def test_ridge_fit_zeroes_the_gradient_of_the_mean_loss():
    Phi, y = problem()
    lambd = 0.3
    w = bv.ridge_fit(Phi, y, lambd).requires_grad_(True)
    loss = (((Phi @ w - y) ** 2 / 2).mean() + lambd * (w**2).sum() / 2)
    loss.backward()
    assert w.grad.abs().max() < 1e-12


def test_ridge_fit_is_not_the_summed_loss_convention():
    Phi, y = problem()
    wrong = torch.linalg.solve(Phi.T @ Phi + 0.3 * torch.eye(5, dtype=torch.float64), Phi.T @ y)
    assert not torch.allclose(bv.ridge_fit(Phi, y, 0.3), wrong)


def test_ridge_fit_lambda_zero_is_least_squares():
    Phi, y = problem()
    ols = torch.linalg.lstsq(Phi, y.unsqueeze(-1)).solution.squeeze(-1)
    assert torch.allclose(bv.ridge_fit(Phi, y, 0.0), ols)


def test_ridge_fit_batches_over_sets_and_lambdas():
    Phis, ys = zip(*[problem(seed=s) for s in range(3)], strict=True)
    Phi, y = torch.stack(Phis), torch.stack(ys)
    lams = torch.tensor([0.0, 0.1, 2.0], dtype=torch.float64)
    W = bv.ridge_fit(Phi, y, lams)
    assert W.shape == (3, 3, 5)
    for i, lam in enumerate(lams.tolist()):
        for r in range(3):
            assert torch.allclose(W[i, r], bv.ridge_fit(Phi[r], y[r], lam))


def test_ridge_fit_shrinks_the_norm_as_lambda_grows():
    Phi, y = problem()
    norms = bv.ridge_fit(Phi, y, torch.tensor([0.01, 0.1, 1.0, 10.0], dtype=torch.float64)).norm(dim=-1)
    assert bool((norms[1:] < norms[:-1]).all())


@pytest.mark.parametrize("args, exc, name", [
    (("Phi", "y", 0.1), TypeError, "Phi"),
    ((torch.zeros(4, 2), [1.0] * 4, 0.1), TypeError, "y"),
    ((torch.zeros(4, 2), torch.zeros(3), 0.1), ValueError, "y"),
    ((torch.zeros(4), torch.zeros(4), 0.1), ValueError, "y"),
    ((torch.zeros(4, 2), torch.zeros(4), -1.0), ValueError, "lambd"),
    ((torch.zeros(4, 2), torch.zeros(4), "0.1"), TypeError, "lambd"),
    ((torch.zeros(4, 2), torch.zeros(4), torch.tensor([0.1, -1.0])), ValueError, "lambd"),
])
def test_ridge_fit_bad_input(args, exc, name):
    with pytest.raises(exc, match=name):
        bv.ridge_fit(*args)


# draw_training_sets ---------------------------------------------------------

def test_draw_training_sets_jitters_one_point_per_cell():
    x, y = bv.draw_training_sets(f, 50, 10, 0.3, generator=torch.Generator().manual_seed(0))
    assert x.shape == y.shape == (50, 10) and x.dtype == torch.float64
    cell = torch.floor((x + 1) / 0.2)
    assert torch.equal(cell, torch.arange(10, dtype=torch.float64).expand(50, 10))


def test_draw_training_sets_noise_level():
    x, y = bv.draw_training_sets(f, 2000, 20, 0.3, generator=torch.Generator().manual_seed(1))
    assert abs(float((y - f(x)).std()) - 0.3) < 0.005
    x0, y0 = bv.draw_training_sets(f, 3, 5, 0.0)
    assert torch.equal(y0, f(x0))


@pytest.mark.parametrize("args, exc, name", [
    ((1.0, 3, 5, 0.1), TypeError, "f"),
    ((f, 0, 5, 0.1), ValueError, "num_sets"),
    ((f, 3, 2.5, 0.1), TypeError, "n"),
    ((f, 3, 5, -0.1), ValueError, "sigma"),
])
def test_draw_training_sets_bad_input(args, exc, name):
    with pytest.raises(exc, match=name):
        bv.draw_training_sets(*args)


# decompose / noisy_label_error ---------------------------------------------------

def test_decompose_identity_and_hand_values():
    preds = torch.tensor([[1.0, 2.0], [3.0, 6.0]], dtype=torch.float64)  # R = 2 sets, T = 2 points
    f_test = torch.tensor([0.0, 4.0], dtype=torch.float64)
    out = bv.decompose(preds, f_test, 0.5)
    assert math.isclose(float(out["bias2"]), (2.0**2 + 0.0**2) / 2)      # mean fit (2, 4)
    assert math.isclose(float(out["variance"]), (1.0 + 4.0) / 2)          # divisor R
    assert math.isclose(float(out["noise"]), 0.25)
    assert math.isclose(float(out["total"]), float(out["direct"]))


def test_decompose_leading_dims():
    preds = torch.randn(4, 30, 7, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    out = bv.decompose(preds, torch.zeros(7, dtype=torch.float64), 0.1)
    assert out["bias2"].shape == (4,)
    assert torch.allclose(out["total"], out["direct"], atol=1e-14)


@pytest.mark.parametrize("args, exc, name", [
    ((torch.zeros(3, 4), torch.zeros(5), 0.1), ValueError, "preds"),
    ((torch.zeros(4), torch.zeros(4), 0.1), ValueError, "preds"),
    ((torch.zeros(3, 4), torch.zeros(1, 4), 0.1), ValueError, "f_test"),
    ((torch.zeros(3, 4), torch.zeros(4), -1.0), ValueError, "sigma"),
    ((torch.zeros(3, 4, dtype=torch.int64), torch.zeros(4), 0.1), TypeError, "preds"),
])
def test_decompose_bad_input(args, exc, name):
    with pytest.raises(exc, match=name):
        bv.decompose(*args)


def test_noisy_label_error_agrees_within_standard_errors():
    r = bv.ridge_bias_variance(f, 6, [1e-3, 1.0], num_sets=300, seed=3)
    fresh = bv.noisy_label_error(r.preds, f(torch.linspace(-1, 1, 201, dtype=torch.float64)), 0.3,
                                 generator=torch.Generator().manual_seed(4))
    assert bool((fresh["z"].abs() < 4).all())
    assert bool(((fresh["fresh"] - r.total).abs() < 5 * fresh["se"]).all())


def test_noisy_label_error_detects_a_wrong_noise_level():
    r = bv.ridge_bias_variance(f, 6, [1e-2], num_sets=300, seed=3)
    f_test = f(torch.linspace(-1, 1, 201, dtype=torch.float64))
    wrong = bv.noisy_label_error(r.preds, f_test, 0.6, generator=torch.Generator().manual_seed(4))
    assert float(wrong["fresh"][0] - r.total[0]) > 0.2   # labels with 4x the noise variance


def test_noisy_label_error_bad_input():
    with pytest.raises(ValueError, match="preds"):
        bv.noisy_label_error(torch.zeros(3, 4), torch.zeros(5), 0.1)
    with pytest.raises(ValueError, match="sigma"):
        bv.noisy_label_error(torch.zeros(3, 4), torch.zeros(4), -0.1)


# ridge_bias_variance ---------------------------------------------------------

def test_ridge_bias_variance_u_shape_and_best():
    lams = d2l.lambda_grid(1e-5, 10, 13, zero=False)
    r = bv.ridge_bias_variance(f, 12, lams, num_sets=200, seed=0)
    assert bool((r.variance[1:] <= r.variance[:-1] * 1.001).all())          # variance falls with λ
    assert r.bias2[-1] > 50 * r.bias2[0]                                     # bias rises with λ
    assert 0 < r.best < len(lams) - 1                                        # interior minimum
    assert torch.allclose(r.total, r.direct, atol=1e-12)
    assert r.preds.shape == (13, 200, 201)


def test_ridge_bias_variance_is_seeded():
    a = bv.ridge_bias_variance(f, 4, [0.1], num_sets=20, seed=5)
    b = bv.ridge_bias_variance(f, 4, [0.1], num_sets=20, seed=5)
    c = bv.ridge_bias_variance(f, 4, [0.1], num_sets=20, seed=6)
    assert torch.equal(a.total, b.total) and not torch.equal(a.total, c.total)


@pytest.mark.parametrize("kwargs, exc, name", [
    ({"lambdas": []}, ValueError, "lambdas"),
    ({"lambdas": [-1.0]}, ValueError, "lambdas"),
    ({"num_test": 1}, ValueError, "num_test"),
    ({"seed": -1}, ValueError, "seed"),
    ({"degree": -1}, ValueError, "degree"),
])
def test_ridge_bias_variance_bad_input(kwargs, exc, name):
    args = {"f": f, "degree": 3, "lambdas": [0.1], "num_sets": 5, **kwargs}
    with pytest.raises(exc, match=name):
        bv.ridge_bias_variance(**args)


# fixed design -----------------------------------------------------------------

def fixed_design(p=6, n=20):
    x = torch.linspace(-0.95, 0.95, n, dtype=torch.float64)
    Phi = bv.legendre_features(x, p - 1)
    w_star = torch.linspace(1.0, -0.5, p, dtype=torch.float64)
    return Phi, w_star


def test_ridge_moments_ols_is_unbiased_with_textbook_covariance():
    Phi, w_star = fixed_design()
    bias, cov = bv.ridge_moments(Phi, w_star, 0.3, 0.0)
    assert bias.abs().max() < 1e-12
    assert torch.allclose(cov, 0.09 * torch.linalg.inv(Phi.T @ Phi))


def test_ridge_moments_match_monte_carlo():
    Phi, w_star = fixed_design()
    n, lam, sigma, draws = Phi.shape[0], 0.2, 0.3, 20000
    eps = torch.randn(draws, n, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    W = bv.ridge_fit(Phi.expand(draws, n, -1), Phi @ w_star + sigma * eps, lam)
    bias, cov = bv.ridge_moments(Phi, w_star, sigma, lam)
    se = (cov.diagonal() / draws).sqrt()
    assert ((W.mean(0) - w_star - bias) / se).abs().max() < 4.5
    assert ((W.var(0) / cov.diagonal()) - 1).abs().max() < 0.05
    assert bias.abs().max() > 10 * se.max()      # the bias is real, not Monte Carlo noise


def test_ridge_moments_bias_formula_equals_shrinkage_form():
    Phi, w_star = fixed_design()
    n, lam = Phi.shape[0], 0.7
    A = Phi.T @ Phi + n * lam * torch.eye(Phi.shape[1], dtype=torch.float64)
    bias, _ = bv.ridge_moments(Phi, w_star, 0.3, lam)
    assert torch.allclose(bias, -n * lam * torch.linalg.solve(A, w_star))


def test_ridge_weight_mse_and_crossing():
    Phi, w_star = fixed_design()
    sigma = 0.3
    ols = bv.ridge_weight_mse(Phi, w_star, sigma, 0.0)
    cross = bv.ridge_beats_ols_until(Phi, w_star, sigma)
    assert 0 < cross < 1e6
    assert math.isclose(bv.ridge_weight_mse(Phi, w_star, sigma, cross), ols, rel_tol=1e-6)
    assert bv.ridge_weight_mse(Phi, w_star, sigma, cross / 2) < ols
    assert bv.ridge_weight_mse(Phi, w_star, sigma, cross * 2) > ols


def test_ridge_beats_ols_for_every_lambda_when_the_signal_is_tiny():
    Phi, w_star = fixed_design()
    assert bv.ridge_beats_ols_until(Phi, 1e-3 * w_star, 0.3) == 1e6


def test_fixed_design_bad_input():
    Phi, w_star = fixed_design()
    with pytest.raises(ValueError, match="w_star"):
        bv.ridge_moments(Phi, w_star[:-1], 0.3, 0.1)
    with pytest.raises(ValueError, match="Phi"):
        bv.ridge_moments(Phi[0], w_star, 0.3, 0.1)
    with pytest.raises(ValueError, match="lambd"):
        bv.ridge_moments(Phi, w_star, 0.3, -0.1)
    with pytest.raises(ValueError, match="sigma"):
        bv.ridge_weight_mse(Phi, w_star, -0.3, 0.1)
    with pytest.raises(ValueError, match="Phi"):
        bv.ridge_beats_ols_until(Phi[:3], w_star, 0.3)   # 3 rows, 6 columns: rank deficient
    with pytest.raises(ValueError, match="high"):
        bv.ridge_beats_ols_until(Phi, w_star, 0.3, high=0.0)


def test_exports():
    for name in ["ridge_fit", "legendre_features", "decompose", "ridge_bias_variance", "ridge_moments",
                 "ridge_weight_mse", "ridge_beats_ols_until", "draw_training_sets", "noisy_label_error"]:
        assert getattr(d2l, name) is getattr(bv, name)
        assert name in d2l.__all__
