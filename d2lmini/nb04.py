"""Constrained vs penalized least squares: ridge path, L2 ball, L1 prox, eigen shrinkage.

Every problem here is a quadratic loss ``l(w) = 1/2 wᵀHw - bᵀw + c``. For data
``(X, y)`` with the *mean* squared loss ``l(w) = 1/(2n) ||Xw - y||²`` (the scaling
of notebooks 02 and 03) that is ``H = XᵀX/n``, ``b = Xᵀy/n``, ``c = yᵀy/(2n)``.
The penalized problem is ``l(w) + λ/2 ||w||²`` (ridge) or ``l(w) + λ ||w||₁``
(lasso); the constrained one is ``l(w)`` subject to ``||w||² <= θ``.
Weights are 1-D tensors ``(d,)``; many problems at once are ``(K, d)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from ._validate import require_int, require_lambda, require_real, require_tensor


@dataclass(frozen=True)
class Quadratic:
    """The loss ``l(w) = 1/2 wᵀHw - bᵀw + c``; ``H`` is ``(d, d)`` (or ``(N, d, d)``), ``b`` ``(d,)``."""

    H: torch.Tensor
    b: torch.Tensor
    c: float = 0.0

    def __post_init__(self) -> None:
        require_tensor("H", self.H, ndim=(2, 3))
        require_tensor("b", self.b, ndim=(1, 2))
        if self.H.shape[-1] != self.H.shape[-2] or self.H.shape[-1] != self.b.shape[-1]:
            raise ValueError(f"H and b: expected H (d, d) and b (d,), got {tuple(self.H.shape)} "
                             f"and {tuple(self.b.shape)}")

    @classmethod
    def from_data(cls, X: torch.Tensor, y: torch.Tensor) -> Quadratic:
        """The mean squared loss ``1/(2n) ||Xw - y||²`` written as a quadratic."""
        require_tensor("X", X, ndim=(2,))
        require_tensor("y", y, ndim=(1, 2))
        if y.numel() != X.shape[0]:
            raise ValueError(f"y: expected {X.shape[0]} values (one per row of X), got {y.numel()}")
        n, y = X.shape[0], y.reshape(-1)
        return cls(X.T @ X / n, X.T @ y / n, float(y @ y) / (2 * n))

    @property
    def dim(self) -> int:
        """The number of weights ``d``."""
        return self.b.shape[-1]

    def loss(self, w: torch.Tensor) -> torch.Tensor:
        """``l(w)`` for ``w`` of shape ``(..., d)``."""
        return 0.5 * (w * hess_vec(self.H, w)).sum(-1) - (w * self.b).sum(-1) + self.c

    def grad(self, w: torch.Tensor) -> torch.Tensor:
        """``∇l(w) = Hw - b`` for ``w`` of shape ``(..., d)``."""
        return hess_vec(self.H, w) - self.b


def hess_vec(H: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """``H @ w`` over the last axis, broadcasting batches of ``H`` and/or ``w``."""
    return (H @ w.unsqueeze(-1)).squeeze(-1)


def _require_quadratic(q) -> Quadratic:
    if not isinstance(q, Quadratic):
        raise TypeError(f"q: expected a d2lmini Quadratic, got {type(q).__name__}")
    return q


def correlated_data(n: int, rho: float, w: torch.Tensor,
                    noise: float = 0.5) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` rows of two standard-normal features with correlation ``rho``; ``y = Xw + noise·ε``.

    No intercept (the features have mean zero). Uses the global torch seed; float64.
    """
    require_int("n", n, minimum=2)
    rho = require_real("rho", rho)
    if not -1 < rho < 1:
        raise ValueError(f"rho: expected a correlation strictly between -1 and 1, got {rho}")
    require_tensor("w", w, ndim=(1,))
    if w.numel() != 2:
        raise ValueError(f"w: expected 2 weights, got shape {tuple(w.shape)}")
    noise = require_real("noise", noise, nonnegative=True)
    L = torch.tensor([[1.0, 0.0], [rho, (1 - rho**2) ** 0.5]], dtype=torch.float64)
    X = torch.randn(n, 2, dtype=torch.float64) @ L.T
    return X, X @ w.double() + noise * torch.randn(n, dtype=torch.float64)


