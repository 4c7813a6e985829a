"""Checks of notebook 01's exercises (bias and variance, measured): public cases, hints; answers as fingerprints.

The problems are generated here: random designs, and a fresh training set of the notebook's kind (20 points on
[-1, 1], f(x) = sin 3x + cos(5x)/2, σ = 0.3, Legendre features up to degree 12), not the lesson's variables.
"""

from __future__ import annotations

import contextlib
import math
import sys

import torch

from ..linreg import ridge
from ..widgets import lambda_grid
from . import Exercise, LinalgCount, as_number, as_vector, fail

F64 = torch.float64
DEGREE, N, SIGMA = 12, 20, 0.3
LAMBDAS = [float(v) for v in lambda_grid(1e-5, 10, 25, zero=False)]


def design(n: int, d: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, d, generator=g, dtype=F64) * torch.linspace(0.3, 2.0, d, dtype=F64)


def legendre(x: torch.Tensor, degree: int = DEGREE) -> torch.Tensor:
    """Legendre polynomials P_0..P_degree of x in [-1, 1], each scaled to mean square 1 (as in notebook 01)."""
    polys = [torch.ones_like(x), x]
    for k in range(1, degree):
        polys.append(((2 * k + 1) * x * polys[k] - k * polys[k - 1]) / (k + 1))
    return torch.stack(polys[: degree + 1], dim=-1) * torch.sqrt(2 * torch.arange(degree + 1, dtype=x.dtype) + 1)


def target(x: torch.Tensor) -> torch.Tensor:
    return torch.sin(3 * x) + 0.5 * torch.cos(5 * x)


def training_sets(f, num_sets: int, seed: int, sigma: float = SIGMA):
    """Training sets as in notebook 01: one uniform input in each of N equal cells of [-1, 1], labels f(x) + σε."""
    g = torch.Generator().manual_seed(seed)
    x = -1 + 2 * (torch.arange(N, dtype=F64) + torch.rand(num_sets, N, generator=g, dtype=F64)) / N
    return x, f(x) + sigma * torch.randn(num_sets, N, generator=g, dtype=F64)


# --------------------------------------------------------------------------- 01.1 (derivation)
def df_design(c: dict) -> torch.Tensor:
    """The design of a df case: ``repeat`` copies the first column into the last (rank d − 1 even when n > d),
    ``scale`` multiplies the whole design (a rounding cut-off must be relative, not absolute)."""
    X = design(c["n"], c["d"], c["seed"]) * c.get("scale", 1.0)
    if c.get("repeat"):
        X[:, -1] = X[:, 0]
    return X


def _df_inputs(c: dict):
    X = df_design(c)
    # abs: a null eigenvalue comes back as ±1e-15 (sign by rounding); as +1e-15 it always tests the rounding cut-off
    return torch.linalg.eigvalsh(X.T @ X).abs(), c["n"], c["lambd"]


