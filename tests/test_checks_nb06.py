"""Exercise checks of notebook 06: the notebook's worked solutions pass, each typical mistake fails with its own hint,
trivial answers fail, and an unanswered exercise is reported as "not attempted" without an exception."""

from __future__ import annotations

import math

import pytest
import torch
from notebook_source import taught_function
from torch import nn

import d2lmini as d2l
from d2lmini.checks import nb06 as checks

NB = "06_weight_decay_modern_networks.ipynb"


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def solution(name):
    return taught_function(NB, name, extra={"nn": nn})


def stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [checks.check_sgd_equilibrium_norm, checks.check_torch_weight_decay,
                                   checks.check_adamw_rescaled, checks.check_mingpt_groups])
def test_not_attempted_is_reported_not_raised(check, capsys):
    check(stub)
    captured = capsys.readouterr()
    assert "not attempted yet" in captured.err and captured.out == ""


# --------------------------------------------------------------------------- 06.1
def test_equilibrium_solution_passes(capsys):
    checks.check_sgd_equilibrium_norm(solution("sgd_equilibrium_norm"))
    assert "Exercise 06.1 correct" in capsys.readouterr().out


def test_equilibrium_exact_fixed_point_passes_too(capsys):
    """Solving (1 - lr*lambd)^2 exactly (no first-order step) is also right."""
    checks.check_sgd_equilibrium_norm(lambda lr, lam, g: (lr * g * g / (lam * (2 - lr * lam))) ** 0.25)
    assert "correct" in capsys.readouterr().out


def test_equilibrium_reference_is_the_fixed_point():
    for lr, lam, g in checks._CASES_EQUILIBRIUM:
        exact = (lr * g * g / (lam * (2 - lr * lam))) ** 0.25
        assert checks._reference_equilibrium_norm(lr, lam, g) == pytest.approx(exact, rel=1e-3)


@pytest.mark.parametrize("wrong, hint", [
    (lambda lr, lam, g: (lr * g * g / (2 * lam)) ** 0.5, "did not depend on the norm"),
    (lambda lr, lam, g: (lr * g * g / lam) ** 0.25, "factor 2"),
    (lambda lr, lam, g: lr * g * g / (2 * lam), "a power of the norm"),
    (lambda lr, lam, g: math.sqrt(2 * lr * lam), "angle turned per step"),
    (lambda lr, lam, g: (g * g / (2 * lr * lam)) ** 0.25, "powers of lr"),
    (lambda lr, lam, g: (lr * g / (2 * lam)) ** 0.25, "enters squared"),
    (lambda lr, lam, g: 0.0, "Pythagoras"),
    (lambda lr, lam, g: 1.0, "Pythagoras"),
    (lambda lr, lam, g: g, "Pythagoras"),
    (lambda lr, lam, g: "1.0", "return one number"),
])
def test_equilibrium_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 06.1: .*{hint}"):
        checks.check_sgd_equilibrium_norm(wrong)


# --------------------------------------------------------------------------- 06.2
def test_paper_solution_passes(capsys):
    checks.check_torch_weight_decay(solution("torch_weight_decay"))
    assert "Exercise 06.2 correct" in capsys.readouterr().out


def _lam(ln, b, B, T):
    return ln * math.sqrt(b / (B * T))


@pytest.mark.parametrize("wrong, hint", [
    (lambda ln, a, b, B, T: _lam(ln, b, B, T), "current learning rate"),
    (lambda ln, a, b, B, T: _lam(ln, b, B, T) * a, "solve for weight_decay"),
    (lambda ln, a, b, B, T: ln / a, "NORMALIZED"),
    (lambda ln, a, b, B, T: ln, "two conversions"),
    (lambda ln, a, b, B, T: ln * math.sqrt(B * T / b) / a, "SMALLER"),
    (lambda ln, a, b, B, T: ln * b / (B * math.sqrt(T)) / a, "epochs, not steps"),
    (lambda ln, a, b, B, T: ln * b / (B * T) / a, "square root"),
    (lambda ln, a, b, B, T: 0.0, "write the decay of one step both ways"),
    (lambda ln, a, b, B, T: 0.01, "write the decay of one step both ways"),
])
def test_paper_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 06.2: .*{hint}"):
        checks.check_torch_weight_decay(wrong)


