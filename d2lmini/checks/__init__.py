"""Self-checking exercises: one module per notebook (``d2lmini.checks.nb02`` ...).

Every check speaks one format:

* right: one line on stdout, ``Exercise 02.1 correct: <what was verified>``;
* wrong: ``AssertionError("Exercise 02.1: <what is wrong>. Hint: <the idea or the likely mistake>")``; the
  message shows the learner's value, never the expected one; ``d2l.checks.hint("02.1")`` gives the next hint;
* not attempted (the answer still raises ``NotImplementedError``, as in the student edition):
  one line on stderr, ``Exercise 02.1: not attempted yet ...``. No exception, so *Run All* goes on.

An exercise is an :class:`Exercise`: its public cases (parameters from which the inputs are built), how to
run the learner's function on them, and hints. The expected answers are *data*, fingerprints in
``answers/nbNN.json`` written by the instructor's ``grading/`` package, never code: this package holds no
reference solution. The same object grades the hidden cases that nbgrader's hidden tests pass in
(:mod:`d2lmini.checks.grader`). Answers are always functions (``def decay_factor(lr, lambd, t): ...``) so
that the student edition's stub (``raise NotImplementedError()`` inside the body) still defines the name.
"""

from __future__ import annotations

import functools
import json
import math
import pathlib
import sys
from collections.abc import Callable, Sequence

import torch

from . import fingerprint

ANSWERS = pathlib.Path(__file__).resolve().parent / "answers"
REGISTRY: dict[str, Exercise] = {}


# --------------------------------------------------------------------------- the message format
def exercise(label: str) -> Callable[[Callable[..., str]], Callable[..., None]]:
    """Turn ``check(*answers) -> message`` (raising :func:`fail` when wrong) into a graded check."""

    def wrap(check: Callable[..., str]) -> Callable[..., None]:
        @functools.wraps(check)
        def graded(*args, **kwargs) -> None:
            try:
                message = check(*args, **kwargs)
            except NotImplementedError:
                print(f"Exercise {label}: not attempted yet. Write your answer in the cell above "
                      "(replace `raise NotImplementedError()`), run it, then run this cell again.",
                      file=sys.stderr)
                return
            except CheckFailure as exc:
                raise AssertionError(f"Exercise {label}: {exc}") from None
            print(f"Exercise {label} correct: {message}")

        graded.label = label
        return graded

    return wrap


class CheckFailure(AssertionError):
    """A wrong answer, as :func:`fail` reports it (an ``AssertionError``; a learner's own assert is not one)."""


def fail(what: str, hint: str) -> None:
    """Raise the one wrong-answer message: what is wrong, then the idea or the likely mistake."""
    raise CheckFailure(f"{what}. Hint: {hint}")


# --------------------------------------------------------------------------- turning answers into plain numbers
def as_number(name: str, value) -> float:
    """The learner's answer as a float (a Python or NumPy number or a one-element tensor), or :func:`fail`."""
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.detach().cpu().double().item()
    elif type(value).__module__ == "numpy" and getattr(value, "size", 0) == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{name} returned {type(value).__name__}", "return one number (a float)")
    value = float(value)
    if not math.isfinite(value):
        fail(f"{name} returned {value}", "the answer is a finite number: look for a division by zero or an overflow")
    return value


def as_vector(name: str, value, size: int) -> list[float]:
    """The learner's tensor as a list of ``size`` floats, or :func:`fail`."""
    if not isinstance(value, torch.Tensor):
        fail(f"{name} returned {type(value).__name__}", "return a torch.Tensor (work with torch operations)")
    if value.numel() != size:
        fail(f"{name} returned shape {tuple(value.shape)}", f"return {size} numbers")
    out = [float(v) for v in value.detach().cpu().double().reshape(-1).tolist()]
    if not all(math.isfinite(v) for v in out):
        fail(f"{name} returned non-finite values", "look for a division by zero or an overflow")
    return out


# --------------------------------------------------------------------------- counting linear algebra ("method" checks)
_FACTORIZATIONS = {"solve", "solve_ex", "inv", "inv_ex", "inverse", "pinv", "pinverse", "lstsq", "cholesky",
                   "cholesky_ex", "cholesky_solve", "cholesky_inverse", "eigh", "eigvalsh", "eig", "eigvals", "svd",
                   "svdvals", "qr", "lu", "lu_factor", "lu_factor_ex", "lu_solve", "solve_triangular",
                   "triangular_solve", "det", "slogdet", "logdet", "matrix_rank", "tensorsolve", "tensorinv",
                   "matrix_power", "matrix_exp"}
_PRODUCTS = {"matmul", "__matmul__", "__rmatmul__", "mm", "mv", "bmm", "addmm", "addmv", "addbmm", "baddbmm", "dot",
             "vdot", "inner", "einsum", "tensordot", "linear", "chain_matmul", "multi_dot"}


class LinalgCount(torch.overrides.TorchFunctionMode):
    """Counts the matrices torch factorizes or solves with (a batch of k matrices counts k) and the matrix
    products, inside ``with LinalgCount() as count:``. It sees torch calls only."""

    def __init__(self) -> None:
        super().__init__()
        self.factorizations = 0
        self.products = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        name = getattr(func, "__name__", "").removeprefix("linalg_")
        if name in _FACTORIZATIONS:
            first = next((a for a in args if isinstance(a, torch.Tensor)), None)
            self.factorizations += max(1, math.prod(first.shape[:-2])) if first is not None and first.dim() > 2 else 1
        elif name in _PRODUCTS:
            self.products += 1
        return func(*args, **(kwargs or {}))