DF = Exercise(
    "01.1", "df_from_eigenvalues",
    cases=[{"n": 20, "d": 8, "seed": 1, "lambd": 0.05}, {"n": 20, "d": 8, "seed": 1, "lambd": 1.0},
           {"n": 30, "d": 5, "seed": 2, "lambd": 0.0}, {"n": 8, "d": 12, "seed": 3, "lambd": 0.1},
           {"n": 8, "d": 12, "seed": 3, "lambd": 0.0}, {"n": 30, "d": 5, "seed": 2, "lambd": 0.0, "repeat": True},
           {"n": 8, "d": 12, "seed": 3, "lambd": 0.0, "scale": 1e-6}],
    inputs=_df_inputs,
    run=lambda fn, s, n, lambd: [as_number("df_from_eigenvalues", fn(s.clone(), n, lambd))],
    describe=lambda c: (f"the eigenvalues of XᵀX for a {c['n']} × {c['d']} design"
                        + (" with a repeated column" if c.get("repeat") else "")
                        + (f" scaled by {c['scale']:g}" if "scale" in c else "") + f", λ = {c['lambd']:g}"),
    rel=1e-6,
    hints={
        "generic": "move XᵀX next to the inverse inside the trace (cyclic permutation), then write both in the "
                   "eigenbasis of XᵀX: every eigen-direction contributes a fraction between 0 and 1",
        "clamped": "min(n, d) is not the rank: a repeated column leaves XᵀX with a zero eigenvalue even when n > d; "
                   "count the eigenvalues that are not zero up to rounding",
        "null_counted": "at λ = 0 your df is above the rank of X (n < d, or a repeated column): eigvalsh returns "
                        "the zero eigenvalues as tiny numbers (about 1e-15), and s / s counts each as 1; treat "
                        "eigenvalues below rounding level as 0",
        "absolute_cutoff": "a fixed cut-off such as 1e-8 depends on the units of X: for a design of size 1e-6 every "
                           "eigenvalue is below it; compare with the largest eigenvalue instead",

        "summed": "that is the summed-loss convention; with the MEAN loss the shift is n·λ, not λ",
        "singular_values": "the eigenvalues of XᵀX are the SQUARED singular values of X: use them as given",
        "constant": "your df does not depend on λ: the penalty shrinks each direction's contribution",
        "complement": "that is d − df: count the part of each direction that the fit KEEPS",
    },
    more=["tr(X A⁻¹ Xᵀ) = tr(A⁻¹ XᵀX). With XᵀX = V diag(s) Vᵀ, A = XᵀX + nλI = V diag(s + nλ) Vᵀ.",
          "Then A⁻¹XᵀX is diagonal in the same basis; its trace adds up one ratio per eigenvalue. A zero eigenvalue "
          "(n < d) contributes nothing, but eigvalsh returns it as a tiny number (about 1e-15), not as 0: at λ = 0 "
          "that would count as a full 1. Treat eigenvalues below rounding level (s.max() · d · eps) as 0."],
    success="df(λ) from the eigenvalues alone, on 7 cases (n < d at λ = 0.1 and at λ = 0; n > d at λ = 0, also with "
            "a repeated column; a design of size 1e-6)",
)
check_df_from_eigenvalues = DF.check


# --------------------------------------------------------------------------- 01.2 (transfer)
def _loo_inputs(c: dict):
    X = design(c["n"], c["d"], c["seed"])
    g = torch.Generator().manual_seed(c["seed"] + 1)
    y = X @ torch.randn(c["d"], generator=g, dtype=F64) + c["noise"] * torch.randn(c["n"], generator=g, dtype=F64)
    return X, y, c["lambd"]


_OTHER_LINALG = ("solve", "inv", "pinv", "lstsq", "cholesky", "qr", "svd", "eig", "eigh", "eigvals", "eigvalsh", "det",
                 "slogdet", "matrix_power", "tensorsolve", "tensorinv", "lu", "lu_factor", "lu_solve", "cho_factor",
                 "cho_solve", "solve_triangular", "pinvh", "inv_sym", "svdvals")


class _CountedGufuncs:
    """Stands in for NumPy's compiled ``_umath_linalg`` module: every public numpy.linalg function calls through it,
    whatever name the caller bound it to (``from numpy.linalg import solve`` before the check runs included)."""

    def __init__(self, module, count: dict) -> None:
        self._module, self._count = module, count

    def __getattr__(self, name):
        func = getattr(self._module, name)
        return _counted(func, self._count) if callable(func) else func


def _counted(func, count: dict):
    def wrapper(*args, **kwargs):
        first = args[0] if args else None
        shape = getattr(first, "shape", ())
        count["factorizations"] += max(1, math.prod(shape[:-2])) if len(shape) > 2 else 1
        return func(*args, **kwargs)
    wrapper.__wrapped__ = func
    return wrapper


@contextlib.contextmanager
def other_linalg_count(caller=None):
    """Counts the matrices solved or factorized by NumPy and (if imported) SciPy inside the block (a stack of k
    matrices counts k): LinalgCount sees torch only. NumPy is counted at its compiled layer, so names bound before
    the block count too; SciPy at ``scipy.linalg.*`` and at the names ``caller``'s module bound to them."""
    count = {"factorizations": 0}
    saved = []
    linalg = sys.modules.get("numpy.linalg._linalg")
    if linalg is not None and hasattr(linalg, "_umath_linalg"):
        saved.append((linalg.__dict__, "_umath_linalg", linalg._umath_linalg))
        linalg._umath_linalg = _CountedGufuncs(linalg._umath_linalg, count)
    scipy_linalg = sys.modules.get("scipy.linalg")
    originals = {}
    if scipy_linalg is not None:
        for name in _OTHER_LINALG:
            func = getattr(scipy_linalg, name, None)
            if callable(func):
                originals[id(func)] = func
                saved.append((scipy_linalg.__dict__, name, func))
                setattr(scipy_linalg, name, _counted(func, count))
    namespace = getattr(caller, "__globals__", None)
    if namespace is not None and originals:
        for name, value in list(namespace.items()):
            if id(value) in originals and originals[id(value)] is value:
                saved.append((namespace, name, value))
                namespace[name] = _counted(value, count)
    try:
        yield count
    finally:
        for namespace, name, func in reversed(saved):
            namespace[name] = func


