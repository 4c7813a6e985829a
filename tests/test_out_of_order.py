"""What a student sees when cells run out of order or twice, in a real kernel.

* In-process (no kernel): a ``SliderFigure`` whose ``update`` fails (a name not
  defined yet, a value not on the grid, data that no longer fit the figure)
  shows the error and a "run the cells above" hint in its readout instead of
  raising inside a widget callback, where the traceback would only reach the
  server log; once the missing cell has run, the next slider move works.
* In a kernel, the CONTRIBUTING slider pattern (precompute / figure + ``show`` /
  slider cell) run out of order: same readout message, no error output.
* In a kernel, notebook 02: the slider cell run first, the figure cell before
  the sweep, the sweep re-run with a different grid after the slider exists
  (the slider keeps showing its own grid's true numbers).
* In a kernel, EVERY notebook with each cell run twice in a row: both outputs
  must equal the stored one. The kernel has one thread and ``MPLBACKEND=Agg`` (as in many Docker images
  and CI runners), so this is also the series' one-thread run against the stored outputs, and a figure
  shows only thanks to ``%matplotlib inline`` (``test_agg_backend_hides_figures_unless_matplotlib_inline``).
  In the same kernel afterwards, the site's flipbook frames are written to its cache (build/site_cache; the
  site build then renders none itself), and the slider rebind check (``tests/slider_rebind.py``): each slider
  cell re-run with its figure cells, then every slider, old and new, moved; one notebook run serves all three.
"""

from __future__ import annotations

import html
import os
import pathlib
import shutil
import sys
import tempfile

import nbformat
import pytest
from nbclient import NotebookClient
from slider_rebind import rebind_and_move

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "scripts"))
import site_frames  # noqa: E402

import d2lmini as d2l

ROOT = pathlib.Path(__file__).resolve().parents[1]
NB02 = ROOT / "notebooks" / "02_l2_penalty_from_scratch.ipynb"
SITE_CACHE = ROOT / "build" / "site_cache"   # scripts/site_build.py's frame cache
HINT = "run the cells above this one first"   # shown for a NameError
IGNORE_MARKERS = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")


# --------------------------------------------------------------------------- in-process
def _slider(update):
    fig, ax = d2l.new_figure(figsize=(2, 1.5))
    (line,) = ax.plot([0, 1, 2], [0, 0, 0])
    grid = [0.0, 0.1, 1.0]
    return d2l.SliderFigure(fig, lambda lambd: update(line, grid, lambd), lambd=d2l.GridSlider(grid, value=0.1)), grid


def test_update_before_precompute_shows_message_then_recovers():
    namespace: dict = {}                                       # stands for the notebook's globals
    exec("def update(line, grid, lambd):\n"
         "    line.set_ydata(curves[grid.index(lambd)])\n"     # NameError until "precompute" ran
         "    return f'λ = {lambd:g}'", namespace)

    sf, grid = _slider(namespace["update"])                    # no exception escapes the constructor
    assert "NameError: name &#x27;curves&#x27; is not defined" in sf.readout.value
    assert HINT in sf.readout.value and sf.image.value == b""
    sf.controls["lambd"].value = 1.0                           # a slider move: still no exception
    assert "NameError" in sf.readout.value
    namespace["curves"] = [[v, v, v] for v in grid]            # the precompute cell runs
    sf.controls["lambd"].value = 0.0
    assert sf.readout.value == "<code>λ = 0</code>" and sf.image.value[:4] == b"\x89PNG"


def test_value_not_on_a_changed_grid_shows_message():
    def update(line, grid, lambd):
        return f"k = {[0.0, 1.0].index(lambd)}"                # the grid was re-made without 0.1

    sf, _ = _slider(update)
    assert "ValueError" in sf.readout.value and "0.1 is not in list" in sf.readout.value


def test_render_error_shows_message():
    """Data that no longer fit the figure fail when drawn: that too lands in the readout."""
    def update(line, grid, lambd):
        line.set_ydata([1.0, 2.0])                             # 2 values for 3 x positions
        return "drawn"

    sf, _ = _slider(update)
    assert "ValueError: shape mismatch" in sf.readout.value and sf.image.value == b""


