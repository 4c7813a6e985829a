"""Notebook 04's exercises: what is specific to them (generic tests: test_checks_common.py, test_battery.py): the
references (bisection, candidate comparison, active-set enumeration) agree with the closed forms."""

from __future__ import annotations

import math

import torch

from d2lmini.checks import nb04 as public
from grading import nb04 as refs


def test_isotropic_reference_is_the_closed_form():
    for case in [*public.LAMBDA_ISOTROPIC.cases, *refs.HIDDEN["04.1"]]:
        h, b, theta = public.isotropic_case(case)
        assert abs(refs.isotropic_by_bisection(case)[0] - max(float(b.norm()) / theta ** 0.5 - h, 0.0)) < 1e-9


def test_box_reference_agrees_with_projected_gradient():
    for case in [*public.BOX.cases, *refs.HIDDEN["04.3"]]:
        q, c = public.box_case(case)
        pgd = refs._pgd(q, lambda v, c=c: torch.clamp(v, -c, c))
        assert float((torch.tensor(refs.box_by_active_sets(case), dtype=torch.float64) - pgd).abs().max()) < 1e-8


def test_prox_and_lasso_references_are_soft_thresholding():
    case = public.ELASTIC_NET.cases[0]
    v, eta, l1, l2 = public.prox_case(case)
    want = torch.sign(v) * torch.clamp(v.abs() - eta * l1, min=0) / (1 + eta * l2)
    assert float((torch.tensor(refs.prox_by_candidates(case), dtype=torch.float64) - want).abs().max()) < 1e-12
    h, b, lam = public.diagonal_case(public.LASSO_DIAGONAL.cases[0])
    want = torch.sign(b) * torch.clamp(b.abs() - lam, min=0) / h
    assert float((torch.tensor(refs.lasso_by_candidates(public.LASSO_DIAGONAL.cases[0]), dtype=torch.float64)
                  - want).abs().max()) < 1e-12


def test_steps_reference_is_the_logarithm():
    c = public.STEPS.cases[0]
    want = math.log(c["lambd"] / (c["h"] + c["lambd"])) / math.log(1 - c["eta"] * c["h"])
    assert abs(refs.steps_by_bisection(c)[0] - want) < 1e-9
