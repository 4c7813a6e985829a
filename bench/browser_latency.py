"""Browser-side slider latency: from the key press on a slider handle to the new plot in the page.

Run (from the repo root, in the venv; needs playwright and Chromium, see the wdlab_browser package):

    python bench/browser_latency.py                         # every notebooks/*.ipynb
    python bench/browser_latency.py notebooks/02_*.ipynb --changes 20
    python bench/browser_latency.py --json out.json         # also write the figures as JSON

For each notebook: a private JupyterLab (127.0.0.1) serves a temporary copy, headless Chromium
opens it, clears outputs and runs all cells. Then, round-robin over every GridSlider in the page,
an arrow key is pressed on a slider handle ``--changes`` times (at least 10), one change at a
time: each is timed inside the page, from the ``keydown`` event to the ``load`` event of the
figure's new image (the PNG is decoded and shown), and the next key is pressed only after the
kernel is idle and the page is quiet. Target: median under 500 ms per notebook.

This is a benchmark, not a test: it prints figures and exits 0 (or 0 with a one-line reason when
the browser is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import wdlab_browser as bs

ROOT = Path(__file__).resolve().parents[1]

TARGET_MS = 500.0


def measure_notebook(server: bs.JupyterServer, browser: bs.Browser, name: str, changes: int, tab=None) -> dict:
    page = bs.NotebookPage(server, browser, name, page=tab)
    failed = True
    result: dict = {"notebook": name, "latencies_ms": [], "per_control": {}}
    try:
        page.open()
        result["run_all_s"] = round(page.run_all(), 1)
        errors = page.errors()
        if errors:
            result["cell_errors"] = errors
        controls = [(f["index"], c["index"], " ".join(c["labels"][-1:]) or f"control {c['index']}")
                    for f in page.wait_sliders(expect_any=False)["figures"] for c in f["controls"]]
        if not controls:
            failed = False
            return result
        for i in range(changes):
            k, j, label = controls[i % len(controls)]
            before = page.fig_state(k)
            c = before["controls"][j]
            key = "ArrowRight" if bs.handle_index(c["now"]) < bs.handle_index(c["max"]) else "ArrowLeft"
            page.figure(k).evaluate(bs.JS_ARM_TIMER)
            t0 = time.perf_counter()
            page.press_key(k, j, key)
            timer = bs.wait_for(lambda: page.page.evaluate(
                "() => window.__wdlab && window.__wdlab.load !== null ? window.__wdlab : null"),
                30, f"the new image after {key} in {name}", interval=0.01)
            observed = time.perf_counter() - t0
            page.settle(k, before)  # kernel idle and page quiet before the next change
            ms = timer["load"] - timer["key"]
            result["latencies_ms"].append(round(ms, 1))
            result["per_control"].setdefault(f"fig{k} {label}", []).append(round(ms, 1))
            result.setdefault("python_observed_ms", []).append(round(1000 * observed, 1))
        if page.page_errors:
            result["page_errors"] = page.page_errors
        failed = False
    except Exception as exc:  # report and go on with the next notebook
        result["error"] = f"{type(exc).__name__}: {str(exc)[:400]}"
    finally:
        page.close(failed=failed)
        try:
            server.shutdown_kernel(name)
        except Exception:
            pass
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--changes", type=int, default=12, help="slider changes per notebook (>= 10)")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    args = parser.parse_args(argv)
    changes = max(args.changes, 10)
    reason = bs.browser_unavailable_reason()
    if reason:
        print(f"browser latency: not measured: {reason}")
        return 0
    paths = [p.resolve() for p in args.notebooks] or bs.notebook_paths()
    if not paths:
        print("no notebooks found")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"browser latency (key press -> new image loaded): {len(paths)} notebook(s), {changes} changes each, "
          f"{os.cpu_count()} CPU(s), load average {load:.1f}", flush=True)
    server = bs.JupyterServer(paths, app="lab").start()
    browser = bs.Browser(server.marker).start()
    results = []
    try:
        tab = browser.new_page()  # JupyterLab stays loaded; each notebook opens through the app
        for path in paths:
            t0 = time.perf_counter()
            results.append(measure_notebook(server, browser, path.name, changes, tab))
            print(f"  {path.name}: {time.perf_counter() - t0:.1f} s", flush=True)
    finally:
        browser.stop()
        problems = server.stop()
    print()
    head = f"{'notebook':<38} {'n':>3} {'median':>7} {'max':>7} {'min':>7}  verdict   (ms)"
    print(head)
    print("-" * len(head))
    for r in results:
        lat = r["latencies_ms"]
        if "error" in r:
            print(f"{r['notebook']:<38} ERROR after {len(lat)} changes: {r['error']}")
            continue
        if not lat:
            print(f"{r['notebook']:<38} (no slider)")
            continue
        med = statistics.median(lat)
        verdict = "OK" if med < TARGET_MS else f"SLOW (target median < {TARGET_MS:g})"
        print(f"{r['notebook']:<38} {len(lat):>3} {med:7.0f} {max(lat):7.0f} {min(lat):7.0f}  {verdict}")
        for label, xs in r["per_control"].items():
            print(f"    {label:<34} {len(xs):>3} {statistics.median(xs):7.0f} {max(xs):7.0f} {min(xs):7.0f}")
        for key in ("cell_errors", "page_errors"):
            if r.get(key):
                print(f"    {key}: {r[key]}")
    if problems:
        print("server: " + "; ".join(problems))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
