"""Misuse of the core d2lmini functions, tried with Hypothesis.

Every call must either work, with a result equal to the direct PyTorch
computation, or raise a ``TypeError``/``ValueError`` whose message names the
argument (or, for a too-large learning rate, a ``DivergenceError`` that says
"diverged" and "learning rate"). Anything else (an ``IndexError``, a
``RuntimeError`` from torch internals, an ``AttributeError``) fails the test.

Each distinct case ("function(argument=kind of value)") is recorded in
``OUTCOMES`` with how it ended; ``test_zz_summary`` prints the table
(``pytest -s tests/test_misuse.py -k summary`` after the other tests).

Devices: CPU always; "meta" tensors (no data, shapes only) stand in for a second
device; CUDA cases run only if a GPU is present and are skipped otherwise.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from numbers import Real

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

import d2lmini as d2l
from d2lmini import DivergenceError

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
FEW = settings(SETTINGS, max_examples=12)

CUDA = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here: GPU cases skipped")

# case -> set of outcomes, e.g. {"sgd(lr=nan)": {"ValueError"}}
OUTCOMES: dict[str, set[str]] = {}
BAD_EXCEPTIONS = (TypeError, ValueError)


def _record(case: str, outcome: str) -> None:
    OUTCOMES.setdefault(case, set()).add(outcome)


def kind(v) -> str:
    """A short label for the kind of value (for the case table)."""
    if isinstance(v, bool):
        return "bool"
    if v is None:
        return "None"
    if isinstance(v, str):
        return "str"
    if isinstance(v, complex):
        return "complex"
    if isinstance(v, torch.Tensor):
        return f"tensor{list(v.shape)}"
    if isinstance(v, (list, tuple, dict)):
        return type(v).__name__
    if isinstance(v, (int, float)):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "+inf" if v > 0 else "-inf"
        t = type(v).__name__
        return f"{t}<0" if v < 0 else f"{t}=0" if v == 0 else f"{t}>0"
    return type(v).__name__


def names_arg(message: str, name: str) -> bool:
    """``name`` occurs in ``message`` as a whole word (``w`` must not match inside ``Xw``)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


def expect_error(case: str, exc_type, name: str, fn, *args, **kwargs):
    """Call ``fn``; it must raise ``exc_type`` (TypeError/ValueError) naming ``name``."""
    try:
        fn(*args, **kwargs)
    except exc_type as exc:
        assert names_arg(str(exc), name), f"{case}: message does not name {name!r}: {exc}"
        _record(case, type(exc).__name__)
        return exc
    except Exception as exc:  # a cryptic error is a bug in d2lmini
        raise AssertionError(f"{case}: expected {exc_type}, got {type(exc).__name__}: {exc}") from exc
    raise AssertionError(f"{case}: expected {exc_type} naming {name!r}, but the call succeeded")


def expect_divergence(case: str, fn, *args, **kwargs):
    with pytest.raises(DivergenceError) as info:
        fn(*args, **kwargs)
    msg = str(info.value)
    assert "diverged" in msg and "learning rate" in msg, msg
    _record(case, "DivergenceError")


def ok(case: str) -> None:
    _record(case, "ok (= direct torch)")


def real_error(v, *, positive: bool = False, nonnegative: bool = False):
    """The exception a number argument should raise (None: the value is valid)."""
    if isinstance(v, torch.Tensor) and v.numel() == 1:
        v = v.item()
    if isinstance(v, bool) or not isinstance(v, Real):
        return TypeError
    v = float(v)
    if not math.isfinite(v) or (positive and v <= 0) or (nonnegative and v < 0):
        return ValueError
    return None


def int_error(v, minimum: int = 1):
    if isinstance(v, bool) or not isinstance(v, int):
        return TypeError
    return ValueError if v < minimum else None


WRONG_TYPES = [True, False, "0.1", None, [0.1], 1j, torch.tensor([0.1, 0.2])]
any_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.integers(-3, 3),
    st.sampled_from([0.0, -0.0, 1e-12, 1e30, math.nan, math.inf, -math.inf]),
    st.sampled_from(WRONG_TYPES),
    st.floats(0.01, 1.0).map(torch.tensor),
)
any_int = st.one_of(st.integers(-3, 30), st.sampled_from([True, False, 2.0, "3", None, math.nan,
                                                             torch.tensor(3)]))
FLOAT_DTYPES = [torch.float32, torch.float64]
BAD_DTYPES = [torch.int64, torch.int32, torch.bool, torch.complex64]


def assert_same(a: torch.Tensor, b: torch.Tensor, **tol) -> None:
    assert a.shape == b.shape and a.dtype == b.dtype and a.device == b.device, (a.shape, b.shape, a.dtype, b.dtype)
    torch.testing.assert_close(a, b, equal_nan=True, **tol)


# --------------------------------------------------------------------------- synthetic_data
@SETTINGS
@given(d=st.integers(0, 5), column=st.booleans(), n=st.integers(1, 12), dtype=st.sampled_from(FLOAT_DTYPES),
       b=st.floats(-5, 5), seed=st.integers(0, 2**32 - 1))
