"""check_gap (its printed line must be the same on every CPU and thread count), set_seed and try_gpu."""

import random

import pytest
import torch

import d2lmini as d2l


@pytest.mark.parametrize("a, b, tol, line", [
    # far below the tolerance: only the bound tol/1000, so rounding noise cannot change the line
    (torch.ones(3), torch.ones(3) + 1e-9, 1e-4, "max |difference| < 1e-07 (tolerance 1e-04)  OK"),
    (torch.ones(3), torch.ones(3) + 3e-8, 1e-4, "max |difference| < 1e-07 (tolerance 1e-04)  OK"),
    (2.0, 2.0, 1e-6, "max |difference| < 1e-09 (tolerance 1e-06)  OK"),
    # a meaningful number: two significant digits (issue 12 item 20: max |z| = 1.30 within 3)
    (torch.tensor([0.2, -1.3]), torch.zeros(2), 3, "max |difference| = 1.3 (tolerance 3)  OK"),
    ([0.5, 0.513], [0.5, 0.5], 0.05, "max |difference| = 0.013 (tolerance 0.05)  OK"),
    (1.0, 1.0 + 2.34e-5, 1e-4, "max |difference| = 2.3e-05 (tolerance 1e-04)  OK"),
])
def test_check_gap_prints_gap_and_tolerance(capsys, a, b, tol, line):
    d2l.check_gap("x", a, b, tol)
    assert capsys.readouterr().out == f"x: {line}\n"


def test_check_gap_line_does_not_depend_on_rounding_noise(capsys):
    """Gaps of pure rounding noise, as different CPUs or thread counts give them, print one line."""
    lines = set()
    for noise in (0.0, 1e-12, 3e-9, 9.9e-8):
        d2l.check_gap("w", torch.ones(4, dtype=torch.float64), torch.ones(4, dtype=torch.float64) + noise, 1e-4)
        lines.add(capsys.readouterr().out)
    assert len(lines) == 1


def test_check_gap_fails_loudly(capsys):
    with pytest.raises(AssertionError, match="exceeds the tolerance"):
        d2l.check_gap("different", torch.zeros(2), torch.tensor([0.0, 0.1]), tol=1e-6)
    assert capsys.readouterr().out == "different: max |difference| = 0.1 (tolerance 1e-06)  FAILED\n"
    with pytest.raises(AssertionError):
        d2l.check_gap("nan", torch.tensor([float("nan")]), torch.zeros(1), tol=1.0)
    with pytest.raises(ValueError, match="shapes differ"):   # (n,) against (n, 1) must not broadcast
        d2l.check_gap("shapes", torch.ones(3), torch.ones(3, 1), tol=1.0)


def test_set_seed_makes_all_generators_repeat():
    import numpy as np

    d2l.set_seed(3)
    first = (torch.rand(3), random.random(), np.random.rand())
    d2l.set_seed(3)
    second = (torch.rand(3), random.random(), np.random.rand())
    assert torch.equal(first[0], second[0]) and first[1:] == second[1:]


def test_try_gpu_falls_back_to_cpu():
    assert d2l.try_gpu(torch.cuda.device_count()) == torch.device("cpu")
    if torch.cuda.is_available():
        assert d2l.try_gpu(0) == torch.device("cuda:0")
