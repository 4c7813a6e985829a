"""Every notebook in a real browser: JupyterLab, then Notebook 7, driven by Debian's Chromium.

One private ``jupyter lab`` server serves a temp copy of every ``notebooks/*.ipynb`` (or ``WDLAB_NOTEBOOKS``,
a folder or glob). For each notebook, in JupyterLab: clear outputs, Run All, wait for the idle kernel; no cell
may show an error or stderr, the page may raise no JavaScript error, and nothing may be requested from
outside 127.0.0.1 (the widgets' front ends, anywidget's and the flipbook's, ship in the wheels). Every
slider (a ``d2lmini.SliderFigure`` flipbook) must get all its frames from the kernel once shown, then each
control is moved

* by an arrow key on its range input and by a mouse drag of one step, and then back: the slider moves one
  position, the frame shown is the frame of that position, its picture (SHA-256 of the image bytes) and its
  readout text are exactly what the slider's own ``show`` + ``d2l.figure_png`` give for that position
  (computed in the notebook's kernel by this test, through ``jupyter_client``), and picture and readout
  changed from the previous position;
* by typing the far end of its range, a value between two grid values (the position must be
  ``GridSlider.snap``'s, computed here in Python from the page's grid), text that is not a number (nothing
  moves, the box shows the value again) and the start value (the start frame comes back);

and the positions must have synced back to the kernel (``SliderFigure.index``). Then the notebook is saved
and opened in Notebook 7's page on the same server and kernel (its live widgets reappear, as after a page
reload; no second Run All), and every control is moved there by key and drag with the same checks.

Each move is timed, from the input event to the new picture painted (``wdlab_browser.sliders``): the figures
are printed and written to ``artifacts/browser/timings.json``, never asserted (``bench/browser_latency.py``
measures latency before / after with enough repetitions). ``test_checks_can_fail`` proves the checks fail on
a broken notebook (frozen picture, frozen readout, a failing ``show``, a cell error, a JavaScript error).

Run:  pytest -m browser tests/test_browser.py -v
Needs playwright (pip) and Chromium at /usr/lib/chromium/chromium (``WDLAB_CHROMIUM``). Without them the tests
skip with one line of reason, unless ``WDLAB_REQUIRE_BROWSER=1`` (CI): then fail. Artifacts: screenshots,
console logs and timings.json in ``artifacts/browser/`` (``WDLAB_ARTIFACTS``). ``WDLAB_RUN_TIMEOUT``: seconds
allowed for one Run All (default 420).
"""

from __future__ import annotations

import json
import os
import statistics
import time
import warnings
from pathlib import Path

import nbformat
import pytest

import wdlab_browser as bs
from d2lmini import GridSlider

pytestmark = pytest.mark.browser

NOTEBOOKS = bs.notebook_paths()
SELFTEST = "zz_wdlab_selftest.ipynb"
# Notebook 7.6.5 raises these while its page loads, also with a default configuration (its shortcuts extension
# reads the schema of a plugin missing from the settings registry; a file browser command it does not have).
# Only tolerated there, and only while loading.
NB7_KNOWN_LOAD_ERRORS = ("Cannot read properties of undefined (reading 'schema')",
                         "Command 'filebrowser:open-path' not registered.")
TIMINGS: dict[str, dict] = {}
RUN_TIMEOUT = float(os.environ.get("WDLAB_RUN_TIMEOUT", "420"))  # seconds for one Run All