# --------------------------------------------------------------------------- one exercise
def _salt(label: str, kind: str, index: int, mistake: str | None = None) -> str:
    return f"{label}:{kind}:{index}" + (f":{mistake}" if mistake else "")


@functools.lru_cache(maxsize=16)
def answers(notebook: str) -> dict:
    """The public answer data of notebook ``NN`` (fingerprints; written by ``python -m grading.build``)."""
    path = ANSWERS / f"nb{notebook}.json"
    if not path.exists():
        raise RuntimeError(f"{path} is missing: the package is incomplete (the instructor writes it with "
                           "`python -m grading.build`)")
    return json.loads(path.read_text(encoding="utf-8"))


def _show(values: Sequence[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.6g}"
    head = ", ".join(f"{v:.4g}" for v in values[:4])
    return f"[{head}{', ...' if len(values) > 4 else ''}] ({len(values)} numbers)"


class Exercise:
    """One exercise: public cases, how to build each case's inputs and run the learner's function, and hints.

    * ``cases``: parameters of the public cases (small dicts); ``inputs(case)`` builds the arguments.
    * ``run(fn, *args)`` calls the learner's function and returns the result as a list of Python floats, or
      calls :func:`fail` for a result of the wrong kind (type, shape, missing gradient, too many solves...).
    * ``hints``: tier-1 hints, ``{"generic": ..., mistake key: ...}``: a hint names the idea or the likely
      mistake, never the final formula or code. ``more``: the next tiers, shown by ``hint(label)``.
    * ``rel``, ``atol``, ``ztol``: the tolerance of the fingerprints (see :mod:`.fingerprint`).
    * ``describe(case)``: a few words naming a public case in a failure message (never its answer).
    * ``success``: the message when right, or ``success(fn) -> str`` for a message that uses the function.
    """

    def __init__(self, label: str, answer: str, cases: list[dict], inputs: Callable[[dict], tuple],
                 run: Callable[..., list[float]], hints: dict[str, str], more: list[str], *,
                 success: str | Callable[[Callable], str], describe: Callable[[dict], str] | None = None,
                 rel: float = 1e-6, atol: float = 1e-12, ztol: float | None = None) -> None:
        if "generic" not in hints:
            raise ValueError(f"{label}: hints need a 'generic' entry")
        self.label, self.answer, self.cases, self.inputs, self.run = label, answer, cases, inputs, run
        self.hints, self.more, self.success, self.describe = hints, more, success, describe
        self.rel, self.atol, self.ztol = rel, atol, ztol
        REGISTRY[label] = self
        self.check = exercise(label)(self._check)
        self.check.__name__ = f"check_{answer}"
        self.check.__doc__ = f"Check ``{answer}`` (exercise {label}) on its public cases."

    @property
    def notebook(self) -> str:
        return self.label.split(".")[0]

    def results(self, fn: Callable, case: dict) -> list[float]:
        """The learner's result on one case, as plain floats (nothing of the learner's objects is kept)."""
        values = self.run(fn, *self.inputs(case))
        if not (isinstance(values, list) and all(type(v) is float for v in values)):
            raise TypeError(f"{self.label}: run() must return a list of floats")  # a bug in the check itself
        return values

    def _check(self, fn: Callable) -> str:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)       # tiny tensors: one thread is faster, and the same digits for any thread count
        try:
            return self._check_cases(fn)
        finally:
            torch.set_num_threads(threads)

    def _check_cases(self, fn: Callable) -> str:
        data = answers(self.notebook)[self.label]
        if len(data) != len(self.cases):
            raise RuntimeError(f"{self.label}: answers/nb{self.notebook}.json is stale (run python -m grading.build)")
        wrong = {}                       # case index -> (values, the mistakes whose answer it matches)
        for i, (case, entry) in enumerate(zip(self.cases, data, strict=True)):
            values = self.results(fn, case)
            if not fingerprint.matches(values, entry["expect"], _salt(self.label, "public", i)):
                wrong[i] = values, [k for k, fp in entry["mistakes"]
                                    if fingerprint.matches(values, fp, _salt(self.label, "public", i, k))]
        if not wrong:
            return self.success(fn) if callable(self.success) else self.success
        # the mistake that explains the most wrong cases (two mistakes can agree on one case)
        counts = {k: sum(k in keys for _, keys in wrong.values()) for _, keys in wrong.values() for k in keys}
        key = max(counts, key=lambda k: (counts[k], -list(self.hints).index(k))) if counts else "generic"
        i = next((i for i, (_, keys) in wrong.items() if key in keys), next(iter(wrong)))
        where = f"case {i + 1} of {len(self.cases)}" + (f" ({self.describe(self.cases[i])})" if self.describe else "")
        fail(f"on {where} your {self.answer} returned {_show(wrong[i][0])}, which is not right",
             f"{self.hints[key]} (more help: d2l.checks.hint(\"{self.label}\"))")


# --------------------------------------------------------------------------- hints in tiers
_SHOWN: dict[str, int] = {}


def hint(label: str) -> None:
    """Print the next hint of exercise ``label`` (tier 2, then 3, ...); the first tier is in the failure message."""
    if label not in REGISTRY:
        raise KeyError(f"no exercise {label!r}; exercises are labeled like '02.3' (notebook 02, exercise 3)")
    more = REGISTRY[label].more
    shown = _SHOWN.get(label, 0)
    if shown < len(more):
        _SHOWN[label] = shown + 1
        print(f"Exercise {label}, hint {shown + 2} of {len(more) + 1}: {more[shown]}")
    else:
        print(f"Exercise {label}: no more hints. In the self-study edition the worked solution is folded in the "
              "answer cell; in a class, ask your teacher.")


from . import nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07  # noqa: E402
