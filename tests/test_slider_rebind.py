"""Sliders bind their state: re-running a figure cell or a slider cell alone leaves every slider working.

For every ``notebooks/*.ipynb``: execute it top to bottom in one kernel (nbclient). Then, for every
slider cell (a code cell containing ``SliderFigure(``), re-run alone, in notebook order, the cells that
last defined the figures and functions the slider cell uses (names that hold a matplotlib ``Figure``
or a callable in the kernel, e.g. ``fig`` and ``show``; data and imports are left alone), and then the
slider cell itself. Finally every ``SliderFigure`` alive in the kernel (found in ipywidgets' registry:
the ones from the first run and the ones from the re-runs) is moved through a few grid values, control
by control, as a move made in Python (``GridSlider.value = v``, which draws the frame in the kernel with the
slider's own ``show``, the code that also draws every frame the browser flips through): after each move the
readout text and the PNG bytes must change and the readout must not show an exception.

A ``show`` that reads its artists from globals fails this: after the figure cell is re-run, the old
slider mutates the NEW figure's artists and its own picture freezes. ``test_rebind_check_catches_globals``
proves that on a tiny notebook written both ways.
"""

from __future__ import annotations

import ast
import builtins
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BEGIN, END = "<<<WDLAB-REBIND>>>", "<<<END-WDLAB-REBIND>>>"

pytestmark = pytest.mark.slow

# Kernel side: what kind of object each name holds ("figure", "callable" or "data").
KINDS = r'''
def _wdlab_kinds(names):
    import json
    from matplotlib.figure import Figure
    ns = get_ipython().user_ns
    kind = lambda v: "figure" if isinstance(v, Figure) else "callable" if callable(v) else "data"
    print("<<<WDLAB-REBIND>>>" + json.dumps({n: kind(ns[n]) for n in names if n in ns}) + "<<<END-WDLAB-REBIND>>>")
'''

# Kernel side: label the live SliderFigures, or move all of them and report what did not change.
PROBE = r'''
def _wdlab_sliders():
    import d2lmini
    from ipywidgets.widgets.widget import _instances
    return [w for w in list(_instances.values()) if isinstance(w, d2lmini.SliderFigure)]

def _wdlab_label(tag):
    for sf in _wdlab_sliders():
        if not hasattr(sf, "_wdlab_tag"):
            sf._wdlab_tag = tag

def _wdlab_move_all():
    import json
    problems, moved = [], 0
    for sf in _wdlab_sliders():
        tag = getattr(sf, "_wdlab_tag", "?")
        for name, ctl in sf.controls.items():
            grid, start = list(ctl.grid), ctl.value
            seq = []
            for v in (grid[0], grid[-1], grid[len(grid) // 2], grid[1], start):
                if v != (seq[-1] if seq else start):
                    seq.append(v)
            before = (sf.readout.value, bytes(sf.image.value))
            for v in seq:
                ctl.value = v
                after = (sf.readout.value, bytes(sf.image.value))
                where = f"{tag}: {name} -> {v:g}"
                if "style='color:#D55E00'" in after[0]:
                    problems.append(f"{where}: the readout shows an error: {after[0][:300]}")
                elif after[0] == before[0]:
                    problems.append(f"{where}: the readout did not change ({after[0][:120]})")
                if after[1] == before[1]:
                    problems.append(f"{where}: the picture did not change")
                before = after
                moved += 1
    print("<<<WDLAB-REBIND>>>" + json.dumps({"sliders": len(_wdlab_sliders()), "moves": moved,
                                            "problems": problems}) + "<<<END-WDLAB-REBIND>>>")
'''


def bound_names(tree: ast.Module) -> dict[str, bool]:
    """Names a cell binds in the notebook's namespace: name -> True if bound by an import.

    Function and class bodies, lambdas and comprehensions are not entered (their names are local)."""
    out: dict[str, bool] = {}
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp,
              ast.DictComp, ast.GeneratorExp)

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[node.name] = False
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out[node.id] = False
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                out[(alias.asname or alias.name).split(".")[0]] = True
        if not isinstance(node, scopes):
            for child in ast.iter_child_nodes(node):
                visit(child)

    visit(tree)
    return out


def parse(source: str) -> ast.Module:
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))


def used_names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