def _unavailable(reason: str) -> None:
    if bs.require_browser():
        pytest.fail(f"WDLAB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _uses_slider(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    return any(c.cell_type == "code" and "SliderFigure" in c.source for c in nb.cells)


def _selftest_notebook() -> str:
    """A notebook that MUST fail every check: frozen image, frozen readout, a failing update, an error."""
    setup = ("import d2lmini as d2l\nd2l.use_style()\ngrid = d2l.lambda_grid(1e-2, 1, 5)\n"
             "fig, ax = d2l.new_figure()\nline, = ax.plot([0, 1], [0, 1])\n"
             "fig2, ax2 = d2l.new_figure()\nline2, = ax2.plot([0, 1], [0, 1])")
    frozen_image = ("def show(lambd):  # the readout changes, the figure does not\n"
                    "    return f'λ = {lambd:g}'\n"
                    "d2l.SliderFigure(fig, show, lambd=d2l.GridSlider(grid, value=0.1))")
    frozen_readout = ("def show2(lambd):  # the figure changes, the readout does not\n"
                      "    line2.set_ydata([0, lambd])\n    return 'always the same'\n"
                      "d2l.SliderFigure(fig2, show2, lambd=d2l.GridSlider(grid, value=0.1))")
    raising = ("def show3(lambd):  # fails once moved: SliderFigure shows the exception in the readout\n"
               "    if lambd != 0.1:\n        raise KeyError(lambd)\n    line3.set_ydata([0, lambd])\n"
               "    return f'λ = {lambd:g}'\n"
               "fig3, ax3 = d2l.new_figure()\nline3, = ax3.plot([0, 1], [0, 1])\n"
               "d2l.SliderFigure(fig3, show3, lambd=d2l.GridSlider(grid, value=0.1))")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in
                (setup, frozen_image, frozen_readout, raising, "raise ValueError('deliberate self-test error')")]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nbformat.writes(nb)


# ------------------------------------------------------------------------------------------------ the kernel's view
REFERENCE = r'''
def _wdlab_ref(requests):
    import hashlib, json
    import d2lmini
    from ipywidgets.widgets.widget import _instances
    figs = [w for w in list(_instances.values()) if isinstance(w, d2lmini.SliderFigure)]
    out = {"count": len(figs), "index": [list(f.index) for f in figs], "frames": []}
    for i, k in requests:   # the slider's own show + figure_png, called directly (not its frame cache)
        sf = figs[i]
        try:
            text, png = sf.update(**sf.values(k)), d2lmini.figure_png(sf.fig)
            out["frames"].append({"sha256": hashlib.sha256(png).hexdigest(), "readout": str(text)})
        except Exception as exc:
            out["frames"].append({"sha256": None, "readout": f"{type(exc).__name__}: {exc}"})
    print("<<<WDLAB-REF>>>" + json.dumps(out) + "<<<END-WDLAB-REF>>>")

_wdlab_ref(REQUESTS)
del _wdlab_ref
'''


class Kernel:
    """The notebook's own kernel (the one the page uses), reached with jupyter_client for reference values."""

    def __init__(self, server: bs.JupyterServer, name: str):
        from jupyter_client import BlockingKernelClient

        path = bs.wait_for(lambda: server.connection_file(name), 30, f"the kernel connection file of {name}")
        self.kc = BlockingKernelClient(connection_file=str(path))
        self.kc.load_connection_file()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def reference(self, requests: list[tuple[int, int]]) -> dict:
        chunks: list[str] = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                chunks.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                chunks.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])

        self.kc.execute_interactive(REFERENCE.replace("REQUESTS", json.dumps(requests)), timeout=180,
                                    output_hook=hook, store_history=False)
        text = "".join(chunks)
        if "<<<WDLAB-REF>>>" not in text:
            raise AssertionError(f"the reference code failed in the kernel: {text[-1500:]}")
        return json.loads(text.split("<<<WDLAB-REF>>>")[1].split("<<<END-WDLAB-REF>>>")[0])

    def close(self) -> None:
        self.kc.stop_channels()


