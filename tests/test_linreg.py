"""Model, losses, penalty, SGD and evaluation, checked against PyTorch itself."""

import math

import pytest
import torch
from torch import nn

import d2lmini as d2l


def test_linreg_matches_nn_linear():
    layer = nn.Linear(3, 1)
    X = torch.randn(7, 3)
    out = d2l.linreg(X, layer.weight.detach().T, layer.bias.detach())
    assert torch.allclose(out, layer(X).detach(), atol=1e-6)


def test_linreg_shape_mismatch_names_both():
    with pytest.raises(ValueError, match="X and w"):
        d2l.linreg(torch.ones(4, 3), torch.ones(2, 1), 0.0)
    with pytest.raises(TypeError, match="X"):
        d2l.linreg([[1.0]], torch.ones(1, 1), 0.0)


def test_squared_loss_matches_mseloss_with_half():
    y_hat, y = torch.randn(10, 1), torch.randn(10)  # y is reshaped like y_hat
    ours = d2l.squared_loss(y_hat, y)
    assert ours.shape == (10, 1)
    assert torch.allclose(ours.mean(), nn.MSELoss()(y_hat, y.reshape(10, 1)) / 2)


def test_squared_loss_size_mismatch():
    with pytest.raises(ValueError, match="y and y_hat"):
        d2l.squared_loss(torch.ones(4, 1), torch.ones(5))


def test_l2_penalty_value_and_gradient():
    w = torch.tensor([3.0, 4.0], requires_grad=True)
    p = d2l.l2_penalty(w)
    p.backward()
    assert p.item() == 12.5
    assert torch.equal(w.grad, w.detach())  # d/dw ||w||^2 / 2 = w
    with pytest.raises(TypeError, match="w"):
        d2l.l2_penalty([3.0, 4.0])


def test_init_params():
    d2l.set_seed(0)
    w, b = d2l.init_params(500)
    assert w.shape == (500, 1) and b.shape == (1,) and w.requires_grad and b.requires_grad
    assert abs(w.std() - 1) < 0.1 and b.item() == 0
    with pytest.raises(ValueError, match="num_inputs"):
        d2l.init_params(0)


def test_sgd_matches_torch_optim_sgd():
    torch.manual_seed(0)
    X, y = torch.randn(8, 4), torch.randn(8, 1)
    w1 = torch.randn(4, 1, requires_grad=True)
    b1 = torch.zeros(1, requires_grad=True)
    w2, b2 = w1.detach().clone().requires_grad_(), b1.detach().clone().requires_grad_()
    opt = torch.optim.SGD([w2, b2], lr=0.1)
    for _ in range(5):
        d2l.squared_loss(d2l.linreg(X, w1, b1), y).sum().backward()
        d2l.sgd([w1, b1], lr=0.1, batch_size=8)
        opt.zero_grad()
        d2l.squared_loss(d2l.linreg(X, w2, b2), y).mean().backward()  # mean = sum / batch_size
        opt.step()
    assert torch.allclose(w1, w2, atol=1e-6) and torch.allclose(b1, b2, atol=1e-6)
    assert torch.count_nonzero(w1.grad) == 0  # sgd zeroes the gradients


@pytest.mark.parametrize("lr, batch, exc, name", [
    (0.0, 1, ValueError, "lr"), (-0.1, 1, ValueError, "lr"), (math.nan, 1, ValueError, "lr"),
    (math.inf, 1, ValueError, "lr"), ("0.1", 1, TypeError, "lr"),
    (0.1, 0, ValueError, "batch_size"), (0.1, 1.5, TypeError, "batch_size"),
])
def test_sgd_bad_hyperparameters(lr, batch, exc, name):
    w = torch.ones(2, requires_grad=True)
    w.sum().backward()
    with pytest.raises(exc, match=name):
        d2l.sgd([w], lr, batch)


def test_sgd_without_gradient_says_so():
    with pytest.raises(ValueError, match="backward"):
        d2l.sgd([torch.ones(2, requires_grad=True)], 0.1, 1)


def test_diverging_training_raises_with_advice():
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.ones(200), 0.0, 20)
    w, b = d2l.init_params(200)
    with pytest.raises(d2l.DivergenceError, match="diverged.*smaller learning rate"):
        for _ in range(50):
            d2l.squared_loss(d2l.linreg(X, w, b), y).sum().backward()
            d2l.sgd([w, b], lr=1.0, batch_size=20)


def test_evaluate_loss_is_mean_per_example():
    X, y = torch.randn(10, 2), torch.randn(10, 1)
    w, b = torch.randn(2, 1), torch.tensor([0.5])
    net = lambda X: d2l.linreg(X, w, b)  # noqa: E731
    got = d2l.evaluate_loss(net, d2l.load_array((X, y), 3, is_train=False), d2l.squared_loss)
    assert math.isclose(got, float(((X @ w + b - y) ** 2 / 2).mean()), rel_tol=1e-6)
    with pytest.raises(ValueError, match="data_iter"):
        d2l.evaluate_loss(net, [], d2l.squared_loss)
