"""Checks of notebook 02's exercises (the L2 penalty from scratch): public cases, hints; answers as fingerprints.

The problems are generated here (not read from the notebook's lesson): a noisy regression like the notebook's
(d = 20 inputs, 30 labeled examples, σ = 1, every true weight 0.3) and d2l's classic one (d = 200, tiny noise).
"""

from __future__ import annotations

import torch

from . import Exercise, LinalgCount, as_number, as_vector, fail

NOISY = {"d": 20, "n": 30, "sigma": 1.0, "w": 0.3}          # the notebook's setting where the penalty wins
CLASSIC = {"d": 200, "sigma": 0.01, "w": 0.01}               # d2l's classic n < d problem


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def regression(seed: int, n: int, d: int, sigma: float, w: float, n_test: int = 0, sets: int | None = None):
    """``y = X w* + σ ε`` with every true weight ``w`` (float64); optionally a test set, or R sets stacked."""
    g = _gen(seed)
    lead = () if sets is None else (sets,)
    X = torch.randn(*lead, n + n_test, d, generator=g, dtype=torch.float64)
    y = X @ torch.full((d,), w, dtype=torch.float64) + sigma * torch.randn(*lead, n + n_test, generator=g,
                                                                            dtype=torch.float64)
    return X[..., :n, :], y[..., :n], X[..., n:, :], y[..., n:]


def _budget(name: str, count: LinalgCount, products: int | None = None, factorizations: int | None = None,
            why: str = "") -> None:
    if products is not None and count.products > products:
        fail(f"{name} made {count.products} matrix products (a prediction needs a handful)", why)
    if factorizations is not None and count.factorizations > factorizations:
        fail(f"{name} solved or factorized {count.factorizations} matrices (at most {factorizations} here)", why)


# --------------------------------------------------------------------------- 02.1 (derivation)
MOMENTUM_FACTOR = Exercise(
    "02.1", "null_space_factor",
    cases=[{"lr": 0.003, "lambd": 3.0, "beta": 0.9, "t": 40}, {"lr": 0.1, "lambd": 2.0, "beta": 0.9, "t": 30},
           {"lr": 0.01, "lambd": 1.0, "beta": 0.5, "t": 50}, {"lr": 0.05, "lambd": 0.0, "beta": 0.9, "t": 10}],
    inputs=lambda c: (c["lr"], c["lambd"], c["beta"], c["t"]),
    run=lambda fn, lr, lambd, beta, t: [as_number("null_space_factor", fn(lr, lambd, beta, t))],
    describe=lambda c: f"lr = {c['lr']}, λ = {c['lambd']}, momentum = {c['beta']}, t = {c['t']}",
    rel=2e-5, atol=1e-12,      # accepts float32 answers (error up to 5.4e-06), rejects every wrong one (by > 0.9)
    hints={
        "generic": "in a direction the data never see, only the penalty's gradient enters the buffer: follow the "
                   "pair (w, v) step by step from w = 1, v = 0",
        "plain_sgd": "that is plain SGD's factor: with momentum the step uses the buffer, which remembers earlier "
                     "steps",
        "steady_state": "that rate holds only once the buffer has built up; it starts at v = 0, so follow the "
                        "recurrence from the first step",
        "dampening": "PyTorch's SGD has dampening 0 by default: the whole gradient enters the buffer",
        "off_by_one": "off by one step: t steps update w exactly t times, starting from w_0 = 1",
    },
    more=["Write one step as a 2×2 linear map of the pair (w, v): first the buffer update, then the weight update "
          "that uses the NEW buffer.",
          "Apply that map t times to (1, 0) (a loop, or a matrix power) and return the first component."],
    success="w_t / w_0 matches torch.optim.SGD(momentum, weight_decay) in a direction the data never see",
)
check_null_space_factor = MOMENTUM_FACTOR.check