def test_synthetic_data_matches_torch(d, column, n, dtype, b, seed):
    w = torch.linspace(-1, 1, d, dtype=dtype)
    w = w.reshape(-1, 1) if column else w
    d2l.set_seed(seed)
    X, y = d2l.synthetic_data(w, b, n, noise=0.0)
    assert X.shape == (n, d) and y.shape == (n, 1) and X.dtype == y.dtype == dtype
    assert_same(y, X @ w.reshape(-1, 1) + b)
    d2l.set_seed(seed)
    X2, y2 = d2l.synthetic_data(w, b, n)         # same seed, same X; noise only changes y
    assert torch.equal(X, X2)
    ok(f"synthetic_data(w={dtype}, shape {'(d,1)' if column else '(d,)'}{', d=0' if d == 0 else ''})")


@SETTINGS
@given(b=any_number, noise=any_number, n=any_int)
def test_synthetic_data_bad_scalars(b, noise, n):
    w = torch.ones(3)
    for name, err in (("num_examples", int_error(n)), ("b", real_error(b)),
                      ("noise", real_error(noise, nonnegative=True))):
        if err is not None:
            value = {"num_examples": n, "b": b, "noise": noise}[name]
            expect_error(f"synthetic_data({name}={kind(value)})", err, name, d2l.synthetic_data, w, b, n, noise)
            return
    X, y = d2l.synthetic_data(w, b, n, noise)
    assert X.shape == (n, 3) and y.shape == (n, 1) and torch.isfinite(y).all()
    ok(f"synthetic_data(b={kind(b)}, noise={kind(noise)})")


@pytest.mark.parametrize("w, err", [
    ([1.0, 2.0], TypeError), (torch.tensor([1, 2]), TypeError), (torch.tensor([True]), TypeError),
    (torch.ones(2, dtype=torch.complex64), TypeError), (torch.tensor(1.0), ValueError),
    (torch.ones(2, 3), ValueError), (torch.ones(2, 1, 1), ValueError),
], ids=lambda v: kind(v) if not isinstance(v, type) else v.__name__)
def test_synthetic_data_bad_w(w, err):
    expect_error(f"synthetic_data(w={kind(w)}{'' if not isinstance(w, torch.Tensor) else ' ' + str(w.dtype)})",
                 err, "w", d2l.synthetic_data, w, 0.0, 5)


def test_synthetic_data_meta_and_nan_w():
    X, y = d2l.synthetic_data(torch.ones(4, device="meta"), 1.0, 6)
    assert X.device.type == y.device.type == "meta" and X.shape == (6, 4) and y.shape == (6, 1)
    ok("synthetic_data(w=meta tensor)")
    X, y = d2l.synthetic_data(torch.tensor([math.nan, 1.0]), 0.0, 3, noise=0.0)
    assert_same(y, X @ torch.tensor([[math.nan], [1.0]]))   # NaN in, NaN out, like torch
    ok("synthetic_data(w with NaN)")


@CUDA
def test_synthetic_data_cuda():  # pragma: no cover - needs a GPU
    X, y = d2l.synthetic_data(torch.ones(3, device="cuda"), 1.0, 5)
    assert X.is_cuda and y.is_cuda
    ok("synthetic_data(w=cuda)")


# --------------------------------------------------------------------------- linreg, squared_loss, l2_penalty
@SETTINGS
@given(n=st.integers(0, 6), d=st.integers(0, 4), column=st.booleans(), dtype=st.sampled_from(FLOAT_DTYPES),
       b_kind=st.sampled_from(["float", "tensor1", "tensor0"]), data=st.data())
def test_linreg_matches_torch(n, d, column, dtype, b_kind, data):
    X = torch.randn(n, d, dtype=dtype)
    w = torch.randn(d, 1, dtype=dtype) if column else torch.randn(d, dtype=dtype)
    bf = data.draw(st.floats(-3, 3))
    b = {"float": bf, "tensor1": torch.tensor([bf], dtype=dtype), "tensor0": torch.tensor(bf, dtype=dtype)}[b_kind]
    assert_same(d2l.linreg(X, w, b), X @ w + b)
    ok(f"linreg(X={dtype}{', empty' if n * d == 0 else ''}, b={b_kind})")


@SETTINGS
@given(b=any_number)
def test_linreg_bad_b(b):
    X, w = torch.randn(4, 3), torch.randn(3, 1)
    err = None if isinstance(b, torch.Tensor) and b.numel() == 1 else real_error(b)
    if isinstance(b, torch.Tensor) and b.numel() > 1:
        err = ValueError                     # a (2,) bias does not fit a (4, 1) output
    if err is None:
        assert_same(d2l.linreg(X, w, b), X @ w + b)
        ok(f"linreg(b={kind(b)})")
    else:
        expect_error(f"linreg(b={kind(b)})", err, "b", d2l.linreg, X, w, b)


