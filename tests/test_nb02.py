"""Notebook 02: the code it teaches equals the package's copies, its plumbing is right against independent
methods, and the corrected lessons hold (they fail here if a change makes them untrue)."""

import pytest
import torch
from notebook_source import taught_function

import d2lmini as d2l

NB = "02_l2_penalty_from_scratch.ipynb"
S = d2l.nb02.SETUP["classic"]


def classic_data():
    d2l.set_seed(S.data_seed)
    X, y = d2l.synthetic_data(torch.ones((S.num_inputs, 1)) * S.w_value, S.b, S.n_train + S.n_val + S.n_test,
                              noise=S.sigma)
    return X.split([S.n_train, S.n_val, S.n_test]), y.split([S.n_train, S.n_val, S.n_test])


def notebook_train(train_iter):
    """The notebook's own ``train`` (read from its cell), bound to ``train_iter`` and its ``l2_penalty``."""
    l2 = taught_function(NB, "l2_penalty")
    return taught_function(NB, "train", extra={"S": S, "train_iter": train_iter, "l2_penalty": l2})


# --------------------------------------------------------------------------- taught first, then saved
@pytest.mark.parametrize("shape", [(3,), (200, 1), (4, 5), (0,)])
def test_notebook_l2_penalty_equals_package(shape):
    l2 = taught_function(NB, "l2_penalty")
    w = torch.randn(shape, dtype=torch.float64, requires_grad=True)
    mine, saved = l2(w), d2l.l2_penalty(w)
    torch.testing.assert_close(mine, saved)
    (g1,) = torch.autograd.grad(mine, w) if w.numel() else (w,)
    if w.numel():
        torch.testing.assert_close(g1, w.detach())     # gradient of ||w||^2 / 2 is w: the decay term


def test_notebook_training_loop_equals_package_sweep():
    """The loop written in the notebook and the package's vectorized copy end at the same weights."""
    (X_train, _, _), (y_train, _, _) = classic_data()
    train_iter = d2l.load_array((X_train, y_train), S.batch_size)
    train = notebook_train(train_iter)
    sweep = d2l.nb02.train_lambda_grid([0.0, 3.0], train_iter, num_epochs=5, lr=S.lr, seed=S.init_seed)
    for k, lambd in enumerate([0.0, 3.0]):
        w, b = train(lambd, num_epochs=5, animate=False)
        torch.testing.assert_close(sweep.w[k], w.reshape(-1), atol=1e-5, rtol=0)
        torch.testing.assert_close(sweep.b[k], b.reshape(()), atol=1e-5, rtol=0)


# --------------------------------------------------------------------------- plumbing
def test_sweep_leaves_the_caller_alone():
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.ones(6) * 0.1, 0.0, 10)
    it = d2l.load_array((X, y), 5)
    torch.manual_seed(123)
    state, threads = torch.get_rng_state(), torch.get_num_threads()
    d2l.nb02.train_lambda_grid([0.0, 1.0], it, num_epochs=2, seed=4)
    assert torch.equal(torch.get_rng_state(), state) and torch.get_num_threads() == threads


def test_sweep_guard_names_the_eval_set():
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.ones(6) * 0.1, 0.0, 10)
    it = d2l.load_array((X, y), 5)
    with pytest.raises(ValueError, match="eval_sets\\['val'\\]"):
        d2l.nb02.train_lambda_grid([0.0], it, {"val": (X[:, :3], y)}, num_epochs=1)
    with pytest.raises(TypeError, match="dtypes differ"):
        d2l.nb02.train_lambda_grid([0.0], it, {"val": (X.double(), y.double())}, num_epochs=1)
    with pytest.raises(d2l.DivergenceError):
        d2l.nb02.train_lambda_grid([0.0], it, num_epochs=50, lr=50.0)


def test_ridge_with_bias_against_lstsq():
    """Independent method: least squares on the augmented system [Z; sqrt(n lambda) D] (bias row unpenalized)."""
    (X, y), _, _ = d2l.nb02.draw(d2l.nb02.SETUP["noisy"], seed=5)
    X, y = X.double(), y.double()
    n, d = X.shape
    lambdas = [0.0, 0.1, 2.0]
    w, b = d2l.nb02.ridge_with_bias(X, y, lambdas)
    assert w.shape == (3, d) and b.shape == (3,)
    for k, lambd in enumerate(lambdas):
        Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
        pen = torch.cat([torch.zeros(d, 1, dtype=X.dtype), (n * lambd) ** 0.5 * torch.eye(d, dtype=X.dtype)], dim=1)
        theta = torch.linalg.lstsq(torch.cat([Z, pen]), torch.cat([y, torch.zeros(d, dtype=X.dtype)])).solution
        torch.testing.assert_close(b[k], theta[0])
        torch.testing.assert_close(w[k], theta[1:])