# --------------------------------------------------------------------------- kernel helpers
class Kernel:
    """One fresh ``python3`` kernel; ``run(source)`` returns the cell's outputs (errors included)."""

    def __init__(self, workdir: pathlib.Path):
        self.scratch = pathlib.Path(tempfile.mkdtemp(prefix="wdlab-ooo-", dir=workdir))
        self.nb = nbformat.v4.new_notebook()
        self.nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        self.client = NotebookClient(self.nb, timeout=300, kernel_name="python3", allow_errors=True,
                                     record_timing=False, resources={"metadata": {"path": str(workdir)}})
        self._mp = pytest.MonkeyPatch()
        self._mp.setenv("JUPYTER_RUNTIME_DIR", str(self.scratch / "runtime"))
        env = dict(os.environ, IPYTHONDIR=str(self.scratch / "ipy"), MPLCONFIGDIR=str(self.scratch / "mpl"),
                   PYDEVD_DISABLE_FILE_VALIDATION="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
        self._ctx = self.client.setup_kernel(env=env)
        self._ctx.__enter__()

    def run(self, source: str):
        cell = nbformat.v4.new_code_cell(source)
        self.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.nb.cells) - 1)
        return cell.outputs

    def close(self):
        self._ctx.__exit__(None, None, None)
        self._mp.undo()


@pytest.fixture
def kernel(tmp_path):
    k = Kernel(tmp_path)
    yield k
    k.close()


def texts(outputs) -> list[str]:
    out = []
    for o in outputs:
        if o.output_type == "stream":
            out.append(f"[{o.name}] {o.text}")
        elif o.output_type == "error":
            out.append(f"[error] {o.ename}: {o.evalue}")
        elif o.output_type in ("execute_result", "display_data"):
            out += [f"[{m}] {v}" for m, v in sorted(o.data.items()) if not m.startswith(("image/", "application/"))]
    merged: list[str] = []
    for t in out:   # merge consecutive chunks of one stream
        if merged and t.startswith("[stdout] ") and merged[-1].startswith("[stdout] "):
            merged[-1] += t[len("[stdout] "):]
        else:
            merged.append(t)
    return merged


def errors(outputs) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]


FIND_SLIDER = "sf = [v for v in Out.values() if isinstance(v, d2l.SliderFigure)][-1]"


# --------------------------------------------------------------------------- the slider pattern, in a kernel
PATTERN = {
    "imports": "import d2lmini as d2l\nimport torch",
    "precompute": "grid = d2l.lambda_grid(0.01, 1, 3)\ncurves = {lam: torch.linspace(0, 1, 5) * lam for lam in grid}",
    "figure": ("fig, ax = d2l.new_figure(figsize=(3, 2))\nline, = ax.plot(range(5), [0.0] * 5)\n\n"
               "def show(lambd):\n    line.set_ydata(curves[lambd])\n    return f'λ = {lambd:g}'"),
    "slider": "# NBVAL_IGNORE_OUTPUT\nd2l.SliderFigure(fig, show, lambd=d2l.GridSlider(grid, value=0.1))",
}


def test_pattern_slider_before_precompute_in_kernel(kernel):
    kernel.run(PATTERN["imports"])
    kernel.run("grid = [0.0, 0.1, 1.0]")            # an old grid from an earlier session, curves never made
    assert errors(kernel.run(PATTERN["figure"])) == []
    slider_out = kernel.run(PATTERN["slider"])
    assert errors(slider_out) == [] and not any(o.output_type == "stream" for o in slider_out)
    readout = kernel.run(FIND_SLIDER + "\nprint(sf.readout.value)")
    assert "NameError" in texts(readout)[0] and "curves" in texts(readout)[0] and HINT in texts(readout)[0]
    kernel.run(PATTERN["precompute"])               # the student runs the missing cell ...
    moved = kernel.run("sf.controls['lambd'].value = 1.0\nprint(sf.readout.value)")   # ... and moves the slider
    assert texts(moved) == ["[stdout] <code>λ = 1</code>\n"]


# --------------------------------------------------------------------------- notebook 02, in a kernel
def _nb02_cells():
    if not NB02.exists():
        pytest.skip(f"{NB02.name} not there yet")
    cells = [c for c in nbformat.read(NB02, as_version=4).cells if c.cell_type == "code"]

    def find(*needles, exclude="# NBVAL_IGNORE_OUTPUT"):
        hits = [c for c in cells if all(n in c.source for n in needles) and exclude not in c.source]
        if len(hits) != 1:
            pytest.skip(f"{NB02.name}: no unique cell with {needles} (found {len(hits)})")
        return hits[0]

    return cells, {
        "imports": cells[0],
        "data": find("synthetic_data(true_w", "load_array((X_train"),
        "sweep": find("train_lambda_grid(grid"),
        "figure": find("def show("),
        "slider": find("d2l.SliderFigure(", exclude="\0"),
    }


