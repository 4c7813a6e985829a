"""CPU seconds per notebook, and how much of them is plumbing (issue 22: CPU is what limits a lab).

    python bench/notebook_cpu.py                         # every notebooks/*.ipynb
    python bench/notebook_cpu.py notebooks/03_*.ipynb --json out.json

Each notebook runs top to bottom in a fresh ``python3`` kernel (nbclient, a temporary copy of the folder,
OMP_NUM_THREADS=1 as README's hub settings give each student; ``--threads`` to change). Measured in the kernel
process (psutil: user + system CPU of the kernel and its children):

* ``total``: kernel CPU from start to the end of the last cell (what one student's Run All costs a hub, and
  what one autograded submission costs);
* ``start``: the kernel's own start-up (before the first cell);
* ``setup``: the first code cell (imports: torch, matplotlib, d2lmini);
* ``figures``: CPU inside matplotlib's renderer (``FigureCanvasBase.print_figure`` and Agg ``draw``, nested calls
  counted once): inline figures, PNGs for sliders, Animator frames;
* ``slider cells``: cells that create a slider (``SliderFigure`` / ``GridSlider`` / ipywidgets), including any
  grid they precompute and their first picture; of which figures;
* the three most expensive cells, with their first line.

What is "plumbing" (figure rendering, slider grids, repeated set-up) is for the notebook owners to cut; the
experiments and their Monte Carlo sizes are not. A benchmark, not a test: prints a table, exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient
from nbclient.util import run_sync

ROOT = Path(__file__).resolve().parents[1]
SLIDER_WORDS = ("SliderFigure(", "GridSlider(", "widgets.", "interact(")

# Run in the kernel before the notebook (not stored anywhere): accumulate CPU spent rendering figures.
PROBE = r"""
def _wdlab_probe():
    import threading, time
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    state = threading.local()
    total = [0.0]
    def wrap(fn):
        def inner(*args, **kwargs):
            depth = getattr(state, "depth", 0)
            state.depth = depth + 1
            start = time.process_time() if depth == 0 else None
            try:
                return fn(*args, **kwargs)
            finally:
                state.depth = depth
                if start is not None:
                    total[0] += time.process_time() - start
        inner.__wrapped__ = fn
        return inner
    FigureCanvasBase.print_figure = wrap(FigureCanvasBase.print_figure)
    FigureCanvasAgg.draw = wrap(FigureCanvasAgg.draw)
    return total
_wdlab_figure_cpu = _wdlab_probe()
del _wdlab_probe
"""


def kernel_cpu(pid: int) -> float:
    proc = psutil.Process(pid)
    t = proc.cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def measure(path: Path, threads: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="wdlab-cpu-") as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns(".*"))
        nb = nbformat.read(work / path.name, as_version=4)
        os.environ.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
                          MPLCONFIGDIR=str(Path(tmp) / "mpl"), IPYTHONDIR=str(Path(tmp) / "ipython"),
                          PYDEVD_DISABLE_FILE_VALIDATION="1")
        client = NotebookClient(nb, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(work)}})
        cells, fig_before = [], 0.0
        wall = time.perf_counter()
        with client.setup_kernel():
            pid = client.km.provisioner.process.pid
            start = kernel_cpu(pid)
            run_hidden(client, PROBE)   # not a notebook cell; its matplotlib import would come in 'setup' anyway
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                before = kernel_cpu(pid)
                client.execute_cell(cell, index)
                after = kernel_cpu(pid)
                fig_now = read_figure_cpu(client)
                cells.append({"index": index, "first_line": cell.source.strip().splitlines()[0][:70] if cell.source
                              else "", "cpu": after - before, "figures": fig_now - fig_before,
                              "slider": any(w in cell.source for w in SLIDER_WORDS)})
                fig_before = fig_now
        wall = time.perf_counter() - wall
    return {"notebook": path.name, "threads": threads, "wall": wall, "start": start,
            "total": start + sum(c["cpu"] for c in cells),   # the probe's own reads are left out
            "setup": cells[0]["cpu"] if cells else 0.0, "figures": sum(c["figures"] for c in cells),
            "slider_cells": sum(c["cpu"] for c in cells if c["slider"]),
            "slider_figures": sum(c["figures"] for c in cells if c["slider"]),
            "cells": sorted(cells, key=lambda c: -c["cpu"])[:3], "load": os.getloadavg()}


def run_hidden(client: NotebookClient, code: str) -> str:
    """Run ``code`` in the notebook's kernel outside the notebook (no cell is added or replaced); its stdout."""
    box: list[str] = []

    def hook(msg):
        if msg["header"]["msg_type"] == "stream":
            box.append(msg["content"]["text"])
    reply = run_sync(client.kc.execute_interactive)(code, output_hook=hook, timeout=60, store_history=False)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"probe failed: {reply['content'].get('evalue')}")
    return "".join(box)


def read_figure_cpu(client: NotebookClient) -> float:
    """The probe's running total of CPU seconds spent rendering figures."""
    return float(run_hidden(client, "print(_wdlab_figure_cpu[0])").strip() or 0.0)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", type=Path)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores",
          flush=True)
    results = []
    print("| notebook | kernel CPU s | start | setup (imports) | figures | slider cells (of which figures) | "
          "wall s | load avg 1 min |")
    print("|---|---|---|---|---|---|---|---|")
    for path in paths:
        r = measure(path.resolve(), args.threads)
        results.append(r)
        print(f"| {r['notebook']} | {r['total']:.1f} | {r['start']:.1f} | {r['setup']:.1f} | {r['figures']:.1f} "
              f"({100 * r['figures'] / r['total']:.0f}%) | {r['slider_cells']:.1f} ({r['slider_figures']:.1f}) | "
              f"{r['wall']:.0f} | {r['load'][0]:.1f} |", flush=True)
    print(f"\nseries: {sum(r['total'] for r in results):.0f} kernel CPU seconds per student "
          f"({args.threads} thread(s) per kernel); most expensive cells:")
    for r in results:
        for c in r["cells"]:
            print(f"  {r['notebook']} cell {c['index']}: {c['cpu']:.1f} s (figures {c['figures']:.1f} s)"
                  f"{' [slider]' if c['slider'] else ''}  {c['first_line']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
