"""References, typical mistakes and hidden cases of notebook 02's exercises (the L2 penalty from scratch)."""

from __future__ import annotations

import torch

from d2lmini.checks import nb02 as public

F64 = torch.float64


# --------------------------------------------------------------------------- 02.1: torch's SGD itself
def momentum_by_sgd(c: dict) -> list[float]:
    """torch.optim.SGD(momentum, weight_decay) on a weight whose data gradient is 0, from w = 1."""
    w = torch.ones(1, dtype=F64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=c["lr"], momentum=c["beta"], weight_decay=c["lambd"])
    for _ in range(c["t"]):
        w.grad = torch.zeros_like(w)
        optimizer.step()
    return [float(w.detach())]


def _recurrence(lr, lambd, beta, t, damp=0.0):
    w, v = 1.0, 0.0
    for _ in range(t):
        v = beta * v + (1 - damp) * lambd * w
        w -= lr * v
    return w


# --------------------------------------------------------------------------- 02.2: train and measure
def null_by_training(c: dict) -> list[float]:
    """Full-batch gradient descent (with a bias, random labels) on mean loss + penalty; measure ‖P_null w_T‖."""
    X, w_init, lr, lambd, steps = public.null_case(c)
    y = torch.randn(X.shape[0], generator=torch.Generator().manual_seed(c["seed"] + 1000), dtype=F64)
    w, b = w_init.clone(), torch.zeros((), dtype=F64)
    for _ in range(steps):
        r = X @ w + b - y
        w, b = w - lr * (X.T @ r / len(y) + lambd * w), b - lr * r.mean()
    P_null = torch.eye(X.shape[1], dtype=F64) - torch.linalg.pinv(X) @ X
    return [float((P_null @ w).norm())]


def _null(which):
    def predict_null_norm(X, w_init, lr, lambd, steps):
        P_row = torch.linalg.pinv(X) @ X
        P_null = torch.eye(X.shape[1], dtype=X.dtype) - P_row
        return {"row_space": (1 - lr * lambd) ** steps * float((P_row @ w_init).norm()),
                "initial": float((P_null @ w_init).norm()),
                "whole_norm": (1 - lr * lambd) ** steps * float(w_init.norm()),
                "half": (1 - lr * lambd / 2) ** steps * float((P_null @ w_init).norm()),
                "signed": (1 - lr * lambd) ** steps * float((P_null @ w_init).norm())}[which]
    return predict_null_norm


