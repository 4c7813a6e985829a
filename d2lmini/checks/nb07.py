"""Self-checks for the exercises of notebook 07 (choosing λ without a test set, and double descent).

Each exercise keeps three things apart, so that they can move to the instructors' package later:

* the CASES the learner's function is run on (none printed in the notebook);
* a private REFERENCE computed by an independent method (coordinate descent on the negative log posterior, the
  explicit hat matrix of the model with its intercept, Bayes' rule for Gaussians, least squares on noisy copies);
* the typical MISTAKES: a wrong answer each, with the hint it gets (a hint names the idea or the likely slip,
  never the final formula).
"""

from __future__ import annotations

import math

import torch

from ..linreg import ridge
from ..nb05 import load_diabetes
from . import as_number as _number
from . import exercise, fail

F64 = torch.float64


def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-15)


def _tensor(name: str, value, shape) -> torch.Tensor:
    """The learner's answer as a float64 tensor of ``shape``, or :func:`fail`."""
    try:
        t = torch.as_tensor(value, dtype=F64)
    except (TypeError, ValueError, RuntimeError):
        fail(f"{name} returned {type(value).__name__}", f"return a tensor of shape {tuple(shape)}")
    if t.shape != torch.Size(shape):
        fail(f"{name} returned shape {tuple(t.shape)}", f"return a tensor of shape {tuple(shape)}")
    return t


def _first_match(got: torch.Tensor, mistakes, rel: float) -> str | None:
    for wrong, hint in mistakes:
        w = torch.as_tensor(wrong, dtype=F64)
        if w.shape == got.shape and bool(torch.allclose(got, w, rtol=rel, atol=1e-12)):
            return hint
    return None


# =========================================================================== Exercise 07.1 (derivation)
# Cases: (σ, Laplace scale b, n, data seed). Each problem has 6 features and a clearly nonzero MAP; the values are
# chosen so that no two of the typical mistakes give the same number.
_LAPLACE_CASES = [(1.5, 0.7, 40, 11), (0.3, 1.6, 25, 12), (2.5, 0.15, 200, 13)]   # every mistake: another value


def _laplace_problem(sigma: float, n: int, seed: int):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 6, generator=g, dtype=F64)
    w = torch.tensor([3.0, -2.0, 0.0, 1.0, 0.0, 0.5], dtype=F64)
    return X, X @ w + sigma * torch.randn(n, generator=g, dtype=F64)


def _reference_laplace_strength(sigma: float, b: float, n: int, seed: int) -> float:
    """Measure λ₁: find the MAP by coordinate descent on the negative log posterior itself,
    ‖y - Xw‖²/(2σ²) + ‖w‖₁/b, then read λ₁ off the optimality condition of L(w) + λ₁‖w‖₁ at that point:
    (1/n) |x_j^T (y - Xw)| = λ₁ for every nonzero w_j."""
    X, y = _laplace_problem(sigma, n, seed)
    G, c = (X.T @ X).tolist(), (X.T @ y).tolist()      # plain floats: thousands of tiny updates
    d = len(c)
    w = [0.0] * d
    for _ in range(10_000):
        change = 0.0
        for j in range(d):
            # exact minimizer over w_j of ‖y - Xw‖²/(2σ²) + |w_j|/b with the other weights fixed
            rho = (c[j] - sum(G[j][k] * w[k] for k in range(d) if k != j)) / sigma**2
            new = math.copysign(max(abs(rho) - 1 / b, 0.0), rho) / (G[j][j] / sigma**2)
            change, w[j] = max(change, abs(new - w[j])), new
        if change < 1e-15:
            break
    w = torch.tensor(w, dtype=F64)
    active = w != 0
    grad = (X.T @ (y - X @ w) / n)[active]
    return float(grad.abs().mean())


def _laplace_mistakes(sigma: float, b: float, n: int):
    return [
        (sigma**2 / b, "the series' loss is a MEAN over the n examples: scale the negative log posterior so that "
                       "its data term becomes L(w)"),
        (n * sigma**2 / b, "the series' loss is a MEAN over the n examples: scale the negative log posterior so "
                           "that its data term becomes L(w)"),
        (sigma**2 / (2 * n * b), "the L1 term has no ½ (unlike the Gaussian's ½‖w‖²): compare the factor in front "
                                 "of the data term with the ½ inside L(w)"),
        (2 * sigma**2 / (n * b), "L(w) already has its ½: multiply the negative log posterior by the constant that "
                                 "turns 1/(2σ²) Σ(...)² into (1/n) Σ ½(...)²"),
        (sigma**2 / (n * b**2), "the Laplace density has |w_j| / b in its exponent, not w_j² / b²: the scale enters "
                                "once"),
        (1 / (n * b), "the noise variance σ² sets how strongly the data term counts against the prior"),
        (sigma / (n * b), "the data term has 1/(2σ²): the noise VARIANCE, not the standard deviation"),
        (b / (n * sigma**2), "the strength grows with the noise and falls with a wider prior (larger b)"),
    ]


