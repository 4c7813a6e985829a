"""Unit tests for d2lmini.groups: which parameters get weight decay."""

import pytest
import torch
from torch import nn

import d2lmini as d2l
from d2lmini.nb03 import is_decayed, split_decay_names, weight_sq_norm


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.bn = nn.BatchNorm2d(4)
        self.head = nn.Linear(4, 2)
        self.ln = nn.LayerNorm(2)
        self.emb = nn.Embedding(5, 2)
        self.scale = nn.Parameter(torch.ones(2))  # a 1-D gain outside a norm layer


def test_split_with_batchnorm_layernorm_and_biases():
    decay, no_decay = split_decay_names(Block())
    assert decay == ["conv.weight", "head.weight", "emb.weight"]
    assert no_decay == ["scale", "conv.bias", "bn.weight", "bn.bias", "head.bias", "ln.weight", "ln.bias"]


def test_norm_layers_never_decayed_even_if_2d():
    ln = nn.LayerNorm((3, 4))  # weight is 2-D but belongs to a norm layer
    assert split_decay_names(ln) == ([], ["weight", "bias"])
    for layer in (nn.GroupNorm(2, 4), nn.InstanceNorm1d(4, affine=True), nn.RMSNorm(4), nn.BatchNorm1d(4)):
        assert split_decay_names(layer)[0] == []


def test_is_decayed_rule():
    lin = nn.Linear(2, 2)
    assert is_decayed("weight", lin.weight, lin)
    assert not is_decayed("bias", lin.bias, lin)
    assert not is_decayed("bias", torch.zeros(2, 2), lin)  # a 2-D bias is still a bias


def test_param_groups_values_and_cover_every_parameter_once():
    net = Block()
    groups = d2l.param_groups(net, 0.1)
    assert [g["weight_decay"] for g in groups] == [0.1, 0.0]
    ids = [id(p) for g in groups for p in g["params"]]
    assert sorted(ids) == sorted(id(p) for p in net.parameters())
    assert len(ids) == len(set(ids))


def test_sgd_with_groups_leaves_bias_untouched_by_decay():
    net = nn.Sequential(nn.Linear(3, 3), nn.LayerNorm(3), nn.Linear(3, 1))
    before = {n: p.detach().clone() for n, p in net.named_parameters()}
    opt = torch.optim.SGD(d2l.param_groups(net, 0.5), lr=0.1)
    for p in net.parameters():
        p.grad = torch.zeros_like(p)  # zero data gradient: only the decay acts
    opt.step()
    for n, p in net.named_parameters():
        factor = 0.95 if n.endswith("weight") and not n.startswith("1.") else 1.0
        assert torch.allclose(p, before[n] * factor), n
    # the naive way decays the biases too
    opt = torch.optim.SGD(net.parameters(), lr=0.1, weight_decay=0.5)
    bias = net[0].bias.detach().clone()
    opt.step()
    assert torch.allclose(net[0].bias, bias * 0.95)


def test_shared_and_frozen_parameters():
    lin = nn.Linear(2, 2)
    net = nn.Sequential(lin, nn.ReLU(), lin)
    assert split_decay_names(net) == (["0.weight"], ["0.bias"])
    lin.bias.requires_grad_(False)
    assert split_decay_names(net) == (["0.weight"], [])
    assert len(d2l.param_groups(net, 1.0)) == 1


def test_weight_sq_norm_counts_weights_only_and_has_grad():
    net = nn.Sequential(nn.Linear(2, 2), nn.LayerNorm(2))
    with torch.no_grad():
        net[0].weight.fill_(2.0)
        net[0].bias.fill_(5.0)
    value = weight_sq_norm(net)
    assert float(value.detach()) == 16.0 and value.requires_grad


def test_bad_inputs_name_the_argument():
    with pytest.raises(TypeError, match="model"):
        d2l.param_groups([torch.zeros(2)], 0.1)
    with pytest.raises(ValueError, match="weight_decay"):
        d2l.param_groups(nn.Linear(2, 1), -1.0)
    with pytest.raises(TypeError, match="weight_decay"):
        d2l.param_groups(nn.Linear(2, 1), "0.1")
    with pytest.raises(ValueError, match="model"):
        d2l.param_groups(nn.ReLU(), 0.1)
    with pytest.raises(TypeError, match="model"):
        split_decay_names("net")
    with pytest.raises(TypeError, match="model"):
        weight_sq_norm(None)
