"""Exercise checks of notebook 03: the notebook's worked solutions pass, each typical mistake fails with its own
hint, trivial answers fail, and an unanswered exercise (the student edition's stub) reports "not attempted yet"
on stderr without raising."""

import pytest
import torch
from notebook_source import taught_function
from torch import nn

from d2lmini.checks import nb03 as checks

NB = "03_weight_decay_concise.ipynb"


def solution(name):
    return taught_function(NB, name, {"nn": nn})


def stub(*args, **kwargs):
    raise NotImplementedError()


ALL = [checks.check_l2_term, checks.check_port_keras, checks.check_sgdw_lambda, checks.check_choose_and_test,
       checks.check_decoupled_step]


@pytest.mark.parametrize("check", ALL)
def test_stub_is_not_attempted(check, capsys):
    check(stub)
    out = capsys.readouterr()
    assert "not attempted yet" in out.err and out.out == ""


@pytest.mark.parametrize("check, name", list(zip(ALL, ["l2_term", "port_keras", "sgdw_lambda", "choose_and_test",
                                                       "decoupled_step"], strict=True)))
def test_notebook_solution_passes(check, name, capsys):
    check(solution(name))
    assert f"Exercise {check.label} correct" in capsys.readouterr().out


# --------------------------------------------------------------------------- 03.1 the L2 term
def weights_only(model, lambd, keep):
    return lambd / 2 * sum((p ** 2).sum() for n, p in model.named_parameters() if keep(n, p))


NORMS = (nn.LayerNorm, nn.BatchNorm1d)


def owner(model, name):
    return model.get_submodule(name.rsplit(".", 1)[0]) if "." in name else model


@pytest.mark.parametrize("wrong, hint", [
    (lambda m, lam: lam / 2 * sum((mod.weight ** 2).sum() for mod in m.modules()         # the old worked solution
                                  if isinstance(mod, (nn.Linear, nn.Conv1d, nn.Conv2d))), "only nn.Linear/Conv"),
    (lambda m, lam: 2 * solution("l2_term")(m, lam), "factor of 2"),
    (lambda m, lam: weights_only(m, lam, lambda n, p: True), "model.parameters"),
    (lambda m, lam: weights_only(m, lam, lambda n, p: p.dim() >= 2 and not n.endswith("bias")), "normalization"),
    (lambda m, lam: solution("l2_term")(m, lam) + weights_only(
        m, lam, lambda n, p: n.endswith("bias") and not isinstance(owner(m, n), NORMS)), "biases"),
    (lambda m, lam: float(solution("l2_term")(m, lam).detach()), "do not call .item\\(\\) or float\\(\\)"),
    (lambda m, lam: solution("l2_term")(m, lam).detach(), "torch.no_grad\\(\\) or with .detach"),
    (lambda m, lam: torch.zeros((), requires_grad=True) * lam, "sum \\(p \\*\\* 2\\)"),     # trivial: zero
])
def test_l2_term_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 03.1: .*Hint: .*{hint}"):
        checks.check_l2_term(wrong)


def test_l2_term_old_solution_is_wrong_on_an_embedding_model():
    """Issue 13: on an Embedding + Linear model the Linear-only sum misses most of the penalty."""
    model = nn.Sequential(nn.Embedding(50, 8), nn.Linear(8, 2))
    old = sum(float((mod.weight.detach() ** 2).sum()) for mod in model.modules() if isinstance(mod, nn.Linear))
    assert float(solution("l2_term")(model, 2.0).detach()) > 2 / 2 * old * 10


# --------------------------------------------------------------------------- 03.2 Keras port
def port(opt="adamw", bias_decay=True, c_factor=1.0, half=False, l2_bias=False):
    def port_keras(model, c=1e-4, wd=0.05, lr=1e-3):
        groups = [{"params": [model.weight], "weight_decay": wd},
                  {"params": [model.bias], "weight_decay": wd if bias_decay else 0.0}]
        optimizer = (torch.optim.AdamW if opt == "adamw" else torch.optim.Adam)(groups, lr=lr)

        def loss_fn(model, X, y):
            reg = (model.weight ** 2).sum() + ((model.bias ** 2).sum() if l2_bias else 0.0)
            return ((model(X) - y) ** 2).mean() * (0.5 if half else 1.0) + c * c_factor * reg
        return optimizer, loss_fn
    return port_keras