class Session:
    def __init__(self, path: Path, workdir: Path):
        shutil.copytree(path.parent, workdir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.ipynb"))
        self.nb = nbformat.read(path, as_version=4)
        self.cells = [(i, c) for i, c in enumerate(self.nb.cells) if c.cell_type == "code"]
        self.client = NotebookClient(self.nb, timeout=600, kernel_name="python3", record_timing=False,
                                     resources={"metadata": {"path": str(workdir)}})

    def run(self, source: str) -> str:
        """Run extra code in the kernel; return its stdout (raise on an error output)."""
        cell = nbformat.v4.new_code_cell(source)
        self.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.nb.cells) - 1)
        return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")

    def result(self, source: str):
        text = self.run(source)
        return json.loads(text[text.index(BEGIN) + len(BEGIN):text.index(END)])


def check_notebook(path: Path, workdir: Path) -> dict:
    """Run the rebind check on one notebook; returns {"slider_cells", "reruns", "sliders", "moves", "problems"}."""
    s = Session(path, workdir)
    trees = {i: parse(c.source) for i, c in s.cells}
    slider_cells = [i for i, c in s.cells if "SliderFigure(" in c.source]
    report = {"slider_cells": slider_cells, "reruns": {}, "problems": []}
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"), PYDEVD_DISABLE_FILE_VALIDATION="1")
    with s.client.setup_kernel(env=env):
        for i, cell in s.cells:                      # 1. the whole notebook, in order
            s.client.execute_cell(cell, i)
        s.run(KINDS + PROBE + "\n_wdlab_label('first run')")
        for k in slider_cells:                       # 2. each slider cell: its figure cells, then itself
            names = sorted(used_names(trees[k]) - set(dir(builtins)))
            kinds = s.result(KINDS + f"\n_wdlab_kinds({names!r})")
            cells = set()
            for name in (n for n, kind in kinds.items() if kind in ("figure", "callable")):
                defining = [i for i, _ in s.cells if i < k and name in bound_names(trees[i])]
                if defining and not bound_names(trees[defining[-1]])[name]:   # imports are not figure cells
                    cells.add(defining[-1])
            report["reruns"][k] = sorted(cells)
            for i in [*sorted(cells), k]:
                cell = nbformat.v4.new_code_cell(s.nb.cells[i].source)
                s.nb.cells.append(cell)
                s.client.execute_cell(cell, len(s.nb.cells) - 1)
            s.run(f"_wdlab_label('cell {k} re-run')")
        report.update(s.result("_wdlab_move_all()"))  # 3. move every slider, old and new
    return report


@pytest.fixture(autouse=True)
def _scratch_env(tmp_path, monkeypatch):
    for var in ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR"):
        if not os.environ.get(var) or var == "JUPYTER_RUNTIME_DIR":
            (tmp_path / var).mkdir()
            monkeypatch.setenv(var, str(tmp_path / var))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_sliders_keep_working_after_rerunning_their_cells(notebook, tmp_path):
    report = check_notebook(notebook, tmp_path / "work")
    if not report["slider_cells"]:
        pytest.skip(f"{notebook.name} has no slider")
    assert report["sliders"] >= 2 * len(report["slider_cells"]), report   # the old ones and the new ones
    assert not report["problems"], f"{notebook.name} (re-ran {report['reruns']}):\n" + "\n".join(report["problems"])


SELFTEST_SETUP = "import d2lmini as d2l\ngrid = d2l.lambda_grid(0.01, 1, 3)"
FIGURE_GLOBALS = """fig, ax = d2l.new_figure(figsize=(2, 1.5))
line, = ax.plot([0, 1], [0, 0])
def show(lambd):                       # reads `line` from globals: the bug
    line.set_ydata([0, lambd])
    return f"λ = {lambd:g}"
"""
FIGURE_BOUND = FIGURE_GLOBALS.replace("def show(lambd):", "def show(lambd, line=line):")
SLIDER = "# NBVAL_IGNORE_OUTPUT\nd2l.SliderFigure(fig, show, lambd=d2l.GridSlider(grid, value=0.1))"


def test_rebind_check_catches_globals(tmp_path):
    for name, figure_cell in (("globals", FIGURE_GLOBALS), ("bound", FIGURE_BOUND)):
        folder = tmp_path / name / "notebooks"
        folder.mkdir(parents=True)
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in
                                             (SELFTEST_SETUP, figure_cell, SLIDER)])
        nbformat.write(nb, folder / f"zz_{name}.ipynb")
        report = check_notebook(folder / f"zz_{name}.ipynb", tmp_path / name / "work")
        assert report["reruns"] == {2: [1]} and report["sliders"] == 2, report
        if name == "globals":
            assert any(p.startswith("first run") and "picture did not change" in p for p in report["problems"]), report
        else:
            assert not report["problems"], report
