"""Notebook 02's exercises: what is specific to them (generic tests: test_checks_common.py, test_battery.py)."""

from __future__ import annotations

import torch

from d2lmini.checks import nb02 as public
from grading import nb02 as refs


def test_momentum_reference_matches_the_recurrence():
    for case in public.MOMENTUM_FACTOR.cases:
        assert abs(refs.momentum_by_sgd(case)[0] - refs._recurrence(case["lr"], case["lambd"], case["beta"],
                                                                    case["t"])) < 1e-12


def test_end_point_reference_is_the_min_norm_correction():
    for case in [*public.END_POINT.cases, *refs.HIDDEN["02.4"]]:
        X, y, w0 = public.end_case(case)
        want = w0 + torch.linalg.pinv(X) @ (y - X @ w0)
        assert float((torch.tensor(refs.end_by_training(case), dtype=torch.float64) - want).abs().max()) < 1e-9


def test_refits_are_counted():
    X, y, lambdas = public.loo_case(public.LOO_ERRORS.cases[1])
    with public.LinalgCount() as count:
        refs._loo("right")(X, y, lambdas)
    assert count.factorizations == len(lambdas)
    import grading.battery as b
    with public.LinalgCount() as count:
        b._e023_batched(X, y, lambdas)
    assert count.factorizations == len(lambdas) * X.shape[0]
