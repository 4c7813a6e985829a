"""Every converted exercise (issue 19): the stub is reported as not attempted (stderr, no exception); each typical
mistake of grading/nbNN.py fails the public check with its own hint and without the expected value; trivial
answers fail; hints come in tiers and no hint contains a line of the worked solution or the exercise's formula."""

from __future__ import annotations

import re

import nbformat
import pytest

import d2lmini.checks as checks
from d2lmini.checks import REGISTRY
from grading import build

LABELS = [label for nn in build.graded_notebooks() if nn != "00" for label in build.labels(nn)]
MISTAKES = [(label, key, fn) for label in LABELS for key, fn in build.module(label[:2]).MISTAKES[label].items()]


def stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("label", LABELS)
def test_not_attempted_is_reported_not_raised(label, capsys):
    REGISTRY[label].check(stub)
    captured = capsys.readouterr()
    assert f"Exercise {label}: not attempted yet" in captured.err and captured.out == ""


@pytest.mark.parametrize("label, key, fn", MISTAKES, ids=[f"{lab}-{key}" for lab, key, _ in MISTAKES])
def test_each_mistake_gets_its_own_hint(label, key, fn):
    ex = REGISTRY[label]
    with pytest.raises(AssertionError) as info:
        ex.check(fn)
    message = str(info.value)
    assert message.startswith(f"Exercise {label}: ")
    assert not re.search(r"\bexpected\b", message, re.I)
    named = [k for k, h in ex.hints.items() if h in message]
    # its own hint, or a form complaint of the check's run() (e.g. "return the value, not its index")
    assert ex.hints[key] in message or not named, f"{label} {key}: got the hint of {named}: {message}"


@pytest.mark.parametrize("label", LABELS)
def test_trivial_answers_fail(label):
    ex = REGISTRY[label]
    for trivial in (lambda *a, **k: 0.0, lambda *a, **k: 1.0, lambda *a, **k: None, lambda *a, **k: a[0]):
        with pytest.raises(Exception):   # noqa: B017, PT011 - a wrong type may also make the check raise
            ex.check(trivial)


@pytest.mark.parametrize("label", LABELS)
def test_hint_tiers(label, capsys):
    ex = REGISTRY[label]
    checks._SHOWN.pop(label, None)
    for k in range(len(ex.more)):
        checks.hint(label)
        assert f"hint {k + 2} of {len(ex.more) + 1}" in capsys.readouterr().out
    checks.hint(label)
    assert "no more hints" in capsys.readouterr().out


@pytest.mark.parametrize("label", LABELS)
def test_no_hint_gives_the_worked_solution(label):
    ex = REGISTRY[label]
    nn = label[:2]
    nb = nbformat.read(build.notebook_paths()[nn], as_version=4)
    grade_id = f"nb{nn}-ex{label[3:]}-answer"
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    body = answer.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    code = [re.sub(r"\s+", "", ln.split("#")[0]) for ln in body.splitlines()]
    code = [ln for ln in code if len(ln) >= 12 and not ln.startswith(("return", "def", "for", "with", "if"))]
    texts = [*ex.hints.values(), *ex.more]
    for text in texts:
        squeezed = re.sub(r"\s+", "", text)
        assert not [ln for ln in code if ln in squeezed], f"{label}: a hint holds worked-solution code: {text}"
    for fragment in getattr(build.module(nn), "FORMULAS", {}).get(label, []):
        assert not [t for t in texts if fragment in t], f"{label}: a hint gives the formula {fragment!r}"
