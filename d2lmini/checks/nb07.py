"""Checks of notebook 07's exercises (choosing λ without a test set): public cases, hints; answers as fingerprints.

The problems are generated here (not read from the notebook's lesson). The references (coordinate descent on the
negative log posterior, the explicit hat matrix of the model with its intercept, Bayes' rule for Gaussians, least
squares on noisy copies of the data), the typical mistakes and the graded cases live in the instructor's
``grading/nb07.py``.
"""

from __future__ import annotations

import math

import torch

from ..linreg import ridge
from ..nb05 import load_diabetes
from . import Exercise, as_number, as_vector

F64 = torch.float64


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _as_tensor_answer(name: str, out, size: int) -> list[float]:
    if isinstance(out, (list, tuple)):
        out = torch.tensor([as_number(name, v) for v in out], dtype=F64)
    return as_vector(name, out, size)


# --------------------------------------------------------------------------- 07.1 (derivation)
def laplace_problem(c: dict):
    """The regression whose MAP estimate the reference finds (6 features, a clearly nonzero MAP)."""
    g = _gen(c["seed"])
    X = torch.randn(c["n"], 6, generator=g, dtype=F64)
    w = torch.tensor([3.0, -2.0, 0.0, 1.0, 0.0, 0.5], dtype=F64)
    return X, X @ w + c["sigma"] * torch.randn(c["n"], generator=g, dtype=F64)


LAPLACE_STRENGTH = Exercise(
    "07.1", "laplace_l1_strength",
    cases=[{"sigma": 1.5, "b": 0.7, "n": 40, "seed": 11}, {"sigma": 0.3, "b": 1.6, "n": 25, "seed": 12},
           {"sigma": 2.5, "b": 0.15, "n": 200, "seed": 13}],
    inputs=lambda c: (c["sigma"], c["b"], c["n"]),
    run=lambda fn, sigma, b, n: [as_number("laplace_l1_strength", fn(sigma, b, n))],
    describe=lambda c: f"σ = {c['sigma']}, b = {c['b']}, n = {c['n']}",
    rel=1e-6,
    hints={
        "generic": "write -log p(w | data) with a Laplace prior, then multiply it by the positive constant that "
                   "turns its data term into L(w); the factor left in front of ‖w‖₁ is λ₁",
        "summed": "the series' loss is a MEAN over the n examples: scale the negative log posterior so that its "
                  "data term becomes L(w)",
        "times_n": "n ended up on the wrong side: the data term of n examples grows with n while the prior's does "
                   "not, so λ₁ must shrink as n grows",
        "half": "the L1 term has no ½ (unlike the Gaussian's ½‖w‖²): compare the factor in front of the data term "
                "with the ½ inside L(w)",
        "double": "L(w) already has its ½: multiply by the constant that turns 1/(2σ²) Σ(...)² into (1/n) Σ ½(...)²",
        "b_squared": "the Laplace density has |w_j| / b in its exponent, not w_j² / b²: the scale enters once",
        "no_sigma": "the noise variance σ² sets how strongly the data term counts against the prior",
        "sigma_not_variance": "the data term has 1/(2σ²): the noise VARIANCE, not the standard deviation",
        "inverted": "the strength grows with the noise and falls with a wider prior (larger b)",
    },
    more=["Up to constants, -log p(w | data) is a sum of squared residuals over 2σ² plus ‖w‖₁ over b. Multiplying "
          "by a positive constant does not move the minimizer.",
          "Choose the constant so that the first term becomes (1/n) Σ ½(residual)², exactly the series' L(w); read "
          "off what the second term becomes."],
    success="λ₁ matches the MAP estimate found by coordinate descent on the negative log posterior, on 3 problems: "
            "the Laplace prior gives the L1 penalty",
)
check_laplace_l1_strength = LAPLACE_STRENGTH.check


# --------------------------------------------------------------------------- 07.2 (transfer)
GCV_GRID = [float(f"{v:.3g}") for v in torch.logspace(-6, 0, 13, dtype=F64).tolist()]   # half decades


