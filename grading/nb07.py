"""References, typical mistakes and hidden cases of notebook 07's exercises (choosing λ without a test set)."""

from __future__ import annotations

import math

import torch

from d2lmini.checks import nb07 as public
from d2lmini.linreg import ridge

F64 = torch.float64


# --------------------------------------------------------------------------- 07.1: find the MAP, read λ₁ off it
def laplace_by_coordinate_descent(c: dict) -> list[float]:
    """Find the MAP by coordinate descent on the negative log posterior itself, ‖y - Xw‖²/(2σ²) + ‖w‖₁/b, then read
    λ₁ off the optimality condition of L(w) + λ₁‖w‖₁ there: (1/n) |x_jᵀ(y - Xw)| = λ₁ for every nonzero w_j."""
    X, y = public.laplace_problem(c)
    sigma, b, n = c["sigma"], c["b"], c["n"]
    G, r = (X.T @ X).tolist(), (X.T @ y).tolist()      # plain floats: thousands of tiny updates
    d = len(r)
    w = [0.0] * d
    for _ in range(10_000):
        change = 0.0
        for j in range(d):
            # exact minimizer over w_j of ‖y - Xw‖²/(2σ²) + |w_j|/b with the other weights fixed
            rho = (r[j] - sum(G[j][k] * w[k] for k in range(d) if k != j)) / sigma**2
            new = math.copysign(max(abs(rho) - 1 / b, 0.0), rho) / (G[j][j] / sigma**2)
            change, w[j] = max(change, abs(new - w[j])), new
        if change < 1e-15:
            break
    wt = torch.tensor(w, dtype=F64)
    active = wt != 0
    return [float((X.T @ (y - X @ wt) / n)[active].abs().mean())]


# --------------------------------------------------------------------------- 07.2: the explicit hat matrix
def gcv_by_hat_matrix(c: dict) -> list[float]:
    """GCV from the explicit hat matrix of the model WITH its intercept: Z = [1 X], the intercept unpenalized."""
    X, y, lambdas = public.gcv_case(c)
    return [float(v) for v in _gcv_hat(X, y, lambdas, penalize_intercept=False)]


def _gcv_hat(X, y, lambdas, penalize_intercept=False):
    n, d = X.shape
    Z = torch.cat([torch.ones(n, 1, dtype=F64), X], dim=1)
    D = torch.eye(d + 1, dtype=F64)
    if not penalize_intercept:
        D[0, 0] = 0
    out = []
    for lambd in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + n * lambd * D, Z.T)
        e = y - H @ y
        out.append((e**2).mean() / 2 / (1 - torch.trace(H) / n) ** 2)
    return torch.stack(out)


def _gcv(variant):
    """GCV-like computations as a learner would write them (SVD of the centered data, as the worked solution)."""
    def gcv_with_intercept(X, y, lambdas):
        if variant == "penalized_intercept":
            return _gcv_hat(X, y, lambdas, penalize_intercept=True)
        n = X.shape[0]
        center = variant != "no_centering"
        Xc, yc = (X - X.mean(0), y - y.mean()) if center else (X, y)
        U, s, _ = torch.linalg.svd(Xc, full_matrices=False)
        lam = torch.as_tensor(lambdas, dtype=F64)
        scale = lam if variant == "lambda_not_n_lambda" else n * lam
        f = s[:, None] ** 2 / (s[:, None] ** 2 + scale)
        uy = U.T @ yc
        e = (yc - U @ uy)[:, None] + U @ ((1 - f) * uy[:, None])
        extra = 0 if variant in ("no_centering", "df_without_intercept") else 1
        if variant == "loo":
            h = (U**2) @ f + 1 / n
            return ((e / (1 - h)) ** 2).mean(0) / 2
        val = (e**2).mean(0) / (1 - (f.sum(0) + extra) / n) ** 2
        return val if variant == "unhalved" else val / 2
    return gcv_with_intercept


# --------------------------------------------------------------------------- 07.3: Bayes' rule for Gaussians
def posterior_mean(c: dict) -> list[float]:
    """Posterior mean by Bayes' rule for Gaussians (Bishop, PRML eqs. 3.49-3.51): prior N(w0, σ_w² I), noise σ²."""
    X, y, w0, sigma, sigma_w = public.prior_mean_case(c)
    S_inv = torch.eye(X.shape[1], dtype=F64) / sigma_w**2 + X.T @ X / sigma**2
    return [float(v) for v in torch.linalg.solve(S_inv, w0 / sigma_w**2 + X.T @ y / sigma**2)]


def _prior(variant):
    def map_with_prior_mean(X, y, w0, sigma, sigma_w):
        n = X.shape[0]
        lam = sigma**2 / (n * sigma_w**2)
        return {"toward_zero": lambda: ridge(X, y, lam),
                "shift_after": lambda: ridge(X, y, lam) + w0,
                "summed": lambda: w0 + ridge(X, y - X @ w0, sigma**2 / sigma_w**2),
                "std_not_variance": lambda: w0 + ridge(X, y - X @ w0, sigma / (n * sigma_w)),
                "inverted": lambda: w0 + ridge(X, y - X @ w0, sigma_w**2 / (n * sigma**2)),
                "prior_only": lambda: w0.clone(),
                "no_shift_back": lambda: ridge(X, y - X @ w0, lam)}[variant]()
    return map_with_prior_mean


