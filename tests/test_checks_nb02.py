"""Exercise checks of notebook 02: the notebook's worked solutions pass, each typical mistake fails with its own
hint, trivial answers fail, and an unanswered exercise (the student edition's stub) reports "not attempted yet"
on stderr without raising."""

import math

import pytest
import torch
from notebook_source import taught_function

import d2lmini as d2l
from d2lmini.checks import nb02 as checks

NB = "02_l2_penalty_from_scratch.ipynb"
S = d2l.nb02.SETUP["classic"]


def stub(*args, **kwargs):
    raise NotImplementedError()


def solution(name, extra=None):
    return taught_function(NB, name, extra)


@pytest.mark.parametrize("check", [checks.check_momentum_factor, checks.check_null_norm, checks.check_loo,
                                   checks.check_more_data])
def test_stub_is_not_attempted(check, capsys):
    check(stub)
    out = capsys.readouterr()
    assert "not attempted yet" in out.err and out.out == ""


# --------------------------------------------------------------------------- 02.1 momentum (derivation)
def test_momentum_reference_is_torch_sgd():
    """The private reference equals PyTorch's own SGD with momentum and weight decay on a zero-gradient loss."""
    for lr, lambd, beta, t in checks._MOMENTUM_CASES:
        w = torch.ones(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=lambd)
        for _ in range(t):
            opt.zero_grad()
            (0 * w).sum().backward()
            opt.step()
        assert math.isclose(w.item(), checks._reference_momentum_factor(lr, lambd, beta, t), rel_tol=1e-9,
                            abs_tol=1e-15)


def test_momentum_solution_passes(capsys):
    checks.check_momentum_factor(solution("null_space_factor"))
    assert "Exercise 02.1 correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda lr, lam, b, t: (1 - lr * lam) ** t, "plain SGD"),
    (lambda lr, lam, b, t: (1 - lr * lam / (1 - b)) ** t, "steady-state"),
    (lambda lr, lam, b, t: checks._reference_momentum_factor(lr, lam * (1 - b), b, t), "dampening"),
    (lambda lr, lam, b, t: checks._reference_momentum_factor(lr, lam, b, t - 1), "off by one"),
    (lambda lr, lam, b, t: 0.0, "null space the data gradient is 0"),
    (lambda lr, lam, b, t: 1.0, "null space the data gradient is 0"),     # trivial: nothing decays
    (lambda lr, lam, b, t: 0.02688, "null space the data gradient is 0"),   # the factor printed in the notebook
    (lambda lr, lam, b, t: "0.5", "one number"),
])
def test_momentum_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_momentum_factor(wrong)


# --------------------------------------------------------------------------- 02.2 null-space norm (transfer)
def null_norm(X, w, lr, lam, steps, projector="null", decay=True, half=False):
    P = torch.linalg.pinv(X) @ X
    if projector == "null":
        P = torch.eye(X.shape[1], dtype=X.dtype) - P
    v = w if projector == "none" else P @ w
    factor = (1 - lr * lam / (2 if half else 1)) ** steps if decay else 1.0
    return float(factor * v.norm())


def test_null_norm_solution_passes(capsys):
    checks.check_null_norm(solution("predict_null_norm"))
    assert "Exercise 02.2 correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, w, lr, lam, T: null_norm(X, w, lr, lam, T, projector="row"), "ROW space"),
    (lambda X, w, lr, lam, T: null_norm(X, w, lr, lam, T, decay=False), "initial null-space norm"),
    (lambda X, w, lr, lam, T: null_norm(X, w, lr, lam, T, projector="none"), "project w_init first"),
    (lambda X, w, lr, lam, T: null_norm(X, w, lr, lam, T, half=True), "factor of 2"),
    (lambda X, w, lr, lam, T: 0.0, "never enters the null space"),
    (lambda X, w, lr, lam, T: 0.381, "never enters the null space"),       # the norm printed in the notebook
    (lambda X, w, lr, lam, T: torch.zeros(3), "one number"),
])
def test_null_norm_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_null_norm(wrong)


