"""check_gap, set_seed and try_gpu."""

import random

import pytest
import torch

import d2lmini as d2l


def test_check_gap_passes_and_fails(capsys):
    d2l.check_gap("same", torch.ones(3), torch.ones(3) + 1e-9, tol=1e-6)
    assert capsys.readouterr().out == "same: max |difference| <= 1e-06  OK\n"
    with pytest.raises(AssertionError, match="exceeds the tolerance"):
        d2l.check_gap("different", torch.zeros(2), torch.tensor([0.0, 0.1]), tol=1e-6)
    assert "FAILED" in capsys.readouterr().out
    with pytest.raises(ValueError, match="shapes differ"):
        d2l.max_abs_diff(torch.ones(2), torch.ones(3))


def test_set_seed_makes_all_generators_repeat():
    import numpy as np

    d2l.set_seed(3)
    first = (torch.rand(3), random.random(), np.random.rand())
    d2l.set_seed(3)
    second = (torch.rand(3), random.random(), np.random.rand())
    assert torch.equal(first[0], second[0]) and first[1:] == second[1:]
    with pytest.raises(ValueError, match="seed"):
        d2l.set_seed(-1)
    with pytest.raises(TypeError, match="seed"):
        d2l.set_seed(1.5)


def test_try_gpu_falls_back_to_cpu():
    dev = d2l.try_gpu(99)
    assert dev == torch.device("cpu") or dev.type == "cuda"
    assert d2l.try_gpu(99) == torch.device("cpu") if torch.cuda.device_count() < 100 else True
    with pytest.raises(ValueError, match="i"):
        d2l.try_gpu(-1)