# ------------------------------------------------------------------------------------------------ checks
class Checker:
    """Moves the controls of one page's flipbooks and checks what it shows; collects timings."""

    def __init__(self, page: bs.NotebookPage, kernel: Kernel, app: str):
        self.page, self.kernel, self.app = page, kernel, app
        self.sl = bs.Flipbook(page.page, page.panel)
        self.sl.install()
        self.where = f"{app}: {page.name}"
        self.timings: list[dict] = []

    def fail(self, k: int, msg: str) -> None:
        self.page.screenshot(f"FAILED-fig{k}", self.sl.root(k))
        self.page.screenshot("FAILED-page")
        raise bs.SliderCheckFailed(f"{self.where}: figure {k}: {msg}")

    def shown(self, k: int) -> dict:
        st = self.sl.state(k)
        st.update(self.sl.image(k))
        return st

    def expect(self, k: int, before: dict, step: str, positions: list[int], changed: bool = True) -> dict:
        """After ``step`` figure k must sit at ``positions`` and show that frame; picture and readout changed."""
        now = self.shown(k)
        if now["positions"] != positions:
            self.fail(k, f"after {step} the slider is at {now['positions']}, expected {positions}")
        want = self.flat(k, positions)
        if now["frame"] != str(want) or now["waiting"] is not None:
            self.fail(k, f"after {step} the figure shows frame {now['frame']} (waiting for {now['waiting']}), "
                         f"expected frame {want}")
        if now["readout"] and bs.READOUT_ERROR.search(now["readout"]):
            self.fail(k, f"after {step} the readout shows an error: {now['readout']!r}")
        if changed:
            problems = []
            if now["readout"] == before["readout"]:
                problems.append(f"the readout text did not change (still {now['readout']!r})")
            if now["hash"] == before["hash"]:
                problems.append(f"the image bytes did not change ({now['size']} bytes, sha256 {now['hash'][:12]})")
            if problems:
                self.fail(k, f"after {step}: " + "; ".join(problems))
        return now

    def flat(self, k: int, positions: list[int]) -> int:
        flat = 0
        for c, p in zip(self.spec[k], positions, strict=True):
            flat = flat * len(c["labels"]) + p
        return flat

    def against_kernel(self, k: int, states: list[dict]) -> None:
        """The pictures and readouts shown are what the slider's show + figure_png give for those frames."""
        if self.sl.canvas_shows_its_png(k) is False:
            self.fail(k, f"the canvas does not show the pixels of its frame's PNG ({self.sl.state(k)['frame']})")
        ref = self.kernel.reference([(k, int(s["frame"])) for s in states])
        if ref["count"] != len(self.sl.figures):
            self.fail(k, f"the kernel has {ref['count']} SliderFigures, the page shows {len(self.sl.figures)}")
        for s, r in zip(states, ref["frames"], strict=True):
            if s["hash"] != r["sha256"]:
                self.fail(k, f"frame {s['frame']}: the picture shown is not the one show + figure_png draw "
                             f"(sha256 {str(s['hash'])[:12]} != {str(r['sha256'])[:12]})")
            if s["readout"] != r["readout"].strip():
                self.fail(k, f"frame {s['frame']}: the readout shown {s['readout']!r} != show's {r['readout']!r}")

    def start(self) -> list[dict]:
        figures = self.sl.find()
        self.spec = {}
        for fig in figures:
            k = fig["index"]
            try:
                stats = self.sl.wait_frames(k, timeout=180)
            except Exception:
                stats = self.sl.root(k).evaluate("r => r.wdlabStats")
                self.fail(k, f"not all frames arrived from the kernel: {stats}")
            self.spec[k] = self.sl.spec(k)
            self.timings.append({"figure": k, "first_render_ms": round(stats["complete"] - stats["requested"], 1),
                                 "frames": stats["frames"], "messages": stats["messages"]})
        return figures

    def timed(self, k: int, action, step: str) -> float | None:
        """Run ``action``; the ms to the new picture painted (None if it showed an error instead)."""
        self.sl.root(k).evaluate(bs.sliders.JS_ARM)
        action()
        self.page.page.wait_for_function(
            "(r) => window.__wdlabLat.painted !== null || r.hasAttribute('data-error')",
            arg=self.sl.root(k).element_handle(), timeout=30_000, polling=10)
        r = self.page.page.evaluate(bs.sliders.JS_RESULT)
        return round(r["ms"], 1) if r else None

    def check_control(self, k: int, j: int, typed: bool = True) -> dict:
        """Key, drag (and typed values); returns the timings (ms)."""
        sl, n = self.sl, self.sl.size(k, j)
        if n < 2:
            self.fail(k, "the slider has a single position")
        start = self.shown(k)
        pos = list(start["positions"])
        p0 = pos[j]
        out = {"figure": k, "control": j, "label": self.spec[k][j]["label"], "key_ms": [], "drag_ms": []}
        seen = [start]
        # 1. an arrow key, and back
        step = 1 if p0 < n - 1 else -1
        for key, p in (("ArrowRight" if step > 0 else "ArrowLeft", p0 + step),
                       ("ArrowLeft" if step > 0 else "ArrowRight", p0)):
            before = self.shown(k)
            out["key_ms"].append(self.timed(k, lambda key=key: sl.press(k, j, key), key))
            seen.append(self.expect(k, before, f"{key} on control {j}", pos[:j] + [p] + pos[j + 1:]))
        # 2. one step of a mouse drag, and back (the mouse held down)
        sl.drag_start(k, j)
        try:
            for p in (p0 + step, p0):
                before = self.shown(k)
                out["drag_ms"].append(self.timed(k, lambda p=p: sl.drag_to(k, j, p), f"dragging to {p}"))
                self.expect(k, before, f"dragging control {j} to position {p}", pos[:j] + [p] + pos[j + 1:])
        finally:
            sl.drag_end()
        self.against_kernel(k, [seen[1], seen[0]])
        if typed:
            c = self.spec[k][j]
            grid = GridSlider(c["values"], log=c["log"])
            far = n - 1 if p0 < n / 2 else 0
            between = (c["values"][1] * 0.3 + c["values"][2] * 0.7) if n > 2 else c["values"][1]
            typed = f"{between:.4g}"
            for text, p in ((c["labels"][far], far), (typed, grid.grid.index(grid.snap(float(typed))))):
                before = self.shown(k)
                sl.type(k, j, text)
                self.expect(k, before, f"typing {text!r} into control {j}", pos[:j] + [p] + pos[j + 1:],
                            changed=p != before["positions"][j])
                if sl.state(k)["boxes"][j] != c["labels"][p]:
                    self.fail(k, f"after typing {text!r} the box shows {sl.state(k)['boxes'][j]!r}, "
                                 f"expected the grid value {c['labels'][p]!r}")
            before = self.shown(k)
            sl.type(k, j, "not a number")
            now = self.shown(k)
            if now["positions"] != before["positions"] or now["boxes"][j] != c["labels"][before["positions"][j]]:
                self.fail(k, f"typing text moved the slider or left the box wrong: {now}")
            sl.type(k, j, c["labels"][p0])
            back = self.expect(k, before, f"typing the start value {c['labels'][p0]!r}", pos, changed=False)
            if (back["readout"], back["hash"]) != (start["readout"], start["hash"]):
                self.fail(k, "back at the start value the figure does not show its start frame")
        self.timings.append(out)
        return out


