"""Self-checks for the exercises of notebook 02 (the L2 penalty from scratch).

Every check runs the learner's function on problems the notebook never printed, compares it with a private
reference solution and with the answers that typical mistakes give (one hint each).
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

import torch

from ..data import load_array, synthetic_data
from ..nb02 import SETUP, draw, mean_loss, mean_se, ridge_with_bias, train_lambda_grid
from . import as_number as _number
from . import exercise, fail


def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-15)


# --------------------------------------------------------------------------- Exercise 02.1 (derivation)
def _reference_momentum_factor(lr: float, lambd: float, momentum: float, t: int) -> float:
    """w_t / w_0 in a null-space direction for torch.optim.SGD(momentum=beta, weight_decay=lambd)."""
    w, v = 1.0, 0.0
    for _ in range(t):
        v = momentum * v + lambd * w
        w -= lr * v
    return w


_MOMENTUM_CASES = [(0.003, 3.0, 0.9, 40), (0.1, 2.0, 0.9, 30), (0.01, 1.0, 0.5, 50), (0.05, 0.0, 0.9, 10)]


@exercise("02.1")
def check_momentum_factor(null_space_factor) -> str:
    """``null_space_factor(lr, lambd, momentum, t)`` = w_t / w_0 in a direction the data never see."""
    for lr, lambd, beta, t in _MOMENTUM_CASES:
        got = _number("null_space_factor", null_space_factor(lr, lambd, beta, t))
        want = _reference_momentum_factor(lr, lambd, beta, t)
        if _close(got, want):
            continue
        what = f"null_space_factor({lr}, {lambd}, {beta}, {t}) = {got:.6g}, expected {want:.6g}"
        if _close(got, (1 - lr * lambd) ** t):
            fail(what, "that is plain SGD's (1 - lr*lambda)^t: with momentum the step is lr * v, and the buffer "
                       "v = beta*v + lambda*w remembers earlier steps (a 2x2 linear recurrence in (w, v))")
        if lambd and _close(got, (1 - lr * lambd / (1 - beta)) ** t):
            fail(what, "1 - lr*lambda/(1 - beta) is only the steady-state rate; the buffer starts at v = 0, "
                       "so iterate (or solve) the recurrence from (w, v) = (1, 0)")
        if _close(got, _reference_momentum_factor(lr, lambd * (1 - beta), beta, t)):
            fail(what, "PyTorch's SGD has dampening 0 by default: v = beta*v + lambda*w, not (1 - beta)*lambda*w")
        if t > 1 and (_close(got, _reference_momentum_factor(lr, lambd, beta, t - 1))
                      or _close(got, _reference_momentum_factor(lr, lambd, beta, t + 1))):
            fail(what, "off by one step: t steps update w exactly t times, starting from w_0 = 1")
        fail(what, "in the null space the data gradient is 0, so g = lambda*w; update v, then w, t times")
    return "w_t / w_0 matches torch.optim.SGD(momentum, weight_decay) in a null-space direction"


# --------------------------------------------------------------------------- Exercise 02.2 (transfer)
def _null_problem(seed: int, n: int, d: int):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g, dtype=torch.float64)
    y = torch.randn(n, generator=g, dtype=torch.float64)
    return X, y, torch.randn(d, generator=g, dtype=torch.float64)


def _reference_null_norm_by_training(X, y, w_init, lr, lambd, steps) -> float:
    """Train (full-batch gradient descent on mean loss + penalty) and measure the null-space norm."""
    w, b = w_init.clone(), torch.zeros((), dtype=X.dtype)
    for _ in range(steps):
        r = X @ w + b - y
        w, b = w - lr * (X.T @ r / len(y) + lambd * w), b - lr * r.mean()
    P_null = torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return float((P_null @ w).norm())


_NULL_CASES = [(21, 8, 30, 0.01, 2.0, 150), (22, 15, 40, 0.05, 0.5, 60)]


@exercise("02.2")
def check_null_norm(predict_null_norm) -> str:
    """``predict_null_norm(X, w_init, lr, lambd, steps)`` predicts ||P_null w_T|| without training."""
    for seed, n, d, lr, lambd, steps in _NULL_CASES:
        X, y, w_init = _null_problem(seed, n, d)
        got = _number("predict_null_norm", predict_null_norm(X.clone(), w_init.clone(), lr, lambd, steps))
        want = _reference_null_norm_by_training(X, y, w_init, lr, lambd, steps)
        if _close(got, want, rel=1e-6):
            continue
        P_row = torch.linalg.pinv(X) @ X
        null0, row0 = float(((torch.eye(d, dtype=X.dtype) - P_row) @ w_init).norm()), float((P_row @ w_init).norm())
        what = f"on a {n} x {d} problem you predicted {got:.4g}, training measures {want:.4g}"
        factor = (1 - lr * lambd) ** steps
        if _close(got, factor * row0):
            fail(what, "pinv(X) @ X projects on the ROW space (the directions the data see); the null space is "
                       "I - pinv(X) @ X")
        if _close(got, null0):
            fail(what, "that is the initial null-space norm: the penalty still decays it by (1 - lr*lambda) per step")
        if _close(got, factor * float(w_init.norm())):
            fail(what, "only the null-space part decays exactly; project w_init first")
        if _close(got, (1 - lr * lambd / 2) ** steps * null0):
            fail(what, "off by a factor of 2: the gradient of (lambda/2)||w||^2 is lambda*w")
        fail(what, "the data gradient never enters the null space: ||P_null w_T|| = (1 - lr*lambda)^T ||P_null w_0||")
    return "the null-space norm after T steps, predicted without training, matches training"


# --------------------------------------------------------------------------- Exercise 02.3 (transfer)
def _reference_loo_by_refitting(X, y, lambdas) -> torch.Tensor:
    """Leave each example out, refit (summed loss + n*lambda/2 ||w||^2, bias free), predict it."""
    n = len(y)
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=X.dtype)
    D[0, 0] = 0
    gram = Z.T @ Z - Z[:, :, None] * Z[:, None, :]         # (n, p, p): the Gram matrix without example i
    rhs = Z.T @ y - Z * y[:, None]                          # (n, p)
    out = []
    for lambd in lambdas:
        theta = torch.linalg.solve(gram + n * lambd * D, rhs)   # n refits at once
        out.append((((theta * Z).sum(dim=1) - y) ** 2 / 2).mean())
    return torch.stack(out)


def _loo_variants(X, y, lambdas) -> dict[str, torch.Tensor]:
    """Curves that typical mistakes give (computed with the hat matrix H)."""
    n = len(y)
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=X.dtype)
    D[0, 0] = 0
    out: dict[str, list] = {k: [] for k in ("train", "unsquared", "gcv", "bias", "n-1")}
    for lambd in lambdas:
        def hat(penalty, Z=Z):
            return Z @ torch.linalg.solve(Z.T @ Z + penalty, Z.T)
        H = hat(n * lambd * D)
        e, h = y - H @ y, torch.diagonal(H)
        out["train"].append((e**2 / 2).mean())
        out["unsquared"].append((e**2 / (1 - h) / 2).mean())
        out["gcv"].append((e**2 / 2).mean() / (1 - h.mean()) ** 2)
        Hb = hat(n * lambd * torch.eye(Z.shape[1], dtype=X.dtype))
        out["bias"].append((((y - Hb @ y) / (1 - torch.diagonal(Hb))) ** 2 / 2).mean())
        Hm = hat((n - 1) * lambd * D)
        out["n-1"].append((((y - Hm @ y) / (1 - torch.diagonal(Hm))) ** 2 / 2).mean())
    return {k: torch.stack(v) for k, v in out.items()}


_LOO_LAMBDAS = [0.0, 0.01, 0.1, 0.316, 1.0, 10.0]


@exercise("02.3")
def check_loo(loo_errors) -> str:
    """``loo_errors(X, y, lambdas)`` = leave-one-out mean loss of ridge (bias not penalized) for each lambda."""
    (X, y), _, _ = draw(SETUP["noisy"], seed=23)
    X, y = X.double(), y.double()
    got = loo_errors(X.clone(), y.clone(), list(_LOO_LAMBDAS))
    if not isinstance(got, torch.Tensor) or got.numel() != len(_LOO_LAMBDAS):
        fail(f"loo_errors returned {type(got).__name__}", f"return a tensor with one value per lambda "
                                                          f"({len(_LOO_LAMBDAS)} here)")
    got = got.detach().double().reshape(-1)
    want = _reference_loo_by_refitting(X, y, _LOO_LAMBDAS)
    if not torch.allclose(got, want, rtol=1e-6, atol=1e-10):
        what = f"your curve {[round(v, 4) for v in got.tolist()]} differs from refitting n times"
        hints = {
            "train": "that is the training error: correct each residual, e_i / (1 - H_ii)",
            "unsquared": "square the corrected residual: (e_i / (1 - H_ii))^2 / 2",
            "gcv": "that is GCV (every H_ii replaced by trace(H)/n), an approximation; use each H_ii",
            "bias": "the bias is not penalized: no penalty on the column of ones (D = diag(0, 1, ..., 1))",
            "n-1": "the penalty stays n*lambda (the full-data fit's), not (n-1)*lambda",
        }
        for key, wrong in _loo_variants(X, y, _LOO_LAMBDAS).items():
            if torch.allclose(got, wrong, rtol=1e-6, atol=1e-10):
                fail(what, hints[key])
        if torch.allclose(got, 2 * want, rtol=1e-6):
            fail(what, "off by a factor of 2: the loss is (y_hat - y)^2 / 2")
        fail(what, "H = Z (Z^T Z + n lambda D)^-1 Z^T with Z = [1, X]; LOO residual e_i / (1 - H_ii)")
    return _compare_loo_with_validation(loo_errors)


def _compare_loo_with_validation(loo_errors, num_sets: int = 20, seed: int = 2300) -> str:
    """On fresh draws: test loss with lambda chosen by LOO (training data only) vs by the validation split."""
    (Xt, yt), (Xv, yv), (Xs, ys) = draw(SETUP["noisy"], seed=seed, num_sets=num_sets)
    w, b = ridge_with_bias(Xt, yt, _LOO_LAMBDAS)
    test, val = mean_loss(Xs, ys, w, b), mean_loss(Xv, yv, w, b)
    pick_loo = torch.stack([torch.as_tensor(loo_errors(Xt[r].double(), yt[r].double(), list(_LOO_LAMBDAS))).argmin()
                            for r in range(num_sets)])
    sets = torch.arange(num_sets)
    t_loo, t_val = test[pick_loo, sets], test[val.argmin(0), sets]
    (m_loo, s_loo), (m_val, s_val), (m_d, s_d) = mean_se(t_loo), mean_se(t_val), mean_se(t_loo - t_val)
    return (f"LOO matches refitting. Over {num_sets} fresh data sets, test loss with lambda chosen by LOO on the "
            f"{Xt.shape[1]} training examples: {m_loo:.3g} +- {s_loo:.2g}; by the {Xv.shape[1]}-example validation "
            f"split: {m_val:.3g} +- {s_val:.2g} (difference {m_d:.2g} +- {s_d:.2g})")


# --------------------------------------------------------------------------- Exercise 02.4 (practice)
N_MORE = 60   # three times the notebook's 20, still fewer than d = 200


def _more_data(seed: int = 24):
    """N_MORE fresh training examples (and 100 test examples) of the classic setup."""
    setup = replace(SETUP["classic"], n_train=N_MORE, n_val=0, n_test=100)
    (X, y), _, (X_test, y_test) = draw(setup, seed=seed)
    return X, y.reshape(-1, 1), X_test, y_test.reshape(-1, 1)


@lru_cache(maxsize=8)
def _reference_train(which: str, lambd: float):
    """Notebook 02's loop (as its vectorized copy) on the check's N_MORE examples or the notebook's 20."""
    S = SETUP["classic"]
    X, y = _more_data()[:2] if which == "more" else _classic_train_set()
    r = train_lambda_grid([lambd], load_array((X, y), S.batch_size), num_epochs=S.num_epochs, lr=S.lr,
                          seed=S.init_seed)
    return r.w[0], r.b[0]


