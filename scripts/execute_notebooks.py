"""Execute notebooks top to bottom in a fresh kernel and store their outputs.

Usage: python scripts/execute_notebooks.py [notebooks/NAME.ipynb ...]
(no argument: every notebook in notebooks/). Outputs must only ever come
from this script, never from hand edits. Timing metadata is not recorded,
so re-running on unchanged code leaves the files byte-identical.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]


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


def execute(path: pathlib.Path, timeout: int = 600) -> float:
    """Run ``path`` in place with kernel ``python3``; return the seconds it took."""
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
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    tmp = tempfile.mkdtemp(prefix="wdlab-exec-")
    os.environ.setdefault("MPLCONFIGDIR", tmp)
    os.environ.setdefault("IPYTHONDIR", tmp)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    paths = [pathlib.Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    try:
        for path in paths:
            print(f"{path.name}: executed in {execute(path):.1f} s", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