@pytest.mark.parametrize("case, X, w, err, name", [
    ("X int", torch.ones(2, 3, dtype=torch.int64), torch.ones(3, 1), TypeError, "X"),
    ("w int", torch.ones(2, 3), torch.ones(3, 1, dtype=torch.int32), TypeError, "w"),
    ("X list", [[1.0, 2.0, 3.0]], torch.ones(3, 1), TypeError, "X"),
    ("X 1-D", torch.ones(3), torch.ones(3, 1), ValueError, "X"),
    ("w 3-D", torch.ones(2, 3), torch.ones(3, 1, 1), ValueError, "w"),
    ("shape mismatch", torch.ones(2, 3), torch.ones(4, 1), ValueError, "w"),
    ("X float64, w float32", torch.ones(2, 3, dtype=torch.float64), torch.ones(3, 1), TypeError, "w"),
    ("X meta, w cpu", torch.ones(2, 3, device="meta"), torch.ones(3, 1), ValueError, "X"),
])
def test_linreg_bad_tensors(case, X, w, err, name):
    expect_error(f"linreg({case})", err, name, d2l.linreg, X, w, 0.0)


def test_linreg_meta():
    out = d2l.linreg(torch.ones(5, 3, device="meta"), torch.ones(3, 1, device="meta"), 0.5)
    assert out.device.type == "meta" and out.shape == (5, 1)
    ok("linreg(meta tensors)")


@CUDA
def test_linreg_and_loss_cpu_cuda_mix():  # pragma: no cover - needs a GPU
    expect_error("linreg(X cuda, w cpu)", ValueError, "X", d2l.linreg, torch.ones(2, 3, device="cuda"),
                 torch.ones(3, 1), 0.0)
    expect_error("squared_loss(y_hat cuda, y cpu)", ValueError, "y", d2l.squared_loss,
                 torch.ones(3, device="cuda"), torch.ones(3))
    out = d2l.linreg(torch.ones(2, 3, device="cuda"), torch.ones(3, 1, device="cuda"), torch.tensor(0.5))
    assert out.is_cuda and torch.equal(out.cpu(), torch.full((2, 1), 3.5))
    ok("linreg(cuda X, w; 0-D cpu b)")


@SETTINGS
@given(n=st.integers(0, 6), shape_hat=st.sampled_from(["(n,)", "(n,1)"]), shape_y=st.sampled_from(["(n,)", "(n,1)"]),
       dt_hat=st.sampled_from(FLOAT_DTYPES), dt_y=st.sampled_from(FLOAT_DTYPES),
       special=st.sampled_from([None, math.nan, math.inf, -math.inf]))
def test_squared_loss_matches_torch(n, shape_hat, shape_y, dt_hat, dt_y, special):
    def make(shape, dt):
        t = torch.randn(n, dtype=dt)
        return t.reshape(-1, 1) if shape == "(n,1)" else t
    y_hat, y = make(shape_hat, dt_hat), make(shape_y, dt_y)
    if special is not None and n:
        y_hat[0] = special
    assert_same(d2l.squared_loss(y_hat, y), (y_hat - y.reshape(y_hat.shape)) ** 2 / 2)
    ok(f"squared_loss({dt_hat}, {dt_y}{', empty' if n == 0 else ''}{', ' + kind(special) if special else ''})")


@pytest.mark.parametrize("case, y_hat, y, err, name", [
    ("numel mismatch", torch.ones(3), torch.ones(4), ValueError, "y"),
    ("y int", torch.ones(3), torch.ones(3, dtype=torch.int64), TypeError, "y"),
    ("y_hat bool", torch.ones(3, dtype=torch.bool), torch.ones(3), TypeError, "y_hat"),
    ("y list", torch.ones(3), [1.0, 2.0, 3.0], TypeError, "y"),
    ("y meta, y_hat cpu", torch.ones(3), torch.ones(3, device="meta"), ValueError, "y"),
])
def test_squared_loss_bad(case, y_hat, y, err, name):
    expect_error(f"squared_loss({case})", err, name, d2l.squared_loss, y_hat, y)


@SETTINGS
@given(shape=st.lists(st.integers(0, 3), max_size=3), dtype=st.sampled_from(FLOAT_DTYPES),
       special=st.sampled_from([None, math.nan, math.inf]))
def test_l2_penalty_matches_torch(shape, dtype, special):
    w = torch.randn(shape, dtype=dtype)
    if special is not None and w.numel():
        w.view(-1)[0] = special
    assert_same(d2l.l2_penalty(w), torch.sum(w**2) / 2)
    ok(f"l2_penalty({dtype}, {len(shape)}-D{', empty' if w.numel() == 0 else ''})")


@pytest.mark.parametrize("w", [torch.ones(3, dtype=torch.int64), [3.0, 4.0], 5.0, None],
                         ids=["int tensor", "list", "float", "None"])
def test_l2_penalty_bad(w):
    expect_error(f"l2_penalty(w={kind(w)})", TypeError, "w", d2l.l2_penalty, w)


# --------------------------------------------------------------------------- init_params, load_array
@SETTINGS
@given(num_inputs=any_int)
def test_init_params(num_inputs):
    err = int_error(num_inputs)
    if err is not None:
        expect_error(f"init_params(num_inputs={kind(num_inputs)})", err, "num_inputs", d2l.init_params, num_inputs)
        return
    w, b = d2l.init_params(num_inputs)
    assert w.shape == (num_inputs, 1) and b.shape == (1,) and w.requires_grad and b.requires_grad
    assert torch.equal(b, torch.zeros(1))
    ok("init_params(num_inputs=int>0)")