def ridge_solution(q: Quadratic, lambd: float) -> torch.Tensor:
    """``argmin l(w) + λ/2 ||w||²`` by one linear solve of ``(H + λI) w = b``.

    At ``λ = 0`` with a singular ``H`` (more weights than examples) it returns
    the minimum-norm minimiser ``H⁺b``, the limit of the path as ``λ → 0``.
    """
    q, lambd = _require_quadratic(q), require_lambda(lambd)
    eye = torch.eye(q.dim, dtype=q.H.dtype)
    if lambd == 0:
        return torch.linalg.pinv(q.H, hermitian=True) @ q.b
    return torch.linalg.solve(q.H + lambd * eye, q.b)


def ridge_path(q: Quadratic, lambdas) -> torch.Tensor:
    """Ridge solutions for every λ at once, ``(K, d)``, through one eigendecomposition of ``H``.

    In the eigenbasis ``H = Q diag(h) Qᵀ`` the solution is ``Q diag(1/(h + λ)) Qᵀ b``;
    directions with ``h = 0`` get 0 (the minimum-norm limit).
    """
    q = _require_quadratic(q)
    lam = torch.tensor([require_lambda(v, "lambdas") for v in lambdas], dtype=q.H.dtype).reshape(-1, 1)
    if lam.numel() == 0:
        raise ValueError("lambdas: expected at least one value")
    h, Q = torch.linalg.eigh(q.H)
    coef = Q.T @ q.b
    null = h <= h.max() * q.dim * torch.finfo(h.dtype).eps
    denom = h.clamp_min(0) + lam
    scale = torch.where(null, torch.zeros_like(denom), 1 / denom)
    return (scale * coef) @ Q.T


def shrinkage_factors(h: torch.Tensor, lambd: float) -> torch.Tensor:
    """Ridge's factor per eigen-direction: ``h / (h + λ)`` (1: kept, 0: removed)."""
    require_tensor("h", h)
    lambd = require_lambda(lambd)
    if bool((h < 0).any()):
        raise ValueError("h: eigenvalues of a loss Hessian must be >= 0")
    return h / (h + lambd) if lambd > 0 else torch.ones_like(h)


def gd_factors(h: torch.Tensor, lr: float, steps: int) -> torch.Tensor:
    """Gradient descent from ``w = 0``: after ``steps`` steps each eigen-component of the
    minimiser is reached to the fraction ``1 - (1 - lr·h)^steps``."""
    require_tensor("h", h)
    lr = require_real("lr", lr, positive=True)
    require_int("steps", steps, minimum=0)
    return 1 - (1 - lr * h) ** steps


def project_l2_ball(w: torch.Tensor, theta) -> torch.Tensor:
    """The nearest point to ``w`` with ``||w||² <= θ`` (rows of ``(K, d)`` with a θ each)."""
    require_tensor("w", w, ndim=(1, 2))
    theta = torch.as_tensor(theta, dtype=w.dtype)
    if not bool(torch.isfinite(theta).all()) or bool((theta < 0).any()):
        raise ValueError(f"theta: expected finite values >= 0 (a squared radius), got {theta.tolist()}")
    radius = theta.sqrt().reshape(-1, 1) if w.dim() == 2 else theta.sqrt()
    norm = w.norm(dim=-1, keepdim=w.dim() == 2)
    return w * torch.clamp(radius / norm.clamp_min(1e-300), max=1.0)


def _step_size(q: Quadratic, lr: float | None) -> float | torch.Tensor:
    if lr is not None:
        return require_real("lr", lr, positive=True)
    h_max = torch.linalg.eigvalsh(q.H)[..., -1]
    return (1 / h_max).unsqueeze(-1) if h_max.dim() else 1 / float(h_max)


def _iterate(step, w: torch.Tensor, max_steps: int, tol: float) -> tuple[torch.Tensor, int]:
    for k in range(1, max_steps + 1):
        w_new = step(w)
        if float((w_new - w).abs().max()) <= tol:
            return w_new, k
        w = w_new
    return w, max_steps


def projected_gradient(q: Quadratic, theta, lr: float | None = None, max_steps: int = 100_000,
                       tol: float = 1e-15) -> tuple[torch.Tensor, int]:
    """Solve ``min l(w)`` s.t. ``||w||² <= θ`` by projected gradient descent from ``w = 0``.

    Each step is a gradient step (``lr`` defaults to ``1/h_max``) followed by
    :func:`project_l2_ball`. ``theta`` may be a list: then the K problems run
    together and ``w`` is ``(K, d)``. Returns ``(w, steps)``; it stops when no
    weight moves by more than ``tol``.
    """
    q = _require_quadratic(q)
    theta = torch.as_tensor(theta, dtype=q.b.dtype)
    if not bool(torch.isfinite(theta).all()) or bool((theta < 0).any()):
        raise ValueError(f"theta: expected finite values >= 0 (a squared radius), got {theta.tolist()}")
    require_int("max_steps", max_steps)
    tol = require_real("tol", tol, positive=True)
    lr = _step_size(q, lr)
    w0 = torch.zeros(*theta.shape, q.dim, dtype=q.b.dtype)
    return _iterate(lambda w: project_l2_ball(w - lr * q.grad(w), theta), w0, max_steps, tol)


