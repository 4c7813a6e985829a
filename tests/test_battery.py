"""The wrong-answer battery (issue 19): every wrong answer of ``grading/battery.py`` (the typical mistakes of
``grading/nbNN.py`` included) is rejected by the exercise's public check AND by the notebook's hidden block run as
autograde runs it; the notebook's own worked solution passes both; a lookup table of the public answers passes the
public check and fails the hidden cases."""

from __future__ import annotations

import re
from collections import Counter

import nbformat
import pytest
import torch
from notebook_source import taught_function

from d2lmini.checks import REGISTRY
from grading import build
from grading.battery import battery, harvested

BATTERY = battery()
ENTRIES = [(label, what, fn) for label, entries in BATTERY.items() for what, fn in entries]


def hidden_block(label: str) -> str:
    nn, k = label.split(".")
    nb = nbformat.read(build.notebook_paths()[nn], as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"nb{nn}-ex{k}-check")
    return cell.source.split(build.BEGIN)[1].split(build.END)[0]


def run_hidden(label: str, fn) -> None:
    """Exec the notebook's hidden block with ``fn`` as the answer (raises AssertionError when it rejects)."""
    exec(compile(hidden_block(label), f"<hidden {label}>", "exec"), {REGISTRY[label].answer: fn})


def worked_solution(label: str):
    nn = label.split(".")[0]
    return taught_function(build.notebook_paths()[nn].name, REGISTRY[label].answer, {"nn": torch.nn})


def test_battery_size():
    per = Counter(label for label, _, _ in ENTRIES)
    print(f"\nbattery: {len(ENTRIES)} wrong answers; per exercise {dict(sorted(per.items()))}")
    assert len(ENTRIES) >= 100
    assert all(per[label] >= 4 for label in BATTERY), per


@pytest.mark.parametrize("label", sorted(BATTERY))
def test_worked_solution_passes_public_and_hidden(label, capsys):
    fn = worked_solution(label)
    REGISTRY[label].check(fn)
    assert f"Exercise {label} correct" in capsys.readouterr().out
    run_hidden(label, fn)


@pytest.mark.parametrize("label, what, fn", ENTRIES, ids=[f"{lab}-{w}" for lab, w, _ in ENTRIES])
def test_wrong_answer_rejected_by_public_check_and_hidden_cases(label, what, fn, capsys):
    with pytest.raises(Exception) as public:           # noqa: PT011 - a wrong answer may also crash the check
        REGISTRY[label].check(fn)
    assert "not attempted" not in capsys.readouterr().err
    if isinstance(public.value, AssertionError):
        assert re.match(rf"Exercise {re.escape(label)}: ", str(public.value)), str(public.value)
        assert not re.search(r"\bexpected\b", str(public.value), re.I)   # never the expected value
    with pytest.raises(AssertionError, match=rf"Exercise {re.escape(label)}: "):
        run_hidden(label, fn)


@pytest.mark.parametrize("label", sorted(BATTERY))
def test_harvested_public_answers_fail_the_hidden_cases(label, capsys):
    fn = harvested(label, build.module(label.split(".")[0]))
    try:
        REGISTRY[label].check(fn)
    except Exception:   # noqa: BLE001 - models, optimizers: inputs that a lookup table cannot key on
        pytest.skip(f"{label}: its public cases are not plain lookups (inputs are built per call)")
    assert "correct" in capsys.readouterr().out
    with pytest.raises(AssertionError, match=rf"Exercise {re.escape(label)}: "):
        run_hidden(label, fn)
