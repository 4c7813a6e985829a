"""Notebook 07 (choosing λ without a test set, and double descent): setup, Monte Carlo drivers, slider figures.

Everything is closed form in float64. One singular value decomposition of a design matrix gives ridge, its exact
test loss, leave-one-out, GCV and the evidence for every λ at once, batched over many random draws. The notebook
writes ``loo_gcv`` and ``log_evidence`` itself (section 3); the copies below feed the Monte Carlo drivers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from .utils import check_shapes

F64 = torch.float64


# --------------------------------------------------------------------------- setup (one constant)
def _log_grid(low: float, high: float, num: int) -> tuple[float, ...]:
    return tuple(torch.logspace(math.log10(low), math.log10(high), num, dtype=F64).tolist())


@dataclass(frozen=True)
class Bayes:
    """Sections 1-3: ``y = x^T w + ε`` with ``w ~ N(0, sigma_w² I)``, ``x ~ N(0, I)``, ``ε ~ N(0, sigma²)``."""

    n_train: int = 40
    num_inputs: int = 20
    sigma: float = 1.0        # noise standard deviation σ
    sigma_w: float = 0.3      # prior standard deviation of every weight, σ_w
    n_val: int = 10           # the validation split: fit on 30, choose λ on 10, refit on all 40
    num_sets: int = 2000      # R draws of (w, X, y)
    seed: int = 1
    lambdas: tuple[float, ...] = _log_grid(1e-2, 1e2, 81)   # twentieths of a decade


@dataclass(frozen=True)
class Scaling:
    """Section 2: the same problem with more data (d, σ, σ_w as in ``Bayes``)."""

    sizes: tuple[int, ...] = (40, 80, 160, 320)
    num_sets: int = 1000
    seed: int = 2
    w_value: float = 0.3      # the fixed-w check: every true weight 0.3 (‖w‖²/d = σ_w²)


@dataclass(frozen=True)
class Features:
    """Section 4: random ReLU features ``φ(x) = relu(W x) / sqrt(p)`` of ``x ~ N(0, I_20)``, target ``β^T x + ε``."""

    n_train: int = 100
    input_dim: int = 20
    sigma: float = 0.5
    num_features: tuple[int, ...] = (10, 20, 40, 60, 80, 90, 95, 100, 105, 110, 120, 150, 200, 300, 500, 1000)
    n_test: int = 200         # test inputs per draw (the test-label noise is averaged exactly: + σ²/2)
    num_sets: int = 100
    seed: int = 3
    # 0 (the minimum-norm fit), then eighths of a decade from 1e-6 to 10, rounded to 3 digits like d2l.lambda_grid
    lambdas: tuple[float, ...] = (0.0, *(float(f"{v:.3g}") for v in _log_grid(1e-6, 10.0, 57)))
    lr: float = 2.0           # η of the gradient-descent budgets (η times the largest curvature stays below 2)
    budgets: tuple[int, ...] = (100, 1000, 10_000, 100_000)


@dataclass(frozen=True)
class Noise:
    """Section 5: input-noise injection and dropout on section 1's first data set."""

    s: float = 0.5                                   # input-noise standard deviation
    copies: tuple[int, ...] = (100, 1000, 10_000)
    drop: float = 0.2                                # nn.Dropout(p=0.2): drop probability ρ
    seed: int = 4


@dataclass(frozen=True)
class Setup:
    bayes: Bayes = field(default_factory=Bayes)
    scaling: Scaling = field(default_factory=Scaling)
    features: Features = field(default_factory=Features)
    noise: Noise = field(default_factory=Noise)


SETUP = Setup()


