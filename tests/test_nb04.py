"""Unit tests for d2lmini.geometry: each solver against an independent method, plus bad inputs."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import d2lmini as d2l
from d2lmini.nb04 import Quadratic

F64 = torch.float64


def problem(seed: int = 0, n: int = 40, d: int = 3) -> tuple[Quadratic, torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g, dtype=F64)
    y = X @ torch.linspace(1.0, -0.5, d, dtype=F64) + 0.3 * torch.randn(n, generator=g, dtype=F64)
    return Quadratic.from_data(X, y), X, y


def test_from_data_is_the_mean_squared_loss():
    q, X, y = problem()
    w = torch.tensor([0.3, -1.0, 2.0], dtype=F64)
    assert torch.allclose(q.loss(w), ((X @ w - y) ** 2).mean() / 2)
    assert torch.allclose(q.grad(w), X.T @ (X @ w - y) / len(y))


def test_ridge_solution_and_path_agree_with_the_normal_equations():
    q, X, y = problem()
    n, lam = len(y), 0.7
    expected = torch.linalg.solve(X.T @ X + n * lam * torch.eye(3, dtype=F64), X.T @ y)
    assert torch.allclose(d2l.ridge_solution(q, lam), expected, atol=1e-12)
    path = d2l.ridge_path(q, [0.0, lam, 1e6])
    assert torch.allclose(path[1], expected, atol=1e-12)
    assert torch.allclose(path[0], torch.linalg.lstsq(X, y.unsqueeze(1)).solution.reshape(-1), atol=1e-10)
    assert path[2].norm() < 1e-5


def test_ridge_at_zero_is_minimum_norm_when_d_exceeds_n():
    q, X, y = problem(n=5, d=12)
    w = d2l.ridge_solution(q, 0.0)
    assert torch.allclose(w, torch.linalg.pinv(X) @ y, atol=1e-10)
    assert torch.allclose(d2l.ridge_path(q, [0.0])[0], w, atol=1e-10)
    assert torch.allclose(d2l.ridge_path(q, [1e-9])[0], w, atol=1e-6)


def test_constrained_equals_penalized_and_kkt_recovers_lambda():
    q, _, _ = problem(1)
    full = float(d2l.ridge_solution(q, 0.0).pow(2).sum())
    for theta in (0.05 * full, 0.5 * full):
        lam = d2l.lambda_for_theta(q, theta)
        assert lam > 0
        assert d2l.squared_norm_path(q, lam) == pytest.approx(theta, rel=1e-10)
        w, steps = d2l.projected_gradient(q, theta)
        assert steps < 100_000
        assert torch.allclose(w, d2l.ridge_solution(q, lam), atol=1e-10)
        assert d2l.kkt_multiplier(q, w) == pytest.approx(lam, rel=1e-7)
        assert torch.allclose(q.grad(w), -lam * w, atol=1e-10)
    assert d2l.lambda_for_theta(q, 2 * full) == 0.0
    w, _ = d2l.projected_gradient(q, 2 * full)
    assert torch.allclose(w, d2l.ridge_solution(q, 0.0), atol=1e-10)


def test_projected_gradient_batches_thetas():
    q, _, _ = problem(2)
    W, _ = d2l.projected_gradient(q, [0.1, 0.4])
    for k, theta in enumerate([0.1, 0.4]):
        w, _ = d2l.projected_gradient(q, theta)
        assert torch.allclose(W[k], w, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-10, 10).filter(lambda x: x == 0 or abs(x) > 1e-100), min_size=3, max_size=3),
       st.floats(0, 20))
def test_projection_lands_in_the_ball_and_is_idempotent(values, theta):
    w = torch.tensor(values, dtype=F64)
    p = d2l.project_l2_ball(w, theta)
    assert float(p @ p) <= theta * (1 + 1e-12) + 1e-300
    assert torch.allclose(d2l.project_l2_ball(p, theta), p)
    if float(w.norm()) <= theta**0.5:
        assert torch.equal(p, w)


def test_soft_threshold_values():
    v = torch.tensor([-3.0, -0.5, 0.0, 0.5, 2.0], dtype=F64)
    assert torch.equal(d2l.soft_threshold(v, 1.0), torch.tensor([-2.0, 0.0, 0.0, 0.0, 1.0], dtype=F64))


def test_lasso_solution_satisfies_kkt_and_first_zero_is_exact():
    q, _, _ = problem(3, d=2)
    lam_star, j = d2l.lasso_first_zero(q)
    w, steps = d2l.lasso_prox_grad(q, [0.99 * lam_star, 1.01 * lam_star])
    assert steps < 200_000
    assert float(d2l.lasso_kkt_violation(q, w, [0.99 * lam_star, 1.01 * lam_star]).max()) < 1e-10
    assert w[0, j] != 0 and w[1, j] == 0 and w[1, 1 - j] != 0
    # above max|b| every weight is zero
    w_big, _ = d2l.lasso_prox_grad(q, float(q.b.abs().max()) * 1.001)
    assert torch.equal(w_big, torch.zeros(2, dtype=F64))


def test_lasso_on_a_batch_of_quadratics():
    H = torch.stack([torch.eye(2, dtype=F64), 2 * torch.eye(2, dtype=F64)])
    b = torch.tensor([[3.0, 0.5], [3.0, 0.5]], dtype=F64)
    w, _ = d2l.lasso_prox_grad(Quadratic(H, b), torch.tensor([1.0, 1.0], dtype=F64))
    # diagonal H: w_j = soft_threshold(b_j, λ) / h
    assert torch.allclose(w, torch.tensor([[2.0, 0.0], [1.0, 0.0]], dtype=F64), atol=1e-12)


def test_eigen_factors_match_the_ridge_solution_and_gradient_descent():
    q, _, _ = problem(4)
    h, Q = torch.linalg.eigh(q.H)
    w_hat, lam = d2l.ridge_solution(q, 0.0), 0.3
    shrunk = Q @ (d2l.shrinkage_factors(h, lam) * (Q.T @ w_hat))
    assert torch.allclose(shrunk, d2l.ridge_solution(q, lam), atol=1e-12)
    lr, w = 0.1, torch.zeros(3, dtype=F64)
    for _ in range(25):
        w = w - lr * q.grad(w)
    assert torch.allclose(w, Q @ (d2l.gd_factors(h, lr, 25) * (Q.T @ w_hat)), atol=1e-12)


def test_loss_ellipse_is_a_level_set():
    q, _, _ = problem(5, d=2)
    w_hat = d2l.ridge_solution(q, 0.0)
    level = float(q.loss(w_hat)) + 0.2
    assert torch.allclose(q.loss(d2l.loss_ellipse(q, level, w_hat)), torch.tensor(level, dtype=F64))


def test_correlated_data_has_the_requested_correlation():
    d2l.set_seed(0)
    X, y = d2l.correlated_data(20_000, 0.8, torch.tensor([1.0, 0.0], dtype=F64), noise=0.0)
    assert torch.corrcoef(X.T)[0, 1] == pytest.approx(0.8, abs=0.02)
    assert torch.allclose(y, X[:, 0])


def test_plot_loss_contours_labels_axes():
    from matplotlib.figure import Figure

    q, _, _ = problem(6, d=2)
    ax = Figure().subplots()
    d2l.plot_loss_contours(ax, q, (-1, 2), (-1, 2), num=21)
    assert ax.get_xlabel() == "w₁" and ax.get_aspect() == 1.0


@pytest.mark.parametrize("call, match", [
    (lambda q: d2l.ridge_solution(q, -1.0), "lambd"),
    (lambda q: d2l.ridge_solution("q", 1.0), "q"),
    (lambda q: d2l.ridge_path(q, [0.1, -0.1]), "lambdas"),
    (lambda q: d2l.ridge_path(q, []), "lambdas"),
    (lambda q: d2l.lambda_for_theta(q, -1.0), "theta"),
    (lambda q: d2l.lambda_for_theta(q, 0.0), "theta"),
    (lambda q: d2l.projected_gradient(q, -0.5), "theta"),
    (lambda q: d2l.projected_gradient(q, 1.0, lr=0.0), "lr"),
    (lambda q: d2l.project_l2_ball(torch.ones(2, dtype=F64), -1.0), "theta"),
    (lambda q: d2l.project_l2_ball([1.0, 2.0], 1.0), "w"),
    (lambda q: d2l.soft_threshold(torch.ones(2), -1.0), "tau"),
    (lambda q: d2l.lasso_prox_grad(q, -1.0), "lambdas"),
    (lambda q: d2l.kkt_multiplier(q, torch.zeros(3, dtype=F64)), "w"),
    (lambda q: d2l.shrinkage_factors(torch.tensor([-1.0]), 1.0), "h"),
    (lambda q: d2l.shrinkage_factors(torch.tensor([1.0]), -1.0), "lambd"),
    (lambda q: d2l.gd_factors(torch.tensor([1.0]), 0.1, -1), "steps"),
    (lambda q: d2l.correlated_data(10, 1.0, torch.ones(2)), "rho"),
    (lambda q: d2l.correlated_data(10, 0.5, torch.ones(3)), "w"),
    (lambda q: Quadratic(torch.eye(2), torch.ones(3)), "H and b"),
    (lambda q: Quadratic.from_data(torch.ones(4, 2), torch.ones(3)), "y"),
    (lambda q: d2l.loss_ellipse(q, 1.0, torch.zeros(3)), "q"),
])
def test_bad_inputs_name_the_argument(call, match):
    q, _, _ = problem()
    with pytest.raises((TypeError, ValueError), match=match):
        call(q)


def test_frame_data_contours_and_descent():
    q, _, _ = problem(7, d=2)
    W = d2l.ridge_path(q, [0.0, 0.5, 5.0])
    contours, descent = d2l.frame_data(q, W, num=50)
    assert contours.shape == (3, 50, 2)
    assert torch.equal(descent[0], torch.zeros(2, dtype=F64))          # no descent at the minimiser
    for k in (1, 2):                                                    # -∇l = λw: along w, unit length
        assert torch.allclose(descent[k], W[k] / W[k].norm(), atol=1e-10)
        assert torch.allclose(q.loss(contours[k]), q.loss(W[k]).expand(50), atol=1e-12)


def _picture():
    import matplotlib as mpl

    mpl.rcParams.update({"figure.dpi": 80, "savefig.dpi": 80})
    q, _, _ = problem(8, d=2)
    W = d2l.ridge_path(q, [0.1, 1.0])
    contours, descent = d2l.frame_data(q, W)
    fig, ax = d2l.new_figure(figsize=(7, 3.5))
    pic = d2l.BallPicture(ax, q, (-1, 2), (-1, 2), eigen_axes=True)
    pic.add_path(W, "path")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))   # outside: a frozen legend cannot cover moving lines
    ax.set_title("start")
    return fig, ax, pic, W, contours, descent


def test_freeze_static_draws_the_same_picture():
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    frames = []
    for freeze in (False, True):
        fig, ax, pic, W, contours, descent = _picture()
        if freeze:
            d2l.freeze_static(fig, [*pic.moving, ax.title])
        else:  # the same single layout pass, then no more (constrained layout shifts a pixel per draw)
            FigureCanvasAgg(fig).draw()
            fig.set_layout_engine("none")
        pic.show(W[1], float(W[1].norm()), contours[1], descent[1])
        ax.set_title("moved")
        frames.append(np.asarray(Image.open(io.BytesIO(d2l.figure_png(fig)))).astype(int))
    assert frames[0].shape == frames[1].shape
    differ = (np.abs(frames[0] - frames[1]).sum(-1) > 30).mean()
    assert differ < 0.002          # a few anti-aliased pixels where moving and static lines cross


def test_ball_picture_rejects_an_unknown_ball():
    q, _, _ = problem(8, d=2)
    from matplotlib.figure import Figure

    with pytest.raises(ValueError, match="ball"):
        d2l.BallPicture(Figure().subplots(), q, (-1, 1), (-1, 1), ball="l3")