def squared_norm_path(q: Quadratic, lambd: float) -> float:
    """``θ(λ) = ||w(λ)||²`` of the ridge solution."""
    return float(ridge_path(q, [lambd])[0].pow(2).sum())


def lambda_for_theta(q: Quadratic, theta: float, tol: float = 1e-13) -> float:
    """The λ whose ridge solution has ``||w(λ)||² = θ``, by bisection (0 if the ball holds ``w(0)``).

    ``θ(λ)`` falls monotonically, and ``||w(λ)|| <= ||b||/λ`` brackets the root
    in ``[0, ||b||/√θ]``. Bisection stops when the bracket is shorter than
    ``tol·(1 + λ)``.
    """
    q = _require_quadratic(q)
    theta = require_real("theta", theta, positive=True)
    h, Q = torch.linalg.eigh(q.H)
    coef2 = (Q.T @ q.b) ** 2
    keep = h > h.max() * q.dim * torch.finfo(h.dtype).eps

    def sq_norm(lam: float) -> float:
        return float((coef2[keep] / (h[keep] + lam) ** 2).sum())

    if sq_norm(0.0) <= theta:
        return 0.0
    lo, hi = 0.0, float(q.b.norm()) / theta**0.5
    while hi - lo > tol * (1 + hi):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sq_norm(mid) > theta else (lo, mid)
    return (lo + hi) / 2


def kkt_multiplier(q: Quadratic, w: torch.Tensor) -> float:
    """The λ recovered from a constrained solution on the boundary: ``-<∇l(w), w> / ||w||²``.

    At the lowest-loss point of the sphere ``||w||² = θ`` the gradient is
    ``∇l(w) = -λw``; taking the inner product with ``w`` gives this formula.
    """
    q = _require_quadratic(q)
    require_tensor("w", w, ndim=(1,))
    sq = float(w @ w)
    if sq == 0:
        raise ValueError("w: the zero vector carries no multiplier (it is not on a sphere θ > 0)")
    return -float(q.grad(w) @ w) / sq


def soft_threshold(v: torch.Tensor, tau) -> torch.Tensor:
    """The proximal map of ``τ||·||₁``: ``sign(v)·max(|v| - τ, 0)``, exact zeros for ``|v| <= τ``."""
    require_tensor("v", v)
    tau = torch.as_tensor(tau, dtype=v.dtype)
    if not bool(torch.isfinite(tau).all()) or bool((tau < 0).any()):
        raise ValueError(f"tau: expected finite values >= 0, got {tau.tolist()}")
    return torch.sign(v) * torch.clamp(v.abs() - tau, min=0)


def lasso_prox_grad(q: Quadratic, lambdas, lr: float | None = None, max_steps: int = 200_000,
                    tol: float = 1e-15) -> tuple[torch.Tensor, int]:
    """Solve ``min l(w) + λ||w||₁`` by proximal gradient (ISTA) from ``w = 0``.

    Step: ``w ← soft_threshold(w - lr·∇l(w), lr·λ)``. ``lambdas`` is a number or
    one value per problem (a ``(K,)`` list/tensor, or one per quadratic in a
    batch ``H`` of shape ``(K, d, d)``). Returns ``(w, steps)``.
    """
    q = _require_quadratic(q)
    lam = torch.as_tensor(lambdas, dtype=q.b.dtype)
    if not bool(torch.isfinite(lam).all()) or bool((lam < 0).any()):
        raise ValueError(f"lambdas: expected finite values >= 0, got {lam.tolist()}")
    require_int("max_steps", max_steps)
    tol = require_real("tol", tol, positive=True)
    lr = _step_size(q, lr)
    batch = torch.broadcast_shapes(lam.shape, q.b.shape[:-1], q.H.shape[:-2])
    w0 = torch.zeros(*batch, q.dim, dtype=q.b.dtype)
    thresh = lr * lam.unsqueeze(-1)
    return _iterate(lambda w: soft_threshold(w - lr * q.grad(w), thresh), w0, max_steps, tol)