@SETTINGS
@given(n=st.integers(1, 12), batch_size=any_int, is_train=st.booleans())
def test_load_array(n, batch_size, is_train):
    X, y = torch.arange(2.0 * n).reshape(n, 2), torch.arange(float(n))
    err = int_error(batch_size)
    if err is not None:
        expect_error(f"load_array(batch_size={kind(batch_size)})", err, "batch_size",
                     d2l.load_array, (X, y), batch_size)
        return
    batches = list(d2l.load_array((X, y), batch_size, is_train))
    assert all(len(bX) <= batch_size for bX, _ in batches)
    Xs, ys = torch.cat([bX for bX, _ in batches]), torch.cat([by for _, by in batches])
    if not is_train:
        assert torch.equal(Xs, X) and torch.equal(ys, y)
    assert sorted(ys.tolist()) == y.tolist() and torch.equal(Xs, X[ys.long()])   # rows stay paired
    ok(f"load_array(is_train={is_train})")


@pytest.mark.parametrize("case, arrays, err, name", [
    ("tensor", torch.ones(3, 2), TypeError, "data_arrays"), ("()", (), TypeError, "data_arrays"),
    ("list inside", (torch.ones(3, 2), [1, 2, 3]), TypeError, "data_arrays[1]"),
    ("rows differ", (torch.ones(3, 2), torch.ones(4)), ValueError, "data_arrays[1]"),
    ("0-D tensor", (torch.tensor(1.0),), ValueError, "data_arrays[0]"),
    ("0 rows", (torch.ones(0, 2),), ValueError, "data_arrays"),
])
def test_load_array_bad(case, arrays, err, name):
    expect_error(f"load_array(data_arrays: {case})", err, name, d2l.load_array, arrays, 2)


# --------------------------------------------------------------------------- sgd and divergence
def _params_with_grads(dtype=torch.float32, scale=1.0):
    w = torch.randn(3, 1, dtype=dtype, requires_grad=True)
    b = torch.zeros(1, dtype=dtype, requires_grad=True)
    X = torch.randn(4, 3, dtype=dtype) * scale
    (d2l.squared_loss(d2l.linreg(X, w, b), torch.ones(4, dtype=dtype)) + d2l.l2_penalty(w)).sum().backward()
    return w, b


@SETTINGS
@given(lr=any_number, batch_size=any_int, dtype=st.sampled_from(FLOAT_DTYPES))
def test_sgd_matches_torch_or_raises(lr, batch_size, dtype):
    torch.manual_seed(0)
    w, b = _params_with_grads(dtype)
    before = [p.detach().clone() for p in (w, b)]
    grads = [p.grad.clone() for p in (w, b)]
    for name, value, err in (("lr", lr, real_error(lr, positive=True)), ("batch_size", batch_size,
                                                                       int_error(batch_size))):
        if err is not None:
            expect_error(f"sgd({name}={kind(value)})", err, name, d2l.sgd, [w, b], lr, batch_size)
            assert all(torch.equal(p.detach(), q) for p, q in zip((w, b), before, strict=True))  # untouched
            return
    lr_f = float(lr.item() if isinstance(lr, torch.Tensor) else lr)
    expected = [p - lr_f * g / batch_size for p, g in zip(before, grads, strict=True)]
    if not all(torch.isfinite(e).all() for e in expected):
        expect_divergence(f"sgd(lr={kind(lr)} too large)", d2l.sgd, [w, b], lr, batch_size)
        return
    d2l.sgd([w, b], lr, batch_size)
    for p, e in zip((w, b), expected, strict=True):
        assert_same(p.detach(), e)
        assert torch.count_nonzero(p.grad) == 0
    ok(f"sgd(lr={kind(lr)}, {dtype})")


@pytest.mark.parametrize("params, err, name", [
    ("w", TypeError, "params"), (None, TypeError, "params"), (3.0, TypeError, "params"),
    ("[w, 1.0]", TypeError, "params[1]"), ("[w, no grad]", ValueError, "params[1]"),
])
def test_sgd_bad_params(params, err, name):
    w, b = _params_with_grads()
    value = {"w": w, "[w, 1.0]": [w, 1.0], "[w, no grad]": [w, torch.zeros(1, requires_grad=True)]}.get(
        params, params)
    expect_error(f"sgd(params={params if isinstance(params, str) else kind(params)})", err, name,
                 d2l.sgd, value, 0.1, 4)


@FEW
@given(lr=st.floats(20.0, 1e6))
def test_training_with_large_lr_diverges(lr):
    d2l.set_seed(0)
    X, y = d2l.synthetic_data(torch.tensor([2.0, -3.4]), 4.2, 50)
    it = d2l.load_array((X, y), 10)
    w, b = d2l.init_params(2)

    def train():
        for _ in range(100):
            for Xb, yb in it:
                d2l.squared_loss(d2l.linreg(Xb, w, b), yb).sum().backward()
                d2l.sgd([w, b], lr, 10)
    expect_divergence("sgd training loop (lr too large)", train)