# --------------------------------------------------------------------------- 02.2 (transfer)
def null_case(c: dict):
    g = _gen(c["seed"])
    X = torch.randn(c["n"], c["d"], generator=g, dtype=torch.float64)
    return X, torch.randn(c["d"], generator=g, dtype=torch.float64), c["lr"], c["lambd"], c["steps"]


def _run_null(fn, X, w_init, lr, lambd, steps):
    with LinalgCount() as count:
        out = fn(X.clone(), w_init.clone(), lr, lambd, steps)
    _budget("predict_null_norm", count, products=20, factorizations=4,
            why="predict it without training: which part of w can the data's gradient never change?")
    return [as_number("predict_null_norm", out)]


NULL_NORM = Exercise(
    "02.2", "predict_null_norm",
    cases=[{"seed": 21, "n": 8, "d": 30, "lr": 0.01, "lambd": 2.0, "steps": 150},
           {"seed": 22, "n": 15, "d": 40, "lr": 0.05, "lambd": 0.5, "steps": 60},
           {"seed": 25, "n": 4, "d": 10, "lr": 0.5, "lambd": 3.0, "steps": 3}],   # 1 - lr*λ < 0, odd T
    inputs=null_case,
    run=_run_null,
    describe=lambda c: f"a {c['n']} × {c['d']} input matrix, lr = {c['lr']}, λ = {c['lambd']}, {c['steps']} steps",
    rel=1e-6,
    hints={
        "generic": "split w_init into the part the data can see and the part they cannot; only the penalty acts "
                   "on the second, step after step",
        "row_space": "that projection keeps the directions the data SEE (the row space); the null space is the rest",
        "initial": "that is the initial null-space norm: the penalty still shrinks it at every step",
        "whole_norm": "only the null-space part decays by the penalty alone: project w_init first",
        "half": "off by a factor of 2: the gradient of λ/2 ‖w‖² is λw",
        "signed": "a norm is never negative: when 1 − ηλ < 0 the null-space part flips sign at every step, but its "
                  "length only shrinks",
    },
    more=["torch.linalg.pinv(X) @ X projects onto the directions the rows of X span; subtracting it from the "
          "identity leaves the directions the data never see.",
          "In those directions the data gradient is 0, so each step multiplies the component by the same factor: "
          "apply it `steps` times to the norm of the projected w_init."],
    success="the null-space norm after T steps, predicted without training, matches training",
)
check_predict_null_norm = NULL_NORM.check


# --------------------------------------------------------------------------- 02.3 (transfer)
LOO_LAMBDAS = [0.0, 0.01, 0.1, 0.316, 1.0, 10.0]


def loo_case(c: dict):
    X, y, _, _ = regression(c["seed"], c["n"], c["d"], c["sigma"], c["w"])
    return X, y, list(c["lambdas"])


def _run_loo(fn, X, y, lambdas):
    with LinalgCount() as count:
        out = fn(X.clone(), y.clone(), list(lambdas))
    _budget("loo_errors", count, factorizations=2 * len(lambdas) + 1,
            why="the leave-one-out errors come from ONE fit per λ (the hat matrix): no refitting")
    if isinstance(out, (list, tuple)):
        out = torch.tensor([as_number("loo_errors", v) for v in out], dtype=torch.float64)
    return as_vector("loo_errors", out, len(lambdas))


def _fit(X: torch.Tensor, y: torch.Tensor, lambdas: torch.Tensor):
    """Ridge with an unpenalized bias for each λ, batched over sets: ``w`` (K, R, d), ``b`` (K, R). At λ = 0 with
    fewer examples than inputs the normal equations are singular: least squares gives the minimum-norm fit."""
    xm, ym = X.mean(-2, keepdim=True), y.mean(-1, keepdim=True)
    Xc, yc = X - xm, y - ym
    n, d = X.shape[-2:]
    A = Xc.mT @ Xc + n * lambdas.reshape(-1, *[1] * X.dim()) * torch.eye(d, dtype=X.dtype)
    w = torch.linalg.lstsq(A, (Xc.mT @ yc.unsqueeze(-1)).expand(*A.shape[:-1], 1), driver="gelsd").solution
    w = w.squeeze(-1)
    return w, ym.squeeze(-1) - (w * xm.squeeze(-2)).sum(-1)


