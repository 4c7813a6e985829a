"""Checks of the fixture notebook ``tests/fixtures/00_exercise_fixture.ipynb`` (two tiny exercises that prove the
grading machinery, and CONTRIBUTING's worked example of an exercise)."""

from __future__ import annotations

import torch

from . import Exercise, as_number

# --------------------------------------------------------------------------- 00.1
DECAY_FACTOR = Exercise(
    "00.1", "decay_factor",
    cases=[{"lr": 0.1, "lambd": 0.5, "t": 3}, {"lr": 0.03, "lambd": 2.0, "t": 10}, {"lr": 0.5, "lambd": 0.0, "t": 4}],
    inputs=lambda c: (c["lr"], c["lambd"], c["t"]),
    run=lambda fn, lr, lambd, t: [as_number("decay_factor", fn(lr, lambd, t))],
    describe=lambda c: f"lr = {c['lr']}, λ = {c['lambd']}, t = {c['t']}",
    hints={
        "generic": "write one gradient step on the penalty alone as w ← (something) · w, then apply it t times",
        "half": "off by a factor of 2: the gradient of λ/2 ‖w‖² is λw, not λw/2",
        "off_by_one": "off by one step: t steps multiply by the one-step factor exactly t times",
        "linear": "the steps compound: each multiplies the weight that the previous step left",
    },
    more=["With the data gradient set to zero, the update w ← w − η∇(λ/2 ‖w‖²) multiplies w by a number that does "
          "not depend on w.",
          "Apply that same number t times: repeated multiplication is a power."],
    success="the factor that t steps of weight decay apply, on three settings",
)
check_decay_factor = DECAY_FACTOR.check


# --------------------------------------------------------------------------- 00.2
def _weights(c: dict) -> torch.Tensor:
    return torch.randn(c["shape"], generator=torch.Generator().manual_seed(c["seed"]), dtype=torch.float64)


PENALTY = Exercise(
    "00.2", "penalty",
    cases=[{"shape": [2], "seed": 0}, {"shape": [3, 4], "seed": 1}],
    inputs=lambda c: (_weights(c),),
    run=lambda fn, w: [as_number("penalty", fn(w.clone()))],
    describe=lambda c: f"w of shape {tuple(c['shape'])}",
    hints={
        "generic": "the penalty is half the squared norm: square every entry and add them all up",
        "no_half": "the ½ is missing",
        "norm": "square the norm: ‖w‖², not ‖w‖",
        "first_row": "sum over every entry, whatever the shape of w",
    },
    more=["torch squares every entry of a tensor at once, and one call adds up all entries of a tensor of any shape."],
    success="½‖w‖² for a vector and a matrix",
)
check_penalty = PENALTY.check