@pytest.fixture
def nb02_kernel(tmp_path):
    cells, named = _nb02_cells()
    shutil.copyfile(NB02, tmp_path / NB02.name)
    k = Kernel(tmp_path)
    yield k, cells, named
    k.close()


def test_nb02_slider_cell_first(nb02_kernel):
    kernel, _, named = nb02_kernel
    assert errors(kernel.run(named["slider"].source)) == ["NameError: name 'd2l' is not defined"]
    kernel.run(named["imports"].source)
    assert errors(kernel.run(named["slider"].source)) == ["NameError: name 'fig' is not defined"]


def test_nb02_figure_before_sweep(nb02_kernel):
    kernel, _, named = nb02_kernel
    kernel.run(named["imports"].source)
    kernel.run(named["data"].source)
    assert errors(kernel.run(named["figure"].source)) == ["NameError: name 'sweep' is not defined"]


def test_nb02_grid_changed_after_slider(nb02_kernel):
    """The sweep cell (which also defines ``grid``) re-run with a coarser grid after the slider exists.

    The existing slider must stay consistent with its own grid and figure: for every value it offers
    it shows the numbers of the FULL sweep (``show`` binds ``grid`` and ``H`` when it is defined).
    Before that fix it looked the index up in the new ``grid`` but the row in the old ``H``, and
    silently showed another lambda's numbers.
    """
    kernel, _, named = nb02_kernel
    for key in ("imports", "data", "sweep", "figure", "slider"):
        assert errors(kernel.run(named[key].source)) == [], key
    full = kernel.run("\n".join(f"print(show({v}))" for v in (0.0, 0.316, 3.16)))
    want = [f"<code>{html.escape(line)}</code>" for line in texts(full)[0].removeprefix("[stdout] ").splitlines()]
    assert len(want) == 3 and want[1].startswith("<code>λ = 0.316: ")
    coarse = named["sweep"].source.replace("d2l.lambda_grid(1e-3, 100, 21)", "d2l.lambda_grid(1e-3, 100, 5)")
    assert coarse != named["sweep"].source, "the sweep cell changed: update this test"
    assert errors(kernel.run(coarse.replace("num_epochs=100", "num_epochs=2"))) == []
    moved = kernel.run(FIND_SLIDER + "\n" + "\n".join(
        f"sf.controls['lambd'].value = {v}\nprint(sf.readout.value)" for v in (0.0, 0.316, 3.16)))
    assert errors(moved) == []
    assert texts(moved)[0].removeprefix("[stdout] ").splitlines() == want


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def every_cell_twice(path: pathlib.Path, tmp_path: pathlib.Path, then=None, frames_to: pathlib.Path | None = None):
    """Run a notebook top to bottom in a fresh kernel, each code cell twice in a row; returns the cells whose 2nd
    output differs from the 1st, the cells whose 1st output differs from the stored one, and ``then(run, cells)``
    called in the same kernel afterwards (``run(source)`` returns stdout and fails on an error).

    With ``frames_to`` (the site's frame cache, build/site_cache), before ``then`` moves any slider, the same kernel
    also writes the site's flipbook frames there, as ``scripts/site_frames.py`` would in a kernel of its own (the
    site build then finds them cached; tests/test_site.py compares a frame per flipbook, pixel for pixel, with one it
    renders in a fresh kernel that ran the notebook only up to the slider cell)."""
    shutil.copyfile(path, tmp_path / path.name)
    all_cells = nbformat.read(path, as_version=4).cells
    cells = [c for c in all_cells if c.cell_type == "code"]
    position = [i for i, c in enumerate(all_cells) if c.cell_type == "code"]   # code cell k -> notebook cell index
    slider_ids = {}   # notebook cell index -> widget model ids its last run displayed
    kernel = Kernel(tmp_path)

    def run(source: str) -> str:
        outputs = kernel.run(source)
        assert not errors(outputs), f"{source[:200]!r} failed: {errors(outputs)}"
        return "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")

    try:
        differ, drift = [], []
        for k, cell in enumerate(cells):
            if cell.source.lstrip().startswith(IGNORE_MARKERS):
                outputs = kernel.run(cell.source)
                if site_frames.is_slider_cell(cell):
                    slider_ids[position[k]] = [o.data[site_frames.WIDGET_MIME]["model_id"] for o in outputs
                                                         if site_frames.WIDGET_MIME in o.get("data", {})]
                continue
            once, twice = texts(kernel.run(cell.source)), texts(kernel.run(cell.source))
            assert not [t for t in once if t.startswith("[error]")], f"code cell {k} failed: {once}"
            head = cell.source.strip().splitlines()[0]
            if once != twice:
                differ.append(f"code cell {k} ({head!r}):\n  1st {once}\n  2nd {twice}")
            if once != texts(cell.outputs):
                drift.append(f"code cell {k} ({head!r}):\n  stored {texts(cell.outputs)}\n  now    {once}")
        if frames_to is not None and slider_ids:
            write_site_frames(run, path, frames_to, slider_ids)
        after = then(run, list(enumerate(c.source for c in cells))) if then else None
    finally:
        kernel.close()
    return differ, drift, after