def _test_loss(X: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return (((X @ w.unsqueeze(-1)).squeeze(-1) + b.unsqueeze(-1) - y) ** 2 / 2).mean(-1)


def _loo_vs_split(loo_errors, num_sets: int = 300, seed: int = 2300) -> str:
    """On the same 30 labeled examples: λ by LOO (model fit on all 30) against λ by a 20/10 split (model fit on the
    20, and the same λ refit on all 30); test loss on 1000 fresh examples; paired over ``num_sets`` draws."""
    n = NOISY["n"]
    X, y, Xs, ys = regression(seed, n, NOISY["d"], NOISY["sigma"], NOISY["w"], n_test=1000, sets=num_sets)
    lam = torch.tensor(LOO_LAMBDAS, dtype=torch.float64)
    w_all, b_all = _fit(X, y, lam)                                 # (K, R, d), (K, R): all 30 examples
    w_20, b_20 = _fit(X[:, :20], y[:, :20], lam)                   # fit on 20 ...
    pick_split = _test_loss(X[:, 20:], y[:, 20:], w_20, b_20).argmin(0)   # ... choose on the other 10
    pick_loo = torch.stack([torch.as_tensor(loo_errors(X[r], y[r], list(LOO_LAMBDAS))).argmin()
                            for r in range(num_sets)])
    sets = torch.arange(num_sets)
    test_all, test_20 = _test_loss(Xs, ys, w_all, b_all), _test_loss(Xs, ys, w_20, b_20)   # (K, R)
    t_loo, t_split, t_refit = test_all[pick_loo, sets], test_20[pick_split, sets], test_all[pick_split, sets]

    def mean_se(v):
        return float(v.mean()), float(v.std() / num_sets ** 0.5)
    (m_l, s_l), (m_s, s_s) = mean_se(t_loo), mean_se(t_split)
    (d_s, e_s), (d_r, e_r) = mean_se(t_split - t_loo), mean_se(t_refit - t_loo)
    return (f"LOO matches refitting. On {num_sets} fresh data sets of {n} labeled examples (test loss on 1000 new "
            f"examples each): λ by LOO, model fit on all {n}: {m_l:.3f} ± {s_l:.3f}; λ by a 20/10 split, model fit "
            f"on the 20: {m_s:.3f} ± {s_s:.3f}, worse by {d_s:.3f} ± {e_s:.3f} (paired s.e.); the split's λ refit on "
            f"all {n}: worse by only {d_r:.3f} ± {e_r:.3f}. Most of a split's cost is the data it keeps out of the "
            "final fit.")


LOO_ERRORS = Exercise(
    "02.3", "loo_errors",
    cases=[{"seed": 23, "n": 30, "d": 20, "sigma": 1.0, "w": 0.3, "lambdas": LOO_LAMBDAS},
           {"seed": 24, "n": 12, "d": 5, "sigma": 0.5, "w": 1.0, "lambdas": [0.0, 0.05, 0.5, 5.0]}],
    inputs=loo_case,
    run=_run_loo,
    describe=lambda c: f"{c['n']} examples, {c['d']} inputs, λ in {c['lambdas']}",
    rel=1e-6,
    success=_loo_vs_split,
    hints={
        "generic": "one fit per λ on all n examples gives every training residual and every leverage H_ii; the "
                   "leave-one-out error of example i follows from those two numbers",
        "train": "that is the training error: each residual must be corrected for example i's own leverage",
        "unsquared": "square the corrected residual (the loss is ½ of its square)",
        "gcv": "that is GCV (every leverage replaced by the average one), an approximation: use each H_ii",
        "bias_penalized": "the bias is not penalized: no penalty on the column of ones",
        "n_minus_1": "the penalty stays that of the full-data fit, n·λ on the summed loss",
        "double": "off by a factor of 2: the loss is ½ of the squared error",
    },
    more=["Build Z = [1, X] and the hat matrix of the fit with the bias unpenalized; its diagonal holds the "
          "leverages.",
          "For each λ: the training residuals e = y − Hy; correct each by its leverage as the task states, square, "
          "halve, and average over the examples."],
)
check_loo_errors = LOO_ERRORS.check


# --------------------------------------------------------------------------- 02.4 (transfer)
def end_case(c: dict):
    g = _gen(c["seed"])
    X = torch.randn(c["n"], c["d"], generator=g, dtype=torch.float64)
    y = X @ torch.full((c["d"],), c["w"], dtype=torch.float64) + c["sigma"] * torch.randn(c["n"], generator=g,
                                                                                          dtype=torch.float64)
    return X, y, torch.randn(c["d"], generator=g, dtype=torch.float64)


def _run_end(fn, X, y, w_init):
    with LinalgCount() as count:
        out = fn(X.clone(), y.clone(), w_init.clone())
    _budget("end_point", count, products=20, factorizations=4,
            why="predict where training ends without training: which part of w_init does the data's gradient "
                "never change, and where does the rest go?")
    return as_vector("end_point", out, X.shape[1])


def _more_data_message(end_point) -> str:
    """The classic problem with 60 examples (three times the notebook's 20): where λ = 0 training ends."""
    n, d = 60, CLASSIC["d"]
    X, y, Xs, ys = regression(2400, n, d, CLASSIC["sigma"], CLASSIC["w"], n_test=1000)
    w0 = torch.randn(d, generator=_gen(2401), dtype=torch.float64)
    w_rand = torch.as_tensor(end_point(X, y, w0), dtype=torch.float64).reshape(-1)
    w_zero = torch.as_tensor(end_point(X, y, torch.zeros(d, dtype=torch.float64)), dtype=torch.float64).reshape(-1)
    P_null = torch.eye(d, dtype=torch.float64) - torch.linalg.pinv(X) @ X

    def loss(w):
        return float(((Xs @ w - ys) ** 2 / 2).mean())
    return (f"on {n} fresh examples of the classic problem without its bias (d = {d}, b* = 0: this model has no "
            f"bias), λ = 0 training from w ~ N(0, 1) ends at test "
            f"loss {loss(w_rand):.3g}: the null space still has {d - int(torch.linalg.matrix_rank(X))} dimensions and "
            f"keeps ‖P_null w‖ = {float((P_null @ w_rand).norm()):.3g} of the start; from w = 0 the same training "
            f"ends at {loss(w_zero):.3g} (predict-zero baseline, the true mean here, "
            f"{float((ys ** 2 / 2).mean()):.3g}).")


END_POINT = Exercise(
    "02.4", "end_point",
    cases=[{"seed": 31, "n": 6, "d": 15, "w": 0.5, "sigma": 0.1}, {"seed": 32, "n": 20, "d": 50, "w": 0.01,
                                                                  "sigma": 0.01}],
    inputs=end_case,
    run=_run_end,
    describe=lambda c: f"{c['n']} examples, {c['d']} inputs",
    rel=1e-6,
    success=_more_data_message,
    hints={
        "generic": "the data's gradient only moves w inside the row space of X; there training ends at an exact "
                   "fit, and outside it w keeps what it started with",
        "min_norm": "that is where training from w = 0 ends: from w_init, the part the data never see stays",
        "start": "that is the start: in the directions the data see, training moves w until it fits the data",
        "row_projection": "pinv(X) @ X projects onto the directions the data SEE; the untouched part is the rest",
    },
    more=["Write w_init = (its row-space part) + (its null-space part). Gradient steps at λ = 0 add only row-space "
          "vectors, so the null-space part is the same at the end.",
          "In the row space, training converges to the weights that fit the data exactly (n < d) and are closest to "
          "the start: torch.linalg.pinv gives the minimum-norm correction."],
)
check_end_point = END_POINT.check
