"""Notebook 01's plumbing (d2lmini.nb01) and the code the notebook teaches, against independent methods."""

import math

import pytest
import torch
from notebook_source import taught_function

import d2lmini as d2l
from d2lmini import nb01 as bv

NB = "01_bias_variance.ipynb"
S = bv.SETUP


def problem(n=15, d=5, seed=0, batch=()):
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(*batch, n, d, generator=gen, dtype=torch.float64),
            torch.randn(*batch, n, generator=gen, dtype=torch.float64))


# taught first, then saved ------------------------------------------------------------------------

@pytest.mark.parametrize("lambd", [0.0, 0.3, 2.0])
def test_taught_ridge_agrees_with_d2l_ridge(lambd):
    ridge = taught_function(NB, "ridge")
    X, y = problem(batch=(4,))
    assert torch.allclose(ridge(X, y, lambd), d2l.ridge(X, y, lambd), rtol=1e-10, atol=1e-12)
    assert torch.allclose(ridge(X[0], y[0], lambd), d2l.ridge(X[0], y[0], lambd), rtol=1e-10, atol=1e-12)


def test_taught_ridge_zeroes_the_gradient_of_the_mean_loss():
    ridge = taught_function(NB, "ridge")
    X, y = problem()
    w = ridge(X, y, 0.3).requires_grad_(True)
    (((X @ w - y) ** 2 / 2).mean() + 0.3 * (w**2).sum() / 2).backward()
    assert w.grad.abs().max() < 1e-12


def test_taught_decomposition_agrees_with_the_saved_copy():
    decompose, unbiased = taught_function(NB, "decompose"), taught_function(NB, "unbiased_bias2")
    preds = torch.randn(3, 40, 9, generator=torch.Generator().manual_seed(1), dtype=torch.float64) + 0.2
    f_test = torch.linspace(-1, 1, 9, dtype=torch.float64)
    for a, b in zip(decompose(preds, f_test, 0.3), bv.decompose(preds, f_test, 0.3), strict=True):
        assert torch.allclose(torch.as_tensor(a), torch.as_tensor(b), rtol=1e-12)
    assert torch.allclose(unbiased(preds, f_test), bv.unbiased_bias2(preds, f_test), rtol=1e-12)


# features and data -------------------------------------------------------------------------------

def test_legendre_matches_explicit_polynomials():
    x = torch.linspace(-1, 1, 7, dtype=torch.float64)
    P = bv.legendre_features(x, 3)
    explicit = torch.stack([torch.ones_like(x), x, (3 * x**2 - 1) / 2, (5 * x**3 - 3 * x) / 2], dim=-1)
    assert torch.allclose(P, explicit * torch.sqrt(torch.tensor([1.0, 3, 5, 7], dtype=torch.float64)))


def test_legendre_features_have_unit_mean_square_and_are_orthogonal():
    x = torch.linspace(-1, 1, 20001, dtype=torch.float64)
    gram = bv.legendre_features(x, 8).T @ bv.legendre_features(x, 8) / x.numel()
    assert torch.allclose(gram, torch.eye(9, dtype=torch.float64), atol=2e-3)


def test_draw_training_sets_jitters_one_point_per_cell_and_uses_its_own_generator():
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    x, y = bv.draw_training_sets(S.target, 50, 10, 0.3, seed=0)
    assert torch.equal(torch.rand(1), before)                       # the global generator is untouched
    assert x.shape == y.shape == (50, 10) and x.dtype == torch.float64
    assert torch.equal(torch.floor((x + 1) / 0.2), torch.arange(10, dtype=torch.float64).expand(50, 10))
    x2, y2 = bv.draw_training_sets(S.target, 50, 10, 0.3, seed=0)
    assert torch.equal(x, x2) and torch.equal(y, y2)


def test_draw_training_sets_noise_level():
    x, y = bv.draw_training_sets(S.target, 2000, 20, 0.3, seed=1)
    assert abs(float((y - S.target(x)).std()) - 0.3) < 0.005