def write_site_frames(run, path: pathlib.Path, cache: pathlib.Path, slider_ids: dict[int, list[str]]) -> None:
    """The site's frames for ``path`` from this kernel into ``cache`` (skipped when they are there already)."""
    folder = site_frames.cache_folder(cache, path)
    if (folder / "manifest.json").is_file():
        return
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".ooo-{folder.name}-{os.getpid()}"   # a dot: the site build's clean-up leaves it alone
    shutil.rmtree(tmp, ignore_errors=True)
    run(site_frames.capture_source(sorted([i, ids] for i, ids in slider_ids.items()), tmp))
    try:
        tmp.rename(folder)
    except OSError:   # another run cached them meanwhile
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_cell_twice_in_a_row(path, tmp_path):
    """Each code cell twice in a row (one thread, Agg backend): the 2nd output of a cell must equal its 1st, and (a
    cell run twice should not change what the next cells compute) every 1st output must equal the stored one. This
    caught notebook 02's data cell drawing new data when re-run (its seed was only set in the first cell).
    Then the slider rebind check in the same kernel: every slider keeps working after its cells are re-run.
    """
    differ, drift, report = every_cell_twice(path, tmp_path, then=rebind_and_move, frames_to=SITE_CACHE)
    assert not differ, "re-running a cell gave a different output:\n" + "\n".join(differ)
    assert not drift, "after re-running earlier cells, outputs differ from the stored ones:\n" + "\n".join(drift)
    assert report["slider_cells"], f"{path.name} has no slider (every notebook has lambda sliders)"
    assert report["sliders"] >= 2 * len(report["slider_cells"]), report   # the old ones and the new ones
    assert not report["problems"], f"{path.name} (re-ran {report['reruns']}):\n" + "\n".join(report["problems"])


def test_agg_backend_hides_figures_unless_matplotlib_inline(tmp_path):
    """The every-cell-twice kernel has MPLBACKEND=Agg: a figure shows only thanks to ``%matplotlib inline``
    (issue 12, item 22). Both notebooks are stored from a normal run (backend unset, as
    scripts/execute_notebooks.py does); the one with the magic passes, the one without loses its figure."""
    figure = "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.show()"
    for name, first in (("with_magic", "%matplotlib inline"), ("without_magic", "print('no magic')")):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(first), nbformat.v4.new_code_cell(figure)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        env = dict(os.environ, OMP_NUM_THREADS="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
                   IPYTHONDIR=str(tmp_path / "ipy"), MPLCONFIGDIR=str(tmp_path / "mpl"))
        env.pop("MPLBACKEND", None)
        (tmp_path / name).mkdir()
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path / name)}}).execute(env=env)
        assert any("image/png" in o.get("data", {}) for o in nb.cells[1].outputs), "the stored run shows the figure"
        path = tmp_path / name / f"{name}.ipynb"
        nbformat.write(nb, path)
        (tmp_path / name / "run").mkdir()
        differ, drift, _ = every_cell_twice(path, tmp_path / name / "run")
        assert not differ
        if name == "with_magic":
            assert not drift, drift
        else:
            assert len(drift) == 1 and "Figure size" in drift[0], drift