# --------------------------------------------------------------------------- 02.3 leave-one-out (transfer)
def test_loo_reference_is_brute_force():
    (X, y), _, _ = d2l.nb02.draw(d2l.nb02.SETUP["noisy"], seed=23)
    X, y = X[:12, :5].double(), y[:12].double()
    n = len(y)
    for k, lambd in enumerate([0.0, 0.5]):
        errors = []
        for i in range(n):
            keep = torch.arange(n) != i
            Z = torch.cat([torch.ones(n - 1, 1, dtype=X.dtype), X[keep]], dim=1)
            D = torch.diag(torch.tensor([0.0] + [1.0] * 5, dtype=X.dtype))
            theta = torch.linalg.solve(Z.T @ Z + n * lambd * D, Z.T @ y[keep])
            errors.append((theta[0] + X[i] @ theta[1:] - y[i]) ** 2 / 2)
        ref = checks._reference_loo_by_refitting(X, y, [0.0, 0.5])[k]
        torch.testing.assert_close(ref, torch.stack(errors).mean())


def test_loo_solution_passes(capsys):
    checks.check_loo(solution("loo_errors"))
    out = capsys.readouterr().out
    assert "Exercise 02.3 correct" in out and "validation split" in out and "+-" in out


def loo_variant(key):
    return lambda X, y, lambdas: checks._loo_variants(X, y, lambdas)[key]


@pytest.mark.parametrize("wrong, hint", [
    (loo_variant("train"), "training error"),
    (loo_variant("unsquared"), "square the corrected residual"),
    (loo_variant("gcv"), "GCV"),
    (loo_variant("bias"), "bias is not penalized"),
    (loo_variant("n-1"), "n\\*lambda"),
    (lambda X, y, lambdas: 2 * checks._reference_loo_by_refitting(X, y, lambdas), "factor of 2"),
    (lambda X, y, lambdas: torch.zeros(len(lambdas)), "H = Z"),
    (lambda X, y, lambdas: torch.tensor(lambdas), "H = Z"),                  # the input unchanged
    (lambda X, y, lambdas: 0.316, "one value per lambda"),                   # the lambda chosen above
])
def test_loo_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_loo(wrong)


# --------------------------------------------------------------------------- 02.4 more data (practice)
@pytest.fixture(scope="module")
def notebook_train():
    """The notebook's ``train``, as the worked solution of 02.4 calls it."""
    l2 = solution("l2_penalty")
    dummy = d2l.load_array((torch.zeros(2, S.num_inputs), torch.zeros(2, 1)), S.batch_size)
    return solution("train", {"S": S, "train_iter": dummy, "l2_penalty": l2})


def test_more_data_solution_passes(notebook_train, capsys):
    checks.check_more_data(solution("train_more_data", {"train": notebook_train, "batch_size": S.batch_size}))
    out = capsys.readouterr().out
    assert "Exercise 02.4 correct" in out and "140 dimensions" in out


def test_more_data_mistakes(notebook_train):
    X20, y20 = checks._classic_train_set()
    it20 = d2l.load_array((X20, y20), S.batch_size)
    cases = [
        (lambda X, y: (torch.zeros(S.num_inputs, 1), torch.zeros(1)), "w = 0 is not trained"),
        (lambda X, y: notebook_train(0.1, data_iter=it20, animate=False), "notebook's 20 examples"),
        (lambda X, y: notebook_train(0, data_iter=it20, animate=False), "notebook's 20 examples"),
        (lambda X, y: notebook_train(0.1, data_iter=d2l.load_array((X, y), S.batch_size), animate=False),
         "null-space part of w shrank"),
        (lambda X, y: notebook_train(0, zero_start=True, data_iter=d2l.load_array((X, y), S.batch_size),
                                     animate=False), "null-space part of w shrank"),
        (lambda X, y: notebook_train(0, num_epochs=20, data_iter=d2l.load_array((X, y), S.batch_size),
                                     animate=False), "use the notebook's loop"),
        (lambda X, y: torch.zeros(S.num_inputs), "return the pair"),
    ]
    for wrong, hint in cases:
        with pytest.raises(AssertionError, match=hint):
            checks.check_more_data(wrong)
