"""Kernel-side cost of the flipbook sliders: the first render of every grid, and what one move costs the kernel.

Run (from the repo root, in the venv):

    python bench/slider_latency.py                      # every notebooks/*.ipynb
    python bench/slider_latency.py notebooks/02_*.ipynb --steps 40
    python bench/slider_latency.py --json out.json      # also write the figures as JSON

For each notebook: execute it top to bottom in a real ``python3`` kernel (nbclient, in a temporary copy of
the notebooks folder; ``execute`` = its run time), then, in that same kernel, find every
``d2lmini.SliderFigure`` (the ipywidgets registry; no per-notebook names are used) and measure, per control:

* ``first render`` -- what the browser's first view costs the kernel: every frame of the grid requested
  through the widget's comm exactly as ``flipbook.js`` does (messages of 4 frames; the start frame was drawn
  when the cell ran), as frames x median ms per frame = total seconds;
* ``update`` / ``render`` -- ``update(**values)`` alone and ``figure_png(fig)`` alone, replayed over
  ``--steps`` grid values (medians, ms): which part of a frame dominates;
* ``browser move`` -- the kernel's whole handling of one move made in the browser (the comm ``update``
  message: the value syncs back, observers run, an echo goes out; nothing is drawn), median ms;
* ``python move`` -- ``slider.value = v`` in Python, which still draws in the kernel (median ms).

This is a benchmark, not a test: it prints a table and exits 0 (2 only if no notebook could be executed).
``bench/browser_latency.py`` measures what a student waits for in the browser, before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<<<WDLAB-BENCH>>>", "<<<END-WDLAB-BENCH>>>"

# Runs inside the kernel after the notebook; prints one JSON document between markers.
PROBE = r'''
def _wdlab_probe(steps):
    import json, statistics, time
    import d2lmini
    from d2lmini import figure_png
    from ipywidgets.widgets.widget import _instances
    found = [w for w in list(_instances.values()) if isinstance(w, d2lmini.SliderFigure)]
    names = {id(v): n for n, v in get_ipython().user_ns.items() if not n.startswith("_")}
    ms = lambda xs: [round(1000 * x, 2) for x in xs]
    rows = []
    for k, sf in enumerate(found):
        row = {"figure": k, "var": names.get(id(sf), ""), "frames": sf.size,
               "controls": [f"{n} ({c.symbol})" for n, c in sf.controls.items()]}
        # 1. the first view: every frame, asked through the comm in messages of 4 (the poster is cached)
        n0, t0 = len(sf.timings), time.perf_counter()
        missing = [i for i in range(sf.size) if i not in sf._cache]
        for i in range(0, len(missing), 4):
            sf.comm.handle_msg({"content": {"data": {"method": "custom", "content": {
                "type": "frames", "indices": missing[i:i + 4]}}}, "buffers": []})
        row.update(first_render_s=round(time.perf_counter() - t0, 3), drawn=len(sf.timings) - n0,
                   frame_ms=ms(sf.timings[n0:]))
        # 2. update vs render, replayed; 3. a browser move; 4. a move made in Python
        seq = [i % sf.size for i in range(1, steps + 1)]
        upd, ren, view, py = [], [], [], []
        start = list(sf.index)
        for i in seq:
            values = sf.values(i)
            t = time.perf_counter(); sf.update(**values); upd.append(time.perf_counter() - t)
            t = time.perf_counter(); figure_png(sf.fig); ren.append(time.perf_counter() - t)
            t = time.perf_counter()
            sf.comm.handle_msg({"content": {"data": {"method": "update", "state": {"index": sf.positions(i)},
                                                     "buffer_paths": []}}, "buffers": []})
            view.append(time.perf_counter() - t)
        for i in seq[: max(5, steps // 4)]:
            name, ctl = next(iter(sf.controls.items()))
            target = ctl.grid[sf.positions(i)[0]]
            if target == ctl.value:
                continue
            t = time.perf_counter(); ctl.value = target; py.append(time.perf_counter() - t)
        sf.comm.handle_msg({"content": {"data": {"method": "update", "state": {"index": start},
                                                 "buffer_paths": []}}, "buffers": []})
        row.update(update=ms(upd), render=ms(ren), browser_move=ms(view), python_move=ms(py),
                   readout=sf.readout.value[:200])
        rows.append(row)
    print("<<<WDLAB-BENCH>>>" + json.dumps(rows) + "<<<END-WDLAB-BENCH>>>")

_wdlab_probe(STEPS)
'''


def run_notebook(path: Path, steps: int, timeout: int, probe: bool = True) -> dict:
    """Execute ``path`` in a fresh kernel, then probe its sliders; returns a result dict."""
    tmp = Path(tempfile.mkdtemp(prefix="wdlab-bench-"))
    work = tmp / "notebooks"
    shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.ipynb"))
    shutil.copy2(path, work / path.name)
    nb = nbformat.read(work / path.name, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(work)}})
    result: dict = {"notebook": path.name}
    try:
        with client.setup_kernel():
            t0 = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            result["execute_s"] = round(time.perf_counter() - t0, 1)
            # the file as scripts/execute_notebooks.py would store it (nbclient keeps the widgets' state)
            client.set_widgets_metadata()
            result["stored_bytes"] = len(nbformat.writes(nb).encode())
            result["widget_state_bytes"] = len(json.dumps(nb.metadata.get("widgets", {})).encode())
            if not probe:   # the implementation before the flipbook: run time and size only
                return result
            probe = nbformat.v4.new_code_cell(PROBE.replace("STEPS", str(steps)))
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
        text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
        errors = [o for o in probe.outputs if o.get("output_type") == "error"]
        if errors:
            raise RuntimeError(f"probe failed: {errors[0].get('ename')}: {errors[0].get('evalue')}")
        result["sliders"] = json.loads(text[text.index(BEGIN) + len(BEGIN):text.index(END)])
    except Exception as exc:  # report and go on with the next notebook
        result["error"] = f"{type(exc).__name__}: {str(exc)[:500]}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def print_table(results: list[dict]) -> None:
    head = (f"{'notebook':<36} {'fig':>3} {'control':<12} {'run s':>6} {'frames':>6} {'ms/frame':>8} "
            f"{'first s':>7} {'update':>7} {'render':>7} {'browser':>8} {'python':>7}")
    print(head)
    print("-" * len(head))
    for r in results:
        if "error" in r:
            print(f"{r['notebook']:<36} ERROR: {r['error']}")
            continue
        if not r["sliders"]:
            print(f"{r['notebook']:<36} (no SliderFigure)  executed in {r['execute_s']} s")
            continue
        for s in r["sliders"]:
            ctl = ", ".join(s["controls"])[:12]
            print(f"{r['notebook']:<36} {s['figure']:>3} {ctl:<12} {r['execute_s']:6.1f} {s['frames']:>6} "
                  f"{med(s['frame_ms']):8.1f} {s['first_render_s']:7.2f} {med(s['update']):7.2f} "
                  f"{med(s['render']):7.1f} {med(s['browser_move']):8.2f} {med(s['python_move']):7.1f}")
    print("(medians in ms unless s; frames = grid values (product of the grids); first s = all frames drawn for "
          "the first view (the kernel is busy that long once per widget, after the cell ran); update/render = "
          "a frame's two parts; browser = the kernel's handling of one move made in the browser (no drawing); "
          "python = slider.value = v in Python (draws))")


def print_cost(before: list[dict], after: list[dict]) -> None:
    print("\nnotebook run time (fresh kernel, nbclient) and stored size (as execute_notebooks.py stores it, "
          "widget state included)")
    head = (f"{'notebook':<36} {'run s before':>12} {'after':>6} {'size kB before':>14} {'after':>6} "
            f"{'widget state kB':>20}")
    print(head)
    print("-" * len(head))
    old = {r["notebook"]: r for r in before}
    for r in after:
        b = old.get(r["notebook"], {})
        if "execute_s" not in r or "execute_s" not in b:
            continue
        print(f"{r['notebook']:<36} {b['execute_s']:12.1f} {r['execute_s']:6.1f} {b['stored_bytes'] / 1e3:14.0f} "
              f"{r['stored_bytes'] / 1e3:6.0f} {b['widget_state_bytes'] / 1e3:9.0f} -> "
              f"{r['widget_state_bytes'] / 1e3:6.0f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--steps", type=int, default=20, help="value changes per control (>= 20)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    parser.add_argument("--before", nargs="?", const="", default=None, metavar="REF",
                        help="also run the notebooks with d2lmini + notebooks at REF (default: the last commit "
                             "before the flipbook) and print run time and stored size before / after")
    args = parser.parse_args(argv)
    steps = max(args.steps, 20)
    tmp = tempfile.mkdtemp(prefix="wdlab-bench-env-")
    os.environ.setdefault("MPLCONFIGDIR", tmp)
    os.environ.setdefault("IPYTHONDIR", tmp)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not paths:
        print("no notebooks found")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"slider cost in the kernel: {len(paths)} notebook(s), {steps} steps per slider, "
          f"{os.cpu_count()} CPU(s), load average {load:.1f}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}", flush=True)
    src = None
    if args.before is not None:
        sys.path.insert(0, str(ROOT / "bench"))
        from browser_latency import default_before_ref, export_ref

        ref = args.before or default_before_ref()
        src = export_ref(ref, Path(tmp) / "before")
        print(f"before = {ref}: each notebook runs before, then after (the load drifts less between the two)",
              flush=True)
    results, before = [], []
    for path in paths:
        old = src / "notebooks" / path.name if src is not None else None
        if old is not None and old.is_file():
            os.environ["PYTHONPATH"] = str(src)   # the kernel imports that d2lmini
            t0 = time.perf_counter()
            before.append(run_notebook(old, steps, args.timeout, probe=False))
            del os.environ["PYTHONPATH"]
            print(f"  {path.name} (before): {time.perf_counter() - t0:.1f} s, load average {os.getloadavg()[0]:.1f}",
                  flush=True)
        t0 = time.perf_counter()
        r = run_notebook(path.resolve(), steps, args.timeout)
        print(f"  {path.name}: {time.perf_counter() - t0:.1f} s, load average {os.getloadavg()[0]:.1f}", flush=True)
        results.append(r)
    print()
    print_table(results)
    if before:
        print_cost(before, results)
    if args.json:
        args.json.write_text(json.dumps({"after": results, "before": before}, indent=1), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    return 2 if results and all("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
