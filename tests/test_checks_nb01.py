"""Notebook 01's exercises: what is specific to them (generic tests: test_checks_common.py, test_battery.py)."""

from __future__ import annotations

import torch

from d2lmini.checks import nb01 as public
from grading import nb01 as refs


def test_training_error_reference_agrees_with_a_simulation():
    case = public.TRAINING_ERROR.cases[1]
    mean, se = public._simulated(case, draws=20000)
    assert abs(refs.training_error_by_svd(case)[0] - mean) < 4 * se


def test_free_intercept_reference_solves_the_normal_equations():
    case = public.FREE_INTERCEPT.cases[0]
    X, y, lambd = public._free_inputs(case)
    n, d = X.shape[-2:]
    D = torch.eye(d, dtype=X.dtype)
    D[0, 0] = 0
    want = torch.linalg.solve(X.mT @ X + n * lambd * D, X.mT @ y.unsqueeze(-1)).squeeze(-1).reshape(-1)
    assert float((torch.tensor(refs.free_by_lstsq(case), dtype=torch.float64) - want).abs().max()) < 1e-9


def test_the_loo_shortcut_fails_for_nearest_neighbours():
    x, y = public.training_sets(public.target, 1, seed=101)
    short, brute = public._knn_loo(x[0], y[0])
    assert abs(short - brute) > 0.1 * brute


def test_the_steep_sweep_matches_the_notebooks_driver():
    """The check's own Monte Carlo (P_0 penalized) reproduces d2l.nb01.ridge_bias_variance's total."""
    from d2lmini.linreg import ridge
    from d2lmini.nb01 import SETUP, ridge_bias_variance

    ours = public._sweep(ridge, public._steep)
    theirs = ridge_bias_variance(public._steep, SETUP.degree, list(SETUP.lambdas), n=SETUP.n, sigma=SETUP.sigma,
                                 num_sets=SETUP.num_sets, seed=SETUP.seed)
    assert abs(min(t[0] for t in ours) - float(theirs.total[theirs.best])) < 1e-9