def _run_loo(fn, X, y, lambd):
    before = "scipy.linalg" in sys.modules
    with LinalgCount() as count, other_linalg_count(fn) as other:
        out = fn(X.clone(), y.clone(), lambd)
    if not before and "scipy.linalg" in sys.modules:     # SciPy imported inside fn: run again, now counting it
        with LinalgCount() as count, other_linalg_count(fn) as other:
            out = fn(X.clone(), y.clone(), lambd)
    solves = count.factorizations + other["factorizations"]
    if solves > 3:
        fail(f"loo_error solved or factorized {solves} matrices for one λ",
             "the shortcut needs ONE fit on all n points (its hat matrix): no refitting")
    return [as_number("loo_error", out)]


def _knn_loo(x: torch.Tensor, y: torch.Tensor, k: int = 3) -> tuple[float, float]:
    """k-nearest-neighbour regression (ŷ = Hy with a label-free H): the shortcut against brute force."""
    dist = (x[:, None] - x[None, :]).abs()
    near = dist.argsort(dim=1)[:, :k]                                 # includes the point itself
    y_hat = y[near].mean(1)
    shortcut = float((((y - y_hat) / (1 - 1 / k)) ** 2).mean())
    others = dist + torch.diag(torch.full((len(x),), math.inf, dtype=x.dtype))
    brute = float(((y - y[others.argsort(dim=1)[:, :k]].mean(1)) ** 2).mean())
    return shortcut, brute


def _loo_message(loo_error) -> str:
    x, y = training_sets(target, 1, seed=101)
    X = legendre(x[0])
    loo = [as_number("loo_error", loo_error(X, y[0], lam)) for lam in LAMBDAS]
    k = min(range(len(LAMBDAS)), key=loo.__getitem__)
    x_test = torch.linspace(-1, 1, 201, dtype=F64)
    X_test, f_test = legendre(x_test), target(x_test)
    test = [float(((X_test @ ridge(X, y[0], lam) - f_test) ** 2).mean()) + SIGMA ** 2 for lam in LAMBDAS]
    short, brute = _knn_loo(x[0], y[0])
    return (f"matches brute-force refits. On one fresh training set of this notebook's problem, LOO picks λ = "
            f"{LAMBDAS[k]:g}: expected test error {test[k]:.4g} (the best λ for this set gives {min(test):.4g}). "
            f"The shortcut is no law of linear fits: for 3-nearest neighbours (also ŷ = Hy with H free of the labels) "
            f"on the same points it gives {short:.4g}, brute-force leave-one-out {brute:.4g}.")


LOO = Exercise(
    "01.2", "loo_error",
    cases=[{"n": 15, "d": 6, "seed": 4, "noise": 0.5, "lambd": 0.01}, {"n": 15, "d": 6, "seed": 4, "noise": 0.5,
                                                                       "lambd": 0.3},
           {"n": 25, "d": 10, "seed": 5, "noise": 1.0, "lambd": 0.05}],
    inputs=_loo_inputs,
    run=_run_loo,
    describe=lambda c: f"a {c['n']} × {c['d']} design, λ = {c['lambd']:g}",
    rel=1e-6,
    success=_loo_message,
    hints={
        "generic": "fit once on all n points; the leave-one-out residual of point i follows from its training "
                   "residual and its leverage H_ii",
        "training": "that is the training error: each residual must be corrected for the point's own leverage",
        "unsquared": "correct the residual first and THEN square it: the correction appears squared",
        "gcv": "that is generalized cross-validation (the average leverage for every point); leave-one-out uses each "
               "point's own H_ii",
        "summed": "your hat matrix uses λ instead of n·λ (the summed-loss convention)",
    },
    more=["The hat matrix H = X(XᵀX + nλI)⁻¹Xᵀ maps y to the fitted ŷ; its diagonal holds the leverages.",
          "Divide each training residual by one minus its leverage, square, and average over the points."],
)
check_loo_error = LOO.check