def lasso_first_zero(q: Quadratic) -> tuple[float, int]:
    """The smallest λ at which the lasso solution has an exact zero, and which weight it is.

    While all signs ``s`` stay fixed, ``w(λ) = H⁻¹(b - λs)`` is a straight line;
    weight ``j`` reaches zero at ``λ_j = [H⁻¹b]_j / [H⁻¹s]_j``. Needs an invertible ``H``
    and a least-squares solution with no zero weight.
    """
    q = _require_quadratic(q)
    w_hat = torch.linalg.solve(q.H, q.b)
    if bool((w_hat == 0).any()):
        raise ValueError("q: the unpenalized solution already has a zero weight")
    slope = torch.linalg.solve(q.H, torch.sign(w_hat))
    knots = w_hat / slope
    knots = torch.where(knots > 0, knots, torch.full_like(knots, float("inf")))
    j = int(knots.argmin())
    return float(knots[j]), j


def lasso_kkt_violation(q: Quadratic, w: torch.Tensor, lambd) -> torch.Tensor:
    """How far ``w`` is from optimal for ``l + λ||·||₁`` (0 at the solution), per problem.

    Optimality: ``∇l(w)_j = -λ·sign(w_j)`` where ``w_j ≠ 0`` and ``|∇l(w)_j| <= λ`` where ``w_j = 0``.
    """
    q = _require_quadratic(q)
    require_tensor("w", w, ndim=(1, 2))
    lam = torch.as_tensor(lambd, dtype=w.dtype).unsqueeze(-1) if w.dim() == 2 else torch.as_tensor(lambd)
    g = q.grad(w)
    off = torch.where(w != 0, (g + lam * torch.sign(w)).abs(), torch.clamp(g.abs() - lam, min=0))
    return off.amax(dim=-1)


def loss_ellipse(q: Quadratic, level: float, w_center: torch.Tensor, num: int = 200) -> torch.Tensor:
    """Points ``(num, 2)`` of the 2-D contour ``l(w) = level`` around the minimiser ``w_center``.

    From ``l(w) = l_min + 1/2 (w - ŵ)ᵀH(w - ŵ)``: ``w = ŵ + √(2(level - l_min)) Q diag(h^-½) u``.
    """
    q = _require_quadratic(q)
    if q.dim != 2:
        raise ValueError(f"q: expected a 2-D problem, got d = {q.dim}")
    h, Q = torch.linalg.eigh(q.H)
    rise = max(float(level) - float(q.loss(w_center)), 0.0)
    t = torch.linspace(0, 2 * torch.pi, num, dtype=q.H.dtype)
    u = torch.stack([t.cos(), t.sin()], dim=1)
    return w_center + (2 * rise) ** 0.5 * (u / h.sqrt()) @ Q.T