def gcv_case(c: dict):
    """A slice of the diabetes data (as notebook 05 loads it) or a synthetic problem whose target has a mean."""
    if c["data"] == "diabetes":
        X, y = load_diabetes()
        X, y = X[c["start"]:c["start"] + c["rows"]], y[c["start"]:c["start"] + c["rows"]]
    else:
        g = _gen(c["seed"])
        X = torch.randn(c["n"], c["d"], generator=g, dtype=F64) + c["x_mean"]
        w = torch.linspace(1.0, -1.0, c["d"], dtype=F64)
        y = X @ w + c["y_mean"] + torch.randn(c["n"], generator=g, dtype=F64)
    return X.clone(), y.clone(), list(c["lambdas"])


def _run_gcv(fn, X, y, lambdas):
    return _as_tensor_answer("gcv_with_intercept", fn(X, y, list(lambdas)), len(lambdas))


def _flat_range(values: torch.Tensor, within: float = 1e-3) -> tuple[float, float, float]:
    """The grid's best λ and the smallest and largest λ of the grid whose GCV is within ``within`` of the minimum."""
    near = [lam for lam, v in zip(GCV_GRID, (values / values.min()).tolist(), strict=True) if v <= 1 + within]
    return GCV_GRID[int(values.argmin())], min(near), max(near)


def _gcv_message(gcv_with_intercept) -> str:
    """What GCV says on all 442 patients, in the units of load_diabetes and on standardized features."""
    X, y = load_diabetes()

    def gcv(A, b):
        return torch.as_tensor(gcv_with_intercept(A.clone(), b.clone(), list(GCV_GRID)), dtype=F64).reshape(-1)
    best, low, high = _flat_range(gcv(X, y))
    scale = 1 / float(X.pow(2).mean())
    Xs = (X - X.mean(0)) / X.std(0)
    _, low_s, high_s = _flat_range(gcv(Xs, y))
    # flat loss is not flat weights: the size of the (unpenalized-intercept) ridge weights across that range
    yc = y - y.mean()
    shrink = [float(ridge(Xs, yc, lam).norm() / ridge(Xs, yc, 0.0).norm()) for lam in (low_s, high_s)]
    first60 = GCV_GRID[int(gcv(X[:60], y[:60]).argmin())]
    return (f"GCV with an unpenalized intercept is right on 3 problems. On all 442 diabetes patients GCV is flat: "
            f"within 0.1% of its minimum for every λ of the grid from {low:g} to {high:g} (the grid's best: {best:g}). "
            f"These λ are in the units of load_diabetes's features, whose mean square is 1/{scale:.0f}; on "
            f"standardized features the flat range is {low_s:g} to {high_s:g}, and across it ‖w‖ falls from "
            f"{shrink[0]:.2f} to {shrink[1]:.2f} of least squares'. The estimated test loss is insensitive to λ, the "
            f"weights are not: with 442 patients and 10 features, how much you shrink hardly changes prediction. "
            f"On the first 60 patients GCV picks λ = {first60:g}")


