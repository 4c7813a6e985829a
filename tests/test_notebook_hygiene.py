"""Every stored notebook: executed in order from 1, no errors, kernel python3, no machine paths, < 2 MB,
sliders come with an ordinary checking cell, and the marker hides only slider or timing cells."""

import json
import pathlib
import re

import pytest

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
PATH_RE = re.compile(r"(/root/|/home/|/tmp/|/work/|/Users/|[A-Z]:\\\\)")


def test_the_series_is_there():
    names = [p.stem[:2] for p in NOTEBOOKS]
    assert "02" in names, "notebook 02 is missing"
    assert names == sorted(names)


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    path = request.param
    return path, json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_executed_in_order_from_one(nb):
    path, notebook = nb
    counts = [c["execution_count"] for c in code_cells(notebook)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: re-run scripts/execute_notebooks.py"


def test_no_errors_no_paths_kernel_and_size(nb):
    path, notebook = nb
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert path.stat().st_size < 2_000_000, f"{path.name} is {path.stat().st_size / 1e6:.1f} MB"
    for i, cell in enumerate(code_cells(notebook)):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name} code cell {i}: stored error {out.get('ename')}"
            assert out.get("name") != "stderr", f"{path.name} code cell {i}: stored stderr (a warning?)"
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert not PATH_RE.search(text), f"{path.name} code cell {i}: output shows a machine path"
            assert not re.search(r" at 0x[0-9a-f]+", text), f"{path.name} code cell {i}: a memory address"


def test_ignore_marker_only_on_slider_or_timing_cells(nb):
    path, notebook = nb
    cells = code_cells(notebook)
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])
        if src.splitlines()[:1] != ["# NBVAL_IGNORE_OUTPUT"]:
            continue
        is_slider = "SliderFigure(" in src
        is_timing = "perf_counter" in src or "%time" in src
        assert is_slider or is_timing, f"{path.name} code cell {i}: NBVAL_IGNORE_OUTPUT on a non-slider cell"
        if is_slider:  # the next code cell checks what the slider shows, as ordinary output
            follower = cells[i + 1] if i + 1 < len(cells) else None
            assert follower and follower["outputs"], f"{path.name} code cell {i}: no checking cell after slider"


def test_structure_objectives_summary_exercises(nb):
    path, notebook = nb
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown").lower()
    for needle in ["how to use this notebook", "objectives", "summary", "exercise"]:
        assert needle in text, f"{path.name}: no '{needle}' section"
    assert len(re.findall(r"exercise \d", text)) >= 3, f"{path.name}: fewer than 3 numbered exercises"
    checked = sum("d2l.checks." in "".join(c["source"]) for c in code_cells(notebook))
    assert checked >= 3, f"{path.name}: fewer than 3 exercise cells call d2lmini.checks"