def test_setup_is_the_notebooks():
    assert (S.sigma, S.n, S.degree, S.num_sets, S.seed) == (0.3, 20, 12, 400, 0)
    assert list(S.lambdas) == d2l.lambda_grid(1e-5, 10, 25, zero=False)


# the decomposition and its Monte Carlo error -----------------------------------------------------

def test_decompose_identity_and_hand_values():
    preds = torch.tensor([[1.0, 2.0], [3.0, 6.0]], dtype=torch.float64)   # R = 2 sets, T = 2 points
    b2, var, noise = bv.decompose(preds, torch.tensor([0.0, 4.0], dtype=torch.float64), 0.5)
    assert math.isclose(float(b2), (2.0**2 + 0.0**2) / 2) and math.isclose(float(var), (1.0 + 4.0) / 2)
    assert noise == 0.25


def test_plain_bias2_is_inflated_by_variance_over_r_and_the_unbiased_one_is_not():
    """Known truth: fits = f + b(x) + noise of std s(x); bias² = mean b², variance = mean s²."""
    gen = torch.Generator().manual_seed(2)
    T, R, reps = 6, 10, 4000
    f_test = torch.zeros(T, dtype=torch.float64)
    b = torch.linspace(-0.1, 0.1, T, dtype=torch.float64)
    s = torch.linspace(0.5, 1.5, T, dtype=torch.float64)
    preds = b + s * torch.randn(reps, R, T, generator=gen, dtype=torch.float64)
    plain, _, _ = bv.decompose(preds, f_test, 0.0)
    unbiased = bv.unbiased_bias2(preds, f_test)
    true_b2, var = float((b**2).mean()), float((s**2).mean())
    se = float(unbiased.std()) / math.sqrt(reps)
    assert abs(float(unbiased.mean()) - true_b2) < 4 * se
    assert abs(float(plain.mean()) - (true_b2 + var / R)) < 4 * se


def test_bias2_se_is_the_leave_one_out_jackknife():
    preds = torch.randn(2, 30, 5, generator=torch.Generator().manual_seed(3), dtype=torch.float64) + 0.1
    f_test = torch.zeros(5, dtype=torch.float64)
    R = 30
    loo = torch.stack([bv.unbiased_bias2(preds[:, torch.arange(R) != r], f_test) for r in range(R)], dim=-1)
    ref = ((R - 1) / R * ((loo - loo.mean(-1, keepdim=True)) ** 2).sum(-1)).sqrt()
    assert torch.allclose(bv.bias2_se(preds, f_test), ref, rtol=1e-9)


def test_bias2_standard_error_is_calibrated_over_seeds():
    """The spread of the bias² estimate over independent seeds matches its stated standard error."""
    runs = [bv.ridge_bias_variance(degree=8, lambdas=[1e-3], seed=s) for s in range(20)]
    est = torch.cat([r.bias2 for r in runs])
    se = torch.cat([r.bias2_se for r in runs])
    assert 0.5 < float(est.std() / se.median()) < 2.0


def test_unbiased_bias2_stays_negligible_at_high_degree_while_the_plain_one_rises():
    """Issue 12.5: the plain bias² at degrees 13-14 is the variance / R floor, not bias."""
    rows = {deg: bv.ridge_bias_variance(degree=deg, lambdas=[0.0, 1e-5]) for deg in (8, 12, 13, 14)}
    for deg, r in rows.items():
        assert float(r.bias2[0]) < 1e-5, deg                        # noise-averaged, unbiased: tiny
        assert float(r.bias2[0]) < 1e-3 * float(r.variance[0]), deg
    for deg in (13, 14):
        plain, floor = float(rows[deg].bias2_plain[0]), float(rows[deg].variance_plain[0]) / S.num_sets
        assert plain > 0.005 and plain < 3 * floor                  # what the old notebook printed, explained