def plot_loss_contours(ax, q: Quadratic, xlim: tuple[float, float], ylim: tuple[float, float],
                       num_levels: int = 10, num: int = 121):
    """Draw the loss contours of a 2-D quadratic once (grey ellipses, equal aspect, labelled axes).

    Levels are ``l_min + (l(0) - l_min)·(k/4)²``, so the ellipses are evenly
    spaced and the fourth one passes through the origin. Returns the contour set.
    """
    q = _require_quadratic(q)
    if q.dim != 2:
        raise ValueError(f"q: expected a 2-D problem, got d = {q.dim}")
    require_int("num_levels", num_levels)
    require_int("num", num, minimum=2)
    w1 = torch.linspace(*xlim, num, dtype=q.H.dtype)
    w2 = torch.linspace(*ylim, num, dtype=q.H.dtype)
    grid = torch.stack(torch.meshgrid(w1, w2, indexing="xy"), dim=-1)
    l_min = float(q.loss(ridge_solution(q, 0.0)))
    rise = float(q.loss(torch.zeros(2, dtype=q.H.dtype))) - l_min
    levels = [l_min + rise * (k / 4) ** 2 for k in range(1, num_levels + 1)]
    cs = ax.contour(w1.numpy(), w2.numpy(), q.loss(grid).numpy(), levels=levels, colors="0.6",
                    linewidths=0.8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    return cs


def frame_data(q: Quadratic, W: torch.Tensor, num: int = 200) -> tuple[torch.Tensor, torch.Tensor]:
    """Precompute, for every row ``w`` of ``W (K, 2)``, the loss contour through ``w`` ``(K, num, 2)``
    and the unit descent direction ``-∇l(w)/||∇l(w)||`` ``(K, 2)`` (zero at the minimiser)."""
    q = _require_quadratic(q)
    require_tensor("W", W, ndim=(2,))
    w_hat = ridge_solution(q, 0.0)
    contours = torch.stack([loss_ellipse(q, float(q.loss(w)), w_hat, num) for w in W])
    g = -q.grad(W)
    norm = g.norm(dim=1, keepdim=True)
    tiny = norm <= 1e-9 * float(q.b.norm())
    return contours, torch.where(tiny, torch.zeros_like(g), g / norm.clamp_min(1e-300))


class BallPicture:
    """One 2-D panel: loss contours, optional paths, a ball (``"l2"`` circle or ``"l1"`` diamond),
    a solution point, the contour through it and an arrow along ``-∇l``; optionally the
    eigen-directions of ``H`` drawn through the origin (the axes of the eigenbasis).

    Built once; :meth:`show` only moves the artists (fast enough for a slider). Labels are plain
    Unicode, not mathtext: parsing mathtext on every redraw is what makes a slider slow.
    """

    def __init__(self, ax, q: Quadratic, xlim: tuple[float, float], ylim: tuple[float, float],
                 ball: str = "l2", point_label: str = "solution w", eigen_axes: bool = False,
                 arrow_length: float = 0.35, num_levels: int = 10) -> None:
        if ball not in ("l2", "l1"):
            raise ValueError(f"ball: expected 'l2' or 'l1', got {ball!r}")
        q = _require_quadratic(q)
        self.ax, self.ball_kind, self.arrow_length = ax, ball, arrow_length
        plot_loss_contours(ax, q, xlim, ylim, num_levels)
        w_hat = ridge_solution(q, 0.0)
        if eigen_axes:
            h, Q = torch.linalg.eigh(q.H)
            for k, style in ((0, (0, (1, 2))), (1, (0, (4, 2)))):   # the eigenbasis axes, through 0
                ends = torch.stack([-3 * Q[:, k], 3 * Q[:, k]])
                ax.plot(ends[:, 0], ends[:, 1], color="0.35", lw=1, ls=style,
                        label=f"eigen-direction, h = {float(h[k]):.3g}")
        ax.plot(*w_hat.tolist(), "X", color="black", ms=9, label="ŵ (unpenalized)", zorder=5)
        ax.plot([0], [0], "+", color="black", ms=10, mew=1.5, zorder=5)
        name = "‖w‖² = θ" if ball == "l2" else "‖w‖₁ = t"
        self.ball_line, = ax.plot([], [], color="#0072B2", lw=2, label=name)
        self.contour_line, = ax.plot([], [], color="#D55E00", lw=1.5, ls="--", label="loss contour through w")
        self.point, = ax.plot([], [], "o", color="#D55E00", ms=8, zorder=6, label=point_label)
        self.arrow = ax.quiver([0.0], [0.0], [0.0], [0.0], angles="xy", scale_units="xy", scale=1,
                               color="black", width=0.008, zorder=7)
        ax.plot([], [], color="black", lw=1.5, marker=">", ms=7, label="direction of −∇l(w)")  # legend entry
        t = torch.linspace(0, 2 * torch.pi, 241, dtype=torch.float64)
        self._unit = torch.stack([t.cos(), t.sin()], 1) if ball == "l2" else torch.tensor(
            [[1.0, 0], [0, 1], [-1, 0], [0, -1], [1, 0]], dtype=torch.float64)

    @property
    def moving(self) -> list:
        """The artists that :meth:`show` changes (pass them to :func:`d2lmini.freeze_static`)."""
        return [self.ball_line, self.contour_line, self.point, self.arrow]

    def add_path(self, W: torch.Tensor, label: str, **style) -> None:
        """Draw a solution path ``W (K, 2)`` (drawn once)."""
        self.ax.plot(W[:, 0], W[:, 1], label=label, **{"color": "#009E73", "lw": 2, **style})

    def show(self, w: torch.Tensor, size: float, contour: torch.Tensor, descent: torch.Tensor) -> None:
        """Move the point to ``w``, the ball to radius (or L1 size) ``size``, the contour and the arrow."""
        ball = self._unit * size
        self.ball_line.set_data(ball[:, 0], ball[:, 1])
        self.contour_line.set_data(contour[:, 0], contour[:, 1])
        self.point.set_data([float(w[0])], [float(w[1])])
        self.arrow.set_offsets([[float(w[0]), float(w[1])]])
        d = descent * self.arrow_length
        self.arrow.set_UVC([float(d[0])], [float(d[1])])
