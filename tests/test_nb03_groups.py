"""Notebook 03's rule for parameter groups: the notebook's `param_groups` and the package's saved copy agree,
and the rule decays exactly the weights (tested against one optimizer step of PyTorch itself)."""

import warnings

import pytest
import torch
from notebook_source import taught_function
from torch import nn

import d2lmini as d2l

NB = "03_weight_decay_concise.ipynb"


class Block(nn.Module):
    """Every kind of parameter the rule has to sort."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.bn = nn.BatchNorm2d(4)
        self.gn = nn.GroupNorm(2, 4)
        self.emb = nn.Embedding(5, 4)
        self.pos = nn.Parameter(torch.zeros(1, 3, 4))       # a learned positional table: a weight
        self.attn = nn.MultiheadAttention(4, num_heads=2, batch_first=True)
        self.ln = nn.LayerNorm((2, 2))                      # a 2-D LayerNorm weight: still not decayed
        self.rms = nn.RMSNorm(4)
        self.head = nn.Linear(4, 2)
        self.scale = nn.Parameter(torch.ones(2))            # a 1-D gain outside a norm layer: not decayed


def names(model, groups):
    by_id = {id(p): n for n, p in model.named_parameters()}
    return [(g["weight_decay"], sorted(by_id[id(p)] for p in g["params"])) for g in groups]


MODELS = [
    Block,
    lambda: nn.Linear(200, 1),
    lambda: nn.Sequential(nn.Linear(2, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 1)),
    lambda: nn.LayerNorm(3),                                # nothing to decay: one group
    lambda: tied_model(),                                   # one tensor shared by two modules
]


@pytest.mark.parametrize("make", MODELS)
def test_notebook_rule_and_saved_copy_agree(make):
    taught = taught_function(NB, "param_groups")
    model = make()
    assert names(model, taught(model, 0.1)) == names(model, d2l.nb03.param_groups(model, 0.1))


def test_the_rule_sorts_every_kind_of_parameter():
    model = Block()
    (wd, decay), (zero, rest) = names(model, d2l.nb03.param_groups(model, 0.1))
    assert (wd, zero) == (0.1, 0.0)
    assert decay == sorted(["conv.weight", "emb.weight", "pos", "attn.in_proj_weight", "attn.out_proj.weight",
                            "head.weight"])
    assert rest == sorted(["conv.bias", "bn.weight", "bn.bias", "gn.weight", "gn.bias", "attn.in_proj_bias",
                           "attn.out_proj.bias", "ln.weight", "ln.bias", "rms.weight", "head.bias", "scale"])


def test_frozen_and_shared_parameters():
    lin = nn.Linear(2, 2)
    net = nn.Sequential(lin, nn.ReLU(), lin)                # shared: listed once
    groups = d2l.nb03.param_groups(net, 1.0)
    assert [len(g["params"]) for g in groups] == [1, 1]
    lin.bias.requires_grad_(False)                          # frozen: left out, empty group dropped
    assert names(net, d2l.nb03.param_groups(net, 1.0)) == [(1.0, ["0.weight"])]


def test_one_zero_gradient_step_decays_only_the_weights():
    """Against PyTorch's SGD itself: with zero data gradients only the decay acts."""
    model = Block()
    with torch.no_grad():
        for p in model.parameters():
            p.add_(1.0)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    optimizer = torch.optim.SGD(d2l.nb03.param_groups(model, 0.5), lr=0.1)
    for p in model.parameters():
        p.grad = torch.zeros_like(p)
    optimizer.step()
    (_, decay), _ = names(model, d2l.nb03.param_groups(model, 0.5))
    for n, p in model.named_parameters():
        assert torch.allclose(p, before[n] * (0.95 if n in decay else 1.0)), n


def tied_model():
    """An embedding table reused as the output layer (tied weights, as in many language models)."""
    model = nn.Sequential(nn.Embedding(10, 4), nn.Linear(4, 10, bias=True))
    model[1].weight = model[0].weight
    return model


def test_tied_weights_are_listed_once_and_decayed_once():
    """Review 03 D8: one tensor in two modules must be one entry of one group (torch warns about duplicates, and
    one zero-gradient step would shrink it twice: 0.9025 instead of 0.95)."""
    taught = taught_function(NB, "param_groups")
    for rule in (taught, d2l.nb03.param_groups):
        model = tied_model()
        assert names(model, rule(model, 0.5)) == [(0.5, ["0.weight"]), (0.0, ["1.bias"])]
        with torch.no_grad():
            model[0].weight.fill_(1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("error")                  # "duplicate parameters" would raise here
            optimizer = torch.optim.SGD(rule(model, 0.5), lr=0.1)
        for p in model.parameters():
            p.grad = torch.zeros_like(p)
        optimizer.step()
        assert torch.allclose(model[0].weight, torch.full((10, 4), 0.95))