def test_draw_is_reproducible_and_private():
    N = d2l.nb02.SETUP["noisy"]
    torch.manual_seed(7)
    state = torch.get_rng_state()
    a, b = d2l.nb02.draw(N, seed=3), d2l.nb02.draw(N, seed=3)
    assert torch.equal(torch.get_rng_state(), state)
    assert all(torch.equal(p, q) for pa, pb in zip(a, b, strict=True) for p, q in zip(pa, pb, strict=True))
    (Xt, yt), (Xv, _), (Xs, _) = d2l.nb02.draw(N, seed=3, num_sets=4)
    assert Xt.shape == (4, N.n_train, N.num_inputs) and yt.shape == (4, N.n_train)
    assert Xv.shape[1] == N.n_val and Xs.shape[1] == N.n_test


# --------------------------------------------------------------------------- the corrected lessons
def test_classic_lambda0_test_loss_is_the_null_space():
    """Issue 12.1: the lambda = 0 test loss is the undecayed initial weights in the null space, and the penalty
    decays that part by exactly (1 - lr*lambda)^T; from w = 0 lambda = 0 and 3 end close to the baseline."""
    (X_train, _, X_test), (y_train, _, y_test) = classic_data()
    train_iter = d2l.load_array((X_train, y_train), S.batch_size)
    r = d2l.nb02.train_lambda_grid([0.0, 3.0], train_iter, num_epochs=S.num_epochs, lr=S.lr, seed=S.init_seed)
    P_row = torch.linalg.pinv(X_train) @ X_train

    def test_loss(w, b):
        return float(((X_test @ w + b - y_test.reshape(-1)) ** 2 / 2).mean())

    full, row_only = test_loss(r.w[0], r.b[0]), test_loss(P_row @ r.w[0], r.b[0])
    assert full > 10 and 1 - row_only / full > 0.99
    d2l.set_seed(S.init_seed)
    w_init = d2l.init_params(S.num_inputs)[0].detach().reshape(-1)
    P_null = torch.eye(S.num_inputs) - P_row
    steps = S.num_epochs * len(train_iter)
    ratio = float((P_null @ r.w[1]).norm() / (P_null @ w_init).norm())
    assert abs(ratio - (1 - S.lr * 3) ** steps) < 1e-4
    train = notebook_train(train_iter)
    baseline = float(((y_test - y_train.mean()) ** 2 / 2).mean())
    for lambd in (0.0, 3.0):
        w, b = train(lambd, zero_start=True, animate=False)
        assert abs(test_loss(w.reshape(-1), b) / baseline - 1) < 0.1


def test_noisy_setup_penalty_wins_by_more_than_its_noise():
    """Issue 12.2: over fresh draws the validation minimum beats least squares and the mean predictor by more
    than 3 standard errors, and the lambda chosen on validation wins on test data too."""
    N = d2l.nb02.SETUP["noisy"]
    grid = d2l.lambda_grid(1e-3, 10, 17)
    mc = d2l.nb02.validation_curves(N, grid, num_sets=30, seed=99)
    k = int(mc.val.mean(dim=1).argmin())
    assert 0 < grid[k] < 10
    for other in (mc.val[0], mc.baseline_val):
        m, se = d2l.nb02.mean_se(other - mc.val[k])
        assert m > 3 * se
    chosen = mc.test[mc.chosen, torch.arange(30)]
    for other in (mc.test[0], mc.baseline_test):
        m, se = d2l.nb02.mean_se(other - chosen)
        assert m > 3 * se


def test_noisy_setup_gradient_descent_reaches_ridge():
    """Issue 12.2: the notebook's loop (full batch, from w = 0, SETUP's lr and epochs) converges to closed form."""
    N = d2l.nb02.SETUP["noisy"]
    (X, y), _, _ = d2l.nb02.draw(N, seed=N.data_seed)
    full_batch = d2l.load_array((X, y), N.n_train)
    train = notebook_train(full_batch)
    w_cf, b_cf = d2l.nb02.ridge_with_bias(X, y, [0.3])
    w, b = train(0.3, num_epochs=N.num_epochs, lr=N.lr, zero_start=True, data_iter=full_batch, animate=False)
    torch.testing.assert_close(w.reshape(-1), w_cf[0], atol=1e-4, rtol=0)
    torch.testing.assert_close(b.reshape(()), b_cf[0], atol=1e-4, rtol=0)


