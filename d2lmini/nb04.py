"""Plumbing for notebook 04 (constrained vs penalized): its setup, data, the quadratic view and the pictures.

The ideas the notebook teaches (projection onto the ball, λ(θ) by bisection, soft-thresholding, ISTA)
are written in the notebook's own cells, and ridge is ``d2l.ridge``. What is here only serves them:

* ``SETUP`` and :func:`correlated_data`: the §1 problem (the notebook and ``checks.nb04`` both read it);
* :class:`Quadratic`: the mean squared loss ``L(w) = 1/(2n) ||Xw - y||² = 1/2 wᵀHw - bᵀw + c``;
* :func:`circle_extremes`, :func:`l1_kkt_violation`: measuring helpers;
* :func:`frame_data`, :class:`BallPicture` (contours, ball, point, arrow): slider precomputation and drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Setup:
    """The §1 problem: ``n`` rows of two standard-normal features with correlation ``rho``."""

    n: int = 100
    rho: float = 0.8
    w_true: tuple[float, float] = (1.0, 0.3)
    sigma: float = 0.5
    seed: int = 0


SETUP = Setup()


def correlated_data(n: int, rho: float, w_true, sigma: float, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``X`` (n, 2) with feature correlation ``rho`` and ``y = X w_true + σ ε`` (float64, no intercept)."""
    g = torch.Generator().manual_seed(seed)
    chol = torch.tensor([[1.0, 0.0], [rho, (1 - rho**2) ** 0.5]], dtype=torch.float64)
    X = torch.randn(n, 2, generator=g, dtype=torch.float64) @ chol.T
    w = torch.as_tensor(w_true, dtype=torch.float64)
    return X, X @ w + sigma * torch.randn(n, generator=g, dtype=torch.float64)


@dataclass(frozen=True)
class Quadratic:
    """``L(w) = 1/2 wᵀHw - bᵀw + c``; ``H`` is ``(d, d)`` or a batch ``(N, d, d)``, ``w`` is ``(..., d)``."""

    H: torch.Tensor
    b: torch.Tensor
    c: torch.Tensor | float = 0.0

    @classmethod
    def from_data(cls, X: torch.Tensor, y: torch.Tensor) -> Quadratic:
        """The mean squared loss ``1/(2n) ||Xw - y||²`` of ``X (..., n, d)``, ``y (..., n)``."""
        n = X.shape[-2]
        return cls(X.mT @ X / n, (X.mT @ y.unsqueeze(-1)).squeeze(-1) / n, (y * y).sum(-1) / (2 * n))

    def loss(self, w: torch.Tensor) -> torch.Tensor:
        return 0.5 * (w * self._Hw(w)).sum(-1) - (w * self.b).sum(-1) + self.c

    def grad(self, w: torch.Tensor) -> torch.Tensor:
        """``∇L(w) = Hw - b``."""
        return self._Hw(w) - self.b

    def minimizer(self) -> torch.Tensor:
        """``ŵ = H⁺b``: the (minimum-norm) minimizer of ``L``."""
        return torch.linalg.pinv(self.H, hermitian=True) @ self.b

    def _Hw(self, w: torch.Tensor) -> torch.Tensor:
        return (self.H @ w.unsqueeze(-1)).squeeze(-1)


def circle_extremes(q: Quadratic, theta: float, num: int = 3600) -> tuple[torch.Tensor, torch.Tensor]:
    """The lowest- and the highest-loss points of the circle ``||w||² = θ`` (2-D ``q``).

    A grid of ``num`` angles finds each one roughly; Newton's method on ``dL/dφ = 0`` then polishes it
    to machine precision, so ``∇L(w)`` is parallel to ``w`` there to rounding error.
    """
    r = theta**0.5
    phi = torch.linspace(0, 2 * torch.pi, num + 1, dtype=torch.float64)[:-1]
    losses = q.loss(r * torch.stack([phi.cos(), phi.sin()], 1))
    points = []
    for p in (phi[losses.argmin()], phi[losses.argmax()]):
        for _ in range(30):
            w = r * torch.stack([p.cos(), p.sin()])
            dw = r * torch.stack([-p.sin(), p.cos()])                 # dw/dφ;  d²w/dφ² = -w
            slope = q.grad(w) @ dw
            curvature = dw @ (q.H @ dw) - q.grad(w) @ w
            p = p - slope / curvature
        points.append(r * torch.stack([p.cos(), p.sin()]))
    return points[0], points[1]