# ------------------------------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def shots() -> Path:
    path = bs.artifacts_dir()
    for old in [*path.glob("lab-*.png"), *path.glob("notebook7-*.png"), *path.glob("*-console.json")]:
        old.unlink()  # only files this suite writes
    yield path
    (path / "timings.json").write_text(json.dumps(TIMINGS, indent=1), encoding="utf-8")
    _print_timings()


@pytest.fixture(scope="module")
def browser():
    reason = bs.browser_unavailable_reason()
    if reason:
        _unavailable(reason)
    b = bs.Browser().start()
    yield b
    b.stop()
    left = bs.processes_with_marker(b.marker)
    assert not left, f"Chromium processes left: {bs.describe_processes(left)}"


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab keeps JupyterLab loaded for all notebooks; one shows Notebook 7's page."""
    lab, nb7 = browser.new_page(), browser.new_page()
    yield {"lab": lab, "notebook7": nb7}
    lab.close()
    nb7.close()


@pytest.fixture(scope="module")
def lab(browser):
    server = bs.JupyterServer(NOTEBOOKS, app="lab", extra_files={SELFTEST: _selftest_notebook()}).start()
    yield server
    problems = server.stop()
    assert not problems, "the Jupyter server did not stop cleanly: " + "; ".join(problems)
    assert not bs.processes_with_marker(server.marker)