# --------------------------------------------------------------------------- evaluate_loss
@SETTINGS
@given(n=st.integers(1, 12), batch_size=st.integers(1, 5))
def test_evaluate_loss_matches_torch(n, batch_size):
    X, y = torch.randn(n, 2), torch.randn(n, 1)
    w, b = torch.randn(2, 1), torch.randn(1)
    net = lambda X: d2l.linreg(X, w, b)  # noqa: E731
    got = d2l.evaluate_loss(net, d2l.load_array((X, y), batch_size, is_train=False), d2l.squared_loss)
    want = float(((X @ w + b - y) ** 2 / 2).mean())
    assert math.isclose(got, want, rel_tol=1e-5, abs_tol=1e-7)
    ok("evaluate_loss(valid)")


@pytest.mark.parametrize("case, args, err, name", [
    ("net=int", (3, [(torch.ones(2, 1), torch.ones(2))], d2l.squared_loss), TypeError, "net"),
    ("loss=str", (lambda X: X, [(torch.ones(2, 1), torch.ones(2))], "mse"), TypeError, "loss"),
    ("data_iter=int", (lambda X: X, 5, d2l.squared_loss), TypeError, "data_iter"),
    ("data_iter=[]", (lambda X: X, [], d2l.squared_loss), ValueError, "data_iter"),
])
def test_evaluate_loss_bad(case, args, err, name):
    expect_error(f"evaluate_loss({case})", err, name, d2l.evaluate_loss, *args)


# --------------------------------------------------------------------------- train_lambda_grid
def _sweep_data(dtype=torch.float32, n=12, d=3):
    d2l.set_seed(5)
    X, y = d2l.synthetic_data(torch.linspace(-1, 1, d, dtype=dtype), 0.5, n)
    return X, y, d2l.load_array((X, y), 4)


def _loop(lambd, train_iter, d, num_epochs, lr, seed, dtype):
    """The single-model from-scratch loop that train_lambda_grid vectorizes."""
    d2l.set_seed(seed)
    w, b = d2l.init_params(d)
    w, b = w.detach().to(dtype).requires_grad_(True), b.detach().to(dtype).requires_grad_(True)
    for _ in range(num_epochs):
        for X, y in train_iter:
            (d2l.squared_loss(d2l.linreg(X, w, b), y) + lambd * d2l.l2_penalty(w)).sum().backward()
            d2l.sgd([w, b], lr, X.shape[0])
    return w.detach().reshape(-1), b.detach().reshape(-1)


@FEW
@given(lambdas=st.lists(st.sampled_from([0.0, 0.01, 0.3, 1.0, 5.0]), min_size=1, max_size=4),
       num_epochs=st.integers(1, 3), lr=st.sampled_from([0.003, 0.03]), seed=st.integers(0, 5),
       dtype=st.sampled_from(FLOAT_DTYPES))
def test_train_lambda_grid_matches_loop(lambdas, num_epochs, lr, seed, dtype):
    X, y, it = _sweep_data(dtype)
    Xv, yv = X[:5] + 1, y[:5]
    res = d2l.train_lambda_grid(lambdas, it, {"val": (Xv, yv)}, num_epochs=num_epochs, lr=lr, seed=seed)
    assert res.w.shape == (len(lambdas), 3) and res.w.dtype == dtype
    for k, lambd in enumerate(lambdas):
        w, b = _loop(lambd, it, 3, num_epochs, lr, seed, dtype)
        torch.testing.assert_close(res.w[k], w, rtol=1e-5, atol=1e-6)
        torch.testing.assert_close(res.b[k:k + 1], b, rtol=1e-5, atol=1e-6)
    final = (((Xv @ res.w.T + res.b) - yv) ** 2 / 2).mean(dim=0)
    torch.testing.assert_close(res.history["val"][:, -1], final, rtol=1e-5, atol=1e-7)
    torch.testing.assert_close(res.history["norm"][:, -1], res.w.norm(dim=1))
    ok(f"train_lambda_grid({dtype})")


@SETTINGS
@given(lambd=any_number, lr=any_number, num_epochs=any_int)
def test_train_lambda_grid_bad_scalars(lambd, lr, num_epochs):
    _, _, it = _sweep_data()
    if int_error(num_epochs) is None:
        num_epochs = min(num_epochs, 3)      # keep the run short; the bad values are kept as drawn
    for name, value, err in (("lambdas", lambd, real_error(lambd, nonnegative=True)),
                             ("num_epochs", num_epochs, int_error(num_epochs)),
                             ("lr", lr, real_error(lr, positive=True))):
        if err is not None:
            expect_error(f"train_lambda_grid({name}={kind(value)})", err, name,
                         d2l.train_lambda_grid, [lambd], it, num_epochs=num_epochs, lr=lr)
            return
    try:
        res = d2l.train_lambda_grid([lambd], it, num_epochs=num_epochs, lr=lr)
    except DivergenceError as exc:
        assert "diverged" in str(exc) and "learning rate" in str(exc)
        _record(f"train_lambda_grid(lr={kind(lr)}, lambdas=[{kind(lambd)}]) diverged", "DivergenceError")
        return
    assert torch.isfinite(res.w).all()
    ok(f"train_lambda_grid(lr={kind(lr)}, lambdas=[{kind(lambd)}])")


