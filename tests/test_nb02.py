"""The vectorized lambda sweep reproduces the one-model loop."""

import pytest
import torch

import d2lmini as d2l


def loop(lambd, train_iter, num_inputs, epochs, lr, seed):
    d2l.set_seed(seed)
    w, b = d2l.init_params(num_inputs)
    for _ in range(epochs):
        for X, y in train_iter:
            (d2l.squared_loss(d2l.linreg(X, w, b), y) + lambd * d2l.l2_penalty(w)).sum().backward()
            d2l.sgd([w, b], lr, X.shape[0])
    return w.detach().reshape(-1), b.detach()


@pytest.fixture
def data():
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.ones(30) * 0.01, 0.05, 40)
    return d2l.load_array((X[:10], y[:10]), 5), (X[10:], y[10:])


def test_sweep_matches_loop(data):
    train_iter, test = data
    lambdas = [0.0, 0.5, 3.0]
    r = d2l.train_lambda_grid(lambdas, train_iter, {"test": test}, num_epochs=20, lr=0.01, seed=1)
    assert r.w.shape == (3, 30) and r.history["test"].shape == (3, 20)
    for k, lambd in enumerate(lambdas):
        w, b = loop(lambd, train_iter, 30, 20, 0.01, seed=1)
        assert torch.allclose(r.w[k], w, atol=1e-5) and torch.allclose(r.b[k], b, atol=1e-5)
    norms = r.history["norm"][:, -1]
    assert norms[0] > norms[1] > norms[2]  # more penalty, smaller weights
    final_test = ((test[0] @ r.w.T + r.b - test[1]) ** 2 / 2).mean(0)
    assert torch.allclose(r.history["test"][:, -1], final_test, rtol=1e-5)


def test_sweep_bad_input(data):
    train_iter, _ = data
    with pytest.raises(ValueError, match="lambdas"):
        d2l.train_lambda_grid([0.1, -1.0], train_iter)
    with pytest.raises(ValueError, match="lambdas"):
        d2l.train_lambda_grid([], train_iter)
    with pytest.raises(TypeError, match="train_iter"):
        d2l.train_lambda_grid([0.1], [(torch.ones(2, 2), torch.ones(2, 1))])
    with pytest.raises(ValueError, match="lr"):
        d2l.train_lambda_grid([0.1], train_iter, lr=0)
    with pytest.raises(d2l.DivergenceError, match="smaller learning rate"):
        d2l.train_lambda_grid([0.0], train_iter, lr=5.0)
