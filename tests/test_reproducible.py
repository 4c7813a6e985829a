"""Every notebook gives the same text outputs with 1 and 2 threads, in any order, as stored.

For each ``notebooks/*.ipynb`` (globbed, so a new notebook is picked up):

* it is copied to a temp dir and executed with nbclient in a fresh kernel with
  ``OMP_NUM_THREADS=1``, and again with ``OMP_NUM_THREADS=2`` (set in the
  kernel's environment);
* the text outputs (stream text, ``text/plain``, ``text/html`` and every other
  non-image mime type, error names/values) must be identical between the two
  runs AND equal to the outputs stored in the repository;
* all notebooks are also run one after the other in a shuffled order (fixed
  seed) in ONE shared temp dir, each in a fresh kernel (a restart), so a notebook
  that silently relies on another having run first (a file it wrote, say) fails.

Images (``image/*``), widget views and cells whose first line is exactly
``# NBVAL_IGNORE_OUTPUT`` (or ``# NBVAL_SKIP``, or with the matching tag) are
not compared. The 2-thread runs double as the shuffled-order runs, so each
notebook is executed twice in all. Marked ``slow`` (minutes); CI runs them.
"""

from __future__ import annotations

import difflib
import os
import pathlib
import random
import shutil
import tempfile
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = pathlib.Path(__file__).resolve().parents[1]
# WDLAB_NOTEBOOK_DIR: test another folder (e.g. a deliberately altered copy, to see a failure)
NOTEBOOK_DIR = pathlib.Path(os.environ.get("WDLAB_NOTEBOOK_DIR", ROOT / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
ORDER_SEED = 20261122
IGNORE_MARKERS = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}
IGNORED_MIME = ("image/", "application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json")


# --------------------------------------------------------------------------- execution
def kernel_env(threads: int | None, scratch: pathlib.Path) -> dict[str, str]:
    """The kernel's environment: ours plus the thread count and private config dirs."""
    env = dict(os.environ)
    env.update(IPYTHONDIR=str(scratch / "ipython"), MPLCONFIGDIR=str(scratch / "mpl"),
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    if threads is not None:
        env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(threads)
    return env


def execute(src: pathlib.Path, workdir: pathlib.Path, threads: int | None, timeout: int = 600):
    """Copy ``src`` into ``workdir``, run it top to bottom in a fresh ``python3`` kernel.

    Returns ``(stored, executed, seconds)``: ``stored`` is the copy as read before running (its
    stored outputs), so a notebook edited on disk meanwhile is not compared with the wrong version.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / src.name
    shutil.copyfile(src, path)
    nb = nbformat.read(path, as_version=4)
    stored = nbformat.from_dict(nb)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="wdlab-kernel-", dir=workdir))
    start = time.perf_counter()
    with pytest.MonkeyPatch.context() as mp:   # connection files out of the home folder
        mp.setenv("JUPYTER_RUNTIME_DIR", str(scratch / "runtime"))
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(workdir)}})
        client.execute(env=kernel_env(threads, scratch))
    return stored, nb, time.perf_counter() - start


# --------------------------------------------------------------------------- comparison
def ignored(cell) -> bool:
    first = cell.source.lstrip().splitlines()[0].strip() if cell.source.strip() else ""
    return first in IGNORE_MARKERS or bool(IGNORE_TAGS & set(cell.metadata.get("tags", [])))


def text_outputs(cell) -> list[str]:
    """The compared text of one code cell: consecutive stream chunks merged, images dropped."""
    parts: list[str] = []
    last_stream = None
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            if last_stream == out.get("name"):
                parts[-1] += out.get("text", "")
            else:
                parts.append(f"[{out.get('name')}] " + out.get("text", ""))
            last_stream = out.get("name")
            continue
        last_stream = None
        if kind in ("execute_result", "display_data"):
            for mime, value in sorted(out.get("data", {}).items()):
                if not mime.startswith(IGNORED_MIME):
                    parts.append(f"[{mime}] " + (value if isinstance(value, str) else repr(value)))
        elif kind == "error":
            parts.append(f"[error] {out.get('ename')}: {out.get('evalue')}")
    return parts


def compare(a, b, label_a: str, label_b: str, name: str) -> int:
    """Fail at the first code cell whose text outputs differ; return the number of cells compared."""
    cells_a = [c for c in a.cells if c.cell_type == "code"]
    cells_b = [c for c in b.cells if c.cell_type == "code"]
    assert len(cells_a) == len(cells_b), (f"{name}: {len(cells_a)} code cells in {label_a}, {len(cells_b)} in "
                                          f"{label_b} (was the notebook edited on disk while the test ran?)")
    compared = 0
    for k, (ca, cb) in enumerate(zip(cells_a, cells_b, strict=True)):
        assert ca.source == cb.source, (f"{name}: code cell {k} has different source in {label_a} and {label_b} "
                                        "(was the notebook edited on disk while the test ran?)")
        if ignored(ca):
            continue
        ta, tb = "\n".join(text_outputs(ca)), "\n".join(text_outputs(cb))
        compared += 1
        if ta != tb:
            diff = "\n".join(difflib.unified_diff(ta.splitlines(), tb.splitlines(), label_a, label_b,
                                                  lineterm="", n=1))
            first_line = ca.source.strip().splitlines()[0] if ca.source.strip() else ""
            pytest.fail(
                f"{name}: code cell {k} (index {a.cells.index(ca)} in the notebook, starts {first_line!r}) "
                f"differs between {label_a} and {label_b}.\n"
                f"--- {label_a}:\n{ta}\n--- {label_b}:\n{tb}\n--- diff:\n{diff}", pytrace=False)
    return compared


# --------------------------------------------------------------------------- shared runs
@pytest.fixture(scope="module")
def shuffled_runs(tmp_path_factory):
    """Every notebook once, in a shuffled order, in one shared dir, each in a fresh kernel (2 threads)."""
    order = list(NOTEBOOKS)
    random.Random(ORDER_SEED).shuffle(order)
    shared = tmp_path_factory.mktemp("shuffled")
    results = {}
    for src in order:
        try:
            results[src.name] = execute(src, shared, threads=2)
        except CellExecutionError as exc:
            results[src.name] = exc
    return [s.name for s in order], results


def _ran(results, name):
    got = results[name]
    if isinstance(got, Exception):
        pytest.fail(f"{name} raised when run in a fresh kernel (2 threads):\n{str(got)[-3000:]}", pytrace=False)
    return got


def test_notebooks_found():
    assert NOTEBOOKS, f"no *.ipynb in {NOTEBOOK_DIR}: the reproducibility tests would test nothing"


@pytest.mark.slow
@pytest.mark.parametrize("src", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_same_text_with_1_and_2_threads_and_as_stored(src, tmp_path, shuffled_runs):
    _, results = shuffled_runs
    _, two, _ = _ran(results, src.name)
    try:
        stored, one, secs = execute(src, tmp_path / "one", threads=1)
    except CellExecutionError as exc:
        pytest.fail(f"{src.name} raised in a fresh kernel with OMP_NUM_THREADS=1:\n{str(exc)[-3000:]}",
                    pytrace=False)
    n = compare(one, two, "OMP_NUM_THREADS=1", "OMP_NUM_THREADS=2", src.name)
    compare(stored, one, "stored", "fresh run (OMP_NUM_THREADS=1)", src.name)
    print(f"{src.name}: {n} code cells compared, 1-thread run {secs:.1f} s")


@pytest.mark.slow
def test_each_notebook_alone_in_shuffled_order(shuffled_runs):
    order, results = shuffled_runs
    for position, name in enumerate(order, start=1):
        stored, ran, _ = _ran(results, name)
        compare(stored, ran, "stored", f"fresh kernel, run {position} of {len(order)} in the order {order}", name)


# --------------------------------------------------------------------------- the checks can fail
TINY = """import os, torch
print("threads", torch.get_num_threads(), os.environ.get("OMP_NUM_THREADS"))"""


def _tiny_notebook(path: pathlib.Path, extra: str = "print('hello')") -> pathlib.Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TINY), nbformat.v4.new_code_cell(extra),
                nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nimport time; print(time.time())")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_kernel_gets_the_thread_count(tmp_path):
    """The env passed to the kernel really sets the thread count (else 1 vs 2 would be vacuous)."""
    src = _tiny_notebook(tmp_path / "tiny.ipynb")
    for threads in (1, 2):
        _, nb, _ = execute(src, tmp_path / f"t{threads}", threads=threads)
        assert text_outputs(nb.cells[0]) == [f"[stdout] threads {threads} {threads}\n"]


def test_a_changed_output_is_reported(tmp_path):
    """A tampered copy (one printed number changed) fails, naming the cell and showing both texts."""
    src = _tiny_notebook(tmp_path / "tiny.ipynb", "print(f'loss = {0.1234:.3g}')\n1 + 1")
    _, ran, _ = execute(src, tmp_path / "run", threads=1)
    assert compare(ran, ran, "a", "b", "tiny") == 2           # the ignored cell is skipped
    tampered = nbformat.from_dict(ran)
    tampered.cells[1].outputs[0]["text"] = "loss = 0.124\n"
    with pytest.raises(pytest.fail.Exception) as info:
        compare(tampered, ran, "stored", "fresh run", "tiny")
    msg = str(info.value)
    assert "code cell 1" in msg and "loss = 0.124" in msg and "loss = 0.123" in msg
    tampered.cells[1].outputs[1]["data"]["text/plain"] = "3"   # the execute_result
    tampered.cells[1].outputs[0]["text"] = "loss = 0.123\n"
    with pytest.raises(pytest.fail.Exception, match=r"\[text/plain\] 2"):
        compare(tampered, ran, "stored", "fresh run", "tiny")
    tampered.cells[2].outputs[0]["text"] = "anything"         # NBVAL_IGNORE_OUTPUT: not compared
    tampered.cells[1].outputs[1]["data"]["text/plain"] = "2"
    compare(tampered, ran, "stored", "fresh run", "tiny")


def test_stream_chunks_are_merged():
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a"),
                    nbformat.v4.new_output("stream", name="stdout", text="b\n"),
                    nbformat.v4.new_output("display_data", data={"image/png": "AAAA", "text/plain": "<Figure>"})]
    assert text_outputs(cell) == ["[stdout] ab\n", "[text/plain] <Figure>"]