@FEW
@given(lr=st.floats(5.0, 1e6), lambdas=st.lists(st.floats(0, 10), min_size=1, max_size=3))
def test_train_lambda_grid_large_lr_diverges(lr, lambdas):
    _, _, it = _sweep_data()
    expect_divergence("train_lambda_grid(lr too large)", d2l.train_lambda_grid, lambdas, it,
                      num_epochs=100, lr=lr)


def _bad_sweep_cases():
    X, y, it = _sweep_data()
    Xn = X.clone()
    Xn[0, 0] = math.nan
    return [
        ("lambdas=float", dict(lambdas=3.0), TypeError, "lambdas"),
        ("lambdas=str", dict(lambdas="0.1"), TypeError, "lambdas"),
        ("lambdas=[]", dict(lambdas=[]), ValueError, "lambdas"),
        ("lambdas=None", dict(lambdas=None), TypeError, "lambdas"),
        ("train_iter=tuple", dict(train_iter=(X, y)), TypeError, "train_iter"),
        ("train_iter int data", dict(train_iter=d2l.load_array((X.int(), y), 4)), TypeError, "train_iter"),
        ("train_iter 1-D X", dict(train_iter=d2l.load_array((X[:, 0], y), 4)), ValueError, "train_iter"),
        ("train_iter 3 tensors", dict(train_iter=d2l.load_array((X, y, y), 4)), ValueError, "train_iter"),
        ("train_iter NaN data", dict(train_iter=d2l.load_array((Xn, y), 4)), ValueError, "train_iter"),
        ("eval_sets=list", dict(eval_sets=[(X, y)]), TypeError, "eval_sets"),
        ("eval_sets wrong d", dict(eval_sets={"val": (X[:, :2], y)}), ValueError, "eval_sets['val']"),
        ("eval_sets wrong n", dict(eval_sets={"val": (X, y[:3])}), ValueError, "eval_sets['val']"),
        ("eval_sets float64", dict(eval_sets={"val": (X.double(), y.double())}), TypeError, "eval_sets['val']"),
        ("eval_sets not a pair", dict(eval_sets={"val": X}), ValueError, "eval_sets['val']"),
        ("eval_sets name 'train'", dict(eval_sets={"train": (X, y)}), ValueError, "eval_sets"),
        ("eval_sets name 'norm'", dict(eval_sets={"norm": (X, y)}), ValueError, "eval_sets"),
        ("seed=-1", dict(seed=-1), ValueError, "seed"),
        ("seed=2**40", dict(seed=2**40), ValueError, "seed"),
        ("seed=1.5", dict(seed=1.5), TypeError, "seed"),
    ], it


@pytest.mark.parametrize("index", range(19))
def test_train_lambda_grid_bad_args(index):
    cases, it = _bad_sweep_cases()
    assert len(cases) == 19
    case, kwargs, err, name = cases[index]
    args = dict(lambdas=[0.0, 1.0], train_iter=it, num_epochs=1) | kwargs
    expect_error(f"train_lambda_grid({case})", err, name, d2l.train_lambda_grid, **args)


# --------------------------------------------------------------------------- Animator
@SETTINGS
@given(ys=st.lists(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=2), min_size=1, max_size=5),
       as_tensor=st.booleans())
def test_animator_records_points(ys, as_tensor):
    an = d2l.Animator(legend=["train", "test"], xlim=[0, len(ys)])
    for x, y in enumerate(ys, start=1):
        an.add(x, torch.tensor(y) if as_tensor else tuple(y))
    assert an.X == [list(map(float, range(1, len(ys) + 1)))] * 2
    assert an.Y == [[float(torch.tensor(y[k]) if as_tensor else y[k]) for y in ys] for k in range(2)]
    ok(f"Animator.add(y={'tensor' if as_tensor else 'tuple'} of 2)")


@SETTINGS
@given(bad=st.sampled_from([math.nan, math.inf, -math.inf]), position=st.integers(0, 1),
       as_tensor=st.booleans())
def test_animator_nan_diverged(bad, position, as_tensor):
    an = d2l.Animator()
    y = [1.0, 2.0]
    y[position] = bad
    expect_divergence(f"Animator.add(y with {kind(bad)})", an.add, 1, torch.tensor(y) if as_tensor else y)
    assert an.Y == []                        # nothing half-added


