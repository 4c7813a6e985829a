"""Kernel-side slider latency: how long each SliderFigure callback takes, per slider.

Run (from the repo root, in the venv):

    python bench/slider_latency.py                      # every notebooks/*.ipynb
    python bench/slider_latency.py notebooks/02_*.ipynb --steps 40
    python bench/slider_latency.py --json out.json      # also write the figures as JSON

For each notebook: execute it top to bottom in a real ``python3`` kernel (nbclient, in a temporary
copy of the notebooks folder), then, in that same kernel, find every ``d2lmini.SliderFigure``
(the ipywidgets registry, plus the user namespace; no per-notebook names are used) and step each
of its controls through at least ``--steps`` value changes by setting the control's slider value,
exactly the path a browser change takes (SelectionSlider -> GridSlider -> SliderFigure.refresh).
Reported per control, in ms:

* ``callback`` -- ``SliderFigure.timings`` of those refreshes (update + PNG render), median and max;
* ``update`` / ``render`` -- the same values replayed calling ``update(**values)`` alone and
  ``figure_png(fig)`` alone (medians): which part dominates;
* ``set`` -- wall time of the whole ``slider.value = v`` assignment (traits, comm messages, refresh).

Targets (2 CPU cores): callback median < 100 ms and max < 250 ms. This is a benchmark, not a
test: it prints a table and exits 0 (2 only if a notebook could not be executed at all).
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
MEDIAN_TARGET_MS, MAX_TARGET_MS = 100.0, 250.0
BEGIN, END = "<<<WDLAB-BENCH>>>", "<<<END-WDLAB-BENCH>>>"

# Runs inside the kernel after the notebook; prints one JSON document between markers.
PROBE = r'''
def _wdlab_probe(steps):
    import json, statistics, time, warnings
    import d2lmini
    from d2lmini import figure_png
    try:
        from ipywidgets.widgets.widget import _instances as registry
    except ImportError:  # older ipywidgets
        import ipywidgets
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            registry = ipywidgets.Widget.widgets
    found, seen = [], set()
    candidates = list(registry.values()) + list(get_ipython().user_ns.values())
    for w in candidates:
        if isinstance(w, d2lmini.SliderFigure) and id(w) not in seen:
            seen.add(id(w))
            found.append(w)
    rows = []
    for k, sf in enumerate(found):
        names = {id(v): n for n, v in get_ipython().user_ns.items() if not n.startswith("_")}
        for name, ctl in sf.controls.items():
            row = {"figure": k, "var": names.get(id(sf), ""), "control": name,
                   "symbol": getattr(getattr(ctl, "box", None), "description", name)}
            grid = list(getattr(ctl, "grid", []) or [])
            slider = getattr(ctl, "slider", None)
            if len(grid) < 2 or slider is None:
                row["skipped"] = "not a GridSlider"
                rows.append(row)
                continue
            start = ctl.value
            i = grid.index(start) if start in grid else 0
            direction = 1 if i < len(grid) - 1 else -1
            seq = []
            while len(seq) < steps:
                if not 0 <= i + direction < len(grid):
                    direction = -direction
                i += direction
                seq.append(grid[i])
            n0 = len(sf.timings)
            set_s = []
            for v in seq:
                t = time.perf_counter()
                slider.value = v
                set_s.append(time.perf_counter() - t)
            cb = sf.timings[n0:]
            values = {n: c.value for n, c in sf.controls.items()}
            upd, ren = [], []
            for v in seq:
                values[name] = v
                t = time.perf_counter()
                sf.update(**values)
                upd.append(time.perf_counter() - t)
                t = time.perf_counter()
                figure_png(sf.fig)
                ren.append(time.perf_counter() - t)
            slider.value = start  # leave the figure as the notebook left it
            ms = lambda xs: [round(1000 * x, 2) for x in xs]
            row.update(n=len(cb), grid=len(grid), callback=ms(cb), update=ms(upd), render=ms(ren), set=ms(set_s),
                       readout=sf.readout.value[:200])
            rows.append(row)
    print("<<<WDLAB-BENCH>>>" + json.dumps(rows) + "<<<END-WDLAB-BENCH>>>")

_wdlab_probe(STEPS)
'''


def run_notebook(path: Path, steps: int, timeout: int) -> dict:
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
    head = (f"{'notebook':<38} {'fig':>3} {'control':<14} {'n':>3} {'cb med':>7} {'cb max':>7} "
            f"{'update':>7} {'render':>7} {'set med':>7}  verdict")
    print(head)
    print("-" * len(head))
    for r in results:
        if "error" in r:
            print(f"{r['notebook']:<38} ERROR: {r['error']}")
            continue
        if not r["sliders"]:
            print(f"{r['notebook']:<38} (no SliderFigure)  executed in {r['execute_s']} s")
            continue
        for s in r["sliders"]:
            ctl = f"{s['control']} ({s['symbol'].rstrip(' =')})"
            if "skipped" in s:
                print(f"{r['notebook']:<38} {s['figure']:>3} {ctl:<14} skipped: {s['skipped']}")
                continue
            cm, cx = med(s["callback"]), max(s["callback"])
            ok = cm < MEDIAN_TARGET_MS and cx < MAX_TARGET_MS
            verdict = "OK" if ok else f"SLOW (target median < {MEDIAN_TARGET_MS:g}, max < {MAX_TARGET_MS:g})"
            print(f"{r['notebook']:<38} {s['figure']:>3} {ctl:<14} {s['n']:>3} {cm:7.1f} {cx:7.1f} "
                  f"{med(s['update']):7.2f} {med(s['render']):7.1f} {med(s['set']):7.1f}  {verdict}")
    print("(ms; cb = SliderFigure callback = update + PNG render; update/render = the two parts replayed "
          "alone; set = whole slider assignment)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--steps", type=int, default=20, help="value changes per control (>= 20)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
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
    print(f"slider latency in the kernel: {len(paths)} notebook(s), {steps} changes per control, "
          f"{os.cpu_count()} CPU(s), load average {load:.1f}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}", flush=True)
    results = []
    for path in paths:
        t0 = time.perf_counter()
        r = run_notebook(path.resolve(), steps, args.timeout)
        print(f"  {path.name}: {time.perf_counter() - t0:.1f} s", flush=True)
        results.append(r)
    print()
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    return 2 if results and all("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
