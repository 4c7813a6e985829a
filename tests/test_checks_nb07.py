"""Notebook 07's exercises: what is specific to them (generic tests: test_checks_common.py, test_battery.py): the
references are measured, not assumed, and agree with independent computations; the success lines' numbers are
what they say (review 07 round 1, D7 and D8)."""

from __future__ import annotations

import math

import torch

from d2lmini.checks import nb07 as public
from grading import nb07 as refs

F64 = torch.float64
LAPLACE = [*public.LAPLACE_STRENGTH.cases, *refs.HIDDEN["07.1"]]


def test_laplace_reference_is_measured_not_assumed():
    """The reference reads λ₁ off a MAP estimate found without the formula; it agrees with σ²/(nb) to 1e-9."""
    for c in LAPLACE:
        assert math.isclose(refs.laplace_by_coordinate_descent(c)[0], c["sigma"] ** 2 / (c["n"] * c["b"]),
                            rel_tol=1e-9)


def test_laplace_map_is_a_true_minimum():
    """Independent of both: ISTA on L(w) + λ₁‖w‖₁ with λ₁ = σ²/(nb) ends at a minimum of the negative log posterior."""
    c = public.LAPLACE_STRENGTH.cases[0]
    X, y = public.laplace_problem(c)
    sigma, b, n = c["sigma"], c["b"], c["n"]
    lam1 = sigma**2 / (n * b)
    w = torch.zeros(6, dtype=F64)
    step = 1 / torch.linalg.eigvalsh(X.T @ X / n).max()
    for _ in range(5000):
        z = w - step * X.T @ (X @ w - y) / n
        w = torch.sign(z) * (z.abs() - step * lam1).clamp_min(0)

    def nlp(v):
        return ((y - X @ v) ** 2).sum() / (2 * sigma**2) + v.abs().sum() / b

    for j in range(6):
        for delta in (1e-4, -1e-4):
            moved = w.clone()
            moved[j] += delta
            assert nlp(moved) > nlp(w)


def test_laplace_mistakes_are_distinguishable_on_every_case():
    for c in LAPLACE:
        values = [fn(c["sigma"], c["b"], c["n"]) for fn in refs.MISTAKES["07.1"].values()]
        values.append(refs.laplace_by_coordinate_descent(c)[0])
        assert min(abs(math.log(a / b)) for i, a in enumerate(values) for b in values[:i]) > 1e-3, c


def test_gcv_reference_is_the_centered_formula():
    """The explicit [1 X] hat matrix (reference) equals GCV from the SVD of the centered data (the worked solution's
    route, written here independently) on every public and hidden case."""
    for c in [*public.GCV_INTERCEPT.cases, *refs.HIDDEN["07.2"]]:
        X, y, lambdas = public.gcv_case(c)
        n = X.shape[0]
        Xc, yc = X - X.mean(0), y - y.mean()
        want = []
        for lambd in lambdas:
            H = Xc @ torch.linalg.solve(Xc.T @ Xc + n * lambd * torch.eye(X.shape[1], dtype=F64), Xc.T)
            e = yc - H @ yc
            want.append(float((e**2).mean() / 2 / (1 - (torch.trace(H) + 1) / n) ** 2))
        torch.testing.assert_close(torch.tensor(refs.gcv_by_hat_matrix(c), dtype=F64), torch.tensor(want, dtype=F64),
                                   rtol=1e-9, atol=0)


def test_gcv_success_line_reports_a_flat_minimum():
    """D8: on all 442 patients GCV is flat below about 1e-5 (the success line must not sell 1e-5 as sharp)."""
    c = public.GCV_INTERCEPT.cases[0]
    gcv = torch.tensor(refs.gcv_by_hat_matrix(c), dtype=F64)
    best, low, high = public._flat_range(gcv)
    assert best == 1e-5 and low == 1e-6 and high >= 1e-4
    assert float(gcv[0] / gcv.min()) < 1.001


def test_gcv_success_line_separates_flat_loss_from_the_weights():
    """Round 2, D2: a flat GCV is a flat loss estimate, not "no penalty needed": the weights shrink across the range."""
    msg = public._gcv_message(refs._gcv_hat)
    assert "almost no penalty" not in msg
    assert "flat range is 0.000316 to 0.1, and across it ‖w‖ falls from 0.98 to 0.58 of least squares'" in msg


def test_prior_mean_reference_maximizes_the_log_posterior():
    """Bayes' rule (the reference) against the maximum of log p(y | w) + log p(w) found by LBFGS on the log density."""
    c = public.PRIOR_MEAN.cases[1]                                         # the case with d > n
    X, y, w0, sigma, sigma_w = public.prior_mean_case(c)
    w = torch.zeros(X.shape[1], dtype=F64, requires_grad=True)
    opt = torch.optim.LBFGS([w], lr=1, max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16,
                            line_search_fn="strong_wolfe")
    prior = torch.distributions.Normal(w0, sigma_w)

    def closure():
        opt.zero_grad()
        loss = -(torch.distributions.Normal(X @ w, sigma).log_prob(y).sum() + prior.log_prob(w).sum())
        loss.backward()
        return loss

    opt.step(closure)
    torch.testing.assert_close(w.detach(), torch.tensor(refs.posterior_mean(c), dtype=F64), rtol=1e-7, atol=1e-8)


def test_input_noise_reference_against_random_copies():
    """The exact 2d-copies reference against least squares on 20,000 copies with Gaussian noise (Monte Carlo)."""
    c = public.INPUT_NOISE.cases[0]
    X, y, s = public.noise_case(c)
    n, d = X.shape
    g = torch.Generator().manual_seed(5)
    copies = X + s * torch.randn(20_000, n, d, generator=g, dtype=F64)
    w_mc = torch.linalg.lstsq(copies.reshape(-1, d), y.repeat(20_000)).solution
    want = torch.tensor(refs.noisy_copies_fit(c), dtype=F64)
    assert float((w_mc - want).norm() / want.norm()) < 5e-3
    iso = refs._noise("one_lambda")(X, y, s)
    assert float((iso - want).norm() / want.norm()) > 0.1          # the nearest wrong answer is far outside that noise


def test_best_single_lambda_is_the_best():
    """D7: the success line's "best single λ" beats every λ of a fine grid and λ = mean(s²)."""
    for c in public.INPUT_NOISE.cases:
        X, y, s = public.noise_case(c)
        w = torch.tensor(refs.noisy_copies_fit(c), dtype=F64)
        lam, gap = public._best_single_lambda(X, y, w)
        grid = torch.logspace(-6, 2, 801, dtype=F64).tolist()
        fine = min(float((public.ridge(X, y, v) - w).norm() / w.norm()) for v in grid)
        assert gap <= fine + 1e-9
        assert gap <= float((public.ridge(X, y, float(s.pow(2).mean())) - w).norm() / w.norm()) + 1e-12