# --------------------------------------------------------------------------- 02.3: refit n times
def loo_by_refitting(c: dict) -> list[float]:
    """Leave each example out, refit (summed loss + nλ/2 ‖w‖², bias free), predict it; ½ squared error, mean."""
    X, y, lambdas = public.loo_case(c)
    n = len(y)
    Z = torch.cat([torch.ones(n, 1, dtype=F64), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=F64)
    D[0, 0] = 0
    out = []
    for lambd in lambdas:
        errors = []
        for i in range(n):
            keep = torch.arange(n) != i
            theta = torch.linalg.solve(Z[keep].T @ Z[keep] + n * lambd * D, Z[keep].T @ y[keep])
            errors.append(float((Z[i] @ theta - y[i]) ** 2 / 2))
        out.append(sum(errors) / n)
    return out


def _loo(variant):
    def loo_errors(X, y, lambdas):
        n = X.shape[0]
        Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
        out = []
        for lambd in lambdas:
            D = torch.eye(Z.shape[1], dtype=X.dtype)
            if variant != "bias_penalized":
                D[0, 0] = 0
            scale = (n - 1) if variant == "n_minus_1" else n
            H = Z @ torch.linalg.solve(Z.T @ Z + scale * lambd * D, Z.T)
            e, h = y - H @ y, torch.diagonal(H)
            out.append({"train": (e ** 2 / 2).mean(), "unsquared": (e ** 2 / (1 - h) / 2).mean(),
                        "gcv": (e ** 2 / 2).mean() / (1 - h.mean()) ** 2,
                        "double": ((e / (1 - h)) ** 2).mean()}.get(variant, ((e / (1 - h)) ** 2 / 2).mean()))
        return torch.stack(out)
    return loo_errors


# --------------------------------------------------------------------------- 02.4: train until it stops
def end_by_training(c: dict) -> list[float]:
    """Full-batch gradient descent at λ = 0 from w_init (no bias) until the steps vanish."""
    X, y, w = public.end_case(c)
    n = X.shape[0]
    lr = 1.0 / float(torch.linalg.eigvalsh(X.T @ X / n).max())
    for _ in range(200_000):
        step = lr * X.T @ (X @ w - y) / n
        w = w - step
        if float(step.abs().max()) < 1e-15:
            break
    return [float(v) for v in w]


def _end(which):
    def end_point(X, y, w_init):
        pinv = torch.linalg.pinv(X)
        if which == "min_norm":                 # the end point from w = 0
            return pinv @ y
        if which == "start":
            return w_init.clone()
        return pinv @ y + pinv @ (X @ w_init)   # "row_projection": keeps the seen part of w_init instead
    return end_point


REFERENCES = {"02.1": momentum_by_sgd, "02.2": null_by_training, "02.3": loo_by_refitting, "02.4": end_by_training}

MISTAKES = {
    "02.1": {
        "plain_sgd": lambda lr, lambd, beta, t: (1 - lr * lambd) ** t,
        "steady_state": lambda lr, lambd, beta, t: (1 - lr * lambd / (1 - beta)) ** t,
        "dampening": lambda lr, lambd, beta, t: _recurrence(lr, lambd, beta, t, damp=beta),
        "off_by_one": lambda lr, lambd, beta, t: _recurrence(lr, lambd, beta, t - 1),
    },
    "02.2": {k: _null(k) for k in ("row_space", "initial", "whole_norm", "half", "signed")},
    "02.3": {k: _loo(k) for k in ("train", "unsquared", "gcv", "bias_penalized", "n_minus_1", "double")},
    "02.4": {k: _end(k) for k in ("min_norm", "start", "row_projection")},   # "null_dropped" = "min_norm"
}

HIDDEN = {
    "02.1": [{"lr": 0.02, "lambd": 5.0, "beta": 0.95, "t": 25}, {"lr": 0.3, "lambd": 1.5, "beta": 0.8, "t": 12},
             {"lr": 0.001, "lambd": 10.0, "beta": 0.99, "t": 70}],
    "02.2": [{"seed": 121, "n": 5, "d": 12, "lr": 0.02, "lambd": 1.0, "steps": 90},
             {"seed": 122, "n": 25, "d": 60, "lr": 0.005, "lambd": 4.0, "steps": 40},
             {"seed": 123, "n": 6, "d": 14, "lr": 0.4, "lambd": 4.5, "steps": 5}],   # 1 - lr*λ = -0.8, odd T
    "02.3": [{"seed": 131, "n": 18, "d": 8, "sigma": 2.0, "w": 0.5, "lambdas": [0.0, 0.02, 0.2, 2.0]},
             {"seed": 132, "n": 25, "d": 30, "sigma": 1.0, "w": 0.2, "lambdas": [0.01, 0.1, 1.0]}],
    "02.4": [{"seed": 141, "n": 9, "d": 25, "w": 0.2, "sigma": 0.3}, {"seed": 142, "n": 30, "d": 80, "w": 0.05,
                                                                     "sigma": 0.05}],
}

FORMULAS = {
    "02.2": ["(1 - lr * lambd) ** steps", "(1 − ηλ)^T"],
    "02.3": ["e_i / (1 - H_ii)", "(1 − H_ii)", "/ (1 - h)"],
    "02.4": ["pinv(X) @ y +", "pinv(X) @ (y"],
}