def test_ridge_with_bias_fewer_examples_than_inputs():
    """n < d: the n x n form equals least squares on the augmented system; lambda = 0 is the min-norm fit, b free."""
    g = torch.Generator().manual_seed(3)
    X = torch.randn(2, 12, 40, generator=g, dtype=torch.float64)
    y = X[..., :5].sum(-1) + 0.3 + 0.1 * torch.randn(2, 12, generator=g, dtype=torch.float64)
    lambdas = [0.0, 0.05, 3.0]
    w, b = d2l.nb02.ridge_with_bias(X, y, lambdas)
    assert w.shape == (3, 2, 40) and b.shape == (3, 2)
    n, d = X.shape[-2:]
    for r in range(2):
        Xc, yc = X[r] - X[r].mean(0), y[r] - y[r].mean()
        w0 = torch.linalg.pinv(Xc) @ yc                                   # minimum-norm, bias free
        torch.testing.assert_close(w[0, r], w0)
        torch.testing.assert_close(b[0, r], y[r].mean() - X[r].mean(0) @ w0)
        for k, lambd in enumerate(lambdas[1:], start=1):
            Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X[r]], dim=1)
            pen = torch.cat([torch.zeros(d, 1, dtype=X.dtype), (n * lambd) ** 0.5 * torch.eye(d, dtype=X.dtype)], 1)
            theta = torch.linalg.lstsq(torch.cat([Z, pen]), torch.cat([y[r], torch.zeros(d, dtype=X.dtype)])).solution
            torch.testing.assert_close(w[k, r], theta[1:])
            torch.testing.assert_close(b[k, r], theta[0])


def test_population_risk_matches_a_large_test_set():
    """The exact risk formula against the mean loss on 200,000 fresh examples of the classic setup."""
    g = torch.Generator().manual_seed(11)
    w = 0.01 + 0.02 * torch.randn(S.num_inputs, generator=g, dtype=torch.float64)
    b = torch.tensor(0.2, dtype=torch.float64)
    X = torch.randn(200_000, S.num_inputs, generator=g, dtype=torch.float64)
    y = X.sum(1) * S.w_value + S.b + S.sigma * torch.randn(200_000, generator=g, dtype=torch.float64)
    losses = (X @ w + b - y) ** 2 / 2
    exact = float(d2l.nb02.population_risk(S, w, b))
    se = float(losses.std()) / 200_000**0.5
    assert abs(float(losses.mean()) - exact) < 4 * se
    without_bias_term = exact - (0.2 - S.b) ** 2 / 2                      # the nearest wrong formula
    assert abs(float(losses.mean()) - without_bias_term) > 10 * se


def test_classic_converged_fits_beat_the_mean_and_lambda_does_not_matter_below_one():
    """Issue 18 / review 02 D1: at convergence a free-bias fit beats predicting the mean by ~9% (many s.e.), for
    lambda -> 0 as for lambda = 1; a large lambda loses part of it; Z^+ y (bias shrunk) gains less."""
    ex = d2l.nb02.exact_risks(S, [0.0, 1.0, 17.8], num_sets=200, seed=5)
    gains = [d2l.nb02.mean_se(ex.mean - r) for r in (*ex.ridge, ex.min_norm)]
    for m, se in gains[:2]:
        assert m > 20 * se and 0.06 < m / float(ex.mean.mean()) < 0.12
    assert abs(gains[0][0] - gains[1][0]) < 0.05 * gains[0][0]
    m, se = d2l.nb02.mean_se(ex.ridge[2] - ex.ridge[0])
    assert m > 10 * se
    assert gains[3][0] < 0.6 * gains[0][0]


def test_gd_path_is_the_notebooks_full_batch_descent():
    """Review 02 round 2, D4: the batched early-stopping path is full-batch gradient descent from w = 0 at
    lambda = 0, step for step (a wrong step size or a missing bias step fails), batched over stacked sets."""
    N = d2l.nb02.SETUP["noisy"]
    (X, y), _, _ = d2l.nb02.draw(N, seed=7, num_sets=3)
    W, B = d2l.nb02.gd_path(X, y, steps=40, lr=N.lr)
    assert W.shape == (40, 3, N.num_inputs) and B.shape == (40, 3)
    w, b = torch.zeros(N.num_inputs), torch.zeros(())
    for t in range(40):
        r = X[1] @ w + b - y[1]
        w, b = w - N.lr * X[1].T @ r / N.n_train, b - N.lr * r.mean()
        assert torch.allclose(W[t, 1], w, atol=1e-6) and abs(float(B[t, 1] - b)) < 1e-6