@exercise("07.1")
def check_laplace_strength(laplace_l1_strength) -> str:
    """``laplace_l1_strength(sigma, b, n_train)``: λ₁ of the MAP estimate under Laplace(0, b) priors."""
    for sigma, b, n, seed in _LAPLACE_CASES:
        got = _number("laplace_l1_strength", laplace_l1_strength(sigma, b, n))
        want = _reference_laplace_strength(sigma, b, n, seed)
        if _close(got, want, 1e-6):
            continue
        what = (f"laplace_l1_strength({sigma}, {b}, {n}) = {got:.6g}, but the MAP estimate of a problem with these "
                f"settings satisfies L(w) + λ₁‖w‖₁'s optimality condition only for λ₁ = {want:.6g}")
        for value, hint in _laplace_mistakes(sigma, b, n):
            if _close(got, value, 1e-6):
                fail(what, hint)
        fail(what, "write -log p(w | data) with a Laplace prior, then multiply it by the positive constant that "
                   "turns its data term into L(w); the factor left in front of ‖w‖₁ is λ₁")
    return ("λ₁ matches the MAP estimate found by coordinate descent on the negative log posterior, on 3 problems: "
            "the Laplace prior gives the L1 penalty")


# =========================================================================== Exercise 07.2 (transfer)
# Cases: (name, X, y, lambdas). The diabetes data (as notebook 05 loads it), its first 60 patients, and a synthetic
# problem whose target has a large mean.
def _gcv_cases():
    X, y = load_diabetes()
    g = torch.Generator().manual_seed(21)
    Xs = torch.randn(30, 4, generator=g, dtype=F64) + 2.0
    ys = Xs @ torch.tensor([1.0, -1.0, 0.5, 0.0], dtype=F64) + 10.0 + torch.randn(30, generator=g, dtype=F64)
    grid = [float(f"{v:.3g}") for v in torch.logspace(-6, 0, 13, dtype=F64).tolist()]   # half decades
    return [("diabetes, 442 patients", X, y, grid), ("diabetes, first 60 patients", X[:60], y[:60], grid),
            ("a synthetic problem with target mean 10", Xs, ys, [1e-3, 1e-2, 0.1, 1.0, 10.0])]


def _reference_gcv_intercept(X, y, lambdas) -> torch.Tensor:
    """GCV from the explicit hat matrix of the model WITH its intercept: Z = [1 X], the intercept unpenalized."""
    n, d = X.shape
    Z = torch.cat([torch.ones(n, 1, dtype=F64), X], dim=1)
    D = torch.eye(d + 1, dtype=F64)
    D[0, 0] = 0
    out = []
    for lambd in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + n * lambd * D, Z.T)
        e = y - H @ y
        out.append((e**2).mean() / 2 / (1 - torch.trace(H) / n) ** 2)
    return torch.stack(out)


def _gcv_variant(X, y, lambdas, center=True, extra_df=1, half=True, leverage="mean", penalty_scale="n"):
    """A family of GCV-like computations; the reference is center=True, extra_df=1, half=True, leverage="mean"."""
    n = X.shape[0]
    Xc, yc = (X - X.mean(0), y - y.mean()) if center else (X, y)
    U, s, _ = torch.linalg.svd(Xc, full_matrices=False)
    lam = torch.as_tensor(lambdas, dtype=F64)
    scale = n * lam if penalty_scale == "n" else lam
    f = s[:, None] ** 2 / (s[:, None] ** 2 + scale)
    uy = U.T @ yc
    e = (yc - U @ uy)[:, None] + U @ ((1 - f) * uy[:, None])
    if leverage == "mean":
        denom = (1 - (f.sum(0) + extra_df) / n) ** 2
        val = (e**2).mean(0) / denom
    else:                                                            # leave-one-out
        h = (U**2) @ f + (extra_df / n if center else 0.0)
        val = ((e / (1 - h)) ** 2).mean(0)
    return val / 2 if half else val


def _gcv_mistakes(X, y, lambdas):
    return [
        (_gcv_variant(X, y, lambdas, center=False, extra_df=0), "the intercept is not penalized, so the model with "
                                                                "an intercept fits the means first: center X and y"),
        (_gcv_variant(X, y, lambdas, extra_df=0), "the intercept is a fitted parameter too: count it in df(λ), "
                                                  "the trace of the hat matrix of the model WITH its intercept"),
        (_gcv_variant(X, y, lambdas, half=False), "this series' loss is ½(ŷ - y)²: GCV estimates that loss"),
        (_gcv_variant(X, y, lambdas, leverage="loo"), "that is leave-one-out: GCV replaces every leverage H_ii by "
                                                      "their average tr(H)/n"),
        (_gcv_variant(X, y, lambdas, penalty_scale="1"), "the series' ridge solves (XᵀX + nλI) w = Xᵀy: the penalty "
                                                         "in the normal equations is nλ, not λ"),
    ]