def l1_kkt_violation(q: Quadratic, w: torch.Tensor, lambd) -> torch.Tensor:
    """How far ``w`` is from minimizing ``L + λ||w||₁`` (0 at the solution), one value per row.

    Optimality: ``∇L(w)_j = -λ sign(w_j)`` where ``w_j ≠ 0`` and ``|∇L(w)_j| <= λ`` where ``w_j = 0``.
    """
    lam = torch.as_tensor(lambd, dtype=w.dtype)
    lam = lam.unsqueeze(-1) if lam.dim() else lam
    g = q.grad(w)
    off = torch.where(w != 0, (g + lam * torch.sign(w)).abs(), torch.clamp(g.abs() - lam, min=0))
    return off.amax(dim=-1)


def loss_ellipse(q: Quadratic, level: float, num: int = 200) -> torch.Tensor:
    """Points ``(num, 2)`` of the contour ``L(w) = level`` of a 2-D quadratic.

    From ``L(w) = L(ŵ) + 1/2 (w - ŵ)ᵀH(w - ŵ)``: ``w = ŵ + √(2(level - L(ŵ))) Q diag(h^-½) u``.
    """
    w_hat = q.minimizer()
    h, Q = torch.linalg.eigh(q.H)
    rise = max(float(level) - float(q.loss(w_hat)), 0.0)
    t = torch.linspace(0, 2 * torch.pi, num, dtype=q.H.dtype)
    u = torch.stack([t.cos(), t.sin()], dim=1)
    return w_hat + (2 * rise) ** 0.5 * (u / h.sqrt()) @ Q.T


