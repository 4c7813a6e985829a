"""Notebook 03's plumbing for the two-moons MLP: seeded data and weights that leave the global generator alone,
a batched lambda sweep that equals training each network with torch.optim.SGD + param_groups, and a slider whose
`show` drives its own figure."""

import dataclasses
import math

import matplotlib
import pytest
import torch
from torch import nn

import d2lmini as d2l

matplotlib.use("Agg")
M = d2l.nb03
S = M.SETUP


def test_make_moons_is_seeded_and_leaves_the_global_generator_alone():
    torch.manual_seed(123)
    expected = torch.rand(1)
    torch.manual_seed(123)
    X, y = M.make_moons(400, noise=0.0, flip=0.0, seed=3)
    assert torch.equal(torch.rand(1), expected)                      # global stream untouched
    assert X.shape == (400, 2) and y.shape == (400,) and float(y.sum()) == 200
    assert torch.allclose(X[y == 0].norm(dim=1), torch.ones(200), atol=1e-5)   # the upper moon: unit circle
    X2, y2 = M.make_moons(400, noise=0.0, flip=0.0, seed=3)
    assert torch.equal(X, X2) and torch.equal(y, y2)
    _, y_flip = M.make_moons(4000, noise=0.0, flip=0.2, seed=3)
    _, y_clean = M.make_moons(4000, noise=0.0, flip=0.0, seed=3)
    assert 0.17 < float((y_flip != y_clean).float().mean()) < 0.23


def test_mlp_is_seeded_like_nn_linear_and_leaves_the_global_generator_alone():
    torch.manual_seed(5)
    expected = torch.rand(1)
    torch.manual_seed(5)
    a, b = M.mlp(16, 2, seed=1), M.mlp(16, 2, seed=1)
    assert torch.equal(torch.rand(1), expected)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert [tuple(p.shape) for p in a.parameters()] == [(16, 2), (16,), (16, 16), (16,), (1, 16), (1,)]
    assert float(a[2].weight.detach().abs().max()) <= 1 / 16 ** 0.5                # uniform in ±1/sqrt(fan_in)


def train_one(X, y, lambd, steps, seed_init):
    net = M.mlp(S.moons_hidden, 2, seed=seed_init)
    optimizer = torch.optim.SGD(M.param_groups(net, lambd), lr=S.moons_lr, momentum=S.momentum)
    for _ in range(steps):
        loss = nn.BCEWithLogitsLoss()(net(X).reshape(-1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return net


def test_sweep_equals_one_network_at_a_time_with_param_groups():
    """Against torch.optim.SGD(param_groups(net, λ), momentum=0.9) per network, on a short run."""
    X_val, y_val = M.make_moons(200, seed=10)
    setup = dataclasses.replace(S, moons_steps=100, num_seeds=2)
    lambdas = [0.0, 0.01]
    sweep = M.moon_sweep(lambdas, X_val, y_val, setup=setup, num=20)
    logits = M.stacked_logits(sweep, X_val)
    for r in range(2):
        X, y = M.make_moons(S.moons_train, S.moons_noise, S.moons_flip, seed=100 + r)
        for k, lambd in enumerate(lambdas):
            net = train_one(X, y, lambd, 100, seed_init=200 + r)
            with torch.no_grad():
                assert torch.allclose(logits[r, k], net(X_val).reshape(-1), atol=1e-4)
                assert float(sweep.train_acc[r, k]) == float(M.accuracy(net(X).reshape(-1), y))
    assert sweep.probs.shape == (2, 20, 20) and sweep.norms.shape == (2, 2)
    assert bool((sweep.norms[:, 1] < sweep.norms[:, 0]).all())           # decay shrinks the weights
    assert sweep.steps == [50, 100] and sweep.val_curve.shape == (2, 2, 2) == sweep.train_curve.shape
    assert torch.equal(sweep.val_curve[..., -1], sweep.val_acc)
    assert torch.equal(sweep.train_curve[..., -1], sweep.train_acc)
    early = M.stacked_logits(sweep, X_val, step=50)                      # a checkpoint: the networks after 50 steps
    for r in range(2):
        X, y = M.make_moons(S.moons_train, S.moons_noise, S.moons_flip, seed=100 + r)
        for k, lambd in enumerate(lambdas):
            net = train_one(X, y, lambd, 50, seed_init=200 + r)
            with torch.no_grad():
                assert torch.allclose(early[r, k], net(X_val).reshape(-1), atol=1e-4)
            assert float(sweep.val_curve[r, k, 0]) == float(M.accuracy(early[r, k], y_val))
    assert torch.equal(M.stacked_logits(sweep, X_val), logits)           # the checkpoint left the sweep's net alone


def test_bayes_accuracy_against_an_independent_estimate_and_its_limits():
    """The Bayes rule's accuracy: (1) against labeled draws classified with densities from RANDOM t (not the
    midpoint grid), within 3 standard errors; (2) separable classes give 1 - flip; (3) flip = 0.5 gives 0.5."""
    acc, se = M.bayes_accuracy(0.25, 0.1, num=20000, seed=1)
    gen = torch.Generator().manual_seed(7)
    t = torch.rand(300, generator=gen, dtype=torch.float64) * math.pi
    curves = [torch.stack([t.cos(), t.sin()], 1), torch.stack([1 - t.cos(), 0.5 - t.sin()], 1)]
    X, y = M.make_moons(40000, 0.25, 0.1, seed=3)                         # labeled, with flips
    X = X.double()
    log_p = [torch.cat([torch.logsumexp(-((c[:, None] - mu) ** 2).sum(-1) / (2 * 0.25 ** 2), 1) for c in X.split(2000)])
             for mu in curves]
    rule = (log_p[1] > log_p[0]).float()
    empirical = float((rule == y).float().mean())
    assert abs(empirical - acc) < 3 * (empirical * (1 - empirical) / len(y)) ** 0.5 + se
    assert M.bayes_accuracy(0.02, 0.1, num=2000)[0] == pytest.approx(0.9, abs=1e-3)
    assert M.bayes_accuracy(0.25, 0.5, num=2000)[0] == pytest.approx(0.5, abs=1e-9)


def test_accuracy():
    assert float(M.accuracy(torch.tensor([2.0, -1.0, 0.5, -3.0]), torch.tensor([1.0, 0.0, 0.0, 0.0]))) == 0.75


def test_slider_show_binds_its_own_figure():
    """Re-running the builder leaves the first slider driving its own (first) figure."""
    X_val, y_val = M.make_moons(100, seed=10)
    sweep = M.moon_sweep([0.0, 0.1], X_val, y_val, setup=dataclasses.replace(S, moons_steps=20, num_seeds=1), num=15)
    X, y = M.make_moons(S.moons_train, S.moons_noise, S.moons_flip, seed=100)
    fig1, show1 = M.boundary_slider(sweep, X, y)
    png_a = d2l.figure_png(fig1)
    fig2, show2 = M.boundary_slider(sweep, X, y)
    readout = show1(0.1)
    assert readout.startswith("λ = 0.1: train") and "(seed 0)" in readout
    assert d2l.figure_png(fig1) != png_a                                # the first figure changed ...
    show1(0.0)
    assert d2l.figure_png(fig1) == png_a                                # ... and comes back
    assert d2l.figure_png(fig2) == png_a                                # the second one was not touched
