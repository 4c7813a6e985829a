"""Notebook 04: its plumbing (d2lmini.nb04) and the functions its cells teach, each against an independent method."""

import ast

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from notebook_source import NOTEBOOKS, taught_function

import d2lmini as d2l
from d2lmini.nb04 import SETUP, Quadratic

F64 = torch.float64
NB = "04_constrained_vs_penalized.ipynb"


def problem(seed: int = 0, n: int = 40, d: int = 3):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g, dtype=F64)
    y = X @ torch.linspace(1.0, -0.5, d, dtype=F64) + 0.3 * torch.randn(n, generator=g, dtype=F64)
    return Quadratic.from_data(X, y), X, y


def eigen_ridge_sq_norm(X, y, lam):
    """||w(λ)||² from the eigendecomposition of H (independent of d2l.ridge's linear solve)."""
    n = X.shape[0]
    h, Q = torch.linalg.eigh(X.T @ X / n)
    c = Q.T @ (X.T @ y / n)
    return float((c**2 / (h + lam) ** 2).sum())


# ----------------------------------------------------------------------------- plumbing
def test_quadratic_is_the_mean_squared_loss_also_batched():
    q, X, y = problem()
    w = torch.tensor([0.3, -1.0, 2.0], dtype=F64)
    assert torch.allclose(q.loss(w), ((X @ w - y) ** 2).mean() / 2)
    assert torch.allclose(q.grad(w), X.T @ (X @ w - y) / len(y))
    assert torch.allclose(q.minimizer(), torch.linalg.lstsq(X, y.unsqueeze(1)).solution.reshape(-1), atol=1e-10)
    Xb, yb = torch.stack([X, 2 * X]), torch.stack([y, -y])
    qb = Quadratic.from_data(Xb, yb)
    W = torch.stack([w, -w])
    expected = torch.stack([((Xb[k] @ W[k] - yb[k]) ** 2).mean() / 2 for k in range(2)])
    assert torch.allclose(qb.loss(W), expected)


def test_correlated_data_seeded_privately():
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    X, y = d2l.nb04.correlated_data(20_000, 0.8, (1.0, 0.0), 0.0, seed=5)
    assert torch.equal(torch.rand(1), before)               # the global generator is untouched
    X2, _ = d2l.nb04.correlated_data(20_000, 0.8, (1.0, 0.0), 0.0, seed=5)
    assert torch.equal(X, X2)
    assert torch.corrcoef(X.T)[0, 1] == pytest.approx(0.8, abs=0.02)
    assert torch.allclose(y, X[:, 0])


def test_setup_problem_is_the_one_the_notebook_describes():
    X, y = d2l.nb04.correlated_data(SETUP.n, SETUP.rho, SETUP.w_true, SETUP.sigma, SETUP.seed)
    w_hat = d2l.ridge(X, y, 0.0)
    assert float(w_hat @ w_hat) == pytest.approx(1.418, abs=5e-4)        # the text quotes ||ŵ||² = 1.418


def test_circle_extremes_are_the_grid_extremes_and_tangent():
    q, _, _ = problem(1, d=2)
    theta = 0.4
    lo, hi = d2l.nb04.circle_extremes(q, theta)
    phi = torch.linspace(0, 2 * torch.pi, 200_001, dtype=F64)
    losses = q.loss(theta**0.5 * torch.stack([phi.cos(), phi.sin()], 1))
    assert float(q.loss(lo)) == pytest.approx(float(losses.min()), abs=1e-9)
    assert float(q.loss(hi)) == pytest.approx(float(losses.max()), abs=1e-9)
    for w in (lo, hi):
        assert float(w @ w) == pytest.approx(theta, rel=1e-12)
        mu = -float(q.grad(w) @ w) / theta
        assert torch.allclose(q.grad(w) + mu * w, torch.zeros(2, dtype=F64), atol=1e-12)
    assert -float(q.grad(lo) @ lo) > 0 > -float(q.grad(hi) @ hi)


def test_l1_kkt_violation_zero_only_at_the_solution():
    h = torch.tensor([[0.5, 2.0, 1.0]], dtype=F64).reshape(-1)
    b = torch.tensor([2.0, -0.5, 1.5], dtype=F64)
    q = Quadratic(torch.diag(h), b)
    lam = 1.0
    w = torch.sign(b) * torch.clamp(b.abs() - lam, min=0) / h       # diagonal H: closed form
    assert float(d2l.nb04.l1_kkt_violation(q, w, lam)) == 0.0
    assert float(d2l.nb04.l1_kkt_violation(q, b / h, lam)) > 0.1
    W = torch.stack([w, b / (h + lam)])
    viol = d2l.nb04.l1_kkt_violation(q, W, [lam, lam])
    assert viol[0] == 0 and viol[1] > 0.1


