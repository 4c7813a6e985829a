"""Taught first, then saved: the function a notebook teaches equals the package's copy of it.

The notebook's own cell is read (``tests/notebook_source.py``), not imported from the package, so
editing either one alone makes this fail. Core copies: ``d2l.ridge`` (notebook 01) and
``d2l.l2_penalty`` (notebook 02).
"""

import pytest
import torch
from notebook_source import taught_function

import d2lmini as d2l


def _data(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@pytest.mark.parametrize("lambd", [0.0, 1e-3, 0.1, 10.0])
def test_ridge_taught_in_notebook_01(lambd):
    ridge = taught_function("01_bias_variance.ipynb", "ridge")
    for X, y in [(_data(20, 13), _data(20, seed=1)),              # one training set
                 (_data(7, 20, 13), _data(7, 20, seed=1)),        # a batch of training sets
                 (_data(10, 30), _data(10, seed=2))]:             # more features than examples
        if lambd == 0 and X.shape[-1] > X.shape[-2]:
            continue                                              # singular: no unique minimizer
        torch.testing.assert_close(ridge(X, y, lambd), d2l.ridge(X, y, lambd), rtol=1e-9, atol=1e-10)


def test_l2_penalty_taught_in_notebook_02():
    l2_penalty = taught_function("02_l2_penalty_from_scratch.ipynb", "l2_penalty")
    for w in (torch.tensor([3.0, 4.0]), _data(200, 1), _data(5, seed=3).requires_grad_()):
        assert torch.equal(l2_penalty(w), d2l.l2_penalty(w))
