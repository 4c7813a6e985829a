"""The slider rebind check (``tests/slider_rebind.py``) can fail: a tiny notebook whose ``show`` reads its artists from
globals fails it, the same notebook with the artists bound passes. The check itself runs on every notebook of the
series inside ``tests/test_out_of_order.py::test_every_cell_twice_in_a_row``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from slider_rebind import rebind_and_move

pytestmark = pytest.mark.slow


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


def check_notebook(path: Path, workdir: Path) -> dict:
    """The rebind check on one notebook run once top to bottom (the series' notebooks get it after their
    every-cell-twice run instead, in tests/test_out_of_order.py)."""
    s = Session(path, workdir)
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"), PYDEVD_DISABLE_FILE_VALIDATION="1")
    with s.client.setup_kernel(env=env):
        for i, cell in s.cells:                      # 1. the whole notebook, in order
            s.client.execute_cell(cell, i)
        return rebind_and_move(s.run, [(i, c.source) for i, c in s.cells])


@pytest.fixture(autouse=True)
def _scratch_env(tmp_path, monkeypatch):
    for var in ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR"):
        if not os.environ.get(var) or var == "JUPYTER_RUNTIME_DIR":
            (tmp_path / var).mkdir()
            monkeypatch.setenv(var, str(tmp_path / var))


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