def test_loss_ellipse_is_a_level_set_and_frame_data_points_down_the_gradient():
    q, X, y = problem(5, d=2)
    level = float(q.loss(q.minimizer())) + 0.2
    assert torch.allclose(q.loss(d2l.nb04.loss_ellipse(q, level)), torch.tensor(level, dtype=F64))
    W = d2l.ridge(X, y, [0.0, 0.5, 5.0])
    contours, descent = d2l.nb04.frame_data(q, W, num=50)
    assert contours.shape == (3, 50, 2)
    assert torch.equal(descent[0], torch.zeros(2, dtype=F64))           # no descent at the minimizer
    for k in (1, 2):                                                    # −∇L = λw: along w, unit length
        assert torch.allclose(descent[k], W[k] / W[k].norm(), atol=1e-10)
        assert torch.allclose(q.loss(contours[k]), q.loss(W[k]).expand(50), atol=1e-12)


def _picture():
    import matplotlib as mpl

    mpl.rcParams.update({"figure.dpi": 80, "savefig.dpi": 80})
    q, X, y = problem(8, d=2)
    W = d2l.ridge(X, y, [0.1, 1.0])
    contours, descent = d2l.nb04.frame_data(q, W)
    fig, ax = d2l.new_figure(figsize=(7, 3.5))
    pic = d2l.nb04.BallPicture(ax, q, (-1, 2), (-1, 2), eigen_axes=True)
    pic.add_path(W, "path")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
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
    assert (np.abs(frames[0] - frames[1]).sum(-1) > 30).mean() < 0.002


def test_the_taught_functions_are_not_exported_by_the_package():
    for name in ["project_l2_ball", "lambda_for_theta", "soft_threshold", "ridge_solution", "ridge_path",
                 "projected_gradient", "lasso_prox_grad", "shrinkage_factors", "kkt_multiplier"]:
        assert not hasattr(d2l.nb04, name) and not hasattr(d2l, name)


# ----------------------------------------------------------------------------- taught in the notebook
@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-10, 10), min_size=3, max_size=3), st.floats(0.01, 20))
def test_project_ball_is_the_nearest_point_of_the_ball(values, theta):
    project_ball = taught_function(NB, "project_ball")
    w = torch.tensor(values, dtype=F64)
    p = project_ball(w, theta)
    assert float(p @ p) <= theta * (1 + 1e-12)
    assert torch.allclose(project_ball(p, theta), p)
    if float(w @ w) <= theta:
        assert torch.equal(p, w)
    g = torch.Generator().manual_seed(0)                         # no point of the ball is nearer (sampled)
    cand = project_ball(torch.randn(2000, 3, generator=g, dtype=F64) * theta**0.5, theta)
    assert float((w - p).norm()) <= float((cand - w).norm(dim=1).min()) + 1e-12


def test_lambda_for_theta_solves_the_secular_equation():
    lambda_for_theta = taught_function(NB, "lambda_for_theta")
    _, X, y = problem(1)
    full = float(d2l.ridge(X, y, 0.0).pow(2).sum())
    for theta in (0.05 * full, 0.5 * full, 0.99 * full):
        lam = lambda_for_theta(X, y, theta)
        assert lam > 0
        assert eigen_ridge_sq_norm(X, y, lam) == pytest.approx(theta, rel=1e-10)
    assert lambda_for_theta(X, y, 2 * full) == 0.0


def test_lambda_for_theta_with_more_weights_than_examples():
    lambda_for_theta = taught_function(NB, "lambda_for_theta")
    _, X, y = problem(2, n=6, d=15)
    w_mn = torch.linalg.pinv(X) @ y
    assert lambda_for_theta(X, y, 1.01 * float(w_mn @ w_mn)) == 0.0
    lam = lambda_for_theta(X, y, 0.3 * float(w_mn @ w_mn))
    assert float(d2l.ridge(X, y, lam).pow(2).sum()) == pytest.approx(0.3 * float(w_mn @ w_mn), rel=1e-9)


