"""Each notebook-03 check accepts the worked solution and rejects typical mistakes with a hint."""

import pytest
import torch
from torch import nn

import d2lmini as d2l
from d2lmini import checks


def test_mse_settings(capsys):
    checks.check_mse_settings(0.0015, 6.0)
    assert "OK" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="no 1/2"):
        checks.check_mse_settings(0.003, 3.0)
    with pytest.raises(AssertionError, match="factor of 2"):
        checks.check_mse_settings(0.0015, 3.0)
    with pytest.raises(AssertionError, match="4x too small"):
        checks.check_mse_settings(0.0015, 1.5)
    with pytest.raises(AssertionError, match="lr / 2"):
        checks.check_mse_settings(0.006, 6.0)
    with pytest.raises(AssertionError, match="number"):
        checks.check_mse_settings("0.0015", 6.0)


def right_penalty(model, lambd):
    return lambd / 2 * d2l.weight_sq_norm(model)


def test_weight_penalty_right(capsys):
    checks.check_weight_penalty(right_penalty)
    assert "OK" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda m, lam: lam * d2l.weight_sq_norm(m), "forget the 1/2"),
    (lambda m, lam: lam / 2 * sum((p ** 2).sum() for p in m.parameters()), "model.parameters"),
    (lambda m, lam: lam / 2 * sum((p ** 2).sum() for n, p in m.named_parameters() if n != "1.weight"),
     "biases"),
    (lambda m, lam: float(right_penalty(m, lam).detach()), "not a tensor"),
    (lambda m, lam: right_penalty(m, lam).detach(), "no gradient"),
    (lambda m, lam: lam / 2 * sum(p.norm() for n, p in m.named_parameters() if n in ("0.weight", "3.weight")),
     None),
])
def test_weight_penalty_wrong(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_weight_penalty(wrong)


def test_weight_penalty_no_grad_mistake():
    def under_no_grad(model, lambd):
        with torch.no_grad():
            return right_penalty(model, lambd)
    with pytest.raises(AssertionError, match="no_grad"):
        checks.check_weight_penalty(under_no_grad)


def make_model():
    return nn.Sequential(nn.Linear(2, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 1))


def test_groups(capsys):
    net = make_model()
    checks.check_groups(torch.optim.AdamW(d2l.param_groups(net, 0.05), lr=1e-3), net, 0.05)
    assert "OK" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="model.parameters"):
        checks.check_groups(torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.05), net, 0.05)
    with pytest.raises(AssertionError, match="weight_decay=0.05"):
        checks.check_groups(torch.optim.AdamW(d2l.param_groups(net, 0.5), lr=1e-3), net, 0.05)
    only_weights = [net[0].weight, net[3].weight]
    with pytest.raises(AssertionError, match="not optimized"):
        checks.check_groups(torch.optim.AdamW(only_weights, lr=1e-3, weight_decay=0.05), net, 0.05)
    groups = [{"params": [net[0].weight, net[3].weight, net[1].weight], "weight_decay": 0.05},
              {"params": [net[0].bias, net[1].bias, net[3].bias], "weight_decay": 0.0}]
    with pytest.raises(AssertionError, match="1.weight"):
        checks.check_groups(torch.optim.AdamW(groups, lr=1e-3), net, 0.05)


def test_adamw_factor(capsys):
    checks.check_adamw_factor((1 - 1e-5) ** 1000)
    assert "OK" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="multiplies the decay by the learning rate"):
        checks.check_adamw_factor(0.99 ** 1000)
    with pytest.raises(AssertionError, match="ONE step"):
        checks.check_adamw_factor(1 - 1e-5)
    with pytest.raises(AssertionError, match="compounds"):
        checks.check_adamw_factor(1 - 1000 * 1e-5 + 0.0)
    with pytest.raises(AssertionError):
        checks.check_adamw_factor(0.5)


def test_decoupled_step(capsys):
    def right(params, lr, weight_decay):
        with torch.no_grad():
            for p in params:
                p.mul_(1 - lr * weight_decay)
    checks.check_decoupled_step(right)
    assert "OK" in capsys.readouterr().out

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

    with pytest.raises(AssertionError, match="no_grad"):
        checks.check_decoupled_step(no_no_grad)
    with pytest.raises(AssertionError, match="1 - lr\\*weight_decay"):
        checks.check_decoupled_step(forgot_lr)
    with pytest.raises(AssertionError, match="in place"):
        checks.check_decoupled_step(rebinds)
