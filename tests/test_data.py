"""synthetic_data and load_array: shapes, statistics, shuffling."""

import torch

import d2lmini as d2l


def test_synthetic_data_shapes_and_statistics():
    d2l.set_seed(0)
    w = torch.tensor([2.0, -3.4])
    X, y = d2l.synthetic_data(w, 4.2, 20000, noise=0.5)
    assert X.shape == (20000, 2) and y.shape == (20000, 1)
    assert abs(X.mean()) < 0.02 and abs(X.std() - 1) < 0.02
    residual = y - (X @ w.reshape(-1, 1) + 4.2)
    assert abs(residual.mean()) < 0.02 and abs(residual.std() - 0.5) < 0.02
    # least squares recovers the generating weights
    sol = torch.linalg.lstsq(torch.cat([X, torch.ones(len(X), 1)], 1), y).solution.reshape(-1)
    assert torch.allclose(sol, torch.tensor([2.0, -3.4, 4.2]), atol=0.02)


def test_synthetic_data_accepts_column_vector_and_zero_noise():
    X, y = d2l.synthetic_data(torch.ones(3, 1), 0.0, 5, noise=0.0)
    assert torch.allclose(y, X.sum(1, keepdim=True))


def test_load_array_shuffles_only_when_training():
    X = torch.arange(20.0).reshape(10, 2)
    y = torch.arange(10.0).reshape(10, 1)
    d2l.set_seed(0)
    ordered = torch.cat([b for _, b in d2l.load_array((X, y), 3, is_train=False)]).reshape(-1)
    shuffled = torch.cat([b for _, b in d2l.load_array((X, y), 3)]).reshape(-1)
    assert torch.equal(ordered, y.reshape(-1))
    assert not torch.equal(shuffled, y.reshape(-1))
    assert torch.equal(shuffled.sort().values, y.reshape(-1))
    assert [len(b) for _, b in d2l.load_array((X, y), 3)] == [3, 3, 3, 1]