def test_port_keras_right_by_hand(capsys):
    checks.check_port_keras(port())
    assert "Exercise 03.2 correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (port(opt="adam"), "decoupled, like torch.optim.AdamW"),                 # the coupled-L2 mistake
    (port(bias_decay=False), "the bias too"),                                # param_groups: Keras decays the bias
    (port(c_factor=0.0), "add c \\* sum"),
    (port(c_factor=0.5), "without a 1/2"),
    (port(half=True), "'mse' is the mean"),
    (port(l2_bias=True), "kernel_regularizer"),
    (lambda model, c=1e-4, wd=0.05, lr=1e-3: (torch.optim.SGD(model.parameters(), lr=0.5),   # trivial: SGD(lr=0.5)
                                              lambda m, X, y: ((m(X) - y) ** 2).mean()), "corresponds to"),
    (lambda model, c=1e-4, wd=0.05, lr=1e-3: torch.optim.AdamW(model.parameters()), "pair"),
])
def test_port_keras_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 03.2: .*Hint: .*{hint}"):
        checks.check_port_keras(wrong)


def test_keras_reference_is_adamw_up_to_epsilon():
    """The private Keras emulation is PyTorch's AdamW on the Keras loss, up to where ε is added."""
    gen = torch.Generator().manual_seed(0)
    X, y = torch.randn(8, 3, generator=gen, dtype=torch.float64), torch.randn(8, 2, generator=gen, dtype=torch.float64)
    model = nn.Linear(3, 2).double()
    ref = checks._keras_reference(model, X, y, 0.05, 0.5, 0.05, 20)
    assert checks._gap(ref, checks._torch_variant(model, X, y, 0.05, 0.5, 0.05, 20)) < 1e-5
    assert checks._gap(ref, checks._torch_variant(model, X, y, 0.05, 0.5, 0.05, 20, opt="adam")) > 1e-2


# --------------------------------------------------------------------------- 03.3 SGDW with momentum (derivation)
@pytest.mark.parametrize("case", checks._SGDW_CASES)
def test_sgdw_reference_is_where_pytorch_sgd_ends(case):
    assert torch.allclose(checks._sgdw_end(*case), checks._ridge(checks._reference_sgdw_lambda(*case)), atol=1e-10)


@pytest.mark.parametrize("wrong, hint", [
    (lambda wd, b, t: wd * (1 - b), "left out the dampening"),
    (lambda wd, b, t: wd, "not the same as coupled"),
    (lambda wd, b, t: wd / (1 - b), "inverted"),
    (lambda wd, b, t: wd * (1 - b) * (1 - t), "denominator"),
    (lambda wd, b, t: 0.0, "fixed point"),                                   # trivial
    (lambda wd, b, t: 0.3, "fixed point"),                                   # the (1 - β)·wd printed in section 6
    (lambda wd, b, t: "0.4", "return one number"),
])
def test_sgdw_lambda_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 03.3: .*Hint: .*{hint}"):
        checks.check_sgdw_lambda(wrong)


# --------------------------------------------------------------------------- 03.4 choose on validation
@pytest.mark.parametrize("wrong, hint", [
    (lambda lams, v, t: (lams[int(t.mean(0).argmax())], float(t.mean(0).max())), "test set must not choose"),
    (lambda lams, v, t: (lams[int(v.max(0).values.argmax())], float(t[:, 1].mean())), "average over the seeds"),
    (lambda lams, v, t: (int(v.mean(0).argmax()), float(t[:, 2].mean())), "lambdas\\[index\\]"),
    (lambda lams, v, t: (lams[2], float(v[:, 2].mean())), "mean TEST accuracy"),
    (lambda lams, v, t: (lams[2], float(t[0, 2])), "test_acc\\[:, k\\].mean"),
    (lambda lams, v, t: (0.0, 0.0), "highest mean validation"),             # trivial
    (lambda lams, v, t: lams[2], "pair"),
])
def test_choose_and_test_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 03.4: .*Hint: .*{hint}"):
        checks.check_choose_and_test(wrong)


# --------------------------------------------------------------------------- 03.5 AdamW by hand
def no_no_grad(params, lr, weight_decay):
    for p in params:
        p.mul_(1 - lr * weight_decay)


def forgot_lr(params, lr, weight_decay):
    with torch.no_grad():
        for p in params:
            p.mul_(1 - weight_decay)


def rebinds(params, lr, weight_decay):
    for p in params:
        p = p * (1 - lr * weight_decay)  # noqa: PLW2901 - the typical mistake
    return p


def only_first(params, lr, weight_decay):
    with torch.no_grad():
        params[0].mul_(1 - lr * weight_decay)


@pytest.mark.parametrize("wrong, hint", [
    (no_no_grad, "torch.no_grad"), (forgot_lr, "1 - lr \\* weight_decay"), (rebinds, "in place"),
    (lambda params, lr, weight_decay: None, "only rebinds"),                # trivial: nothing
    (only_first, "every tensor"),
])
def test_decoupled_step_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=f"Exercise 03.5: .*Hint: .*{hint}"):
        checks.check_decoupled_step(wrong)
