"""Notebook 05's plumbing (d2lmini.nb05) against PyTorch and scikit-learn themselves, and the notebook's taught code
against the package's saved copies."""

from __future__ import annotations

import ast
import subprocess
import sys

import nbformat
import pytest
import torch
from notebook_source import NOTEBOOKS, taught_function
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

import d2lmini as d2l
from d2lmini import nb05

NB = "05_weight_decay_real_data.ipynb"


def test_importing_d2lmini_does_not_import_scikit_learn():
    code = "import sys, d2lmini; assert 'sklearn' not in sys.modules, 'sklearn imported at d2lmini import'"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture(scope="module")
def data():
    return nb05.digits()


def _taught_class(name):
    nb = nbformat.read(NOTEBOOKS / NB, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.source.startswith("%"):
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                namespace = {"nn": nn, "torch": torch}
                exec(compile(ast.Module(body=[node], type_ignores=[]), NB, "exec"), namespace)
                return namespace[name]
    raise LookupError(name)


def test_split_standardize_is_the_notebooks(data):
    taught = taught_function(NB, "split_standardize")
    X, y = nb05.load_digits()
    for (a, ya), (b, yb) in zip(taught(X, y, (1000, 400, 397), 0), data, strict=True):
        assert torch.equal(a, b) and torch.equal(ya, yb)


def test_split_standardize_fits_on_train_only():
    X = torch.rand(50, 4) * torch.tensor([1.0, 2.0, 3.0, 0.0])      # last column constant
    y = torch.arange(50)
    (Xa, ya), (Xb, yb) = nb05.split_standardize(X, y, (30, 20), seed=3)
    assert torch.isfinite(Xa).all() and torch.isfinite(Xb).all()
    assert torch.allclose(Xa.mean(0), torch.zeros(4), atol=1e-6)
    assert torch.allclose(Xa[:, :3].std(0), torch.ones(3), atol=1e-6)
    assert (Xa[:, 3] == 0).all() and (Xb[:, 3] == 0).all()
    assert sorted(torch.cat([ya, yb]).tolist()) == list(range(50))    # a partition
    train_rows = X[ya]
    expected = (X[yb][:, :3] - train_rows[:, :3].mean(0)) / train_rows[:, :3].std(0)   # the TRAIN mean and std
    assert torch.allclose(Xb[:, :3], expected, atol=1e-6)
    again = nb05.split_standardize(X, y, (30, 20), seed=3)
    assert torch.equal(again[0][0], Xa)


def test_simplenet_is_the_notebooks():
    taught = _taught_class("SimpleNet")
    torch.manual_seed(7)
    a = taught(64)
    torch.manual_seed(7)
    b = nb05.SimpleNet(64)
    sa, sb = a.state_dict(), b.state_dict()
    assert sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)
    X = torch.randn(5, 64)
    assert torch.equal(a(X), b(X))


