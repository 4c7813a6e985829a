"""Reproducibility: where each kind of run happens, and proof that the machinery can fail.

The notebooks themselves are run for reproducibility twice, each in a fresh kernel and compared with its stored
outputs (every text output; images and ``# NBVAL_IGNORE_OUTPUT`` cells aside):

1. by nbval in ``scripts/test.sh``: a fresh copy of ``notebooks/*.ipynb`` (globbed: any later notebook is included)
   in an empty temporary folder, in a shuffled order (fixed seed, printed), ``OMP_NUM_THREADS=2``: a notebook that
   silently relies on another having run first (a file it wrote) fails;
2. in ``tests/test_out_of_order.py``, each cell twice in a row, ``OMP_NUM_THREADS=1`` and ``MPLBACKEND=Agg``: output
   that depends on the thread count fails (run 1 has 2 threads), and so does a notebook whose figures vanish under a
   non-interactive backend (``%matplotlib inline`` prevents it; that file's
   ``test_agg_backend_hides_figures_unless_matplotlib_inline`` proves the comparison catches it).

With seven notebooks (2026-12-03) two more nbval runs went, for the 20-minute budget, because these two check all
they checked: an in-place run (the fresh shuffled copy is stricter) and a 1-thread Agg run (the every-cell-twice run
already compared every first output with the stored one on one thread, so the Agg backend moved there). An earlier
version of this file ran every notebook twice more, with 1 and 2 threads: the same comparison again, so it went too.

The tests below run nbval on tiny notebooks to show that those runs catch what they are meant to catch.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TEST_SH = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")


def notebook(path: pathlib.Path, *sources: str) -> pathlib.Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def kernel_env(tmp: pathlib.Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, IPYTHONDIR=str(tmp / "ipy"), MPLCONFIGDIR=str(tmp / "mpl"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.pop("MPLBACKEND", None)
    env.update(extra)
    return env


def store_outputs(path: pathlib.Path, env: dict[str, str]) -> None:
    """Execute in a fresh kernel and store the outputs, as scripts/execute_notebooks.py does."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    nbformat.write(nb, path)


def nbval(paths: list[pathlib.Path], env: dict[str, str]) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                           "--rootdir", str(paths[0].parent), *map(str, paths)],
                          cwd=paths[0].parent, env=env, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def test_notebooks_found():
    assert NOTEBOOKS, "no notebooks/*.ipynb: nbval would test nothing"


def test_test_sh_runs_nbval_once_as_documented():
    """Run 1 above is what scripts/test.sh really does, and run 2 is in the every-cell-twice kernel (so this
    docstring cannot drift)."""
    assert TEST_SH.count("--nbval") == 1
    assert "random.Random" in TEST_SH and "notebooks/*.ipynb" in TEST_SH          # run 1: shuffled fresh copy
    ooo = (ROOT / "tests" / "test_out_of_order.py").read_text(encoding="utf-8")
    assert 'OMP_NUM_THREADS="1", MPLBACKEND="Agg"' in ooo                           # run 2


def test_fresh_copy_in_shuffled_order_catches_a_hidden_dependency(tmp_path):
    """B reads a file that A writes. In place, A then B, it passes; in a fresh copy with B first, B fails."""
    src = tmp_path / "src"
    src.mkdir()
    a = notebook(src / "a.ipynb", "open('left_behind.txt', 'w').write('42')\nprint('wrote')")
    b = notebook(src / "b.ipynb", "print(open('left_behind.txt').read())")
    env = kernel_env(tmp_path)
    store_outputs(a, env)
    store_outputs(b, env)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for p in (a, b):
        shutil.copyfile(p, fresh / p.name)
    rc, out = nbval([fresh / "b.ipynb", fresh / "a.ipynb"], env)      # the shuffled order: B first
    assert rc == 1 and "FileNotFoundError" in out and "1 failed" in out, out[-3000:]
