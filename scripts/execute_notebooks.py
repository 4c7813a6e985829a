"""Execute notebooks top to bottom in a fresh kernel and store their outputs.

Usage: python scripts/execute_notebooks.py [--keep-run-time] [notebooks/NAME.ipynb ...]
(no argument: every notebook in notebooks/). Outputs must only ever come
from this script, never from hand edits. Timing metadata is not recorded.

Run times have ONE source: this script measures each notebook's run (kernel start to last cell, in a fresh
kernel) and writes it, rounded up to a multiple of 5 s, both into the notebook's first markdown cell (the
phrase ``**Run time:** about N s``; appended there if missing) and into README's series table (the row that
names the notebook file; its cell ``about N s``). ``tests/test_notebook_hygiene.py`` asserts they agree.
Run it on an idle machine: the figure is what a learner on 2 CPU cores waits for. On a busy machine pass
``--keep-run-time``: the outputs are stored, the stated run time stays as it was.
"""

from __future__ import annotations

import math
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RUN_TIME_RE = re.compile(r"\*\*Run time:\*\* about (\d+) s")
README_TIME_RE = re.compile(r"about (\d+) s")


def rounded_seconds(elapsed: float) -> int:
    """Round up to a multiple of 5 s (at least 5): stable across runs, never promises too little."""
    return max(5, 5 * math.ceil(elapsed / 5))


def set_notebook_run_time(nb, seconds: int) -> None:
    """Write ``**Run time:** about N s`` into the first markdown cell (append the phrase if it is missing)."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        raise ValueError("the notebook has no markdown cell to state its run time in")
    phrase = f"**Run time:** about {seconds} s"
    if RUN_TIME_RE.search(first.source):
        first.source = RUN_TIME_RE.sub(phrase, first.source, count=1)
    else:
        first.source = first.source.rstrip("\n") + "\n\n" + phrase


def readme_row(text: str, name: str) -> int:
    """Index of README's series-table line that names ``name`` (a line starting with ``|``)."""
    rows = [i for i, line in enumerate(text.splitlines()) if line.startswith("|") and f"`{name}`" in line]
    if len(rows) != 1:
        raise ValueError(f"README.md needs exactly one series-table row naming `{name}` (found {len(rows)}): "
                         "add a row like | NN | `NN_name.ipynb` | what it teaches | about 10 s | 45 min |")
    return rows[0]


def set_readme_run_time(text: str, name: str, seconds: int) -> str:
    lines = text.splitlines(keepends=True)
    i = readme_row(text, name)
    if not README_TIME_RE.search(lines[i]):
        raise ValueError(f"README.md row for `{name}` has no 'about N s' cell: {lines[i].strip()}")
    lines[i] = README_TIME_RE.sub(f"about {seconds} s", lines[i], count=1)
    return "".join(lines)


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive chunks of one stream, so the stored file does not depend on output timing."""
    merged: list = []
    for out in outputs:
        if (out.output_type == "stream" and merged and merged[-1].output_type == "stream"
                and merged[-1].name == out.name):
            merged[-1].text += out.text
        else:
            merged.append(out)
    return merged


def execute(path: pathlib.Path, timeout: int = 600, keep_run_time: bool = False) -> float:
    """Run ``path`` in place with kernel ``python3``, write its run time into it; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
    if not keep_run_time:
        set_notebook_run_time(nb, rounded_seconds(elapsed))
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    tmp = tempfile.mkdtemp(prefix="wdlab-exec-")
    os.environ.setdefault("MPLCONFIGDIR", tmp)
    os.environ.setdefault("IPYTHONDIR", tmp)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    if any(a.startswith("-") and a != "--keep-run-time" for a in argv):
        print(__doc__.split("\n\n")[1])   # -h, --help or an unknown option: the usage, not a traceback
        return 0 if {"-h", "--help"} & set(argv) else 2
    keep = "--keep-run-time" in argv   # a run on a loaded machine: keep the stated (idle) run time
    paths = [pathlib.Path(a) for a in argv if a != "--keep-run-time"] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    try:
        for path in paths:
            path = path.resolve()
            in_series = path.parent == ROOT / "notebooks"
            if in_series:   # fail before running, not after
                readme_row(README.read_text(encoding="utf-8"), path.name)
            elapsed = execute(path, keep_run_time=keep)
            seconds = rounded_seconds(elapsed)
            if keep:
                print(f"{path.name}: executed in {elapsed:.1f} s; run time left as stated", flush=True)
                continue
            if in_series:
                README.write_text(set_readme_run_time(README.read_text(encoding="utf-8"), path.name, seconds),
                                  encoding="utf-8")
            print(f"{path.name}: executed in {elapsed:.1f} s; notebook header and README say about {seconds} s",
                  flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