@exercise("07.2")
def check_gcv_intercept(gcv_with_intercept) -> str:
    """``gcv_with_intercept(X, y, lambdas)``: GCV(λ) of ridge with an unpenalized intercept, for every λ."""
    picks = []
    for name, X, y, grid in _gcv_cases():
        got = _tensor("gcv_with_intercept", gcv_with_intercept(X.clone(), y.clone(), list(grid)), (len(grid),))
        want = _reference_gcv_intercept(X, y, grid)
        if bool(torch.allclose(got, want, rtol=1e-8, atol=0)):
            picks.append(grid[int(want.argmin())])
            continue
        k = int((got - want).abs().argmax())
        what = (f"{name}: GCV at λ = {grid[k]:g} is {float(got[k]):.6g}, the model with its intercept gives "
                f"{float(want[k]):.6g}")
        fail(what, _first_match(got, _gcv_mistakes(X, y, grid), 1e-8)
             or "fit ridge with an unpenalized intercept, take its training residuals and its df(λ), and put them "
                "into section 3's GCV formula")
    return (f"GCV with an unpenalized intercept matches the explicit hat matrix on 3 problems; on all 442 diabetes "
            f"patients it picks λ = {picks[0]:g} (on the first 60: λ = {picks[1]:g})")


# =========================================================================== Exercise 07.3 (transfer)
# Cases: (n, d, σ, σ_w, data seed, prior-mean seed)
_PRIOR_MEAN_CASES = [(40, 5, 1.0, 0.3, 31, 32), (15, 30, 0.5, 1.0, 33, 34), (200, 3, 2.0, 0.1, 35, 36)]


def _prior_mean_problem(n, d, sigma, sigma_w, seed, seed_w0):
    g = torch.Generator().manual_seed(seed)
    w0 = torch.randn(d, generator=torch.Generator().manual_seed(seed_w0), dtype=F64)   # "pretrained" weights
    w = w0 + sigma_w * torch.randn(d, generator=g, dtype=F64)
    X = torch.randn(n, d, generator=g, dtype=F64)
    return X, X @ w + sigma * torch.randn(n, generator=g, dtype=F64), w0


def _reference_map_prior_mean(X, y, w0, sigma, sigma_w) -> torch.Tensor:
    """Posterior mean by Bayes' rule for Gaussians (Bishop, PRML eqs. 3.49-3.51): prior N(w0, σ_w² I), noise σ²."""
    d = X.shape[1]
    S_inv = torch.eye(d, dtype=F64) / sigma_w**2 + X.T @ X / sigma**2
    return torch.linalg.solve(S_inv, w0 / sigma_w**2 + X.T @ y / sigma**2)


def _prior_mean_mistakes(X, y, w0, sigma, sigma_w):
    n = X.shape[0]
    lam = sigma**2 / (n * sigma_w**2)
    return [
        (ridge(X, y, lam), "this prior pulls the weights toward w0, not toward 0"),
        (ridge(X, y, lam) + w0, "shrinking toward 0 and then adding w0 is another estimate: what should shrink is "
                                "the difference w - w0"),
        (w0 + ridge(X, y - X @ w0, sigma**2 / sigma_w**2), "the series' λ multiplies a MEAN loss (section 1): "
                                                           "check the factor n"),
        (w0 + ridge(X, y - X @ w0, sigma / (n * sigma_w)), "the prior and the noise enter through their VARIANCES"),
        (w0 + ridge(X, y - X @ w0, sigma_w**2 / (n * sigma**2)), "a wider prior (larger σ_w) must mean a WEAKER "
                                                                 "pull toward w0"),
        (w0.clone(), "the data count too: the MAP estimate moves away from w0 toward what the data say"),
    ]


