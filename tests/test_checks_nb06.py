"""Notebook 06's exercises: what is specific to them (the generic tests are in test_checks_common.py and
test_battery.py): the references agree with the libraries and closed forms they stand for, and the checks accept
what is right but not in the worked solution's form."""

from __future__ import annotations

import pytest
import torch

from d2lmini.checks import nb06 as public
from grading import nb06 as refs


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_equilibrium_reference_is_the_exact_fixed_point():
    """‖w'‖² = (1 − ηλ)²‖w‖² + η²ĝ²/‖w‖² exactly (orthogonal step): its fixed point, to 0.1%."""
    for c in [*public.EQUILIBRIUM_NORM.cases, *refs.HIDDEN["06.1"]]:
        exact = (c["lr"] * c["g"] ** 2 / (c["lambd"] * (2 - c["lr"] * c["lambd"]))) ** 0.25
        assert refs.equilibrium_by_sgd(c)[0] == pytest.approx(exact, rel=1e-3)


def test_equilibrium_exact_fixed_point_passes_too(capsys):
    """Solving (1 − ηλ)² exactly (no first-order step) is right too."""
    public.check_sgd_equilibrium_norm(lambda lr, lam, g: (lr * g * g / (lam * (2 - lr * lam))) ** 0.25)
    assert "Exercise 06.1 correct" in capsys.readouterr().out


def test_paper_weight_decay_reference_by_hand():
    c = public.PAPER_WEIGHT_DECAY.cases[2]     # λ = 0.1 √(32 / 5000) = 0.008; / α = 0.01 -> 0.8
    assert refs.weight_decay_by_torch(c)[0] == pytest.approx(0.8, rel=1e-9)


def test_paper_and_torch_differ_for_a_wrong_weight_decay():
    c = public.PAPER_WEIGHT_DECAY.cases[0]
    paper = refs.paper_adamw(refs.paper_lambda(c), c["alpha"])
    gap = (refs.torch_adamw(refs.paper_lambda(c), c["alpha"]) - paper).abs().max() / paper.abs().max()
    assert float(gap) > 1e-4


def test_rescaled_reference_and_mistakes_by_training():
    """The reference's settings train the same directions from c·w0; the SGD rule and the unchanged settings
    do not (what the check's success message shows)."""
    for c in public.RESCALED.cases[:2]:
        base = public.train_directions(c["lr"], c["lambd"])
        new_lr, new_lambd = refs.rescaled_by_training(c)
        assert new_lr == pytest.approx(c["c"] * c["lr"], rel=1e-7)
        for key in ("sgd_rule", "unchanged"):
            lr, lambd = refs.MISTAKES["06.3"][key](c["lr"], c["lambd"], c["c"])
            other = public.train_directions(lr, lambd, scale=c["c"])
            assert float(torch.arccos((base * other).sum(1).clamp(-1, 1)).max()) > 1e-3


def test_rescaled_accepts_a_tensor_pair(capsys):
    public.check_adamw_rescaled(lambda lr, lam, c: torch.tensor([c * lr, lam / c]))
    out = capsys.readouterr().out
    assert "Exercise 06.3 correct" in out and "rad" in out


def test_mingpt_reference_on_the_public_model():
    split = refs.mingpt_split(public.group_model(public.MINGPT_GROUPS.cases[0]))
    decayed = sorted(n for n, d in split.items() if d)
    assert decayed == ["blocks.0.down.weight", "blocks.0.up.weight", "blocks.1.down.weight", "blocks.1.up.weight",
                       "head.weight"]


def test_groups_go_straight_into_adamw(capsys):
    """A right answer in another form (named_parameters and owners by name, tuples of params) passes, and the
    groups are what torch.optim.AdamW accepts."""
    def by_names(model, weight_decay):
        linear = {f"{n}.weight" for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)}
        params = dict(model.named_parameters())
        return [{"params": tuple(p for n, p in params.items() if n in linear), "weight_decay": weight_decay},
                {"params": tuple(p for n, p in params.items() if n not in linear), "weight_decay": 0}]
    public.check_mingpt_groups(by_names)
    assert "Exercise 06.4 correct" in capsys.readouterr().out
    model = public.group_model(public.MINGPT_GROUPS.cases[0])
    torch.optim.AdamW(by_names(model, 0.1), lr=1e-3)


def test_a_group_without_weight_decay_gets_adamws_default():
    assert torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"] == 0.01
