"""Notebook 03's corrected lessons (issue 12), re-measured with the notebook's own functions: a regression of any
of them fails here."""

import pytest
import torch
from notebook_source import taught_function
from torch import nn

import d2lmini as d2l

NB = "03_weight_decay_concise.ipynb"


@pytest.fixture(scope="module")
def regression():
    """The notebook's data (seed 0: 20 training rows) and its training functions."""
    S = d2l.nb03.SETUP
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.ones((S.num_inputs, 1)) * 0.01, 0.05, S.n_train + S.n_val + S.n_test)
    X_train, y_train = X[:S.n_train], y[:S.n_train]
    env = {"nn": nn, "num_inputs": S.num_inputs, "n_train": S.n_train, "batch_size": S.batch_size,
           "X_train": X_train, "y_train": y_train}
    for name in ("scratch_init", "linear_groups", "train_to_convergence"):
        env[name] = taught_function(NB, name, env)
    Xc, yc = X_train.double() - X_train.double().mean(0), (y_train.double() - y_train.double().mean()).reshape(-1)
    return env, Xc, yc


def test_adam_l2_reaches_ridge_at_convergence_and_adamw_a_weighted_ridge(regression):
    """Item 9 and 13: the 50x fixed-budget gap is not the end point; AdamW ends at the √v̂-weighted ridge."""
    env, Xc, yc = regression
    ridge = d2l.ridge(Xc, yc, 3.0)
    adam, _ = env["train_to_convergence"](torch.optim.Adam)
    adamw, opt = env["train_to_convergence"](torch.optim.AdamW)
    w_adam, w_adamw = adam.weight.detach().reshape(-1).double(), adamw.weight.detach().reshape(-1).double()
    assert (w_adam - ridge).abs().max() < 1e-3
    assert (w_adamw - ridge).abs().max() > 3e-3
    state = opt.state[adamw.weight]
    s = (state["exp_avg_sq"] / (1 - 0.999 ** float(state["step"]))).sqrt().reshape(-1).double()
    weighted = torch.linalg.solve(Xc.T @ Xc / len(yc) + 3.0 * torch.diag(s), Xc.T @ yc / len(yc))
    assert (w_adamw - weighted).abs().max() < 1e-3


def test_coupled_decay_with_momentum_is_about_ten_times_stronger_per_step():
    """Item 12 and 14: the notebook's shrink_rate (zero data gradient) measures the ratio 1/(1 - β)."""
    shrink_rate = taught_function(NB, "shrink_rate")
    ratio = shrink_rate(0.9, False) / shrink_rate(0.9, True)
    assert 9.5 < ratio < 10.5
    assert shrink_rate(0.0, False) == pytest.approx(shrink_rate(0.0, True), rel=1e-9)


def test_adamw_2d_end_point_is_predicted_by_the_measured_sqrt_v():
    """Item 13: with the measured √v̂ the prediction holds to 0.005; with √v̂ = σ it misses by about 0.013."""
    w_star, sigma, lam2 = torch.tensor([1.0, 1.0]), torch.tensor([0.1, 10.0]), 0.5
    noisy_run = taught_function(NB, "noisy_run", {"w_star": w_star, "sigma": sigma, "lam2": lam2})
    _, end, s = noisy_run(torch.optim.AdamW)
    assert (end - w_star / (1 + lam2 * s)).abs().max() < 0.005
    assert (end - w_star / (1 + lam2 * sigma)).abs().max() > 0.01
