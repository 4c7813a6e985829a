"""Slider latency in a real browser, before and after the flipbook: key press / drag -> new picture painted.

Run (from the repo root, in the venv; needs playwright and Chromium, see the wdlab_browser package):

    python bench/browser_latency.py                          # every notebook: the table before | after
    python bench/browser_latency.py --moves 30 notebooks/02_*.ipynb
    python bench/browser_latency.py --only after             # just the current code
    python bench/browser_latency.py --before <git ref>       # "before" = d2lmini + notebooks at that ref
    python bench/browser_latency.py --json out.json          # also write every measurement
    python bench/browser_latency.py --only after --merge before.json   # reuse a "before" measured earlier

"after" is this working tree. "before" is, by default, the last commit whose ``d2lmini/widgets.py`` still
had the kernel-rendered slider (an ipywidgets ``Image`` the kernel re-rendered on every move): its
``d2lmini`` and ``notebooks/`` are exported with ``git archive`` into a temp folder and the server runs with
that folder first on ``PYTHONPATH`` (the kernel imports that ``d2lmini``).

For each implementation one private ``jupyter lab`` server (127.0.0.1) serves a temp copy of the notebooks,
and headless Chromium opens each notebook in JupyterLab: Run All, then for every slider ``--moves`` arrow
key presses on its handle (bouncing between the ends) and ``--moves`` one-step moves of one continuous mouse
drag, one move at a time. Each is timed inside the page from the key/pointer event's ``timeStamp`` to the
first frame painted after the figure's picture changed (see ``wdlab_browser.sliders``). Then the notebook is
saved and opened in Notebook 7's page on the same server and kernel (the live widgets reappear, as after a
page reload) and measured the same way. Also: the server CPU per move (jupyter-server + kernel processes,
user + system, psutil; minus their idle rate measured just before), and for the flipbook the first-render
cost in the page (all frames requested -> all arrived). The load average is printed with every notebook.

This is a benchmark, not a test: it prints the table and exits 0 (or 0 with one line saying why nothing was
measured). Target (issue 23): median <= 50 ms and p95 <= 100 ms per slider, key and drag, in both front ends.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import wdlab_browser as bs
from wdlab_browser.sliders import Flipbook, Sliders, server_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
OLD_MARK = 'widgets.Image(format="png")'   # the kernel-rendered slider's picture
TARGET_MEDIAN_MS, TARGET_P95_MS = 50.0, 100.0


def default_before_ref() -> str | None:
    """HEAD if its widgets.py still has the kernel-rendered slider, else the parent of the commit that removed it."""
    def has_old(ref: str) -> bool:
        return OLD_MARK in subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:d2lmini/widgets.py"],
                                          capture_output=True, text=True).stdout
    if has_old("HEAD"):
        return "HEAD"
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H", f"-S{OLD_MARK}", "--",
                          "d2lmini/widgets.py"], capture_output=True, text=True).stdout.strip()
    return f"{out}^" if out and has_old(f"{out}^") else None


def export_ref(ref: str, dest: Path) -> Path:
    """``d2lmini/`` and ``notebooks/`` of ``ref`` into ``dest`` (git archive); returns dest."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, "d2lmini", "notebooks"],
                             capture_output=True, check=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    tar = dest / "ref.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(dest, filter="data")
    tar.unlink()
    return dest


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[max(0, math.ceil(q / 100 * len(s)) - 1)]


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def idle_cpu_rate(pids: list[int], seconds: float = 1.5) -> float:
    c0, t0 = server_cpu_seconds(pids), time.monotonic()
    time.sleep(seconds)
    return (server_cpu_seconds(pids) - c0) / (time.monotonic() - t0)


def measure_block(sl: Sliders, k: int, j: int, action: str, moves: int, pids: list[int]) -> dict:
    """``moves`` single-step moves of control j of figure k by ``action`` ("key" or "drag"), each timed."""
    n = sl.size(k, j)
    pos = sl.position(k, j)
    direction = 1 if pos < n - 1 else -1
    rate = idle_cpu_rate(pids)
    out = {"ms": [], "missed": 0}
    old = sl.kind != "flipbook"
    if action == "drag":
        sl.drag_start(k, j)
        sl.settle(k)
    c0, w0 = server_cpu_seconds(pids), time.monotonic()
    try:
        for _ in range(moves):
            if not 0 <= pos + direction < n:
                direction = -direction
            target = pos + direction
            if action == "key":
                key = "ArrowRight" if direction > 0 else "ArrowLeft"
                r = sl.timed(k, lambda key=key: sl.press(k, j, key), timeout=20)
            else:
                r = sl.timed(k, lambda t=target: sl.drag_to(k, j, t), timeout=20)
            if r["ms"] is None:
                out["missed"] += 1
                if out["missed"] >= 3 and not out["ms"]:
                    break   # this action does not move this slider here (Notebook 7 keys on ipywidgets)
            else:
                out["ms"].append(round(r["ms"], 1))
            if old:
                sl.settle(k)   # the kernel has drawn the last move before the next one
            else:
                time.sleep(0.03)
            pos = sl.position(k, j)
    finally:
        if action == "drag":
            sl.drag_end()
    wall, cpu = time.monotonic() - w0, server_cpu_seconds(pids) - c0
    done = max(1, len(out["ms"]))
    out.update(cpu_ms_per_move=round(1000 * max(0.0, cpu - rate * wall) / done, 2),
               cpu_gross_ms_per_move=round(1000 * cpu / done, 2), idle_cpu_rate=round(rate, 4))
    return out