@pytest.mark.parametrize("case, first, x, y, err, name", [
    ("y=str", None, 1, "0.5", TypeError, "y"), ("y=None", None, 1, None, TypeError, "y"),
    ("y=[]", None, 1, [], ValueError, "y"), ("y=bool", None, 1, True, TypeError, "y"),
    ("y nested list", None, 1, [[1.0, 2.0]], TypeError, "y"),
    ("x=str", None, "1", 0.5, TypeError, "x"), ("x has 3 values for 2 curves", None, [1, 2, 3], [1.0, 2.0],
                                                   ValueError, "x"),
    ("y has 3 values after 2", [1.0, 2.0], 2, [1.0, 2.0, 3.0], ValueError, "y"),
    ("y has 1 value after 2", [1.0, 2.0], 2, 1.0, ValueError, "y"),
])
def test_animator_bad(case, first, x, y, err, name):
    an = d2l.Animator()
    if first is not None:
        an.add(1, first)
    n_before = [len(v) for v in an.Y]
    expect_error(f"Animator.add({case})", err, name, an.add, x, y)
    assert [len(v) for v in an.Y] == n_before   # state unchanged


# --------------------------------------------------------------------------- lambda_grid, GridSlider, SliderFigure
@SETTINGS
@given(low=any_number, high=any_number, num=any_int, zero=st.booleans())
def test_lambda_grid(low, high, num, zero):
    for name, value, err in (("low", low, real_error(low, positive=True)),
                             ("high", high, real_error(high, positive=True)), ("num", num, int_error(num, 2))):
        if err is not None:
            expect_error(f"lambda_grid({name}={kind(value)})", err, name, d2l.lambda_grid, low, high, num, zero)
            return
    if float(high) <= float(low):
        expect_error("lambda_grid(high <= low)", ValueError, "high", d2l.lambda_grid, low, high, num, zero)
        return
    grid = d2l.lambda_grid(low, high, num, zero)
    assert len(grid) == num + zero and (grid[0] == 0.0) == zero
    want = torch.logspace(math.log10(float(low)), math.log10(float(high)), num, dtype=torch.float64)
    assert grid[zero:] == [float(f"{v:.3g}") for v in want]
    ok("lambda_grid(valid)")


@SETTINGS
@given(value=st.one_of(st.none(), any_number), log=st.booleans())
def test_grid_slider_value(value, log):
    grid = [0.0, 0.01, 0.1, 1.0, 10.0]
    err = None if value is None else real_error(value)
    if err is not None:
        expect_error(f"GridSlider(value={kind(value)})", err, "value", d2l.GridSlider, grid, value=value, log=log)
        return
    s = d2l.GridSlider(grid, value=value, log=log)
    assert s.value in grid and s.slider.value == s.value == s.box.value
    if value is not None and not log:
        v = float(value.item() if isinstance(value, torch.Tensor) else value)
        assert abs(s.value - v) == min(abs(g - v) for g in grid)
    ok(f"GridSlider(value={kind(value)}, log={log})")


@pytest.mark.parametrize("case, values, err", [
    ("int", 3, TypeError), ("str", "0123", TypeError), ("one value", [1.0], ValueError),
    ("decreasing", [2.0, 1.0], ValueError), ("repeated", [1.0, 1.0], ValueError),
    ("nan inside", [0.0, math.nan], ValueError), ("str inside", [0.0, "1"], TypeError),
    ("negative on a log slider", [-1.0, 1.0], ValueError), ("None", None, TypeError),
])
def test_grid_slider_bad_values(case, values, err):
    expect_error(f"GridSlider(values: {case})", err, "values", d2l.GridSlider, values)


def test_grid_slider_tensor_values():
    s = d2l.GridSlider(torch.tensor([0.0, 1.0, 2.0]), value=1.0)
    assert s.grid == [0.0, 1.0, 2.0] and s.value == 1.0
    ok("GridSlider(values=tensor)")


def _tiny_figure():
    fig, ax = d2l.new_figure(figsize=(2, 1.5))
    (line,) = ax.plot([0, 1], [0, 0])
    return fig, line


def test_slider_figure_bad_args():
    fig, _ = _tiny_figure()
    s = d2l.GridSlider([0.0, 1.0])
    expect_error("SliderFigure(fig=None)", TypeError, "fig", d2l.SliderFigure, None, lambda lambd: "", lambd=s)
    expect_error("SliderFigure(update=str)", TypeError, "update", d2l.SliderFigure, fig, "show", lambd=s)
    expect_error("SliderFigure(no controls)", ValueError, "controls", d2l.SliderFigure, fig, lambda: "")
    expect_error("SliderFigure(lambd=3)", TypeError, "lambd", d2l.SliderFigure, fig, lambda lambd: "", lambd=3)


@pytest.mark.parametrize("returned", [None, "λ = 1", 0.5, 3])
def test_slider_figure_readout(returned):
    fig, line = _tiny_figure()
    sf = d2l.SliderFigure(fig, lambda lambd: returned, lambd=d2l.GridSlider([0.0, 1.0]))
    assert sf.readout.value == f"<code>{'' if returned is None else returned}</code>"
    assert sf.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    ok(f"SliderFigure(update returns {kind(returned)})")


# --------------------------------------------------------------------------- max_abs_diff, check_gap
@SETTINGS
@given(shape=st.lists(st.integers(0, 3), max_size=2), dtype=st.sampled_from(FLOAT_DTYPES + [torch.int64]),
       special=st.sampled_from([None, math.nan, math.inf]))