def _in_jupyterlab(server, browser, name: str, shots: Path, tab) -> dict:
    page = bs.NotebookPage(server, browser, name, shots=shots, page=tab)
    tab.bring_to_front()   # a background tab gets no animation frames
    failed, timing = True, {}
    kernel = None
    try:
        t0 = time.monotonic()
        page.open()
        timing["open_s"] = round(time.monotonic() - t0, 2)
        timing["run_all_s"] = round(page.run_all(timeout=RUN_TIMEOUT), 2)
        page.screenshot("after-run-all")
        errors = page.errors()
        assert not errors, f"{name}: after Run All:\n" + "\n".join(errors)
        uses_slider = _uses_slider(server.root / "notebooks" / name)
        if uses_slider:
            bs.wait_for(lambda: bs.Sliders.detect(page.page, page.panel), 60, f"the slider widgets in {name}")
        detected = bs.Sliders.detect(page.page, page.panel)
        if detected is not None:
            assert detected.kind == "flipbook", f"{name}: a slider that is not a d2lmini flipbook ({detected.kind})"
            assert uses_slider, f"{name}: a slider appeared, but no cell calls SliderFigure"
            kernel = Kernel(server, name)
            checker = Checker(page, kernel, "lab")
            t0 = time.monotonic()
            for fig in checker.start():
                for ctl in fig["controls"]:
                    checker.check_control(fig["index"], ctl["index"])
            positions = [checker.sl.state(f["index"])["positions"] for f in checker.sl.figures]
            synced = {}   # the browser sends the position a moment after the last move

            def in_sync():
                synced["index"] = kernel.reference([])["index"]
                return synced["index"] == positions
            try:
                bs.wait_for(in_sync, 10, "the positions to reach the kernel", interval=0.3)
            except TimeoutError:
                raise AssertionError(f"{name}: the kernel's slider positions {synced['index']} != the page's "
                                     f"{positions}") from None
            timing["sliders_s"] = round(time.monotonic() - t0, 2)
            timing["sliders"] = checker.timings
            page.screenshot("final")
        page.wait_kernel_idle(30, "the kernel to be idle at the end")
        errors = page.errors()
        assert not errors, f"{name}: errors after moving sliders:\n" + "\n".join(errors)
        assert not page.page_errors, f"{name}: the page raised JavaScript errors: {page.page_errors}"
        assert not browser.offsite, f"requests outside 127.0.0.1: {browser.offsite[:5]}"
        page.save()
        failed = False
        return timing
    except BaseException:
        page.screenshot("FAILED-page")
        raise
    finally:
        if kernel is not None:
            kernel.close()
        page.close(failed=failed)


def _in_notebook7(server, browser, name: str, shots: Path, tab) -> dict:
    """The notebook saved by JupyterLab, opened in Notebook 7's page: the live widgets come back, move them."""
    page = bs.NotebookPage(server, browser, name, shots=shots, page=tab)
    tab.bring_to_front()
    kernel = None
    try:
        page.open_notebook7()
        sl = bs.wait_for(lambda: bs.Sliders.detect(page.page, page.panel), 60, f"{name}'s widgets in Notebook 7")
        assert sl.kind == "flipbook"
        tolerated = [e for e in page.page_errors if e in NB7_KNOWN_LOAD_ERRORS]
        if tolerated:
            warnings.warn(f"Notebook 7: known upstream JavaScript errors while loading {name}: {tolerated}",
                          stacklevel=1)
            page.page_errors[:] = [e for e in page.page_errors if e not in NB7_KNOWN_LOAD_ERRORS]
        kernel = Kernel(server, name)
        checker = Checker(page, kernel, "notebook7")
        for fig in checker.start():
            for ctl in fig["controls"]:
                checker.check_control(fig["index"], ctl["index"], typed=ctl["index"] == 0 and fig["index"] == 0)
        page.screenshot("final")
        assert not page.errors(), f"{name} in Notebook 7: {page.errors()}"
        assert not page.page_errors, f"{name} in Notebook 7: JavaScript errors: {page.page_errors}"
        assert not browser.offsite, f"requests outside 127.0.0.1: {browser.offsite[:5]}"
        return {"sliders": checker.timings}
    except BaseException:
        page.screenshot("FAILED-page")
        raise
    finally:
        if kernel is not None:
            kernel.close()
        page.write_log()
        tab.goto("about:blank")