@exercise("07.3")
def check_map_prior_mean(map_with_prior_mean) -> str:
    """``map_with_prior_mean(X, y, w0, sigma, sigma_w)``: the MAP weights under w ~ N(w0, σ_w² I)."""
    for n, d, sigma, sigma_w, seed, seed_w0 in _PRIOR_MEAN_CASES:
        X, y, w0 = _prior_mean_problem(n, d, sigma, sigma_w, seed, seed_w0)
        got = _tensor("map_with_prior_mean", map_with_prior_mean(X.clone(), y.clone(), w0.clone(), sigma, sigma_w),
                      (d,))
        want = _reference_map_prior_mean(X, y, w0, sigma, sigma_w)
        if bool(torch.allclose(got, want, rtol=1e-8, atol=1e-10)):
            continue
        what = (f"n = {n}, d = {d}, σ = {sigma}, σ_w = {sigma_w}: max |your w - posterior mean| = "
                f"{float((got - want).abs().max()):.3g}")
        hint = _first_match(got, _prior_mean_mistakes(X, y, w0, sigma, sigma_w), 1e-8)
        fail(what, hint or "write -log p(w | data) with the prior N(w0, σ_w² I), scale it as section 1 did, and "
                           "minimize (substituting v = w - w0 turns it into a ridge problem)")
    return "the MAP weights equal the posterior mean from Bayes' rule on 3 problems (one with d > n)"


# =========================================================================== Exercise 07.4 (transfer)
# Cases: (n, per-feature noise standard deviations, data seed)
_NOISE_CASES = [(40, (0.1, 0.5, 1.0, 2.0), 41), (25, (0.0, 0.3, 0.3, 3.0, 1.0), 42), (100, (1.5, 0.2, 0.7), 43)]


def _noise_problem(n, stds, seed):
    g = torch.Generator().manual_seed(seed)
    d = len(stds)
    X = torch.randn(n, d, generator=g, dtype=F64)
    y = X @ torch.linspace(-1, 1, d, dtype=F64) + 0.3 * torch.randn(n, generator=g, dtype=F64)
    return X, y, torch.tensor(stds, dtype=F64)


def _reference_input_noise(X, y, stds) -> torch.Tensor:
    """Least squares on noisy copies of the data whose noise has EXACTLY mean 0 and covariance diag(s²):
    the 2d copies x ± sqrt(d) s_j e_j of every example (the expected loss is quadratic in the noise, so these copies
    average it exactly; tests/test_checks_nb07.py checks them against random copies)."""
    n, d = X.shape
    shifts = math.sqrt(d) * torch.diag(stds)
    copies = torch.cat([X[None] + shifts[:, None, :], X[None] - shifts[:, None, :]])    # (2d, n, d)
    return torch.linalg.lstsq(copies.reshape(-1, d), y.repeat(2 * d)).solution


def _noise_mistakes(X, y, stds):
    n, d = X.shape
    A = X.T @ X / n

    def solve(P):
        return torch.linalg.solve(A + P, X.T @ y / n)

    return [
        (solve(stds.pow(2).mean() * torch.eye(d, dtype=F64)), "each feature has its own noise level: one λ for "
                                                              "every weight cannot be right"),
        (solve(torch.diag(stds)), "the penalty comes from the VARIANCE of the noise (what is left of E[ξ ξᵀ])"),
        (solve(n * torch.diag(stds**2)), "the loss is a MEAN over the n examples: no factor n"),
        (solve(torch.diag(stds**2) / 2), "both the loss and the penalty carry their ½: compare them term by term"),
        (solve(2 * torch.diag(stds**2)), "both the loss and the penalty carry their ½: compare them term by term"),
        (solve(torch.zeros(d, d, dtype=F64)), "noise in the inputs does change the minimizer: that is the point"),
    ]


@exercise("07.4")
def check_input_noise(ridge_for_input_noise) -> str:
    """``ridge_for_input_noise(X, y, noise_std)``: the minimizer of the expected loss under per-feature input noise."""
    gaps = []
    for n, stds, seed in _NOISE_CASES:
        X, y, s = _noise_problem(n, stds, seed)
        got = _tensor("ridge_for_input_noise", ridge_for_input_noise(X.clone(), y.clone(), s.clone()), (len(stds),))
        want = _reference_input_noise(X, y, s)
        if bool(torch.allclose(got, want, rtol=1e-8, atol=1e-10)):
            iso = _noise_mistakes(X, y, s)[0][0]
            gaps.append(float((iso - want).norm() / want.norm()))
            continue
        what = f"noise std {list(stds)}: max |your w - the noisy-copies fit| = {float((got - want).abs().max()):.3g}"
        fail(what, _first_match(got, _noise_mistakes(X, y, s), 1e-8)
             or "expand E_ξ ½((x + ξ)ᵀw - y)² with E[ξ] = 0 and E[ξ ξᵀ] = diag(s²), average over the examples, "
                "and set the gradient to 0")
    return (f"matches least squares on noisy copies on 3 problems; one λ = mean(s²) for all weights would be off by "
            f"{min(gaps):.0%} to {max(gaps):.0%} (relative)")


__all__ = ["check_gcv_intercept", "check_input_noise", "check_laplace_strength", "check_map_prior_mean"]
