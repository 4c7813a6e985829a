"""References, mistakes and hidden cases of the fixture notebook (tests/fixtures/00_exercise_fixture.ipynb)."""

from __future__ import annotations

import torch

from d2lmini.checks import nb00 as public


def _decay_by_steps(case: dict) -> list[float]:
    """Independent of the formula: run t steps of torch.optim.SGD(weight_decay) on a weight with no data gradient."""
    w = torch.ones(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=case["lr"], weight_decay=case["lambd"])
    for _ in range(case["t"]):
        w.grad = torch.zeros_like(w)
        optimizer.step()
    return [float(w.detach())]


REFERENCES = {
    "00.1": _decay_by_steps,
    "00.2": lambda c: [float((public._weights(c) ** 2).sum() / 2)],
}

MISTAKES = {
    "00.1": {
        "half": lambda lr, lambd, t: (1 - lr * lambd / 2) ** t,
        "off_by_one": lambda lr, lambd, t: (1 - lr * lambd) ** (t - 1),
        "linear": lambda lr, lambd, t: 1 - lr * lambd * t,
    },
    "00.2": {
        "no_half": lambda w: (w ** 2).sum(),
        "norm": lambda w: w.norm() / 2,
        "first_row": lambda w: (w.reshape(-1, w.shape[-1])[0] ** 2).sum() / 2,
    },
}

HIDDEN = {
    "00.1": [{"lr": 0.2, "lambd": 1.5, "t": 7}, {"lr": 0.01, "lambd": 3.0, "t": 25},
             {"lr": 0.05, "lambd": 0.8, "t": 1}],
    "00.2": [{"shape": [5], "seed": 11}, {"shape": [2, 3, 2], "seed": 12}],
}