GCV_INTERCEPT = Exercise(
    "07.2", "gcv_with_intercept",
    cases=[{"data": "diabetes", "start": 0, "rows": 442, "lambdas": GCV_GRID},
           {"data": "diabetes", "start": 0, "rows": 60, "lambdas": GCV_GRID},
           {"data": "synthetic", "seed": 21, "n": 30, "d": 4, "x_mean": 2.0, "y_mean": 10.0,
            "lambdas": [1e-3, 1e-2, 0.1, 1.0, 10.0]}],
    inputs=gcv_case,
    run=_run_gcv,
    describe=lambda c: (f"diabetes patients {c['start']}-{c['start'] + c['rows'] - 1}" if c["data"] == "diabetes"
                        else f"a synthetic problem, n = {c['n']}, target mean {c['y_mean']:g}")
    + f", {len(c['lambdas'])} values of λ",
    rel=1e-6,
    success=_gcv_message,
    hints={
        "generic": "fit ridge with an unpenalized intercept, take its training residuals and its df(λ), and put them "
                   "into section 3's GCV formula",
        "no_centering": "the intercept is not penalized, so the model with an intercept fits the means first",
        "df_without_intercept": "the intercept is a fitted parameter too: count it in df(λ), the trace of the hat "
                                "matrix of the model WITH its intercept",
        "unhalved": "this series' loss is ½(ŷ - y)²: GCV estimates that loss",
        "loo": "that is leave-one-out: GCV replaces every leverage H_ii by their average",
        "lambda_not_n_lambda": "the series' ridge minimizes a MEAN loss plus λ/2 ‖w‖²: check how n enters the "
                               "normal equations",
        "penalized_intercept": "the column of ones is penalized here: the intercept must be free",
    },
    more=["Centering X and y with their means and fitting ridge without intercept gives the same weights as the "
          "model with an unpenalized intercept; its residuals are the residuals of that model.",
          "The hat matrix of the model with intercept is the centered ridge hat matrix plus the averaging matrix "
          "(all entries 1/n): its trace is one more than the centered one's."],
)
check_gcv_with_intercept = GCV_INTERCEPT.check


# --------------------------------------------------------------------------- 07.3 (transfer)
def prior_mean_case(c: dict):
    g = _gen(c["seed"])
    w0 = torch.randn(c["d"], generator=_gen(c["seed_w0"]), dtype=F64)      # "pretrained" weights
    w = w0 + c["sigma_w"] * torch.randn(c["d"], generator=g, dtype=F64)
    X = torch.randn(c["n"], c["d"], generator=g, dtype=F64)
    return X, X @ w + c["sigma"] * torch.randn(c["n"], generator=g, dtype=F64), w0, c["sigma"], c["sigma_w"]


def _run_prior_mean(fn, X, y, w0, sigma, sigma_w):
    return as_vector("map_with_prior_mean", fn(X.clone(), y.clone(), w0.clone(), sigma, sigma_w), X.shape[1])


PRIOR_MEAN = Exercise(
    "07.3", "map_with_prior_mean",
    cases=[{"n": 40, "d": 5, "sigma": 1.0, "sigma_w": 0.3, "seed": 31, "seed_w0": 32},
           {"n": 15, "d": 30, "sigma": 0.5, "sigma_w": 1.0, "seed": 33, "seed_w0": 34},
           {"n": 200, "d": 3, "sigma": 2.0, "sigma_w": 0.1, "seed": 35, "seed_w0": 36}],
    inputs=prior_mean_case,
    run=_run_prior_mean,
    describe=lambda c: f"n = {c['n']}, d = {c['d']}, σ = {c['sigma']}, σ_w = {c['sigma_w']}",
    rel=1e-6, atol=1e-10,
    success="the MAP weights equal the posterior mean from Bayes' rule on 3 problems (one with d > n)",
    hints={
        "generic": "write -log p(w | data) with the prior N(w0, σ_w² I), scale it as section 1 did, and minimize "
                   "(substituting v = w - w0 turns it into a ridge problem)",
        "toward_zero": "this prior pulls the weights toward w0, not toward 0",
        "shift_after": "shrinking toward 0 and then adding w0 is another estimate: what should shrink is the "
                       "difference w - w0",
        "summed": "the series' λ multiplies a MEAN loss (section 1): check the factor n",
        "std_not_variance": "the prior and the noise enter through their VARIANCES",
        "inverted": "a wider prior (larger σ_w) must mean a WEAKER pull toward w0",
        "prior_only": "the data count too: the MAP estimate moves away from w0 toward what the data say",
        "no_shift_back": "v = w - w0 is the shrunk difference: the weights are w0 plus it",
    },
    more=["The prior's term is ‖w - w0‖²/(2σ_w²). With v = w - w0 the residuals y - Xw become (y - Xw0) - Xv.",
          "So v is ordinary ridge (the series' convention, with section 1's λ) on the targets y - Xw0; then "
          "w = w0 + v."],
)
check_map_with_prior_mean = PRIOR_MEAN.check