# --------------------------------------------------------------------------- small helpers
def mean_se(values: torch.Tensor, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean and standard error (sample std / sqrt(R)) over ``dim``."""
    return values.mean(dim), values.std(dim) / math.sqrt(values.shape[dim])


def median_ci(values: torch.Tensor) -> tuple[float, float, float]:
    """Median of a 1-D sample (for an even size the mean of the middle two, as NumPy's) and a distribution-free 95%
    interval from its order statistics.

    The number of draws below the true median is Binomial(R, 1/2): ranks R/2 ± 1.96 sqrt(R)/2 bound it.
    """
    v = values.flatten().sort().values
    R = v.numel()
    lo = max(math.floor((R - 1.96 * math.sqrt(R)) / 2), 1)
    hi = min(math.ceil((R + 1.96 * math.sqrt(R)) / 2) + 1, R)
    return float(v.quantile(0.5)), float(v[lo - 1]), float(v[hi - 1])


def argmin_refined(values: torch.Tensor, lambdas: Sequence[float]) -> torch.Tensor:
    """The λ that minimizes ``values (..., K)`` on a log-spaced grid, refined by a parabola in log λ.

    The parabola goes through the grid minimum and its two neighbors (never further than one grid step);
    a minimum at either end of the grid is returned as that end.
    """
    x = torch.log(torch.as_tensor(lambdas, dtype=F64))
    K = x.numel()
    check_shapes(values.shape[-1] == K, f"values: last dimension {values.shape[-1]}, but {K} lambdas")
    k = values.argmin(-1, keepdim=True)
    kc = k.clamp(1, K - 2)
    f0, f1, f2 = (values.gather(-1, kc + j).squeeze(-1) for j in (-1, 0, 1))
    curv = f0 - 2 * f1 + f2
    delta = torch.where(curv > 0, 0.5 * (f0 - f2) / curv.clamp_min(1e-300), torch.zeros_like(curv)).clamp(-1, 1)
    step = (x[-1] - x[0]) / (K - 1)
    inside = (k.squeeze(-1) > 0) & (k.squeeze(-1) < K - 1)
    out = torch.where(inside, x[kc.squeeze(-1)] + delta * step, x[k.squeeze(-1)])
    return out.exp()


# --------------------------------------------------------------------------- taught in notebook 07, section 3
# Taught in notebook 07 (section 3, "Leave-one-out and GCV from one SVD"); saved here for the drivers below.
def loo_gcv(X, y, lambdas):
    """Leave-one-out and GCV estimates of the test loss ½(ŷ - y)² of ridge, for every λ at once.

    X (..., n, d), y (..., n), lambdas (K,) -> (loo, gcv), each (..., K).
    """
    U, s, _ = torch.linalg.svd(X, full_matrices=False)
    return loo_gcv_svd(U, s, y, lambdas)


def loo_gcv_svd(U, s, y, lambdas):
    """:func:`loo_gcv` from the left singular vectors ``U (..., n, r)`` and singular values ``s (..., r)`` of X."""
    n = U.shape[-2]
    lam = torch.as_tensor(lambdas, dtype=U.dtype)
    uy = U.mT @ y.unsqueeze(-1)                                   # (..., r, 1): y in the basis U
    keep = n * lam / (s.unsqueeze(-1) ** 2 + n * lam)             # (..., r, K): 1 - s²/(s² + nλ), unfitted share
    outside = y - (U @ uy).squeeze(-1)                            # what no λ can fit (0 if the rank is n)
    e = outside.unsqueeze(-1) + U @ (keep * uy)                   # (..., n, K): training residuals y - Hy
    one_minus_h = (1 - (U**2).sum(-1, keepdim=True)) + (U**2) @ keep   # 1 - H_ii
    loo = (e / one_minus_h).pow(2).mean(-2) / 2
    one_minus_df = (n - s.shape[-1] + keep.sum(-2)) / n          # 1 - tr(H)/n
    gcv = e.pow(2).mean(-2) / 2 / one_minus_df**2
    return loo, gcv


# Taught in notebook 07 (section 3, "The evidence"); saved here for the drivers below.
def log_evidence(X, y, lambdas):
    """log p(y | X) under w ~ N(0, σ_w² I), noise σ², with λ = σ²/(n σ_w²) and σ² at its best value for each λ.

    X (..., n, d), y (..., n), lambdas (K,) -> (..., K).
    """
    n = X.shape[-2]
    U, s, _ = torch.linalg.svd(X, full_matrices=False)
    lam = torch.as_tensor(lambdas, dtype=X.dtype)
    uy2 = (U.mT @ y.unsqueeze(-1)).squeeze(-1) ** 2              # (..., r)
    ratio = s.unsqueeze(-1) ** 2 / (n * lam)                      # (..., r, K): σ_w² s² / σ²
    quad = (uy2.unsqueeze(-1) / (1 + ratio)).sum(-2) + (y.pow(2).sum(-1) - uy2.sum(-1)).unsqueeze(-1)
    sigma2 = quad / n                                             # y^T C^-1 y / n: the best σ² for this λ
    logdet = torch.log1p(ratio).sum(-2)                           # log det C, C = I + X X^T / (n λ)
    return -0.5 * (n * torch.log(2 * math.pi * sigma2) + logdet + n)


# --------------------------------------------------------------------------- sections 1-3: linear-Gaussian draws
def draw_linear(n: int, d: int, sigma: float, sigma_w: float, num_sets: int, seed: int, w_value: float | None = None):
    """``num_sets`` draws of (w, X, y) from a private generator: w ~ N(0, sigma_w² I) (or every weight ``w_value``),
    X (R, n, d) standard normal, y = Xw + sigma ε. Returns ``w (R, d), X (R, n, d), y (R, n)`` in float64."""
    g = torch.Generator().manual_seed(seed)
    if w_value is None:
        w = sigma_w * torch.randn(num_sets, d, generator=g, dtype=F64)
    else:
        w = torch.full((num_sets, d), w_value, dtype=F64)
    X = torch.randn(num_sets, n, d, generator=g, dtype=F64)
    y = (X @ w.unsqueeze(-1)).squeeze(-1) + sigma * torch.randn(num_sets, n, generator=g, dtype=F64)
    return w, X, y


@dataclass
class Spectral:
    """Ridge in the SVD basis of X: coefficients ``c_j(λ) = s_j (U^T y)_j / (s_j² + nλ)`` along ``V``."""

    n: int
    s: torch.Tensor      # (..., r)
    uy: torch.Tensor     # (..., r): U^T y
    vw: torch.Tensor     # (..., r): V^T w (true weights in the same basis)
    rest: torch.Tensor   # (...): ‖w‖² outside the row space of X (0 when n >= d)

    @classmethod
    def of(cls, X, y, w):
        U, s, Vh = torch.linalg.svd(X, full_matrices=False)
        vw = (Vh @ w.unsqueeze(-1)).squeeze(-1)
        rest = (w.pow(2).sum(-1) - vw.pow(2).sum(-1)).clamp_min(0)
        return cls(X.shape[-2], s, (U.mT @ y.unsqueeze(-1)).squeeze(-1), vw, rest)

    def test_loss(self, lam, sigma: float) -> torch.Tensor:
        """Exact expected test loss ½(ŷ - y)² for x ~ N(0, I): ½(‖ŵ(λ) - w‖² + σ²).

        ``lam``: (K,) for every draw, or (..., K) per draw (``lam.unsqueeze(-1)`` for one λ per draw)."""
        lam = torch.as_tensor(lam, dtype=F64)
        c = (self.s * self.uy).unsqueeze(-1) / (self.s.unsqueeze(-1) ** 2 + self.n * lam.unsqueeze(-2))
        return ((c - self.vw.unsqueeze(-1)) ** 2).sum(-2) / 2 + (self.rest.unsqueeze(-1) + sigma**2) / 2


def risk_curves(setup: Bayes, n: int, num_sets: int, seed: int, sigma_w: float | None = None,
                w_value: float | None = None, lambdas=None) -> torch.Tensor:
    """Exact test loss (R, K) of ridge on ``num_sets`` fresh draws with ``n`` examples, for every λ."""
    sigma_w = setup.sigma_w if sigma_w is None else sigma_w
    w, X, y = draw_linear(n, setup.num_inputs, setup.sigma, sigma_w, num_sets, seed, w_value)
    return Spectral.of(X, y, w).test_loss(setup.lambdas if lambdas is None else lambdas, setup.sigma)


def best_lambda(curves: torch.Tensor, lambdas, num_boot: int = 200, seed: int = 0) -> tuple[float, float]:
    """λ* minimizing the MEAN of ``curves (R, K)`` over draws (refined), and the bootstrap s.e. of log10 λ*."""
    star = float(argmin_refined(curves.mean(0), lambdas))
    R = curves.shape[0]
    idx = torch.randint(R, (num_boot, R), generator=torch.Generator().manual_seed(seed))
    counts = torch.zeros(num_boot, R, dtype=F64).scatter_add_(1, idx, torch.ones(num_boot, R, dtype=F64))
    boot = argmin_refined(counts @ curves / R, lambdas)
    return star, float(boot.log10().std())


@dataclass
class Selection:
    """Section 3's Monte Carlo: for each method, the λ it chose on each draw and the exact test loss that gave."""

    lambdas: torch.Tensor
    curves: torch.Tensor                                   # (R, K) exact test loss for every grid λ
    chosen: dict[str, torch.Tensor] = field(default_factory=dict)   # method -> (R,) λ
    test: dict[str, torch.Tensor] = field(default_factory=dict)     # method -> (R,) test loss


def selection_study(setup: Bayes = SETUP.bayes) -> Selection:
    """Choose λ on every draw: oracle, Bayes formula, evidence, GCV, LOO, 5-fold CV and a validation split."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)   # many small products: one thread is faster and gives the same digits
    try:
        n, R, grid = setup.n_train, setup.num_sets, torch.tensor(setup.lambdas, dtype=F64)
        w, X, y = draw_linear(n, setup.num_inputs, setup.sigma, setup.sigma_w, R, setup.seed)
        spec = Spectral.of(X, y, w)
        out = Selection(grid, spec.test_loss(grid, setup.sigma))
        loo, gcv = loo_gcv(X, y, grid)

        def held_out_loss(held):             # ridge fitted on the rest for every λ; half squared error on `held`
            U, s, Vh = torch.linalg.svd(X[:, ~held], full_matrices=False)
            uy = (U.mT @ y[:, ~held, None]).squeeze(-1)
            c = (s * uy).unsqueeze(-1) / (s.unsqueeze(-1) ** 2 + int((~held).sum()) * grid)   # (R, r, K)
            return ((X[:, held] @ (Vh.mT @ c) - y[:, held, None]) ** 2).sum(-2) / 2           # (R, K)

        n_fit = n - setup.n_val                  # the split: fit on the first n_fit, validate on the rest
        val = held_out_loss(torch.arange(n) >= n_fit) / setup.n_val
        # 5-fold cross-validation (scikit-learn's GridSearchCV default): folds of 8 consecutive examples (the draws are
        # iid, so no shuffle is needed); every example validates once; the mean validation loss over all n examples
        folds = 5
        cv = sum(held_out_loss((torch.arange(n) >= k * n // folds) & (torch.arange(n) < (k + 1) * n // folds))
                 for k in range(folds)) / n
        n_cv = n - n // folds
        lam_b = setup.sigma**2 / (n * setup.sigma_w**2)
        chosen = {
            "oracle": argmin_refined(out.curves, grid),
            "Bayes": torch.full((R,), lam_b, dtype=F64),
            "evidence": argmin_refined(-log_evidence(X, y, grid), grid),
            "GCV": argmin_refined(gcv, grid),
            "LOO": argmin_refined(loo, grid),
            "5-fold CV": argmin_refined(cv, grid) * n_cv / n,     # each fit saw n_cv = 32 examples: rescaled too
            # chosen for n_fit examples; refit on all n with the same SUM-loss strength nλ (as GridSearchCV(Ridge)
            # refits with the same alpha): λ_n = λ_fit * n_fit / n (section 2)
            "split": argmin_refined(val, grid) * n_fit / n,
        }
        for name, lam in chosen.items():
            out.chosen[name] = lam
            out.test[name] = spec.test_loss(lam.unsqueeze(-1), setup.sigma).squeeze(-1)
        out.chosen["least squares"] = torch.zeros(R, dtype=F64)
        out.test["least squares"] = spec.test_loss(torch.zeros(R, 1, dtype=F64), setup.sigma).squeeze(-1)
        out.chosen["predict 0"] = torch.full((R,), math.inf, dtype=F64)
        out.test["predict 0"] = (w.pow(2).sum(-1) + setup.sigma**2) / 2
    finally:
        torch.set_num_threads(threads)
    return out


# --------------------------------------------------------------------------- section 4: random ReLU features
def _spectral_features(F, Ft):
    """U (R, n, r), singular values s (R, r) of F (R, n, p), and the test features in the basis V: Ft V (R, m, r).

    The smaller Gram matrix (F^T F or F F^T) is eigendecomposed, which is several times faster than an SVD; at p = n,
    where the smallest singular value nearly vanishes and the Gram matrix would square its relative error, an SVD.
    """
    n, p = F.shape[-2:]
    if p == n:
        U, s, Vh = torch.linalg.svd(F)
        return U, s, Ft @ Vh.mT
    if p < n:
        e, V = torch.linalg.eigh(F.mT @ F)
        e, V = e.flip(-1), V.flip(-1)                                   # largest first
        s = e.clamp_min(0).sqrt()
        return F @ V / s.unsqueeze(-2), s, Ft @ V                       # U = F V / s
    e, U = torch.linalg.eigh(F @ F.mT)
    e, U = e.flip(-1), U.flip(-1)
    s = e.clamp_min(0).sqrt()
    return U, s, (Ft @ F.mT) @ U / s.unsqueeze(-2)                      # Ft V with V = F^T U / s


@dataclass
class FeatureStudy:
    """Section 4's Monte Carlo over ``R`` draws (teacher β, data, noise, feature weights) and ``P`` feature counts.

    ``test (R, P, K)``: exact-in-the-noise test loss ½(ŷ - y)² of ridge for every grid λ (column 0: λ = 0, the
    minimum-norm fit); ``loo``, ``gcv`` the same shape; ``gd (R, P, B)``: test loss after each gradient-descent
    budget; ``clean (R, P)``: the minimum-norm fit to the noise-free labels; ``s_min (R, P)`` the smallest
    singular value of the n x p feature matrix; ``spectra``: draw 0's singular values for each p;
    ``null (R,)``: predicting 0.
    """

    num_features: list[int]
    lambdas: list[float]
    test: torch.Tensor
    loo: torch.Tensor
    gcv: torch.Tensor
    gd: torch.Tensor
    clean: torch.Tensor
    s_min: torch.Tensor
    spectra: list[torch.Tensor]
    null: torch.Tensor
    sigma: float
    budgets: list[int]
    lr: float
    n_train: int

    def tuned(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Oracle tuning: for each p the grid λ > 0 with the lowest MEAN test loss; returns (λ (P,), loss (R, P))."""
        k = self.test[:, :, 1:].mean(0).argmin(-1) + 1
        lam = torch.tensor(self.lambdas, dtype=F64)[k]
        return lam, self.test.gather(2, k.expand(self.test.shape[0], -1).unsqueeze(-1)).squeeze(-1)

    def chosen_by(self, name: str) -> torch.Tensor:
        """Test loss (R, P) with λ > 0 chosen on each draw by ``"gcv"``, ``"loo"`` or ``"oracle"`` (the test loss)."""
        crit = {"gcv": self.gcv, "loo": self.loo, "oracle": self.test}[name][:, :, 1:]
        k = crit.argmin(-1, keepdim=True) + 1
        return self.test.gather(2, k).squeeze(-1)


def feature_matrices(setup: Features = SETUP.features):
    """The draws of section 4: ``(X, y, Xt, yt, W, f_train)`` with X (R, n, d0), Xt (R, m, d0) test inputs, yt (R, m)
    noise-free test targets, W (R, p_max, d0) feature weights (p features = the first p rows), f_train (R, n)."""
    g = torch.Generator().manual_seed(setup.seed)
    R, n, m, d0 = setup.num_sets, setup.n_train, setup.n_test, setup.input_dim
    beta = torch.randn(R, d0, generator=g, dtype=F64)
    beta = beta / beta.norm(dim=-1, keepdim=True)                     # a unit-norm linear teacher per draw
    X = torch.randn(R, n, d0, generator=g, dtype=F64)
    Xt = torch.randn(R, m, d0, generator=g, dtype=F64)
    f_train = (X @ beta.unsqueeze(-1)).squeeze(-1)
    y = f_train + setup.sigma * torch.randn(R, n, generator=g, dtype=F64)
    yt = (Xt @ beta.unsqueeze(-1)).squeeze(-1)
    W = torch.randn(R, max(setup.num_features), d0, generator=g, dtype=F64) / math.sqrt(d0)
    return X, y, Xt, yt, W, f_train


def relu_features(X, W, p: int):
    """φ(x) = relu(W_p x) / sqrt(p) with the first p rows of W: (R, n, d0), (R, p_max, d0) -> (R, n, p)."""
    return torch.relu(X @ W[:, :p].mT) / math.sqrt(p)


def _one_p(F, Ft, y, yt, f_train, lam, budgets, setup: Features):
    """Everything ``feature_study`` needs at one p, for a chunk of draws."""
    n = F.shape[-2]
    U, s, A = _spectral_features(F, Ft)
    h = s**2 / n                                                        # curvatures of the mean loss
    if setup.lr * float(h.max()) >= 2:
        raise ValueError(f"lr={setup.lr:g} is unstable at p={F.shape[-1]}: lr * largest curvature >= 2")
    uy = (U.mT @ y.unsqueeze(-1)).squeeze(-1)
    uf = (U.mT @ f_train.unsqueeze(-1)).squeeze(-1)

    def test_loss(coef):                                                # coef (R, r, K) along V -> (R, K)
        return ((A @ coef - yt.unsqueeze(-1)) ** 2).mean(-2) / 2 + setup.sigma**2 / 2

    kept = 1 - (1 - setup.lr * h.unsqueeze(-1)) ** budgets              # nb04 §10: GD from 0 keeps 1-(1-ηh)^T
    loo, gcv = loo_gcv_svd(U, s, y, lam[1:])
    nan = torch.full((y.shape[0], 1), math.nan, dtype=F64)              # λ = 0 has no LOO/GCV when p >= n
    ridge_coef = (s * uy).unsqueeze(-1) / (s.unsqueeze(-1) ** 2 + n * lam)
    return (test_loss(ridge_coef), torch.cat([nan, loo], -1), torch.cat([nan, gcv], -1),
            test_loss(kept * (uy / s).unsqueeze(-1)), test_loss((uf / s).unsqueeze(-1))[:, 0], s[:, -1], s[0].clone())


def feature_study(setup: Features = SETUP.features, chunk: int = 25) -> FeatureStudy:
    """Ridge, minimum norm, LOO, GCV and gradient-descent budgets on random ReLU features, for every p and λ."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        X, y, Xt, yt, W, f_train = feature_matrices(setup)
        n, R = setup.n_train, setup.num_sets
        lam = torch.tensor(setup.lambdas, dtype=F64)
        budgets = torch.tensor(setup.budgets, dtype=F64)
        parts = []
        for c in range(0, R, chunk):              # a few draws at a time: the raw features of all p fit in memory
            sl = slice(c, c + chunk)
            Z, Zt = torch.relu(X[sl] @ W[sl].mT), torch.relu(Xt[sl] @ W[sl].mT)   # every feature once, unscaled
            parts.append([_one_p(Z[..., :p] / math.sqrt(p), Zt[..., :p] / math.sqrt(p), y[sl], yt[sl], f_train[sl],
                                 lam, budgets, setup) for p in setup.num_features])
        # parts[chunk][p] = (test, loo, gcv, gd, clean, s_min, spectrum of the chunk's first draw): (R, P, ...) tensors
        tests, loos, gcvs, gds, cleans, s_min = (
            torch.stack([torch.cat([part[k][j] for part in parts]) for k in range(len(parts[0]))], 1) for j in range(6))
        spectra = [out[6] for out in parts[0]]                          # draw 0's singular values, one tensor per p
        null = yt.pow(2).mean(-1) / 2 + setup.sigma**2 / 2
    finally:
        torch.set_num_threads(threads)
    return FeatureStudy(list(setup.num_features), list(setup.lambdas), tests, loos, gcvs, gds, cleans, s_min,
                        spectra, null, setup.sigma, list(setup.budgets), setup.lr, n)


# --------------------------------------------------------------------------- section 4: slider figures
def p_slider(study: FeatureStudy):
    """Slider over p: the double-descent curves with a marker at p (left), draw 0's singular values (right)."""
    from .plotting import COLORS, freeze_static, new_figure

    P = study.num_features
    mn = study.test[:, :, 0].quantile(0.5, dim=0)
    _, tuned = study.tuned()
    tuned = tuned.quantile(0.5, dim=0)
    s_min = study.s_min.quantile(0.5, dim=0)
    fig, (ax, ax_s) = new_figure(1, 2, figsize=(10, 3.8))
    ax.loglog(P, mn, "o-", color=COLORS[1], ms=4, label="minimum norm (λ → 0)")
    ax.loglog(P, tuned, "s--", color=COLORS[0], ms=4, label="ridge, λ tuned per p")
    ax.axvline(study.n_train, color="0.6", lw=1, ls=":")
    ax.set(xlabel="number of random features p (log)", ylabel="test loss ½(ŷ − y)² (median, log)",
           title="Test loss against p")
    ax.legend(loc="upper right", fontsize=9)
    (mark_mn,) = ax.plot([P[0]], [float(mn[0])], "o", ms=11, mfc="none", mec="k", mew=2)
    (mark_tu,) = ax.plot([P[0]], [float(tuned[0])], "s", ms=11, mfc="none", mec="k", mew=2)
    (bars,) = ax_s.semilogy(range(1, len(study.spectra[0]) + 1), study.spectra[0], "o-", color=COLORS[2], ms=3)
    (smallest,) = ax_s.semilogy([len(study.spectra[0])], [float(study.spectra[0][-1])], "v", color=COLORS[1], ms=10)
    ax_s.set(xlim=(0, 103), ylim=(1e-4, 20), xlabel="index i (largest first)", ylabel="singular value $s_i$ of F (log)",
             title="Singular values of the n × p features (draw 0)")
    title = fig.suptitle("p")
    freeze_static(fig, [mark_mn, mark_tu, bars, smallest, title])

    def show(p, grid=tuple(P), mark_mn=mark_mn, mark_tu=mark_tu, bars=bars, smallest=smallest, title=title,
             mn=mn, tuned=tuned, s_min=s_min, spectra=study.spectra):
        k = grid.index(p)
        mark_mn.set_data([p], [float(mn[k])])
        mark_tu.set_data([p], [float(tuned[k])])
        sv = spectra[k]
        bars.set_data(range(1, len(sv) + 1), sv)
        smallest.set_data([len(sv)], [float(sv[-1])])
        title.set_text(f"p = {p:g} random features, n = 100 training points")
        return (f"p = {p:g}: smallest singular value {float(s_min[k]):.3g} (median); test loss, median over draws: "
                f"minimum norm {float(mn[k]):.4g}, tuned ridge {float(tuned[k]):.4g}")

    return fig, show


def lambda_slider(study: FeatureStudy, lambdas: Sequence[float]):
    """Slider over λ: the median test loss against p for one λ, over the minimum-norm and tuned-ridge curves."""
    from .plotting import COLORS, freeze_static, new_figure

    P = study.num_features
    med = study.test.quantile(0.5, dim=0)                         # (P, K)
    cols = [study.lambdas.index(v) for v in lambdas]
    _, tuned = study.tuned()
    fig, ax = new_figure(figsize=(7, 4))
    ax.loglog(P, med[:, 0], ":", color="0.5", label="minimum norm (λ = 0)")
    ax.loglog(P, tuned.quantile(0.5, dim=0), "--", color="k", lw=1.5, label="λ tuned per p")
    ax.axhline(study.sigma**2 / 2, color=COLORS[2], ls="-.", lw=1, label="noise floor σ²/2")
    ax.axhline(float(study.null.quantile(0.5)), color="0.3", ls=(0, (1, 3)), lw=1, label="predict 0")
    (line,) = ax.loglog(P, med[:, cols[0]], "o-", color=COLORS[0], ms=4, label="ridge at the slider's λ")
    ax.set(xlabel="number of random features p (log)", ylabel="test loss ½(ŷ − y)² (median, log)",
           ylim=(0.08, 200), title="One λ for every p")
    ax.legend(loc="upper right", fontsize=9)
    title = fig.suptitle("λ")
    freeze_static(fig, [line, title])
    k_peak = P.index(study.n_train)

    def show(lambd, grid=tuple(lambdas), cols=tuple(cols), line=line, title=title, med=med, P=tuple(P), k_peak=k_peak):
        c = cols[grid.index(lambd)]
        line.set_ydata(med[:, c])
        title.set_text(f"λ = {lambd:g}")
        return (f"λ = {lambd:g}: median test loss at p = {P[k_peak]} (= n) {float(med[k_peak, c]):.4g}, "
                f"at p = {P[-1]} {float(med[-1, c]):.4g}, worst p = {P[int(med[:, c].argmax())]}")

    return fig, show