def plot_loss_contours(ax, q: Quadratic, xlim, ylim, num_levels: int = 10, num: int = 121):
    """Grey loss contours of a 2-D quadratic, equal aspect, labeled axes. The levels
    ``L(ŵ) + (L(0) - L(ŵ))·(k/4)²`` are evenly spaced ellipses; the fourth passes through 0."""
    w1 = torch.linspace(*xlim, num, dtype=q.H.dtype)
    w2 = torch.linspace(*ylim, num, dtype=q.H.dtype)
    grid = torch.stack(torch.meshgrid(w1, w2, indexing="xy"), dim=-1)
    l_min = float(q.loss(q.minimizer()))
    rise = float(q.loss(torch.zeros(2, dtype=q.H.dtype))) - l_min
    levels = [l_min + rise * (k / 4) ** 2 for k in range(1, num_levels + 1)]
    cs = ax.contour(w1.numpy(), w2.numpy(), q.loss(grid).numpy(), levels=levels, colors="0.6", linewidths=0.8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    return cs


def frame_data(q: Quadratic, W: torch.Tensor, num: int = 200) -> tuple[torch.Tensor, torch.Tensor]:
    """Slider precomputation: for every row ``w`` of ``W (K, 2)`` the loss contour through ``w``
    ``(K, num, 2)`` and the unit descent direction ``-∇L(w)/||∇L(w)||`` ``(K, 2)`` (0 at ``ŵ``)."""
    contours = torch.stack([loss_ellipse(q, float(q.loss(w)), num) for w in W])
    g = -q.grad(W)
    norm = g.norm(dim=1, keepdim=True)
    tiny = norm <= 1e-9 * float(q.b.norm())
    return contours, torch.where(tiny, torch.zeros_like(g), g / norm.clamp_min(1e-300))


class BallPicture:
    """One 2-D panel: loss contours, a ball (``"l2"`` circle or ``"l1"`` diamond), a solution point,
    the contour through it and an arrow along ``-∇L``; optionally the eigen-directions of ``H``.

    Built once; :meth:`show` only moves the artists (fast enough for a slider). Labels are plain
    Unicode, not mathtext: parsing mathtext on every redraw is what makes a slider slow.
    """

    def __init__(self, ax, q: Quadratic, xlim, ylim, ball: str = "l2", point_label: str = "solution w",
                 eigen_axes: bool = False, arrow_length: float = 0.35, num_levels: int = 10) -> None:
        if ball not in ("l2", "l1"):
            raise ValueError(f"ball: expected 'l2' or 'l1', got {ball!r}")
        self.ax, self.arrow_length = ax, arrow_length
        plot_loss_contours(ax, q, xlim, ylim, num_levels)
        if eigen_axes:
            h, Q = torch.linalg.eigh(q.H)
            for k, style in ((0, (0, (1, 2))), (1, (0, (4, 2)))):   # the eigenbasis axes, through 0
                ends = torch.stack([-3 * Q[:, k], 3 * Q[:, k]])
                ax.plot(ends[:, 0], ends[:, 1], color="0.35", lw=1, ls=style,
                        label=f"eigen-direction, h{'₁₂'[k]} = {float(h[k]):.3g}")
        ax.plot(*q.minimizer().tolist(), "X", color="black", ms=9, label="ŵ (unpenalized)", zorder=5)
        ax.plot([0], [0], "+", color="black", ms=10, mew=1.5, zorder=5)
        name = "sphere ‖w‖² = θ" if ball == "l2" else "diamond ‖w‖₁ = τ"
        self.ball_line, = ax.plot([], [], color="#0072B2", lw=2, label=name)
        self.contour_line, = ax.plot([], [], color="#D55E00", lw=1.5, ls="--", label="loss contour through w")
        self.point, = ax.plot([], [], "o", color="#D55E00", ms=8, zorder=6, label=point_label)
        self.arrow = ax.quiver([0.0], [0.0], [0.0], [0.0], angles="xy", scale_units="xy", scale=1,
                               color="black", width=0.008, zorder=7)
        ax.plot([], [], color="black", lw=1.5, marker=">", ms=7, label="direction of −∇L(w)")  # legend entry
        t = torch.linspace(0, 2 * torch.pi, 241, dtype=torch.float64)
        self._unit = torch.stack([t.cos(), t.sin()], 1) if ball == "l2" else torch.tensor(
            [[1.0, 0], [0, 1], [-1, 0], [0, -1], [1, 0]], dtype=torch.float64)

    @property
    def moving(self) -> list:
        """The artists that :meth:`show` changes (pass them to :func:`d2lmini.freeze_static`)."""
        return [self.ball_line, self.contour_line, self.point, self.arrow]

    def add_path(self, W: torch.Tensor, label: str, **style) -> None:
        """Draw a solution path ``W (K, 2)`` once."""
        self.ax.plot(W[:, 0], W[:, 1], label=label, **{"color": "#009E73", "lw": 2, **style})

    def show(self, w: torch.Tensor, size: float, contour: torch.Tensor, descent: torch.Tensor) -> None:
        """Move the point to ``w``, the ball to radius (or L1 size τ) ``size``, the contour and the arrow."""
        ball = self._unit * size
        self.ball_line.set_data(ball[:, 0], ball[:, 1])
        self.contour_line.set_data(contour[:, 0], contour[:, 1])
        self.point.set_data([float(w[0])], [float(w[1])])
        self.arrow.set_offsets([[float(w[0]), float(w[1])]])
        d = descent * self.arrow_length
        self.arrow.set_UVC([float(d[0])], [float(d[1])])