# --------------------------------------------------------------------------- 07.4 (transfer)
def noise_case(c: dict):
    g = _gen(c["seed"])
    d = len(c["stds"])
    X = torch.randn(c["n"], d, generator=g, dtype=F64)
    y = X @ torch.linspace(-1, 1, d, dtype=F64) + 0.3 * torch.randn(c["n"], generator=g, dtype=F64)
    return X, y, torch.tensor(c["stds"], dtype=F64)


def _run_noise(fn, X, y, stds):
    return as_vector("ridge_for_input_noise", fn(X.clone(), y.clone(), stds.clone()), X.shape[1])


def _best_single_lambda(X, y, w) -> tuple[float, float]:
    """The one λ (same for every weight) whose ridge weights come closest to ``w``: (λ, relative distance)."""
    def dist(log_lam: float) -> float:
        return float((ridge(X, y, math.exp(log_lam)) - w).norm() / w.norm())
    grid = [math.log(10.0) * k / 4 for k in range(-32, 9)]           # 1e-8 ... 1e2, quarter decades
    k = min(range(len(grid)), key=lambda i: dist(grid[i]))
    a, b = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    r = (math.sqrt(5) - 1) / 2                                        # golden-section search in log λ
    for _ in range(60):
        c1, c2 = b - r * (b - a), a + r * (b - a)
        a, b = (a, c2) if dist(c1) < dist(c2) else (c1, b)
    return math.exp((a + b) / 2), dist((a + b) / 2)


def _noise_message(ridge_for_input_noise) -> str:
    gaps = []
    for c in INPUT_NOISE.cases:
        X, y, s = noise_case(c)
        w = torch.as_tensor(ridge_for_input_noise(X.clone(), y.clone(), s.clone()), dtype=F64)
        gaps.append(_best_single_lambda(X, y, w)[1])
    return (f"matches least squares on noisy copies on 3 problems; the best single λ for all weights (the one "
            f"closest to your weights) is still off by {', '.join(f'{g:.0%}' for g in gaps)} (relative distance)")


INPUT_NOISE = Exercise(
    "07.4", "ridge_for_input_noise",
    cases=[{"n": 40, "stds": [0.1, 0.5, 1.0, 2.0], "seed": 41},
           {"n": 25, "stds": [0.0, 0.3, 0.3, 3.0, 1.0], "seed": 42},
           {"n": 100, "stds": [1.5, 0.2, 0.7], "seed": 43}],
    inputs=noise_case,
    run=_run_noise,
    describe=lambda c: f"n = {c['n']}, noise std {c['stds']}",
    rel=1e-6, atol=1e-10,
    success=_noise_message,
    hints={
        "generic": "expand E_ξ ½((x + ξ)ᵀw - y)² using E[ξ] = 0 and the noise's covariance, average over the "
                   "examples, and set the gradient to 0",
        "one_lambda": "each feature has its own noise level: one λ for every weight cannot be right",
        "std_not_variance": "the penalty comes from the VARIANCE of the noise (what is left of E[ξ ξᵀ])",
        "times_n": "the loss is a MEAN over the n examples: no factor n",
        "half": "both the loss and the penalty carry their ½: compare them term by term",
        "double": "off by a factor of 2: expand the square of (x + ξ)ᵀw - y and keep the ½ in front of every term",
        "no_penalty": "noise in the inputs does change the minimizer: that is the point",
        "summed": "the penalty belongs to the MEAN loss: it is per example, so it is not divided by n",
    },
    more=["With ξ independent of x and E[ξ] = 0, the cross term 2(xᵀw - y)ξᵀw averages to 0; what is left besides "
          "the ordinary loss is ½ E[(ξᵀw)²].",
          "E[(ξᵀw)²] = wᵀ E[ξξᵀ] w with a diagonal E[ξξᵀ]: a ridge penalty with its own strength per weight. Set the "
          "gradient of the mean loss plus it to zero."],
)
check_ridge_for_input_noise = INPUT_NOISE.check


__all__ = ["check_gcv_with_intercept", "check_laplace_l1_strength", "check_map_with_prior_mean",
           "check_ridge_for_input_noise"]