def _train_alone(make_net, X, y, lambd, seed, epochs, lr, optimizer="sgd", decay_biases=False):
    torch.manual_seed(seed)
    net = make_net()
    if decay_biases:
        params = [{"params": list(net.parameters()), "weight_decay": lambd}]
    else:
        params = d2l.nb03.param_groups(net, lambd)
    opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[optimizer](params, lr=lr)
    loader = DataLoader(TensorDataset(X, y), 64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    for _ in range(epochs):
        for Xb, yb in loader:
            loss = F.cross_entropy(net(Xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return net


@pytest.mark.parametrize("optimizer, lr, lambdas, decay_biases", [
    ("sgd", 0.1, [0.0, 0.05], False), ("sgd", 0.1, [0.05], True),
    ("adam", 1e-3, [0.01, 0.1], False), ("adamw", 1e-3, [1.0, 5.0], False)])
def test_sweep_is_many_single_trainings(data, optimizer, lr, lambdas, decay_biases):
    (X, y), _, _ = data
    X, y = X[:300], y[:300]                       # 5 minibatches per epoch, the last one smaller (44)
    make = lambda: nb05.SimpleNet(16)             # noqa: E731
    seeds = [3, 8]
    sweep = nb05.train_sweep(make, (X, y), lambdas, seeds, 3, lr, optimizer=optimizer, decay_biases=decay_biases)
    for i, lambd in enumerate(lambdas):
        for s, seed in enumerate(seeds):
            net = _train_alone(make, X, y, lambd, seed, 3, lr, optimizer, decay_biases)
            for got, want in [(sweep.W1[i, s], net.fc1.weight.T), (sweep.b1[i, s], net.fc1.bias),
                              (sweep.W2[i, s], net.fc2.weight.T), (sweep.b2[i, s], net.fc2.bias)]:
                assert torch.allclose(got, want.detach(), atol=1e-5), (optimizer, lambd, seed)
            copy = sweep.net(i, s, make)
            assert torch.allclose(copy(X[:7]), net(X[:7]), atol=1e-5)
            loss, acc = sweep.evaluate(X, y)
            with torch.no_grad():
                out = net(X)
            assert abs(loss[i, s].item() - F.cross_entropy(out, y).item()) < 1e-5
            assert acc[i, s].item() == (out.argmax(1) == y).float().mean().item()


def test_sweep_leaves_the_global_random_stream_alone(data):
    (X, y), _, _ = data
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    nb05.train_sweep(lambda: nb05.SimpleNet(8), (X[:100], y[:100]), [0.0], [1], 1, 0.1)
    assert torch.equal(torch.rand(3), expected)


def test_sweep_decays_untouched_weights_by_the_budget(data):
    (X, y), _, _ = data
    X = X.clone()
    X[:, 5] = 0.0                                  # a pixel the data never light up
    lambdas, lr, epochs = [0.0, 0.01, 0.1], 0.1, 4
    sweep = nb05.train_sweep(lambda: nb05.SimpleNet(8), (X, y), lambdas, [2], epochs, lr)
    torch.manual_seed(2)
    init = nb05.SimpleNet(8).fc1.weight.detach().T[5]
    steps = epochs * 16
    for i, lambd in enumerate(lambdas):
        assert torch.allclose(sweep.W1[i, 0, 5], init * (1 - lr * lambd) ** steps, rtol=1e-4, atol=1e-7)


def test_sweep_rejects_a_net_of_another_shape(data):
    (X, y), _, _ = data
    with pytest.raises(ValueError, match="2 nn.Linear"):
        nb05.train_sweep(lambda: nn.Linear(64, 10), (X[:64], y[:64]), [0.0], [1], 1, 0.1)


def test_roughness_noise_against_smooth():
    torch.manual_seed(0)
    noise = torch.randn(64, 500)
    assert abs(nb05.roughness(noise).item() - 2.0) < 0.05
    ramp = torch.linspace(-1, 1, 8)
    smooth = (ramp[:, None] + ramp[None, :]).reshape(64, 1).repeat(1, 3)
    assert nb05.roughness(smooth).item() < 0.1


def test_filter_slider_binds_everything(data):
    import inspect

    (X, y), _, _ = data
    sweep = nb05.train_sweep(lambda: nb05.SimpleNet(16), (X[:128], y[:128]), [0.0, 0.1], [1, 2], 1, 0.1)
    rough = nb05.roughness(sweep.W1)
    fig, show = nb05.filter_slider(sweep, rough)
    params = inspect.signature(show).parameters
    assert [p for p, v in params.items() if v.default is inspect.Parameter.empty] == ["lambd"]
    assert set(show.__code__.co_names) <= {"index", "len", "set_data", "set_text", "zip"}   # no globals read
    first = show(0.0)
    png0 = d2l.figure_png(fig)
    assert "λ = 0:" in first and show(0.1).startswith("λ = 0.1:")
    assert d2l.figure_png(fig) != png0
    show(0.0)
    assert d2l.figure_png(fig) == png0


def test_ridge_matches_scikit_learn_on_diabetes():
    from sklearn.linear_model import Ridge

    X, y = nb05.load_diabetes()
    n = X.shape[0]
    lambdas = [1e-4, 1e-2, 1.0]
    W = d2l.ridge(X - X.mean(0), y - y.mean(), lambdas)
    for k, lambd in enumerate(lambdas):
        model = Ridge(alpha=n * lambd).fit(X.numpy(), y.numpy())
        assert (torch.from_numpy(model.coef_) - W[k]).abs().max() <= 1e-8
        assert abs(model.intercept_ - (y.mean() - W[k] @ X.mean(0)).item()) <= 1e-8
    assert "||y - Xw||^2_2 + alpha * ||w||^2_2" in Ridge.__doc__      # the documented objective the notebook prints


def test_sweep_correct_is_per_image_and_agrees_with_accuracy(data):
    """Review 05 D1: the paired comparison needs which images each net gets right; it must agree with evaluate()."""
    (X, y), (Xv, yv), _ = data
    sweep = nb05.train_sweep(lambda: nb05.SimpleNet(16), (X[:256], y[:256]), [0.0, 0.1], [1, 2], 2, 0.1)
    correct = sweep.correct(Xv, yv)
    assert correct.shape == (2, 2, len(yv)) and correct.dtype == torch.bool
    _, acc = sweep.evaluate(Xv, yv)
    assert torch.equal(correct.float().mean(-1), acc)
    with torch.no_grad():
        assert torch.equal(correct[1, 0], sweep.net(1, 0, lambda: nb05.SimpleNet(16))(Xv).argmax(1) == yv)