# --------------------------------------------------------------------------- 07.4: least squares on noisy copies
def noisy_copies_fit(c: dict) -> list[float]:
    """Least squares on noisy copies of the data whose noise has EXACTLY mean 0 and covariance diag(s²): the 2d
    copies x ± sqrt(d) s_j e_j of every example (the expected loss is quadratic in the noise, so these copies average
    it exactly; tests/test_checks_nb07.py checks them against random copies)."""
    X, y, stds = public.noise_case(c)
    d = X.shape[1]
    shifts = math.sqrt(d) * torch.diag(stds)
    copies = torch.cat([X[None] + shifts[:, None, :], X[None] - shifts[:, None, :]])    # (2d, n, d)
    return [float(v) for v in torch.linalg.lstsq(copies.reshape(-1, d), y.repeat(2 * d)).solution]


def _noise(variant):
    def ridge_for_input_noise(X, y, noise_std):
        n, d = X.shape
        s2 = noise_std**2
        P = {"one_lambda": s2.mean() * torch.eye(d, dtype=F64),
             "std_not_variance": torch.diag(noise_std),
             "times_n": n * torch.diag(s2),
             "half": torch.diag(s2) / 2,
             "double": 2 * torch.diag(s2),
             "no_penalty": torch.zeros(d, d, dtype=F64),
             "summed": torch.diag(s2) / n}[variant]
        return torch.linalg.solve(X.T @ X / n + P, X.T @ y / n)
    return ridge_for_input_noise


REFERENCES = {"07.1": laplace_by_coordinate_descent, "07.2": gcv_by_hat_matrix, "07.3": posterior_mean,
              "07.4": noisy_copies_fit}

MISTAKES = {
    "07.1": {
        "summed": lambda sigma, b, n: sigma**2 / b,
        "times_n": lambda sigma, b, n: n * sigma**2 / b,
        "half": lambda sigma, b, n: sigma**2 / (2 * n * b),
        "double": lambda sigma, b, n: 2 * sigma**2 / (n * b),
        "b_squared": lambda sigma, b, n: sigma**2 / (n * b**2),
        "no_sigma": lambda sigma, b, n: 1 / (n * b),
        "sigma_not_variance": lambda sigma, b, n: sigma / (n * b),
        "inverted": lambda sigma, b, n: b / (n * sigma**2),
    },
    "07.2": {k: _gcv(k) for k in ("no_centering", "df_without_intercept", "unhalved", "loo", "lambda_not_n_lambda",
                                  "penalized_intercept")},
    "07.3": {k: _prior(k) for k in ("toward_zero", "shift_after", "summed", "std_not_variance", "inverted",
                                    "prior_only", "no_shift_back")},
    "07.4": {k: _noise(k) for k in ("one_lambda", "std_not_variance", "times_n", "half", "double", "no_penalty",
                                    "summed")},
}

HIDDEN = {
    "07.1": [{"sigma": 0.8, "b": 0.4, "n": 60, "seed": 111}, {"sigma": 3.0, "b": 2.5, "n": 150, "seed": 112},
             {"sigma": 1.2, "b": 0.05, "n": 500, "seed": 113}],
    "07.2": [{"data": "diabetes", "start": 200, "rows": 90, "lambdas": [1e-5, 1e-4, 1e-3, 1e-2, 0.1]},
             {"data": "synthetic", "seed": 121, "n": 25, "d": 6, "x_mean": -1.5, "y_mean": -40.0,
              "lambdas": [0.003, 0.03, 0.3, 3.0]},
             {"data": "synthetic", "seed": 122, "n": 80, "d": 3, "x_mean": 5.0, "y_mean": 3.0,
              "lambdas": [1e-4, 0.01, 1.0]}],
    "07.3": [{"n": 25, "d": 8, "sigma": 0.7, "sigma_w": 0.5, "seed": 131, "seed_w0": 132},
             {"n": 10, "d": 20, "sigma": 1.5, "sigma_w": 2.0, "seed": 133, "seed_w0": 134},
             {"n": 120, "d": 4, "sigma": 0.2, "sigma_w": 0.05, "seed": 135, "seed_w0": 136}],
    "07.4": [{"n": 30, "stds": [0.4, 0.0, 1.2, 0.8, 2.5, 0.1], "seed": 141},
             {"n": 200, "stds": [0.05, 3.0], "seed": 142},
             {"n": 15, "stds": [1.0, 0.6, 0.2, 1.8], "seed": 143}],
}

FORMULAS = {
    "07.1": ["σ²/(nb)", "σ²/(n b)", "sigma**2 / (n", "σ^2/(nb)"],
    "07.2": ["1 + fitted", "df = 1 +", "(1 - df / n)", "(1 − df/n)"],
    "07.3": ["σ²/(nσ_w²)", "sigma**2 / (X.shape[0]"],
    "07.4": ["diag(s²)) w = Xᵀy/n", "torch.diag(noise_std**2)", "XᵀX/n + diag(s²)"],
}