def measure_page(sl: Sliders, moves: int, pids: list[int], app: str, notebook: str) -> list[dict]:
    rows = []
    figures = sl.find()
    firsts = {}
    if isinstance(sl, Flipbook):   # every figure's frames first: arrivals for one would disturb another's moves
        for fig in figures:
            stats = sl.wait_frames(fig["index"])
            firsts[fig["index"]] = {"frames": stats["frames"], "total": stats["total"], "messages": stats["messages"],
                                    "ms": round(stats["complete"] - stats["requested"], 1)}
    for fig in figures:
        k = fig["index"]
        first = firsts.get(k)
        if not isinstance(sl, Flipbook):
            sl.root(k).scroll_into_view_if_needed()
            sl.settle(k)
        for ctl in fig["controls"]:
            j = ctl["index"]
            row = {"app": app, "notebook": notebook, "figure": k, "cell": fig["cell"], "control": j,
                   "label": ctl["label"], "grid": ctl["n"], "impl": sl.kind, "first_render": first,
                   "load": round(load(), 2)}
            for action in ("key", "drag"):
                row[action] = measure_block(sl, k, j, action, moves, pids)
            rows.append(row)
            print(f"    {app:9s} fig {k} {ctl['label'][:28]:28s} key med {_med(row['key']):6.1f} "
                  f"drag med {_med(row['drag']):6.1f} ms  (load {row['load']:.1f})", flush=True)
    return rows


def _med(block: dict) -> float:
    return statistics.median(block["ms"]) if block["ms"] else float("nan")


def measure_impl(label: str, paths: list[Path], env: dict, moves: int, apps: list[str], save=None) -> list[dict]:
    """Measure one implementation; ``save(rows)`` is called after every notebook (a long run keeps its figures)."""
    server = bs.JupyterServer(paths, app="lab", env=env).start()
    browser = bs.Browser(server.marker).start()
    rows: list[dict] = []
    try:
        tab = browser.new_page()
        nb7 = browser.new_page() if "notebook" in apps else None
        for path in paths:
            name = path.name
            t0 = time.perf_counter()
            print(f"  [{label}] {name}: load average {load():.2f}", flush=True)
            page = bs.NotebookPage(server, browser, name, page=tab)
            failed = True
            tab.bring_to_front()   # a background tab gets no animation frames: the paint would wait
            try:
                page.open()
                run_s = page.run_all()
                sl = Sliders.detect(page.page, page.panel)
                if sl is None:
                    print(f"    no slider ({run_s:.0f} s to run)")
                    failed = False
                    continue
                sl.install()
                if "lab" in apps:
                    rows += measure_page(sl, moves, [server.proc.pid], "lab", name)
                if "notebook" in apps:
                    page.save()
                failed = False
            except Exception as exc:   # report and go on
                print(f"    ERROR in JupyterLab: {type(exc).__name__}: {str(exc)[:300]}", flush=True)
            finally:
                page.close(failed=failed)
            if "notebook" in apps and not failed:
                p7 = bs.NotebookPage(server, browser, name, page=nb7)
                nb7.bring_to_front()
                try:
                    p7.open_notebook7()
                    sl = bs.wait_for(lambda p=p7: Sliders.detect(p.page, p.panel), 60, "the widgets in Notebook 7")
                    sl.install()
                    time.sleep(0.5)
                    rows += measure_page(sl, moves, [server.proc.pid], "notebook7", name)
                except Exception as exc:
                    print(f"    ERROR in Notebook 7: {type(exc).__name__}: {str(exc)[:300]}", flush=True)
                finally:
                    nb7.goto("about:blank")
            try:
                server.shutdown_kernel(name)
            except Exception:
                pass
            print(f"    {time.perf_counter() - t0:.0f} s, load average {load():.2f}", flush=True)
            for r in rows:
                r["version"] = label
            if save:
                save(rows)
    finally:
        browser.stop()
        problems = server.stop()
        if problems:
            print("server: " + "; ".join(problems))
    for r in rows:
        r["version"] = label
    return rows


def fmt(block: dict | None) -> str:
    if not block or not block["ms"]:
        return f"{'n/a':>13s}"
    return f"{statistics.median(block['ms']):6.0f} {pct(block['ms'], 95):6.0f}"