def test_least_squares_bias2_falls_with_degree_and_a_tiny_penalty_is_what_raised_it():
    """Review 01 D3: at λ = 0 the noise-averaged bias² falls from degree 12 to 14; at λ = 1e-5 it rises,
    and the rise is the penalty's (it also cuts the degree-14 variance by about 30%)."""
    rows = {deg: bv.ridge_bias_variance(degree=deg, lambdas=[0.0, 1e-5]) for deg in (8, 12, 14)}
    b0 = {deg: float(r.bias2[0]) for deg, r in rows.items()}
    assert b0[8] > 100 * b0[12] > 100 * b0[14]
    assert float(rows[14].bias2[1]) > 1e5 * b0[14]
    assert 0.6 < float(rows[14].variance[1] / rows[14].variance[0]) < 0.8
    assert abs(float(rows[12].variance[1] / rows[12].variance[0]) - 1) < 0.03


def test_sweep_totals_agree_with_fresh_noisy_labels():
    r = bv.ridge_bias_variance(degree=6, lambdas=[1e-3, 1.0], num_sets=300, seed=3)
    f_test = S.target(torch.linspace(-1, 1, S.num_test, dtype=torch.float64))
    fresh = bv.noisy_label_error(r.preds, f_test, S.sigma, seed=4)
    assert bool((fresh["z"].abs() < 4).all())
    assert bool(((fresh["fresh"] - r.total).abs() < 5 * fresh["se"]).all())
    assert torch.allclose(r.bias2_plain + r.variance_plain + r.noise, r.total)        # the plain split: exact
    assert bool(((r.bias2 + r.variance + r.noise - r.total).abs() < 3 * r.total_se).all())   # measured apart


def test_total_se_is_the_spread_of_the_per_set_errors():
    r = bv.ridge_bias_variance(degree=6, lambdas=[1e-3, 1.0], num_sets=300, seed=3)
    per_set = r.per_set_error
    assert per_set.shape == (2, 300)
    assert torch.allclose(per_set.mean(-1) + r.noise, r.total)
    assert torch.allclose(r.total_se, per_set.std(-1) / math.sqrt(300))


def test_variance_is_the_unbiased_sample_variance_and_its_se_the_jackknife():
    preds = torch.randn(2, 30, 5, generator=torch.Generator().manual_seed(4), dtype=torch.float64) * 0.7 + 0.2
    R = 30
    loo = torch.stack([preds[:, torch.arange(R) != r].var(dim=-2).mean(-1) for r in range(R)], dim=-1)
    ref = ((R - 1) / R * ((loo - loo.mean(-1, keepdim=True)) ** 2).sum(-1)).sqrt()
    assert torch.allclose(bv.variance_se(preds), ref, rtol=1e-9)
    r = bv.ridge_bias_variance(degree=6, lambdas=[1e-3, 1.0], num_sets=50, seed=2)
    assert torch.allclose(r.variance, r.preds.var(dim=-2, correction=1).mean(-1))


def test_direct_variance_is_precise_where_the_rest_is_not():
    """Issue 18: at large λ, total − noise − bias² is mostly the Monte Carlo error of the total."""
    runs = [bv.ridge_bias_variance(lambdas=[10.0], seed=s) for s in range(8)]
    direct = torch.cat([r.variance for r in runs])
    rest = torch.cat([r.total - r.noise - r.bias2 for r in runs])
    assert abs(float(direct.mean()) - float(rest.mean())) < 3 * float(rest.std()) / math.sqrt(8)   # same target
    assert float(rest.std()) > 10 * float(direct.std())
    assert 0.5 < float(direct.std() / torch.cat([r.variance_se for r in runs]).median()) < 2   # s.e. calibrated


def test_lambda_sweep_u_shape():
    r = bv.ridge_bias_variance(lambdas=d2l.lambda_grid(1e-5, 10, 13, zero=False), num_sets=200)
    assert bool((r.bias2[1:] > r.bias2[:-1]).all())                 # bias² rises with λ
    assert bool((r.variance[1:] < r.variance[:-1]).all())           # variance falls with λ
    assert 0 < r.best < 12


