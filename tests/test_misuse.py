"""The mistakes learners really make with the core, and what they see.

Shape mismatch, dtype mix, device mix, a missing ``.grad``, divergence: each raises at once with a
message that names the tensors and says what to do. Nothing else is guarded (d2l style): a wrong
type elsewhere gets PyTorch's own error. "meta" tensors (shapes only) stand in for a second device;
CUDA cases run only where a GPU is present.
"""

from __future__ import annotations

import pytest
import torch

import d2lmini as d2l

CUDA = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")


# shape mismatch ---------------------------------------------------------------------------------
def test_linreg_features_do_not_match_weights():
    with pytest.raises(ValueError, match=r"X and w: X has 3 features, w has 2 rows"):
        d2l.linreg(torch.ones(4, 3), torch.ones(2, 1), 0.0)


def test_squared_loss_with_a_flat_y_does_not_broadcast_to_n_by_n():
    """The classic bug: y_hat (n, 1) minus y (n,) broadcasts to (n, n). squared_loss reshapes y."""
    y_hat, y = torch.randn(5, 1), torch.randn(5)
    loss = d2l.squared_loss(y_hat, y)
    assert loss.shape == (5, 1)
    assert torch.equal(loss, (y_hat - y.reshape(5, 1)) ** 2 / 2)
    with pytest.raises(ValueError, match=r"y and y_hat: \(4,\) vs \(5, 1\)"):
        d2l.squared_loss(torch.ones(5, 1), torch.ones(4))


def test_check_gap_refuses_shapes_that_would_broadcast():
    with pytest.raises(ValueError, match="shapes differ"):
        d2l.check_gap("w", torch.ones(3), torch.ones(3, 1), 1e-6)


def test_animator_gets_one_value_per_curve():
    a = d2l.Animator(legend=["train", "test"])
    a.add(1, (0.5, 0.6))
    with pytest.raises(ValueError, match="one value per curve"):
        a.add(2, 0.4)


# dtype mix -----------------------------------------------------------------------------------------
def test_linreg_float64_data_with_float32_weights():
    X = torch.ones(4, 2, dtype=torch.float64)   # e.g. made from a NumPy array
    w, b = d2l.init_params(2)                    # float32
    with pytest.raises(TypeError, match=r"X and w: dtypes differ.*X\.to\(w\.dtype\)"):
        d2l.linreg(X, w, b)
    assert d2l.linreg(X.to(w.dtype), w, b).shape == (4, 1)   # the advice works


# device mix ----------------------------------------------------------------------------------------
def test_linreg_data_and_weights_on_different_devices():
    with pytest.raises(ValueError, match=r"X and w: devices differ.*\.to\(device\)"):
        d2l.linreg(torch.ones(4, 2), torch.ones(2, 1, device="meta"), 0.0)


@CUDA
def test_linreg_cpu_data_with_cuda_weights():  # pragma: no cover - needs a GPU
    with pytest.raises(ValueError, match="devices differ"):
        d2l.linreg(torch.ones(4, 2), torch.ones(2, 1, device=d2l.try_gpu()), 0.0)


# missing .grad -------------------------------------------------------------------------------------
@pytest.mark.parametrize("param", [torch.ones(2, requires_grad=True),   # backward() not called
                                   torch.ones(2)],                      # requires_grad forgotten
                         ids=["no-backward", "no-requires-grad"])
def test_sgd_without_gradient_says_what_to_do(param):
    with pytest.raises(ValueError, match=r"params\[0\] has no gradient.*requires_grad=True.*backward"):
        d2l.sgd([param], 0.1, 1)


# divergence ----------------------------------------------------------------------------------------
def test_too_large_learning_rate_stops_training_with_advice():
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.ones(200), 0.0, 20)
    w, b = d2l.init_params(200)
    with pytest.raises(d2l.DivergenceError, match=r"diverged.*lr=1 is too large.*smaller learning rate") as info:
        for _ in range(100):
            d2l.squared_loss(d2l.linreg(X, w, b), y).sum().backward()
            d2l.sgd([w, b], lr=1.0, batch_size=20)
    assert isinstance(info.value, FloatingPointError)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_animator_refuses_to_plot_a_diverged_loss(bad):
    a = d2l.Animator(legend=["train"])
    a.add(1, 0.5)
    with pytest.raises(d2l.DivergenceError, match="diverged"):
        a.add(2, torch.tensor(bad))
    assert a.Y == [[0.5]]


# a slider cell run before the cells it needs -----------------------------------------------------------
def test_slider_run_before_its_precompute_cell_says_so():
    fig, ax = d2l.new_figure(figsize=(2, 1.5))
    (line,) = ax.plot([0, 1], [0, 0])

    def show(lambd, line=line):
        line.set_ydata(curves[lambd])  # noqa: F821 - the precompute cell was skipped
        return f"λ = {lambd:g}"

    sf = d2l.SliderFigure(fig, show, lambd=d2l.GridSlider([0.0, 1.0]))
    assert "NameError" in sf.readout.value and "run the cells above this one first" in sf.readout.value
