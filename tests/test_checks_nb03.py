"""Notebook 03's exercises: what is specific to them (the generic tests are in test_checks_common.py and
test_battery.py): the references stand for what they claim (Keras' update is AdamW up to ε; SGDW's end point is the
ridge solution of the λ the reference reads off; the L2 term's conventions)."""

from __future__ import annotations

from torch import nn

from d2lmini.checks import nb03 as public
from grading import nb03 as refs


def test_keras_reference_is_adamw_up_to_epsilon():
    case = public.PORT_KERAS.cases[1]
    torch_steps = public.PORT_KERAS.results(refs._port(), case)
    keras = refs.keras_reference(case)
    assert max(abs(a - b) for a, b in zip(torch_steps, keras, strict=True)) < 1e-5


def test_sgdw_reference_reaches_the_ridge_of_its_lambda():
    for case in public.SGDW_LAMBDA.cases:
        lam = refs.sgdw_reference(case)[0]
        assert abs(lam - case["wd"] * (1 - case["beta"]) / (1 - case["tau"])) < 1e-9


def test_l2_conventions_differ_only_by_the_embedding_tables():
    case = dict(public.L2_TERM.cases[0])
    with_emb, without = refs.l2_reference({**case, "flag": True})[0], refs.l2_reference({**case, "flag": False})[0]
    model = public.probe_model(case)
    tables = sum(float((m.weight.detach().double() ** 2).sum()) for m in model.modules() if isinstance(m, nn.Embedding))
    assert abs(with_emb - without - case["lambd"] / 2 * tables) < 1e-9


def test_amsgrad_is_caught_where_the_second_moment_falls():
    case = public.PORT_KERAS.cases[2]
    right = public.PORT_KERAS.results(refs._port(), case)
    ams = public.PORT_KERAS.results(refs._port(amsgrad=True), case)
    assert max(abs(a - b) for a, b in zip(right, ams, strict=True)) > 1e-4   # the tolerance is 2e-5