# --------------------------------------------------------------------------- 01.3 (transfer)
def _free_inputs(c: dict):
    X = design(c["n"], c["d"], c["seed"]) + c["offset"]
    X = torch.stack([X, X.flip(0)][: c["batch"]]) if c["batch"] else X
    g = torch.Generator().manual_seed(c["seed"] + 7)
    y = c["shift"] + torch.randn(X.shape[:-1], generator=g, dtype=F64)
    return X, y, c["lambd"]


def _run_free(fn, X, y, lambd):
    got = fn(X.clone(), y.clone(), lambd)
    if not isinstance(got, torch.Tensor):
        fail(f"ridge_free_intercept returned {type(got).__name__}", "return the weights as a torch.Tensor")
    want_shape = (*X.shape[:-2], X.shape[-1])
    if tuple(got.shape) != want_shape:
        fail(f"for X of shape {tuple(X.shape)} the result has shape {tuple(got.shape)}, not {want_shape}",
             "work on the last two dimensions (X.mT, y.unsqueeze(-1)) so that a batch of sets works like d2l.ridge")
    return as_vector("ridge_free_intercept", got, got.numel())


def _steep(x):
    return torch.exp(2 * x)


def _sweep(solver, f, num_sets: int = 400, seed: int = 0):
    """Expected test error = bias² + variance + noise for each λ over ``num_sets`` training sets (variance estimated
    directly, bias² corrected for its Monte Carlo bias); per-set errors for standard errors."""
    x, y = training_sets(f, num_sets, seed)
    X = legendre(x)
    x_test = torch.linspace(-1, 1, 201, dtype=F64)
    X_test, f_test = legendre(x_test), f(x_test)
    out = []
    for lam in LAMBDAS:
        preds = (X_test @ solver(X, y, lam).unsqueeze(-1)).squeeze(-1)          # (R, 201)
        var = preds.var(0)
        bias2 = float(((preds.mean(0) - f_test) ** 2 - var / num_sets).mean())
        per_set = ((preds - f_test) ** 2).mean(1) + SIGMA ** 2
        out.append((float(per_set.mean()), bias2, float(var.mean()), per_set))
    return out


def _free_message(ridge_free_intercept) -> str:
    free, fixed = _sweep(ridge_free_intercept, _steep), _sweep(ridge, _steep)
    k = min(range(len(LAMBDAS)), key=lambda j: free[j][0])
    j = min(range(len(LAMBDAS)), key=lambda i: fixed[i][0])
    total, bias2, var, per_set = free[k]
    diff = fixed[j][3] - per_set
    x = torch.linspace(-1, 1, 2001, dtype=F64)
    w_steep = torch.linalg.lstsq(legendre(x), _steep(x).unsqueeze(-1)).solution
    w_base = torch.linalg.lstsq(legendre(x), target(x).unsqueeze(-1)).solution
    return (f"P_0 unpenalized. For f = exp(2x), over 400 training sets, the best expected test error is {total:.3f} at "
            f"λ = {LAMBDAS[k]:g} (P_0 penalized: {fixed[j][0]:.3f} at λ = {LAMBDAS[j]:g}; lower by "
            f"{float(diff.mean()):.3f} ± {float(diff.std() / len(diff) ** 0.5):.3f}, paired s.e.); variance is "
            f"still {var / total:.0%} of it, bias² {bias2 / total:.0%}. The steep target needs large coefficients: "
            f"‖w*‖² = {float((w_steep ** 2).sum()):.3g} for its best degree-12 fit, {float((w_base ** 2).sum()):.3g} "
            "for this notebook's target.")