def test_steep_target_variance_dominates_at_the_optimum():
    """Issue 12.7: for exp(2x) the optimum is variance-dominated (not bias-dominated)."""
    r = bv.ridge_bias_variance(lambda x: torch.exp(2 * x))
    k = r.best
    assert float(r.variance[k]) > 2 * float(r.bias2[k])


def test_steep_target_variance_is_cured_by_more_data_too():
    """Review 01 round 3, D1: the same degree-12 ridge with twice the points loses most of its error above the
    noise floor (the lesson is "a matched model OR more data", not "the model, not more data")."""
    f_exp = lambda x: torch.exp(2 * x)                               # noqa: E731
    above = [float(r.total[r.best] - r.noise) for r in (bv.ridge_bias_variance(f_exp, n=n) for n in (20, 40))]
    assert above[1] < above[0] / 5


# effective degrees of freedom and training error -------------------------------------------------

def test_effective_df_against_eigenvalues_and_limits():
    X, _ = problem(n=12, d=5, batch=(3,))
    s = torch.linalg.eigvalsh(X.mT @ X)
    df = bv.effective_df(X, [0.0, 0.1, 1.0])
    assert df.shape == (3, 3)
    for i, lam in enumerate([0.0, 0.1, 1.0]):
        assert torch.allclose(df[i], (s / (s + 12 * lam)).sum(-1))
    assert torch.allclose(bv.effective_df(X[0], 0.0), torch.tensor(5.0, dtype=torch.float64))
    assert bool((df[1:] < df[:-1]).all())


def test_least_squares_training_error_is_sigma2_times_one_minus_d_over_n():
    """Issue 12.6: E training error = σ²(1 - d/n) when the model contains the truth."""
    gen = torch.Generator().manual_seed(5)
    n, d, sigma, reps = 20, 13, 0.3, 4000
    X = torch.randn(reps, n, d, generator=gen, dtype=torch.float64)
    y = X @ torch.ones(d, dtype=torch.float64) + sigma * torch.randn(reps, n, generator=gen, dtype=torch.float64)
    err = ((X @ d2l.ridge(X, y, 0.0).unsqueeze(-1)).squeeze(-1) - y).pow(2).mean(-1)
    assert abs(float(err.mean()) - sigma**2 * (1 - d / n)) < 4 * float(err.std()) / math.sqrt(reps)


# fixed design ------------------------------------------------------------------------------------

def fixed_design(n=25, d=6, seed=7):
    gen = torch.Generator().manual_seed(seed)
    return (torch.randn(n, d, generator=gen, dtype=torch.float64),
            torch.randn(d, generator=gen, dtype=torch.float64))


def test_ridge_moments_match_monte_carlo():
    X, w_star = fixed_design()
    sigma, lam, draws = 0.5, 0.2, 20000
    eps = torch.randn(draws, X.shape[0], generator=torch.Generator().manual_seed(8), dtype=torch.float64)
    W = d2l.ridge(X.expand(draws, -1, -1), X @ w_star + sigma * eps, lam)
    bias, cov = bv.ridge_moments(X, w_star, sigma, lam)
    se = (cov.diagonal() / draws).sqrt()
    assert bool(((W.mean(0) - w_star - bias).abs() < 4.5 * se).all())
    assert torch.allclose(torch.cov(W.T), cov, rtol=0.1, atol=1e-4)


def test_ridge_weight_mse_batched_and_crossing():
    X, w_star = fixed_design()
    sigma = 0.3
    grid = [0.0, 0.01, 0.1]
    batched = bv.ridge_weight_mse(X, w_star, sigma, grid)
    assert torch.allclose(batched, torch.tensor([bv.ridge_weight_mse(X, w_star, sigma, v) for v in grid],
                                                dtype=torch.float64))
    ols = bv.ridge_weight_mse(X, w_star, sigma, 0.0)
    cross = bv.ridge_beats_ols_until(X, w_star, sigma)
    assert 0 < cross < 1e6
    assert math.isclose(bv.ridge_weight_mse(X, w_star, sigma, cross), ols, rel_tol=1e-6)
    assert bv.ridge_weight_mse(X, w_star, sigma, cross / 2) < ols < bv.ridge_weight_mse(X, w_star, sigma, 2 * cross)
    assert bv.ridge_beats_ols_until(X, 1e-3 * w_star, 0.3) == 1e6