def test_max_abs_diff_matches_torch(shape, dtype, special):
    a = (torch.randn(shape) * 10).to(dtype)
    b = (torch.randn(shape) * 10).to(dtype)
    if special is not None and a.numel() and dtype.is_floating_point:
        a.view(-1)[0] = special
    want = (a.double() - b.double()).abs().max().item() if a.numel() else 0.0
    got = d2l.max_abs_diff(a, b)
    assert got == want or (math.isnan(got) and math.isnan(want))
    ok(f"max_abs_diff({dtype})")


@pytest.mark.parametrize("a, b, err, name", [
    ("x", 1.0, TypeError, "a"), (None, 1.0, TypeError, "a"), (1.0, [[1.0], [1.0, 2.0]], TypeError, "b"),
    (torch.ones(2, dtype=torch.complex64), torch.ones(2), TypeError, "a"),
    (torch.ones(2, device="meta"), torch.ones(2), TypeError, "a"),
    (torch.ones(2), torch.ones(3), ValueError, "a"), (torch.ones(2, 1), torch.ones(2), ValueError, "b"),
], ids=["str", "None", "ragged", "complex", "meta", "shapes", "broadcastable shapes"])
def test_max_abs_diff_bad(a, b, err, name):
    expect_error(f"max_abs_diff({kind(a)}, {kind(b)})", err, name, d2l.max_abs_diff, a, b)


@SETTINGS
@given(tol=any_number, gap=st.floats(0, 1))
def test_check_gap(tol, gap):
    err = real_error(tol, nonnegative=True)
    if err is not None:
        expect_error(f"check_gap(tol={kind(tol)})", err, "tol", d2l.check_gap, "x", 0.0, gap, tol)
        return
    t = float(tol.item() if isinstance(tol, torch.Tensor) else tol)
    if gap <= t:
        assert d2l.check_gap("x", 0.0, gap, tol) is None   # None: a last-line call shows no Out[]
        ok(f"check_gap(tol={kind(tol)}) passes")
    else:
        with pytest.raises(AssertionError, match="exceeds the tolerance"):
            d2l.check_gap("x", 0.0, gap, tol)
        _record(f"check_gap(tol={kind(tol)}) gap > tol", "AssertionError (intended)")


def test_check_gap_bad_name():
    expect_error("check_gap(name=int)", TypeError, "name", d2l.check_gap, 3, 0.0, 0.0, 1e-6)


# --------------------------------------------------------------------------- set_seed, try_gpu, figures
@SETTINGS
@given(seed=st.one_of(any_int, st.integers(2**32 - 2, 2**33)))
def test_set_seed(seed):
    err = int_error(seed, 0) or (ValueError if isinstance(seed, int) and seed > 2**32 - 1 else None)
    if err is not None:
        expect_error(f"set_seed(seed={kind(seed)}{' > 2**32-1' if err is ValueError and seed > 0 else ''})",
                     err, "seed", d2l.set_seed, seed)
        return
    d2l.set_seed(seed)
    a = torch.rand(3)
    torch.manual_seed(seed)
    assert torch.equal(a, torch.rand(3))
    ok("set_seed(valid)")


@pytest.mark.parametrize("i, err", [(-1, ValueError), (0.0, TypeError), (True, TypeError), ("0", TypeError)])
def test_try_gpu_bad(i, err):
    expect_error(f"try_gpu(i={kind(i)})", err, "i", d2l.try_gpu, i)


def test_try_gpu_valid():
    dev = d2l.try_gpu(0)
    assert dev.type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert d2l.try_gpu(10**6).type == "cpu"
    ok("try_gpu(valid)")


@pytest.mark.parametrize("kwargs, err, name", [
    (dict(nrows=0), ValueError, "nrows"), (dict(nrows="2"), TypeError, "nrows"), (dict(ncols=1.0), TypeError, "ncols"),
])
def test_new_figure_bad(kwargs, err, name):
    expect_error(f"new_figure({name}={kind(kwargs[name])})", err, name, d2l.new_figure, **kwargs)


def test_figure_png():
    fig, _ = _tiny_figure()
    first, second, third = (d2l.figure_png(fig) for _ in range(3))
    # Found here: the FIRST render differs from later ones (constrained layout settles on the first draw);
    # from the second render on the bytes are identical.
    assert isinstance(fig, Figure) and second == third and first[:8] == b"\x89PNG\r\n\x1a\n"
    ok("figure_png(Figure): identical bytes from the 2nd render on")
    expect_error("figure_png(fig=None)", TypeError, "fig", d2l.figure_png, None)


# --------------------------------------------------------------------------- summary (keep last)
def test_zz_summary():
    """Print every distinct case and how it ended (run with -s to see it)."""
    if not OUTCOMES:
        pytest.skip("run the whole file to get the summary")
    ends = Counter(" / ".join(sorted(v)) for v in OUTCOMES.values())
    print(f"\n{len(OUTCOMES)} distinct cases:")
    for case in sorted(OUTCOMES):
        print(f"  {case:70s} -> {' / '.join(sorted(OUTCOMES[case]))}")
    print("by outcome:", dict(ends))
    mixed = {case: v for case, v in OUTCOMES.items() if len(v) > 1}
    assert not mixed, f"cases that ended in more than one way: {mixed}"