def print_table(rows: list[dict], versions: list[str]) -> None:
    keys = sorted({(r["app"], r["notebook"], r["figure"], r["control"]) for r in rows})
    by = {(r["version"], r["app"], r["notebook"], r["figure"], r["control"]): r for r in rows}
    for app in ("lab", "notebook7"):
        sel = [k for k in keys if k[0] == app]
        if not sel:
            continue
        title = "JupyterLab" if app == "lab" else "Notebook 7"
        print(f"\n{title}: key press / drag -> new picture painted, ms (median p95); server CPU ms per move "
              "(jupyter-server + kernel, net of idle); first render = all frames in the page")
        head = f"{'slider':<44}"
        for v in versions:
            head += f" | {v + ' key':>13s} {v + ' drag':>13s} {'cpu':>6s} {'first render':>17s}"
        print(head)
        print("-" * len(head))
        for _, nb, k, j in sel:
            some = next(by[(v, app, nb, k, j)] for v in versions if (v, app, nb, k, j) in by)
            line = f"{nb[:20] + ' ' + some['label'][:22]:<44}"
            for v in versions:
                r = by.get((v, app, nb, k, j))
                if r is None:
                    line += f" | {'(not measured)':>52s}"
                    continue
                cpu = statistics.mean([r[a]["cpu_ms_per_move"] for a in ("key", "drag") if r[a]["ms"]] or [math.nan])
                fr = r["first_render"]
                first = f"{fr['frames']}f {fr['ms']:.0f} ms" if fr else "-"
                line += f" | {fmt(r['key'])} {fmt(r['drag'])} {cpu:6.1f} {first:>17s}"
            print(line)
        for v in versions:
            ms = [x for r in rows if r["version"] == v and r["app"] == app for a in ("key", "drag")
                  for x in r[a]["ms"]]
            loads = [r["load"] for r in rows if r["version"] == v and r["app"] == app]
            if ms:
                meds = [statistics.median(r[a]["ms"]) for r in rows if r["version"] == v and r["app"] == app
                        for a in ("key", "drag") if r[a]["ms"]]
                p95s = [pct(r[a]["ms"], 95) for r in rows if r["version"] == v and r["app"] == app
                        for a in ("key", "drag") if r[a]["ms"]]
                ok = max(meds) <= TARGET_MEDIAN_MS and max(p95s) <= TARGET_P95_MS
                print(f"  {v}: all moves median {statistics.median(ms):.0f} ms, p95 {pct(ms, 95):.0f} ms; worst "
                      f"slider median {max(meds):.0f} ms, worst p95 {max(p95s):.0f} ms "
                      f"({'meets' if ok else 'misses'} median <= {TARGET_MEDIAN_MS:g} and p95 <= "
                      f"{TARGET_P95_MS:g}); load average {min(loads):.1f}-{max(loads):.1f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--moves", type=int, default=20, help="timed moves per slider and action (>= 10)")
    parser.add_argument("--before", default=None, help="git ref of the implementation to compare with")
    parser.add_argument("--only", choices=["before", "after", "none"],
                        help="measure one implementation only (none: just print the --merge files' table)")
    parser.add_argument("--apps", default="lab,notebook", help="lab, notebook or both (default)")
    parser.add_argument("--json", type=Path, help="also write every measurement to this JSON file")
    parser.add_argument("--merge", type=Path, action="append", default=[],
                        help="a --json file of an earlier run: its rows join the table (e.g. 'before' measured once)")
    args = parser.parse_args(argv)
    moves = max(args.moves, 10)
    reason = bs.browser_unavailable_reason()
    if reason:
        print(f"browser latency: not measured: {reason}")
        return 0
    names = [p.name for p in args.notebooks] or [p.name for p in bs.notebook_paths()]
    if not names:
        print("no notebooks found")
        return 0
    apps = [a.strip() for a in args.apps.split(",") if a.strip()]
    print(f"browser latency: {len(names)} notebook(s), {moves} moves per slider and action, {os.cpu_count()} CPU(s), "
          f"load average {load():.2f}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="wdlab-latency-"))
    rows: list[dict] = []
    versions = []

    def save(new):
        if args.json:
            args.json.write_text(json.dumps(rows + new, indent=1), encoding="utf-8")
    try:
        if args.only not in ("after", "none"):
            ref = args.before or default_before_ref()
            if ref is None:
                print("before: no commit with the kernel-rendered slider found (pass --before REF)")
            else:
                src = export_ref(ref, tmp / "before")
                paths = [src / "notebooks" / n for n in names if (src / "notebooks" / n).is_file()]
                label = "before"
                short = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True,
                                       text=True).stdout.strip()
                print(f"before = {ref} ({short})", flush=True)
                rows += measure_impl(label, paths, {"PYTHONPATH": str(src)}, moves, apps, save)
                versions.append(label)
        if args.only not in ("before", "none"):
            paths = [p.resolve() for p in args.notebooks] or [p for p in bs.notebook_paths() if p.name in names]
            print("after = this working tree", flush=True)
            rows += measure_impl("after", paths, {}, moves, apps, save)
            versions.append("after")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for extra in args.merge:
        old = json.loads(extra.read_text(encoding="utf-8"))
        rows = [r for r in old if r["version"] not in versions] + rows
        versions = sorted({r["version"] for r in old} - set(versions)) + versions
    print_table(rows, versions)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