def test_ridge_beats_ols_until_finds_the_first_loss_even_if_ridge_wins_again_later():
    """Eigenvalues 1 (with a large true weight) and 50 × 100: ridge wins, loses (bias along the first direction
    before the others shrink), and wins again as λ → ∞ (‖w*‖² < least squares). Checking only the far end
    would report 'wins everywhere'."""
    k, sigma = 50, 1.0
    X = torch.zeros(60, k + 1, dtype=torch.float64)
    X[: k + 1, : k + 1] = torch.diag(torch.tensor([1.0] + [100.0] * k, dtype=torch.float64).sqrt())
    w = torch.zeros(k + 1, dtype=torch.float64)
    w[0] = math.sqrt(1.4)
    ols = bv.ridge_weight_mse(X, w, sigma, 0.0)
    assert bv.ridge_weight_mse(X, w, sigma, 1e6) < ols < max(bv.ridge_weight_mse(X, w, sigma, [0.1, 1.0, 10.0]))
    cross = bv.ridge_beats_ols_until(X, w, sigma)
    assert 0 < cross < 1
    assert math.isclose(bv.ridge_weight_mse(X, w, sigma, cross), ols, rel_tol=1e-9)
    assert bv.ridge_weight_mse(X, w, sigma, cross / 2) < ols < bv.ridge_weight_mse(X, w, sigma, 2 * cross)


def test_taught_ridge_moments_agree_with_the_saved_copy():
    """The notebook writes the bias as -n λ A^-1 w*, the package as (A^-1 X^T X - I) w*."""
    moments = taught_function(NB, "ridge_moments")
    X, w_star = fixed_design()
    for lam in [0.0, 0.05, 2.0]:
        for a, b in zip(moments(X, w_star, 0.4, lam), bv.ridge_moments(X, w_star, 0.4, lam), strict=True):
            assert torch.allclose(a, b, rtol=1e-10, atol=1e-12)


# slider ------------------------------------------------------------------------------------------

def test_slider_show_binds_its_own_figure():
    r = bv.ridge_bias_variance(num_sets=50)
    x_test = torch.linspace(-1, 1, S.num_test, dtype=torch.float64)
    args = (r.lambdas, x_test, r.preds, S.target(x_test), r.bias2, r.variance, r.noise, r.total)
    fig1, show1 = bv.slider_figure(*args)
    fig2, show2 = bv.slider_figure(*args)
    lam = r.lambdas[3]
    readout = show1(lam)
    assert readout.startswith(f"λ = {lam:g}: bias² = ") and "expected test error" in readout
    mean1 = show1.__defaults__[1]
    mean2 = show2.__defaults__[1]
    assert mean1 is not mean2 and mean1.figure is fig1 and mean2.figure is fig2
    assert torch.allclose(torch.as_tensor(mean1.get_ydata()), r.preds[3].mean(0).float().double(), atol=1e-6)
    assert not torch.allclose(torch.as_tensor(mean2.get_ydata()), torch.as_tensor(mean1.get_ydata()))


def test_noise_averaged_bias2_does_not_depend_on_the_seed_but_the_plain_one_does():
    """Issue 12.5: the old 4e-4 plateau was a lucky seed."""
    runs = [bv.ridge_bias_variance(lambdas=[1e-5], seed=s) for s in range(6)]
    plain = torch.cat([r.bias2_plain for r in runs])
    clean = torch.cat([r.bias2 for r in runs])
    assert float(plain.max() / plain.min()) > 5
    assert float(clean.max() / clean.min()) < 3 and float(clean.max()) < 1e-7