def test_projected_gradient_meets_kkt_and_equals_ridge_at_lambda_theta():
    ns = {"F64": F64}
    project_ball = taught_function(NB, "project_ball")
    projected_gradient = taught_function(NB, "projected_gradient", {"F64": F64, "project_ball": project_ball, **ns})
    lambda_for_theta = taught_function(NB, "lambda_for_theta")
    q, X, y = problem(3)
    full = float(q.minimizer().pow(2).sum())
    thetas = [0.1 * full, 0.6 * full, 1.5 * full]
    W = projected_gradient(q, thetas)
    lams = [lambda_for_theta(X, y, t) for t in thetas]
    assert torch.allclose(W, d2l.ridge(X, y, lams), atol=1e-9)
    for w, lam, theta in zip(W, lams, thetas, strict=True):
        assert torch.allclose(q.grad(w) + lam * w, torch.zeros(3, dtype=F64), atol=1e-9)     # stationarity
        assert float(w @ w) <= theta * (1 + 1e-9)                                            # primal
        assert lam * (float(w @ w) - theta) == pytest.approx(0, abs=1e-9)                    # slackness


def test_soft_threshold_is_the_prox_of_the_l1_norm():
    soft_threshold = taught_function(NB, "soft_threshold")
    v = torch.tensor([-3.0, -0.5, 0.0, 0.5, 2.0], dtype=F64)
    assert torch.equal(soft_threshold(v, 1.0), torch.tensor([-2.0, 0.0, 0.0, 0.0, 1.0], dtype=F64))
    grid = torch.linspace(-4, 4, 80_001, dtype=F64)              # brute force: argmin ½(w − v)² + τ|w|
    for vj in v.tolist():
        best = grid[((grid - vj) ** 2 / 2 + 1.0 * grid.abs()).argmin()]
        assert float(soft_threshold(torch.tensor([vj], dtype=F64), 1.0)) == pytest.approx(float(best), abs=1e-4)


def test_ista_solves_the_lasso_single_and_batched():
    soft_threshold = taught_function(NB, "soft_threshold")
    ista = taught_function(NB, "ista", {"F64": F64, "soft_threshold": soft_threshold})
    q, _, _ = problem(4, d=3)
    lams = [0.05, 0.3, 2.0]
    W = ista(q, lams)
    assert float(d2l.nb04.l1_kkt_violation(q, W, lams).max()) < 1e-10
    assert torch.equal(W[2], torch.zeros(3, dtype=F64))          # λ above max|b_j|: all zero
    H = torch.stack([torch.diag(torch.tensor([1.0, 2.0], dtype=F64))] * 2)
    b = torch.tensor([[3.0, 0.5], [-3.0, 4.0]], dtype=F64)
    Wb = ista(Quadratic(H, b), torch.tensor([1.0, 1.0], dtype=F64))
    assert torch.allclose(Wb, torch.tensor([[2.0, 0.0], [-2.0, 1.5]], dtype=F64), atol=1e-12)


# ----------------------------------------------------------------------------- sliders bind their state
def _show_functions():
    import nbformat

    nb = nbformat.read(NOTEBOOKS / NB, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse("\n".join(ln for ln in cell.source.splitlines() if not ln.startswith("%"))).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("show_"):
                yield node


def test_every_slider_show_binds_what_it_touches():
    allowed = {"vec", "float", "int", "bool", "torch"}         # module-level helpers, not state
    shows = list(_show_functions())
    assert {f.name for f in shows} == {"show_lambda", "show_theta", "show_l1"}
    for fn in shows:
        params = {a.arg for a in fn.args.args}
        body = [n for stmt in fn.body for n in ast.walk(stmt)]        # not the defaults: they are evaluated once
        assigned = {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        loaded = {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        free = loaded - params - assigned - allowed
        assert not free, f"{fn.name} reads {sorted(free)} from globals: bind them as default arguments"


# ----------------------------------------------------------------------------- §9 uses notebook 02's data
def _cell_namespace(notebook: str, marker: str) -> dict:
    """Execute the one code cell of ``notebook`` that contains ``marker``; return its namespace."""
    import contextlib
    import io

    import nbformat

    cells = [c for c in nbformat.read(NOTEBOOKS / notebook, as_version=4).cells
             if c.cell_type == "code" and marker in c.source]
    assert len(cells) == 1, f"{notebook}: {len(cells)} cells contain {marker!r}"
    namespace = {"torch": torch, "d2l": d2l, "F64": F64}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(cells[0].source, notebook, "exec"), namespace)
    return namespace


def test_section_9_is_notebook_02s_training_set():
    """Review 04 D1: §9 says it regenerates notebook 02's data exactly; compare with notebook 02's own data cell."""
    ours = _cell_namespace(NB, "S02 = d2l.nb02.SETUP")
    theirs = _cell_namespace("02_l2_penalty_from_scratch.ipynb", "X_train, X_val, X_test = X.split(")
    assert torch.equal(ours["X02"], theirs["X_train"].double())
    assert torch.equal(ours["y02"], theirs["y_train"].double().reshape(-1))