def test_gd_path_centered_treats_the_bias_as_ridge():
    """Review 02 round 3, D1: ``center=True`` is gradient descent on centered data with b = mean(y) - mean(x)^T w
    at every step (the notebook's step loop), and it ends where least squares ends, bias included."""
    N = d2l.nb02.SETUP["noisy"]
    (X, y), _, _ = d2l.nb02.draw(N, seed=8, num_sets=3)
    W, B = d2l.nb02.gd_path(X, y, steps=40, lr=N.lr, center=True)
    x_bar, y_bar = X[2].mean(dim=0), y[2].mean()
    w = torch.zeros(N.num_inputs)
    for t in range(40):
        w = w - N.lr * (X[2] - x_bar).T @ ((X[2] - x_bar) @ w - (y[2] - y_bar)) / N.n_train
        assert torch.allclose(W[t, 2], w, atol=1e-6) and abs(float(B[t, 2] - (y_bar - x_bar @ w))) < 1e-6
    W, B = d2l.nb02.gd_path(X, y, steps=3000, lr=N.lr, center=True)          # long enough for every set here
    w_ls, b_ls = d2l.nb02.ridge_with_bias(X, y, [0.0])
    assert (W[-1] - w_ls[0]).abs().max() < 1e-3 and (B[-1] - b_ls[0]).abs().max() < 1e-3


def test_early_stopping_advantage_is_the_bias_shrunk_to_zero():
    """Review 02 round 3, D1: a bias started at 0 and stopped early wins only when the true bias is 0; with the
    bias handled as in ridge early stopping is slightly worse than chosen ridge, the same for b* = 0 and b* = 2."""
    import dataclasses

    N = d2l.nb02.SETUP["noisy"]
    grid = d2l.lambda_grid(1e-3, 10, 17)
    diff = {}
    for b_true in (0.0, 2.0):
        for center in (True, False):
            es = d2l.nb02.early_stopping_vs_ridge(dataclasses.replace(N, b=b_true, n_test=1), grid, num_sets=200,
                                                  seed=11, center=center)
            diff[b_true, center] = d2l.nb02.mean_se(es.early - es.ridge)
            if not center:
                diff[b_true, "b"] = d2l.nb02.mean_se(es.early_b - es.ridge_b)
    assert abs(diff[0.0, True][0] - diff[2.0, True][0]) < 1e-4            # shifting the labels changes nothing
    assert 0 < diff[0.0, True][0] < 0.03                                   # about as well, slightly worse
    assert diff[0.0, "b"][0] < -3 * diff[0.0, "b"][1]                      # b* = 0: shrinking b toward 0 helps
    assert diff[2.0, False][0] > 0.1 and diff[2.0, False][0] > 10 * diff[2.0, False][1]   # b* = 2: it costs


def test_slowest_mode_is_the_rate_of_gradient_descent_and_b_is_coupled():
    torch.manual_seed(0)
    X = torch.randn(20, 50, dtype=torch.float64) + 0.3          # inputs with a nonzero mean: b coupled to w
    y = torch.randn(20, dtype=torch.float64)
    lambd, lr = 3.0, 0.05
    mu, b_share = d2l.nb02.slowest_mode(X, lambd)
    w_end, b_end = d2l.nb02.ridge_with_bias(X, y, [lambd])
    w, b, errs = torch.zeros(50, dtype=torch.float64), torch.zeros((), dtype=torch.float64), []
    for _ in range(600):                                       # full-batch gradient descent on the penalized loss
        r = X @ w + b - y
        w, b = w - lr * (X.T @ r / 20 + lambd * w), b - lr * r.mean()
        errs.append(float(torch.cat([w - w_end[0], (b - b_end[0]).reshape(1)]).norm()))
    assert abs(errs[599] / errs[399] / (1 - lr * mu) ** 200 - 1) < 1e-3   # the slowest mode sets the rate
    assert mu < 0.9 and b_share > 0.5                          # not curvature 1: b is coupled through the mean
    Xc = X - X.mean(dim=0)                                     # centered inputs: b decouples, curvature exactly 1
    mu_c, share_c = d2l.nb02.slowest_mode(Xc, lambd)
    assert abs(mu_c - 1) < 1e-9 and abs(share_c - 1) < 1e-9
    mu0, share0 = d2l.nb02.slowest_mode(X, 0.0)                # at lambda=0 the null space (zero curvature) is skipped
    assert mu0 > 1e-6