def _classic_train_set():
    S = SETUP["classic"]
    with torch.random.fork_rng(devices=[]):          # the notebook's data cell, without touching its generator
        torch.manual_seed(S.data_seed)
        X, y = synthetic_data(torch.ones((S.num_inputs, 1)) * S.w_value, S.b, S.n_train + S.n_val + S.n_test,
                              noise=S.sigma)
    return X[:S.n_train], y[:S.n_train]


@exercise("02.4")
def check_more_data(train_more_data) -> str:
    """``train_more_data(X_more, y_more)`` returns ``(w, b)``: notebook 02's loop, lambda = 0, on the data given."""
    S = SETUP["classic"]
    X, y, X_test, y_test = _more_data()
    out = train_more_data(X.clone(), y.clone())
    if not (isinstance(out, (tuple, list)) and len(out) == 2 and all(isinstance(t, torch.Tensor) for t in out)):
        fail(f"train_more_data returned {type(out).__name__}", "return the pair (w, b) of tensors")
    w, b = (t.detach().reshape(-1) for t in out)
    if w.numel() != S.num_inputs or b.numel() != 1:
        fail(f"w has {w.numel()} entries and b {b.numel()}", f"w needs one weight per input ({S.num_inputs})")
    w_ref, b_ref = _reference_train("more", 0.0)
    if float((w - w_ref).abs().max()) <= 1e-3 and float((b - b_ref).abs().max()) <= 1e-3:
        P_null = torch.eye(S.num_inputs) - torch.linalg.pinv(X) @ X
        test = float(((X_test @ w + b - y_test.reshape(-1)) ** 2 / 2).mean())
        return (f"{N_MORE} examples, lambda = 0: test loss {test:.3g}; the null space still has "
                f"{S.num_inputs - int(torch.linalg.matrix_rank(X))} dimensions and holds ||P_null w|| = "
                f"{float((P_null @ w).norm()):.3g} of untouched initial weights")
    what = f"your (w, b) differ from the lambda = 0 loop on the {N_MORE} examples passed in"
    if float(w.abs().max()) < 1e-6:
        fail(what, "w = 0 is not trained: run the loop (random start w ~ N(0, 1), as train() does)")
    for lambd in (0.0, 0.1, 3.0):
        w20, _ = _reference_train("notebook", lambd)
        if float((w - w20).abs().max()) <= 1e-3:
            fail(what, "that model was trained on the notebook's 20 examples: train on X_more, y_more passed in")
    P_null = torch.eye(S.num_inputs) - torch.linalg.pinv(X) @ X
    if float((P_null @ w).norm()) < 0.8 * float((P_null @ w_ref).norm()):   # lambda = 0 keeps it exactly
        fail(what, "the null-space part of w shrank: use lambda = 0 and start from w ~ N(0, 1) "
                   f"(seed {S.init_seed}), not from w = 0")
    fail(what, f"use the notebook's loop: seed {S.init_seed}, batch size {S.batch_size}, lr {S.lr}, "
               f"{S.num_epochs} epochs (e.g. train(0, data_iter=d2l.load_array((X_more, y_more), batch_size)))")
