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
        # with momentum 0, torch's SGD keeps no buffer and ignores the dampening (torch/optim/sgd.py)
        expected = case["wd"] if case["beta"] == 0 else case["wd"] * (1 - case["beta"]) / (1 - case["tau"])
        assert abs(lam - expected) < 1e-9
    assert any(c["beta"] == 0 and c["tau"] > 0 for c in public.SGDW_LAMBDA.cases)   # the case where the two differ


def test_l2_reference_counts_a_tied_table_once_and_skips_bias_kv():
    tied = next(c for c in public.L2_TERM.cases if c["model"] == "tied")
    model = public.probe_model(tied)
    assert model[0].weight is model[3].weight
    weights = float((model[0].weight.detach().double() ** 2).sum() + (model[2].weight.detach().double() ** 2).sum())
    assert abs(refs.l2_reference(tied)[0] - tied["lambd"] / 2 * weights) < 1e-9
    block = next(c for c in public.L2_TERM.cases if c.get("size", {}).get("bias_kv"))
    names = [n for n, p in public.probe_model(block).named_parameters() if p.dim() >= 2]
    assert "attn.bias_k" in names and "attn.bias_v" in names


def test_one_public_sweep_separates_the_mean_from_the_median():
    picks = [(int(v.mean(0).argmax()), int(v.median(0).values.argmax()))
             for _, v, _ in map(public.sweep_tables, public.CHOOSE_AND_TEST.cases)]
    assert any(a != b for a, b in picks)


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