FREE_INTERCEPT = Exercise(
    "01.3", "ridge_free_intercept",
    cases=[{"n": 12, "d": 5, "seed": 7, "offset": 1.0, "shift": 3.0, "lambd": 0.4, "batch": 2},
           {"n": 10, "d": 4, "seed": 8, "offset": 2.0, "shift": -1.0, "lambd": 0.05, "batch": 0}],
    inputs=_free_inputs,
    run=_run_free,
    describe=lambda c: (f"a batch of {c['batch']} sets of " if c["batch"] else "one set of ")
                       + f"{c['n']} × {c['d']} inputs, λ = {c['lambd']:g}",
    rel=1e-6, atol=1e-10,
    success=_free_message,
    hints={
        "generic": "set the gradient of the mean loss plus the penalty to zero: the penalty acts on every weight but "
                   "the first",
        "all_penalized": "these are the weights of d2l.ridge: the first weight (of P_0) must not be penalized",
        "no_n": "with the MEAN loss the normal equations carry n·λ",
        "only_first": "it is the other way round: every weight BUT the first is penalized",
        "first_zero": "unpenalized means free to take any value, not removed",
        "first_set_only": "solve each set of the batch with its own data",
    },
    more=["The penalty λ/2 Σ_{j≥1} w_j² is λ/2 wᵀDw with D the identity except for one zero.",
          "Setting the gradient to zero gives normal equations like d2l.ridge's: find which entry of the penalty "
          "matrix changes, and solve on the last two dimensions so that a batch of sets works."],
)
check_ridge_free_intercept = FREE_INTERCEPT.check


# --------------------------------------------------------------------------- 01.4 (derivation)
def _train_inputs(c: dict):
    X = design(c["n"], c["d"], c["seed"])
    g = torch.Generator().manual_seed(c["seed"] + 3)
    return X, torch.randn(c["d"], generator=g, dtype=F64) * c["w_scale"], c["sigma"], c["lambd"]


def _simulated(c: dict, draws: int = 20000) -> tuple[float, float]:
    """Monte Carlo: mean training error over ``draws`` noise vectors, and its standard error."""
    X, w, sigma, lambd = _train_inputs(c)
    n, d = X.shape
    g = torch.Generator().manual_seed(99)
    y = X @ w + sigma * torch.randn(draws, n, generator=g, dtype=F64)
    fit = (X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=F64), X.T @ y.T)).T
    err = ((y - fit) ** 2).mean(1)
    return float(err.mean()), float(err.std() / draws ** 0.5)


def _training_message(fn) -> str:
    """The student's value at λ = 0.05 beside a simulation of the same case, so that the two can be compared."""
    c = TRAINING_ERROR.cases[1]
    X, w, sigma, lambd = _train_inputs(c)
    mine = as_number("expected_training_error", fn(X.clone(), w.clone(), sigma, lambd))
    mean, se = _simulated(c)
    return (f"E training error for a fixed design, on three λ. At λ = {lambd:g} your formula gives {mine:.4f}; "
            f"a simulation with 20000 noise draws gives {mean:.4f} ± {se:.4f} ({(mine - mean) / se:+.1f} s.e.).")


TRAINING_ERROR = Exercise(
    "01.4", "expected_training_error",
    cases=[{"n": 16, "d": 6, "seed": 9, "w_scale": 1.0, "sigma": 0.7, "lambd": 0.0},
           {"n": 16, "d": 6, "seed": 9, "w_scale": 1.0, "sigma": 0.7, "lambd": 0.05},
           {"n": 16, "d": 6, "seed": 9, "w_scale": 1.0, "sigma": 0.7, "lambd": 0.5}],
    inputs=_train_inputs,
    run=lambda fn, X, w, sigma, lambd: [as_number("expected_training_error",
                                                  fn(X.clone(), w.clone(), sigma, lambd))],
    describe=lambda c: f"a {c['n']} × {c['d']} design, σ = {c['sigma']}, λ = {c['lambd']:g}",
    rel=1e-6,
    success=lambda fn: _training_message(fn),
    hints={
        "generic": "write y − ŷ = (I − H)(Xw* + σε) and take the expectation over ε: a part without noise and a "
                   "part that is a quadratic form in ε",
        "lambda0": "σ²(1 − d/n) holds at λ = 0 only: for λ > 0, I − H is no projection",
        "projection": "(I − H) is no projection when λ > 0: its square is not itself",
        "no_bias": "the noise-free part, the bias ‖(I − H)Xw*‖²/n, is missing",
        "sigma_not_squared": "the noise enters as σ² (a variance), not σ",
        "half": "the training error here is the mean squared error WITHOUT the ½",
    },
    more=["The noise-free part is ‖(I − H)Xw*‖²/n. For the noise part use E[εᵀMε] = tr M with M = (I − H)ᵀ(I − H).",
          "H is symmetric, so M = (I − H)²; divide its trace, times σ², by n."],
)
check_expected_training_error = TRAINING_ERROR.check