@pytest.mark.parametrize("notebook", NOTEBOOKS or [None], ids=[p.stem for p in NOTEBOOKS] or ["none"])
def test_notebook_in_jupyterlab_and_notebook7(notebook, lab, browser, shots, tabs):
    if notebook is None:
        _unavailable(f"no notebooks found ({bs.REPO / 'notebooks'}/*.ipynb or WDLAB_NOTEBOOKS)")
    t0 = time.monotonic()
    try:
        TIMINGS[f"lab/{notebook.name}"] = _in_jupyterlab(lab, browser, notebook.name, shots, tabs["lab"])
        if _uses_slider(notebook):
            TIMINGS[f"notebook7/{notebook.name}"] = _in_notebook7(lab, browser, notebook.name, shots,
                                                                  tabs["notebook7"])
    finally:
        try:
            lab.shutdown_kernel(notebook.name)  # free the cores and the memory for the next notebook
        except Exception:
            pass
    TIMINGS[f"lab/{notebook.name}"]["total_s"] = round(time.monotonic() - t0, 2)


def test_checks_can_fail(lab, browser, shots, tabs):
    """The checks above catch a cell error, a frozen picture, a frozen readout, an exception in the
    slider's update and a JavaScript error."""
    page = bs.NotebookPage(lab, browser, SELFTEST, shots=shots, page=tabs["lab"])
    tabs["lab"].bring_to_front()
    kernel = None
    try:
        page.open()
        page.run_all(timeout=RUN_TIMEOUT)
        errors = page.errors()
        assert len(errors) == 1 and "deliberate self-test error" in errors[0], errors
        bs.wait_for(lambda: bs.Sliders.detect(page.page, page.panel), 60, "the self-test sliders")
        kernel = Kernel(lab, SELFTEST)
        checker = Checker(page, kernel, "lab")
        assert len(checker.start()) == 3
        with pytest.raises(bs.SliderCheckFailed, match="image bytes did not change"):
            checker.check_control(0, 0)
        with pytest.raises(bs.SliderCheckFailed, match="readout text did not change"):
            checker.check_control(1, 0)
        with pytest.raises(bs.SliderCheckFailed, match="the readout shows an error: 'KeyError: "):
            checker.check_control(2, 0)
        assert not page.page_errors
        page.page.add_script_tag(content="throw new Error('wdlab self-test')")
        bs.wait_for(lambda: page.page_errors, 5, "the page error to be recorded")
        assert "wdlab self-test" in page.page_errors[0]
    finally:
        if kernel is not None:
            kernel.close()
        page.close(failed=True)  # reload next time: the injected error stays out of later tests
        for old in shots.glob(f"lab-{Path(SELFTEST).stem}-*"):
            old.unlink()  # expected failures: keep the artifacts about real notebooks only
        lab.shutdown_kernel(SELFTEST)


def _print_timings() -> None:
    """The figures (not asserted; bench/browser_latency.py measures them properly)."""
    lines = ["slider moves, input event -> new picture painted (ms); first render = all frames in the page "
             f"(load average {os.getloadavg()[0]:.1f})"]
    for key, timing in TIMINGS.items():
        for s in timing.get("sliders", []):
            if "key_ms" in s:
                lines.append(f"  {key:48s} fig {s['figure']} {s['label'][:26]:26s} key {s['key_ms']} "
                             f"drag {s['drag_ms']}")
            else:
                lines.append(f"  {key:48s} fig {s['figure']} first render {s['first_render_ms']:.0f} ms, "
                             f"{s['frames']} frames in {s['messages']} messages")
    all_ms = [x for t in TIMINGS.values() for s in t.get("sliders", [])
              for x in s.get("key_ms", []) + s.get("drag_ms", []) if x is not None]
    if all_ms:
        lines.append(f"  all moves: median {statistics.median(all_ms):.0f} ms, max {max(all_ms):.0f} ms")
    print("\n".join(lines))
