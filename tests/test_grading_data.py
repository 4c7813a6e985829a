"""The grading data and machinery (issue 19): answer data and hidden blocks up to date with the references, hidden
blocks shaped as nbgrader needs them, fingerprints that accept the right answer and reject a near miss, and the
grader refusing a tampered interpreter."""

from __future__ import annotations

import ast
import builtins
import json
import re

import nbformat
import pytest
from nbgrader.preprocessors import ClearHiddenTests

from d2lmini.checks import REGISTRY, fingerprint
from d2lmini.checks import grader as grader_module
from grading import build

NOTEBOOKS = build.notebook_paths()


def test_answer_data_and_hidden_blocks_are_up_to_date(capsys):
    """``python -m grading.build --check``: the stored fingerprints equal a fresh recomputation from the references,
    and re-running the writer would change no notebook."""
    assert build.main(["--check"]) == 0, capsys.readouterr().out


def check_cells(nn: str):
    nb = nbformat.read(NOTEBOOKS[nn], as_version=4)
    return [c for c in nb.cells if re.fullmatch(rf"nb{nn}-ex\d+-check", c.metadata.get("nbgrader", {}).get("grade_id",
                                                                                                             ""))]


@pytest.mark.parametrize("nn", build.graded_notebooks())
def test_check_cells_hidden_block_then_one_visible_line(nn):
    cells = check_cells(nn)
    assert cells
    for cell in cells:
        body = ast.parse(cell.source).body
        assert isinstance(body[-1], ast.Expr) and isinstance(body[-1].value, ast.Call), "visible check call last"
        hidden_end = cell.source.index(build.END)
        hidden = ast.parse(cell.source[:hidden_end]).body
        assert isinstance(hidden[-1], ast.Delete), "the hidden block ends with a statement that has no value"
        stripped = nbformat.from_dict(json.loads(json.dumps(cell)))
        ClearHiddenTests()._remove_hidden_test_region(stripped)       # what generate_assignment does
        assert re.fullmatch(rf"d2l\.checks\.nb{nn}\.check_\w+\(\w+\)", stripped.source.strip()), stripped.source


@pytest.mark.parametrize("nn", build.graded_notebooks())
def test_every_exercise_has_references_mistakes_and_hidden_cases(nn):
    refs = build.module(nn)
    for label in build.labels(nn):
        assert len(refs.HIDDEN[label]) >= 2, f"{label}: at least two hidden cases"
        assert refs.MISTAKES.get(label), f"{label}: no typical mistakes"
        for case in refs.HIDDEN[label]:
            assert case not in REGISTRY[label].cases, f"{label}: a hidden case is also public"


def test_fingerprint_accepts_the_tolerance_and_rejects_beyond():
    fp = fingerprint.make([2.5], "t:0", rel=1e-6)
    assert fingerprint.matches([2.5 * (1 + 8e-7)], fp, "t:0")
    assert not fingerprint.matches([2.5 * (1 + 3e-6)], fp, "t:0")
    assert not fingerprint.matches([-2.5], fp, "t:0") and not fingerprint.matches([2.5], fp, "t:1")
    vec = [0.3 * k - 1.0 for k in range(9)]
    fp = fingerprint.make(vec, "t:v", rel=1e-6)
    assert fingerprint.matches([v + 1e-9 for v in vec], fp, "t:v")
    assert not fingerprint.matches([v + (1e-4 if k == 4 else 0) for k, v in enumerate(vec)], fp, "t:v")
    assert not fingerprint.matches(vec[:-1], fp, "t:v")
    sparse = [0.0, 1.5, 0.0, -2.0, 0.25, 0.0]
    fp = fingerprint.make(sparse, "t:z", ztol=1e-12)
    assert fingerprint.matches(sparse, fp, "t:z")
    assert not fingerprint.matches([1e-9 if v == 0 else v for v in sparse], fp, "t:z")   # exact zeros count


def test_fingerprint_hides_the_value():
    text = json.dumps(fingerprint.make([0.123456789], "t:h"))
    assert "0.1234" not in text and "123456" not in text


def test_grader_refuses_a_replaced_print(monkeypatch):
    """Outside a kernel the interpreter checks still apply (a replaced print or hash function)."""
    monkeypatch.setattr(builtins, "print", lambda *a, **k: None)
    with pytest.raises(AssertionError, match=r"Exercise 00\.1: not graded .*builtins\.print replaced"):
        grader_module.grade("00.1", lambda lr, lambd, t: (1 - lr * lambd) ** t, [{"lr": 0.1, "lambd": 1.0, "t": 2}],
                            [fingerprint.make([0.81], "00.1:hidden:0")])


def test_grader_passes_silently_and_fails_with_the_generic_hint(capsys):
    case, fp = {"lr": 0.37, "lambd": 1.0, "t": 2}, fingerprint.make([0.63 ** 2], "00.1:hidden:0")
    assert grader_module.grade("00.1", lambda lr, lambd, t: (1 - lr * lambd) ** t, [case], [fp]) is None
    assert capsys.readouterr() == ("", "")
    with pytest.raises(AssertionError, match=r"Exercise 00\.1: your decay_factor is wrong on 1 of 1 graded cases"
                                              r".*Hint: write one gradient step") as info:
        grader_module.grade("00.1", lambda lr, lambd, t: 0.5, [case], [fp])
    assert "0.39" not in str(info.value) and "0.37" not in str(info.value)    # neither answer nor inputs
    with pytest.raises(AssertionError, match=r"Exercise 00\.1: not attempted"):
        grader_module.grade("00.1", lambda *a: (_ for _ in ()).throw(NotImplementedError()), [case], [fp])
