"""Notebook 07's plumbing (d2lmini.nb07) against independent computations (refits, explicit hat matrices,
torch.distributions, scikit-learn, real gradient-descent steps), and the notebook's taught code against the package's
saved copies."""

from __future__ import annotations

import dataclasses
import math

import pytest
import torch
from notebook_source import taught_function

import d2lmini as d2l
from d2lmini import nb07

NB = "07_choosing_lambda_double_descent.ipynb"
F64 = torch.float64


@pytest.fixture(autouse=True)
def _one_thread():
    """Small matrices: one thread is faster (two spin-wait on a loaded machine) and gives the same digits."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _data(n, d, seed=0, batch=()):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(*batch, n, d, generator=g, dtype=F64)
    return X, X @ torch.linspace(-1, 1, d, dtype=F64) + 0.5 * torch.randn(*batch, n, generator=g, dtype=F64)


GRID = [1e-3, 0.01, 0.1, 1.0, 10.0]


# --------------------------------------------------------------------------- taught first, then saved
@pytest.mark.parametrize("name", ["loo_gcv", "log_evidence"])
@pytest.mark.parametrize("n, d, batch", [(40, 20, ()), (15, 30, ()), (30, 5, (4,))])
def test_taught_functions_equal_the_package_copies(name, n, d, batch):
    taught = taught_function(NB, name)
    X, y = _data(n, d, batch=batch)
    torch.testing.assert_close(taught(X, y, GRID), getattr(nb07, name)(X, y, GRID), rtol=1e-12, atol=1e-12)


# --------------------------------------------------------------------------- LOO, GCV, evidence
@pytest.mark.parametrize("n, d", [(25, 8), (12, 30)])
def test_loo_against_refits_and_gcv_against_the_hat_matrix(n, d):
    X, y = _data(n, d, seed=1)
    loo, gcv = nb07.loo_gcv(X, y, GRID)
    for k, lambd in enumerate(GRID):
        errors = []
        for i in range(n):
            keep = torch.arange(n) != i
            w = d2l.ridge(X[keep], y[keep], lambd * n / (n - 1))   # the same penalty nλ on the summed loss
            errors.append((X[i] @ w - y[i]) ** 2 / 2)
        assert math.isclose(float(loo[k]), float(torch.stack(errors).mean()), rel_tol=1e-9)
        H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=F64), X.T)
        e = y - H @ y
        assert math.isclose(float(gcv[k]), float((e**2).mean() / 2 / (1 - torch.trace(H) / n) ** 2), rel_tol=1e-9)


@pytest.mark.parametrize("n, d", [(25, 8), (12, 30)])
def test_log_evidence_against_torch_distributions(n, d):
    X, y = _data(n, d, seed=2)
    ev = nb07.log_evidence(X, y, GRID)
    for k, lambd in enumerate(GRID):
        C = torch.eye(n, dtype=F64) + X @ X.T / (n * lambd)
        sigma2 = y @ torch.linalg.solve(C, y) / n
        ref = torch.distributions.MultivariateNormal(torch.zeros(n, dtype=F64), sigma2 * C).log_prob(y)
        assert math.isclose(float(ev[k]), float(ref), rel_tol=1e-10)
        # σ² at its best: any other σ² gives a lower likelihood
        for factor in (0.9, 1.1):
            other = torch.distributions.MultivariateNormal(torch.zeros(n, dtype=F64), factor * sigma2 * C).log_prob(y)
            assert other < ref


def test_evidence_maximum_matches_scikit_learns_bayesian_ridge():
    """BayesianRidge maximizes the same evidence (with 1e-6 Gamma hyperpriors): its λ = lambda_/(n alpha_) lands on
    our maximum within 1%, and its coefficients are d2l.ridge at that λ."""
    from sklearn.linear_model import BayesianRidge

    X, y = _data(60, 10, seed=3)
    grid = torch.logspace(-3, 1, 201, dtype=F64)
    ours = float(nb07.argmin_refined(-nb07.log_evidence(X, y, grid), grid))
    br = BayesianRidge(fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X.numpy(), y.numpy())
    lam = br.lambda_ / (60 * br.alpha_)
    assert abs(lam / ours - 1) < 1e-2
    torch.testing.assert_close(torch.from_numpy(br.coef_), d2l.ridge(X, y, lam), rtol=1e-8, atol=1e-10)


def test_ridgecv_computes_leave_one_out():
    from sklearn.linear_model import RidgeCV

    X, y = _data(30, 6, seed=4)
    grid = torch.tensor(GRID, dtype=F64)
    cv = RidgeCV(alphas=(30 * grid).numpy(), fit_intercept=False, store_cv_results=True).fit(X.numpy(), y.numpy())
    loo, gcv = nb07.loo_gcv(X, y, grid)
    torch.testing.assert_close(torch.from_numpy(cv.cv_results_).mean(0) / 2, loo, rtol=1e-8, atol=0)
    assert not torch.allclose(loo, gcv, rtol=1e-3)


# --------------------------------------------------------------------------- helpers
def test_argmin_refined_finds_a_parabolas_vertex_and_keeps_the_ends():
    grid = torch.logspace(-2, 2, 41, dtype=F64)
    x = grid.log()
    for center in (0.0137, 1.0, 3.3):
        values = (x - math.log(center)) ** 2
        assert math.isclose(float(nb07.argmin_refined(values, grid)), center, rel_tol=1e-9)
    batch = torch.stack([(x - math.log(0.5)) ** 2, x, -x])          # interior, left end, right end
    torch.testing.assert_close(nb07.argmin_refined(batch, grid), torch.tensor([0.5, 0.01, 100.0], dtype=F64))


def test_median_ci_ranks_and_coverage():
    med, lo, hi = nb07.median_ci(torch.arange(1, 101, dtype=F64))   # R = 100: order statistics 40 and 61
    assert (med, lo, hi) == (50.5, 40.0, 61.0)           # the median of an even sample: the mean of the middle two
    g = torch.Generator().manual_seed(0)
    covered = sum(lo <= 0 <= hi for lo, hi in (nb07.median_ci(torch.randn(100, generator=g))[1:] for _ in range(400)))
    assert 0.92 <= covered / 400 <= 0.99


@pytest.mark.parametrize("n, d", [(40, 20), (10, 30)])
def test_spectral_test_loss_is_half_weight_error_plus_noise(n, d):
    w, X, y = (t[0] for t in nb07.draw_linear(n, d, 1.0, 0.3, 1, seed=5))
    got = nb07.Spectral.of(X, y, w).test_loss(GRID, 1.0)
    want = ((d2l.ridge(X, y, GRID) - w) ** 2).sum(-1) / 2 + 0.5
    torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-12)


def test_best_lambda_of_exact_bayes_curves():
    """With many draws from the prior, the best λ on average is σ²/(nσ_w²) (and the bootstrap s.e. is small)."""
    setup = nb07.SETUP.bayes
    star, se = nb07.best_lambda(nb07.risk_curves(setup, 40, 3000, seed=9), setup.lambdas)
    assert abs(math.log10(star / (1 / (40 * 0.09)))) < 3 * se and se < 0.01


def test_selection_study_scores_every_rule_on_the_same_draws():
    setup = dataclasses.replace(nb07.SETUP.bayes, num_sets=200)
    sel = nb07.selection_study(setup)
    assert set(sel.test) == {"oracle", "Bayes", "evidence", "GCV", "LOO", "5-fold CV", "split", "least squares",
                             "predict 0"}
    w, X, y = nb07.draw_linear(40, 20, 1.0, 0.3, 200, setup.seed)
    spec = nb07.Spectral.of(X, y, w)
    torch.testing.assert_close(sel.test["Bayes"], spec.test_loss([1 / 3.6], 1.0)[:, 0])
    loo, _ = nb07.loo_gcv(X, y, setup.lambdas)
    torch.testing.assert_close(sel.chosen["LOO"], nb07.argmin_refined(loo, setup.lambdas))
    # the split chooses on examples 30-39 with fits on 0-29, then rescales by 30/40
    grid = torch.tensor(setup.lambdas, dtype=F64)
    W = d2l.ridge(X[:, :30], y[:, :30], grid)                          # (K, R, d)
    val = ((torch.einsum("krd,rnd->krn", W, X[:, 30:]) - y[:, 30:]) ** 2).mean(-1) / 2
    torch.testing.assert_close(sel.chosen["split"], nb07.argmin_refined(val.T, grid) * 30 / 40)
    # 5-fold CV: folds of 8 consecutive examples, fit on the other 32 by d2l.ridge, rescaled by 32/40
    cv = 0
    for k in range(5):
        held = torch.zeros(40, dtype=torch.bool)
        held[8 * k:8 * k + 8] = True
        W = d2l.ridge(X[:, ~held], y[:, ~held], grid)
        cv = cv + ((torch.einsum("krd,rnd->krn", W, X[:, held]) - y[:, held]) ** 2).sum(-1) / (2 * 40)
    torch.testing.assert_close(sel.chosen["5-fold CV"], nb07.argmin_refined(cv.T, grid) * 32 / 40)
    assert sel.test["oracle"].mean() < min(float(v.mean()) for k, v in sel.test.items() if k != "oracle")


# --------------------------------------------------------------------------- random features
SMALL = dataclasses.replace(nb07.SETUP.features, num_features=(10, 50, 100, 150), num_sets=6)


@pytest.fixture(scope="module")
def small_study():
    return nb07.feature_study(SMALL, chunk=4)


def test_feature_study_against_explicit_fits(small_study):
    X, y, Xt, yt, W, f_train = nb07.feature_matrices(SMALL)
    lam = torch.tensor(SMALL.lambdas, dtype=F64)
    for r in (0, 5):
        for k, p in enumerate(SMALL.num_features):
            F = nb07.relu_features(X[r:r + 1], W[r:r + 1], p)[0]
            Ft = nb07.relu_features(Xt[r:r + 1], W[r:r + 1], p)[0]

            def loss(w, Ft=Ft, r=r):
                return ((w @ Ft.T - yt[r]) ** 2).mean(-1) / 2 + SMALL.sigma**2 / 2

            pinv = torch.linalg.pinv(F)
            torch.testing.assert_close(small_study.test[r, k, 0], loss(pinv @ y[r]), rtol=1e-7, atol=0)
            torch.testing.assert_close(small_study.clean[r, k], loss(pinv @ f_train[r]), rtol=1e-7, atol=0)
            W_ridge = d2l.ridge(F, y[r], lam[1:])                       # (K-1, p): one row per λ > 0
            torch.testing.assert_close(small_study.test[r, k, 1:], loss(W_ridge), rtol=1e-7, atol=0)
            loo, gcv = nb07.loo_gcv(F, y[r], lam[1:])
            torch.testing.assert_close(small_study.loo[r, k, 1:], loo, rtol=1e-7, atol=0)
            torch.testing.assert_close(small_study.gcv[r, k, 1:], gcv, rtol=1e-7, atol=0)
            assert math.isclose(float(small_study.s_min[r, k]), float(torch.linalg.svdvals(F).min()), rel_tol=1e-7)


def test_gradient_descent_budgets_are_real_gd_steps(small_study):
    X, y, Xt, yt, W, _ = nb07.feature_matrices(SMALL)
    p, k = 100, SMALL.num_features.index(100)
    F, Ft = nb07.relu_features(X[:1], W[:1], p)[0], nb07.relu_features(Xt[:1], W[:1], p)[0]
    w = torch.zeros(p, dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=SMALL.lr)
    for _ in range(SMALL.budgets[0]):                                    # torch's own optimizer on the mean loss
        opt.zero_grad()
        ((F @ w - y[0]) ** 2).mean().div(2).backward()
        opt.step()
    got = ((Ft @ w.detach() - yt[0]) ** 2).mean() / 2 + SMALL.sigma**2 / 2
    assert math.isclose(float(got), float(small_study.gd[0, k, 0]), rel_tol=1e-8)


def test_chunks_do_not_change_the_study(small_study):
    other = nb07.feature_study(SMALL, chunk=5)
    for name in ("test", "gd", "clean", "s_min", "loo", "gcv"):
        torch.testing.assert_close(getattr(other, name), getattr(small_study, name), rtol=1e-9, atol=0, equal_nan=True)


def test_tuned_and_chosen_by(small_study):
    lam, tuned = small_study.tuned()
    means = small_study.test[:, :, 1:].mean(0)
    torch.testing.assert_close(tuned.mean(0), means.min(-1).values)
    assert set(lam.tolist()) <= set(SMALL.lambdas[1:])
    oracle = small_study.chosen_by("oracle")
    for name in ("gcv", "loo"):
        assert (oracle <= small_study.chosen_by(name) + 1e-12).all()


def test_unstable_learning_rate_is_refused():
    with pytest.raises(ValueError, match="unstable"):
        nb07.feature_study(dataclasses.replace(SMALL, lr=50.0, num_sets=2), chunk=2)


# --------------------------------------------------------------------------- slider figures
def test_slider_figures_show_every_grid_value(small_study):
    fig, show = nb07.p_slider(small_study)
    pictures = set()
    for p in SMALL.num_features:
        assert show(p).startswith(f"p = {p}:")
        pictures.add(d2l.figure_png(fig))
    assert len(pictures) == len(SMALL.num_features)
    grid = [0.0, 1e-06, 0.001, 10.0]
    fig, show = nb07.lambda_slider(small_study, grid)
    readouts = {show(v) for v in grid}
    assert len(readouts) == len(grid) and all("median test loss at p = 100" in r for r in readouts)
