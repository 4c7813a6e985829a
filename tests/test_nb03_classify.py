"""Unit tests for d2lmini.classify (two moons, MLP, training, boundaries)."""

import pytest
import torch

import d2lmini as d2l


def test_make_moons_shapes_balance_and_flips():
    d2l.set_seed(0)
    X, y = d2l.make_moons(400, noise=0.0, flip=0.0)
    assert X.shape == (400, 2) and y.shape == (400,)
    assert float(y.sum()) == 200
    upper = X[y == 0]
    assert torch.allclose(upper.norm(dim=1), torch.ones(200), atol=1e-5)  # on the unit circle
    d2l.set_seed(0)
    _, y_noisy = d2l.make_moons(400, noise=0.0, flip=0.2)
    assert 0.1 < float((y_noisy != y).float().mean()) < 0.3


def test_make_moons_is_seeded():
    d2l.set_seed(1)
    a = d2l.make_moons(10)
    d2l.set_seed(1)
    b = d2l.make_moons(10)
    assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])


def test_train_classifier_learns_clean_moons():
    d2l.set_seed(0)
    X, y = d2l.make_moons(100, noise=0.1, flip=0.0)
    net = d2l.mlp(16, 2)
    opt = torch.optim.SGD(d2l.param_groups(net, 0.0), lr=0.2, momentum=0.9)
    loss = d2l.train_classifier(net, X, y, opt, 300)
    assert loss < 0.2 and d2l.accuracy(net, X, y) > 0.95


def test_strong_decay_shrinks_weights():
    d2l.set_seed(0)
    X, y = d2l.make_moons(100)
    norms = []
    for wd in (0.0, 0.1):
        d2l.set_seed(1)
        net = d2l.mlp(16, 2)
        d2l.train_classifier(net, X, y, torch.optim.SGD(d2l.param_groups(net, wd), lr=0.1), 200)
        norms.append(float(d2l.weight_sq_norm(net).detach()))
    assert norms[1] < 0.5 * norms[0]


def test_probability_grid_layout():
    net = torch.nn.Linear(2, 1)
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[10.0, 0.0]]))
        net.bias.zero_()
    xs, ys, P = d2l.probability_grid(net, (-1, 1), (0, 2), num=5)
    assert P.shape == (5, 5)
    assert float(P[0, 0]) < 0.01 and float(P[0, -1]) > 0.99  # varies along columns (x)


def test_bad_inputs_name_the_argument():
    with pytest.raises(ValueError, match="num_examples"):
        d2l.make_moons(1)
    with pytest.raises(ValueError, match="flip"):
        d2l.make_moons(10, flip=0.5)
    with pytest.raises(ValueError, match="noise"):
        d2l.make_moons(10, noise=-1.0)
    with pytest.raises(TypeError, match="num_hidden"):
        d2l.mlp(3.5)
    net = d2l.mlp(4, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    X, y = torch.zeros(4, 2), torch.zeros(4)
    with pytest.raises(TypeError, match="net"):
        d2l.train_classifier("net", X, y, opt, 1)
    with pytest.raises(TypeError, match="optimizer"):
        d2l.train_classifier(net, X, y, "sgd", 1)
    with pytest.raises(ValueError, match="y"):
        d2l.train_classifier(net, X, torch.zeros(3), opt, 1)
    with pytest.raises(ValueError, match="num_steps"):
        d2l.train_classifier(net, X, y, opt, 0)
    with pytest.raises(ValueError, match="X"):
        d2l.accuracy(net, torch.zeros(4), y)
    with pytest.raises(ValueError, match="xlim"):
        d2l.probability_grid(net, (1, 0), (0, 1))
    with pytest.raises(ValueError, match="num"):
        d2l.probability_grid(net, (0, 1), (0, 1), num=1)
    with pytest.raises(TypeError, match="net"):
        d2l.probability_grid(lambda x: x, (0, 1), (0, 1))
    with pytest.raises(TypeError, match="net"):
        d2l.accuracy(None, X, y)


def test_one_thread_restores_the_setting():
    from d2lmini.classify import one_thread
    before = torch.get_num_threads()
    with one_thread():
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    with pytest.raises(RuntimeError), one_thread():
        raise RuntimeError("boom")
    assert torch.get_num_threads() == before