def test_paper_reference_is_not_torch():
    """The reference is the paper's update written out: with the right conversion torch matches it, with lambda
    copied it does not."""
    ln, alpha, b, B, T = checks._CASES_PAPER[0]
    paper = checks._reference_paper_adamw(ln, alpha, b, B, T)
    right = checks._torch_adamw(_lam(ln, b, B, T) / alpha, alpha)
    copied = checks._torch_adamw(_lam(ln, b, B, T), alpha)
    assert (right - paper).abs().max() < 1e-9 < (copied - paper).abs().max()


# --------------------------------------------------------------------------- 06.3
def test_rescaled_solution_passes(capsys):
    checks.check_adamw_rescaled(solution("adamw_rescaled"))
    assert "Exercise 06.3 correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda lr, lam, c: (c * c * lr, lam / c ** 2), "SGD's rule"),
    (lambda lr, lam, c: (lr, lam), "c times more slowly"),
    (lambda lr, lam, c: (c * lr, lam), "same fraction of the weights"),
    (lambda lr, lam, c: (lr / c, lam * c), "upside down"),
    (lambda lr, lam, c: (lr, lam / c), "same fraction"),
    (lambda lr, lam, c: (0.0, 0.0), "must be positive"),
    (lambda lr, lam, c: (2 * lr, lam / 3), "Adam's update u is unchanged"),
    (lambda lr, lam, c: c * lr, "return a pair"),
])
def test_rescaled_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 06.3: .*{hint}"):
        checks.check_adamw_rescaled(wrong)


# --------------------------------------------------------------------------- 06.4
def test_mingpt_solution_passes(capsys):
    checks.check_mingpt_groups(solution("mingpt_groups"))
    assert "Exercise 06.4 correct" in capsys.readouterr().out


def _by_rule(decide):
    def groups(model, weight_decay):
        decay, rest = [], []
        for module in model.modules():
            for name, p in module.named_parameters(recurse=False):
                (decay if decide(module, name, p) else rest).append(p)
        return [{"params": decay, "weight_decay": weight_decay}, {"params": rest, "weight_decay": 0.0}]
    return groups


@pytest.mark.parametrize("wrong, hint", [
    (lambda m, wd: d2l.nb03.param_groups(m, wd), "nanoGPT's rule"),
    (_by_rule(lambda mod, n, p: p.dim() >= 2), "nanoGPT's rule"),
    (_by_rule(lambda mod, n, p: n == "weight"), "nanoGPT's rule"),
    (_by_rule(lambda mod, n, p: isinstance(mod, (nn.Linear, nn.LayerNorm)) and n == "weight"),
     "LayerNorm weights are gains"),
    (_by_rule(lambda mod, n, p: isinstance(mod, nn.Linear)), "no bias is decayed"),
    (_by_rule(lambda mod, n, p: False), "exactly the weights of nn.Linear"),
    (lambda m, wd: [{"params": [p for n, p in m.named_parameters() if n.endswith("weight") and "ln" not in n
                                and not n.startswith(("tok", "pos"))], "weight_decay": wd}], "exactly one group"),
    (lambda m, wd: [{"params": list(m.parameters()), "weight_decay": wd},
                    {"params": list(m.parameters()), "weight_decay": 0.0}],
     "exactly one group"),
    (lambda m, wd: [{"params": list(m.parameters()), "weight_decay": 0.5}], "use weight_decay=0.1"),
    (lambda m, wd: {"params": list(m.parameters())}, "list of parameter-group dicts"),
])
def test_mingpt_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 06.4: .*{hint}"):
        checks.check_mingpt_groups(wrong)


def test_mingpt_reference_matches_mingpt_on_its_own_modules():
    """The private reference, on the case model: Linear weights only (4 in the blocks + head)."""
    decay, no_decay = checks._reference_mingpt_split(checks._case_model())
    assert decay == {"blocks.0.up.weight", "blocks.0.down.weight", "blocks.1.up.weight", "blocks.1.down.weight",
                     "head.weight"}
    assert {"tok.weight", "pos.weight", "ln_f.weight", "ln_f.bias", "blocks.0.up.bias"} <= no_decay
