"""Model, loss, penalty, SGD, evaluation and ridge, checked against PyTorch itself and independent methods."""

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


def test_linreg_matches_nn_linear_batched():
    layer = nn.Linear(4, 1, dtype=torch.float64)
    X = torch.randn(3, 5, 4, dtype=torch.float64)   # leading batch dimension
    out = d2l.linreg(X, layer.weight.detach().T, layer.bias.detach())
    assert torch.allclose(out, layer(X).detach())


def test_squared_loss_matches_mseloss_with_half():
    y_hat, y = torch.randn(10, 1), torch.randn(10)  # y is reshaped like y_hat
    ours = d2l.squared_loss(y_hat, y)
    assert ours.shape == (10, 1)
    assert torch.allclose(ours.mean(), nn.MSELoss()(y_hat, y.reshape(10, 1)) / 2)


def test_l2_penalty_value_and_gradient():
    w = torch.tensor([3.0, 4.0], requires_grad=True)
    p = d2l.l2_penalty(w)
    p.backward()
    assert p.item() == 12.5
    assert torch.equal(w.grad, w.detach())  # d/dw ||w||^2 / 2 = w


def test_init_params():
    d2l.set_seed(0)
    w, b = d2l.init_params(500)
    assert w.shape == (500, 1) and b.shape == (1,) and w.requires_grad and b.requires_grad
    assert abs(w.std() - 1) < 0.1 and b.item() == 0


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
    assert math.isclose(got, d2l.evaluate_loss(net, [(X, y)], d2l.squared_loss), rel_tol=1e-6)  # batching


# ridge: the one closed-form solver (taught in notebook 01), against independent methods --------------
def _ridge_lstsq(X, y, lambd):
    """Ridge as ordinary least squares on augmented data: [X; sqrt(n lambd) I] w = [y; 0]."""
    n, d = X.shape
    A = torch.cat([X, (n * lambd) ** 0.5 * torch.eye(d, dtype=X.dtype)])
    return torch.linalg.lstsq(A, torch.cat([y, torch.zeros(d, dtype=X.dtype)]).unsqueeze(-1)).solution.squeeze(-1)


@pytest.mark.parametrize("n, d", [(30, 5), (8, 20)])   # also more features than examples
def test_ridge_matches_lstsq_on_augmented_data(n, d):
    g = torch.Generator().manual_seed(0)
    X, y = torch.randn(n, d, generator=g, dtype=torch.float64), torch.randn(n, generator=g, dtype=torch.float64)
    for lambd in (1e-3, 0.3, 10.0):
        assert torch.allclose(d2l.ridge(X, y, lambd), _ridge_lstsq(X, y, lambd), atol=1e-10)


def test_ridge_is_the_minimizer_of_the_mean_loss_plus_penalty():
    """Gradient of mean((Xw - y)^2)/2 + lambd/2 ||w||^2 vanishes at d2l.ridge (autograd, not algebra)."""
    g = torch.Generator().manual_seed(1)
    X, y = torch.randn(25, 6, generator=g, dtype=torch.float64), torch.randn(25, generator=g, dtype=torch.float64)
    w = d2l.ridge(X, y, 0.2).requires_grad_()
    (d2l.squared_loss(X @ w, y).mean() + 0.2 * d2l.l2_penalty(w)).backward()
    assert w.grad.abs().max() < 1e-12


def test_ridge_batches_over_training_sets_and_lambdas():
    g = torch.Generator().manual_seed(2)
    X, y = torch.randn(4, 10, 3, generator=g, dtype=torch.float64), torch.randn(4, 10, generator=g, dtype=torch.float64)
    lambdas = [0.0, 0.1, 1.0]
    W = d2l.ridge(X, y, lambdas)
    assert W.shape == (3, 4, 3)
    for k, lambd in enumerate(lambdas):
        for r in range(4):
            assert torch.allclose(W[k, r], d2l.ridge(X[r], y[r], lambd), atol=1e-12)
            assert torch.allclose(W[k, r], _ridge_lstsq(X[r], y[r], lambd), atol=1e-10)
