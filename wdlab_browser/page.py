"""One notebook open in a browser tab: run it, find its slider figures, move them and check what changes."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .browser import Browser
from .server import JupyterServer, wait_for

ERROR_MIME = "application/vnd.jupyter.stderr"

# ------------------------------------------------------------------------------------------------
# In-page JavaScript
# ------------------------------------------------------------------------------------------------

# Marks every SliderFigure (a VBox whose direct children are controls, an HTML readout and an
# Image) with data-wdlab-fig=k, and every GridSlider in it (an HBox holding a noUiSlider handle
# and a number box) with data-wdlab-ctl="k.j". Returns their labels.
JS_MARK_SLIDERS = """
(panelSel) => {
  const root = document.querySelector(panelSel) || document;
  const figs = [];
  const orphans = [];
  const isCtl = (e) => e.classList.contains('widget-hbox') && e.querySelector('.noUi-handle')
                       && e.querySelector('input[type=number]');
  for (const vbox of root.querySelectorAll('.widget-vbox')) {
    const kids = Array.from(vbox.children);
    const img = kids.find(k => k.matches('img.widget-image') || k.querySelector(':scope > img.widget-image'));
    const html = kids.find(k => k.classList.contains('widget-html'));
    const ctls = kids.filter(isCtl);
    if (!img || !html || !ctls.length) continue;
    const k = figs.length;
    vbox.setAttribute('data-wdlab-fig', String(k));
    const cell = vbox.closest('.jp-Cell');
    const cells = Array.from(root.querySelectorAll('.jp-Cell'));
    const controls = ctls.map((c, j) => {
      c.setAttribute('data-wdlab-ctl', k + '.' + j);
      const labels = Array.from(c.querySelectorAll('.widget-label')).map(l => l.textContent.trim());
      return {index: j, labels: labels};
    });
    figs.push({index: k, cell: cells.indexOf(cell), controls: controls});
  }
  for (const h of root.querySelectorAll('.widget-hbox')) {
    if (isCtl(h) && !h.hasAttribute('data-wdlab-ctl')) orphans.push(h.textContent.trim().slice(0, 80));
  }
  return {figures: figs, orphans: orphans};
}
"""

# State of one marked SliderFigure: readout text, image bytes hash, handle and box values.
JS_FIG_STATE = """
async (el) => {
  const img = el.querySelector('img.widget-image');
  let hash = null, size = 0;
  const src = img ? img.getAttribute('src') : null;
  if (src) {
    try {
      const buf = await (await fetch(src)).arrayBuffer();
      size = buf.byteLength;
      if (crypto.subtle) {
        const d = await crypto.subtle.digest('SHA-256', buf);
        hash = Array.from(new Uint8Array(d)).map(b => b.toString(16).padStart(2, '0')).join('');
      } else {  // FNV-1a when not a secure context
        let h = 0x811c9dc5; const u = new Uint8Array(buf);
        for (let i = 0; i < u.length; i++) { h ^= u[i]; h = Math.imul(h, 0x01000193) >>> 0; }
        hash = 'fnv' + h.toString(16) + '-' + size;
      }
    } catch (e) { hash = null; }  // a blob URL revoked between reading src and fetching it
  }
  const html = el.querySelector(':scope > .widget-html');
  const ctls = Array.from(el.querySelectorAll('[data-wdlab-ctl]')).map(c => {
    const h = c.querySelector('.noUi-handle');
    return {now: h ? h.getAttribute('aria-valuenow') : null, min: h ? h.getAttribute('aria-valuemin') : null,
            max: h ? h.getAttribute('aria-valuemax') : null, box: c.querySelector('input[type=number]').value};
  });
  return {readout: html ? html.innerText.trim() : null, src: src, hash: hash, size: size, controls: ctls};
}
"""

JS_PROMPTS = """
(panelSel) => {
  const root = document.querySelector(panelSel);
  if (!root) return null;
  return Array.from(root.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')).map(p => p.textContent.trim());
}
"""

JS_ERRORS = """
(panelSel) => {
  const root = document.querySelector(panelSel);
  if (!root) return ['notebook panel not found'];
  const out = [];
  const cells = Array.from(root.querySelectorAll('.jp-Cell'));
  for (const o of root.querySelectorAll('.jp-OutputArea-output')) {
    const cell = cells.indexOf(o.closest('.jp-Cell'));
    const text = (o.innerText || '').trim();
    if (o.getAttribute('data-mime-type') === '""" + ERROR_MIME + """')
      out.push('cell ' + cell + ' shows stderr/error output: ' + text.slice(0, 1500));
    else if (/Error displaying widget|Failed to load model class|Model not found/.test(text))
      out.push('cell ' + cell + ' failed to show a widget: ' + text.slice(0, 300));
  }
  return out;
}
"""

# Times (performance.now) of the last keydown and of the next 'load' of an image inside el.
JS_ARM_TIMER = """
(el) => {
  window.__wdlab = {key: null, load: null};
  if (!window.__wdlabKeyListener) {
    window.__wdlabKeyListener = true;
    document.addEventListener('keydown', () => { if (window.__wdlab) window.__wdlab.key = performance.now(); },
                              true);
  }
  const img = el.querySelector('img.widget-image');
  const onload = () => { if (window.__wdlab && window.__wdlab.key !== null && window.__wdlab.load === null)
                           window.__wdlab.load = performance.now(); };
  if (img && !img.__wdlabLoad) { img.__wdlabLoad = true; img.addEventListener('load', onload); }
  return !!img;
}
"""

LAB_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# what SliderFigure.refresh shows when ``update`` raises
READOUT_ERROR = re.compile(r"^\w*(Error|Exception|Warning): |Run the cells above this one first", re.M)


@dataclass
class SliderResult:
    """What happened when one control was moved (for reports and benchmarks)."""

    figure: int
    control: int
    label: str
    steps: list[dict] = field(default_factory=list)


def handle_index(value: str | None) -> int:
    """A noUiSlider aria value ("13.0") as an index."""
    return round(float(value)) if value not in (None, "") else -1


class SliderCheckFailed(AssertionError):
    """A slider did not update its output as expected."""


class NotebookPage:
    """One notebook open in a Playwright page served by a :class:`JupyterServer`."""

    def __init__(self, server: JupyterServer, browser: Browser, name: str, shots: Path | None = None,
                 page=None):
        """``page``: a tab to reuse (JupyterLab stays loaded: the notebook opens through the app's
        ``docmanager:open`` command, much faster than loading the page again); else a new tab."""
        self.server, self.name = server, name
        self.owns_page = page is None
        self.page = browser.new_page() if page is None else page
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self._on_error = lambda exc: self.page_errors.append(str(exc))
        self._on_console = lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        self.page.on("pageerror", self._on_error)
        self.page.on("console", self._on_console)
        self.shots = shots
        self.panel = LAB_PANEL

    # -- screenshots ----------------------------------------------------------------------------
    def screenshot(self, label: str, locator=None) -> Path | None:
        if self.shots is None:
            return None
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self.server.app}-{Path(self.name).stem}-{label}.png"
        try:
            (locator or self.page).screenshot(path=str(path), timeout=10_000)
        except Exception:  # a screenshot must never hide the real failure
            return None
        return path

    def write_log(self) -> None:
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        log = {"page_errors": self.page_errors, "console_errors": self.console_errors}
        (self.shots / f"{self.server.app}-{Path(self.name).stem}-console.json").write_text(
            json.dumps(log, indent=1), encoding="utf-8")

    # -- opening and running --------------------------------------------------------------------
    def _app_loaded(self) -> bool:
        return (self.server.app == "lab" and self.page.url.startswith(self.server.base_url)
                and bool(self.page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.commands)")))

    def open(self, timeout: float = 90.0) -> None:
        if not self.owns_page and self._app_loaded():
            self.page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', "
                               "{path: path, factory: 'Notebook'})", f"notebooks/{self.name}")
            current = self.page.locator(".jp-mod-current .lm-TabBar-tabLabel", has_text=self.name).first
            current.wait_for(state="visible", timeout=timeout * 1000)
        else:
            self.page.goto(self.server.notebook_url(self.name), wait_until="domcontentloaded",
                           timeout=timeout * 1000)
        self.page.locator(self.panel).first.wait_for(state="visible", timeout=timeout * 1000)
        self.page.locator(f"{self.panel} .jp-Cell").first.wait_for(state="visible", timeout=timeout * 1000)
        self.wait_kernel_idle(timeout, "the kernel to start")

    def wait_kernel_idle(self, timeout: float, what: str) -> None:
        wait_for(lambda: self.server.kernel_state(self.name) == "idle", timeout, f"{what} ({self.name})",
                 interval=0.1)

    def menu(self, top: str, item: str) -> None:
        """Click ``top`` in the menu bar, then ``item`` in the menu it opens."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).first.click()
        entry = self.page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                                  has_text=re.compile(f"^{re.escape(item)}$")).first
        entry.click()

    def prompts(self) -> list[str]:
        return self.page.evaluate(JS_PROMPTS, self.panel) or []

    def run_all(self, timeout: float = 240.0) -> float:
        """Clear all outputs, Run > Run All Cells, wait until done; returns seconds taken."""
        self.menu("Edit", "Clear Outputs of All Cells")
        wait_for(lambda: all(p in ("[ ]:", "[]:", "") for p in self.prompts()), 20, "outputs to clear")
        start = time.monotonic()
        self.menu("Run", "Run All Cells")
        state = {"last": None, "since": 0.0}

        def done() -> bool:
            prompts = self.prompts()
            numbered = sum(bool(re.fullmatch(r"\[\d+\]:", p)) for p in prompts)
            if numbered == 0 or any("*" in p for p in prompts):
                state["last"] = None
                return False
            if self.server.kernel_state(self.name) != "idle":
                state["last"] = None
                return False
            now = time.monotonic()
            if state["last"] != prompts:  # stable for 0.5 s: no cell still queued
                state["last"], state["since"] = prompts, now
                return False
            return now - state["since"] >= 0.5

        wait_for(done, timeout, f"Run All to finish in {self.name}", interval=0.15)
        return time.monotonic() - start

    def errors(self) -> list[str]:
        return self.page.evaluate(JS_ERRORS, self.panel)

    # -- sliders --------------------------------------------------------------------------------
    def find_sliders(self) -> dict:
        """Mark and describe every SliderFigure and GridSlider in the notebook panel."""
        return self.page.evaluate(JS_MARK_SLIDERS, self.panel)

    def wait_sliders(self, expect_any: bool, timeout: float = 20.0) -> dict:
        """``find_sliders`` once the widgets have rendered: every figure shows an image and the count
        is the same in two looks 0.5 s apart (and at least one figure if ``expect_any``)."""
        last: dict = {"n": None}

        def ready():
            found = self.find_sliders()
            figs = found["figures"]
            shown = all(self.fig_state(f["index"])["hash"] for f in figs)
            n = len(figs)
            stable, last["n"] = (n == last["n"]), n
            return found if shown and stable and (n or not expect_any) else None

        try:
            return wait_for(ready, timeout, "the slider widgets to render", interval=0.5)
        except TimeoutError:
            return self.find_sliders()  # the caller's assertions say what is missing

    def figure(self, k: int):
        return self.page.locator(f"{self.panel} [data-wdlab-fig='{k}']")

    def control(self, k: int, j: int):
        return self.page.locator(f"{self.panel} [data-wdlab-ctl='{k}.{j}']")

    def fig_state(self, k: int) -> dict:
        return self.figure(k).evaluate(JS_FIG_STATE)

    def settle(self, k: int, before: dict, timeout: float = 15.0, quiet: float = 0.3,
               expect_change_within: float = 8.0) -> dict:
        """Wait for the final state of figure ``k`` after an action.

        Final = kernel idle, image readable and nothing changed for ``quiet`` s, and either something
        changed compared with ``before`` or ``expect_change_within`` s passed (then the caller's
        assertions say what did not change).
        """
        start = time.monotonic()
        last, since = None, 0.0
        while True:
            now = time.monotonic()
            state = self.fig_state(k)
            idle = self.server.kernel_state(self.name) == "idle"
            key = json.dumps(state, sort_keys=True)
            if key != last:
                last, since = key, now
            changed = (state["readout"], state["hash"]) != (before["readout"], before["hash"])
            if (idle and state["hash"] is not None and now - since >= quiet
                    and (changed or now - start >= expect_change_within)):
                return state
            if now - start > timeout:
                raise SliderCheckFailed(f"figure {k} in {self.name} did not settle within {timeout:.0f} s "
                                        f"(kernel idle: {idle}; state: {state})")
            time.sleep(0.08)

    def press_key(self, k: int, j: int, key: str) -> None:
        handle = self.control(k, j).locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        handle.press(key)

    def type_value(self, k: int, j: int, text: str) -> None:
        box = self.control(k, j).locator("input[type=number]").first
        box.scroll_into_view_if_needed()
        box.click()
        box.fill(text)
        box.press("Enter")

    def check_control(self, k: int, j: int, label: str, keyboard: bool = True) -> SliderResult:
        """Move control ``j`` of figure ``k`` by keyboard, then by typing; assert the outputs change.

        1. Arrow key on the handle (Right, or Left at the top end): handle, box, readout and image
           bytes must all change.
        2. Type the far end of the range (from the slider's "(low … high" label) + Enter: the
           handle must go to that end; readout and image must change again.
        3. Type the starting value back + Enter: handle, box and readout return to the start.
        Any readout that shows an exception fails. ``keyboard=False`` skips step 1.
        """
        result = SliderResult(k, j, label)
        fig = self.figure(k)
        try:  # the image must be there before anything is compared with it
            start = wait_for(lambda: (st := self.fig_state(k))["hash"] and st, 15, f"the image of figure {k}")
        except TimeoutError:
            self.screenshot(f"FAILED-fig{k}-ctl{j}", fig)
            raise SliderCheckFailed(f"{self.name}: figure {k} ({label}) shows no image") from None
        c0 = start["controls"][j]
        where = f"{self.name}: figure {k} ({label})"
        tag = f"fig{k}-ctl{j}"

        def fail(msg: str) -> None:
            self.screenshot(f"FAILED-{tag}", fig)
            self.screenshot(f"FAILED-{tag}-page")
            raise SliderCheckFailed(f"{where}: {msg}")

        def check_readout(state: dict, step: str) -> None:
            if state["readout"] and READOUT_ERROR.search(state["readout"]):
                fail(f"after {step} the readout shows an error: {state['readout']!r}")

        def check_changed(before: dict, after: dict, step: str) -> None:
            problems = []
            if after["readout"] == before["readout"]:
                problems.append(f"the readout text did not change (still {after['readout']!r})")
            if after["hash"] == before["hash"]:
                same_src = "the same blob URL" if after["src"] == before["src"] else "a new blob URL"
                problems.append(f"the plot image bytes did not change ({same_src}, {after['size']} bytes, "
                                f"sha256 {str(after['hash'])[:12]})")
            if problems:
                fail(f"after {step}: " + "; ".join(problems))

        check_readout(start, "running the notebook")
        lo, hi, now = handle_index(c0["min"]), handle_index(c0["max"]), handle_index(c0["now"])
        if hi <= lo:
            fail(f"the slider has a single position (aria-valuemin={lo}, aria-valuemax={hi})")
        self.screenshot(f"{tag}-0-start", fig)

        # 1. keyboard
        want, s1 = now, start
        if keyboard:
            key = "ArrowRight" if now < hi else "ArrowLeft"
            t0 = time.monotonic()
            self.press_key(k, j, key)
            s1 = self.settle(k, start)
            result.steps.append({"action": key, "seconds": time.monotonic() - t0, "readout": s1["readout"]})
            c1 = s1["controls"][j]
            want = now + (1 if key == "ArrowRight" else -1)
            if handle_index(c1["now"]) != want:
                fail(f"{key} on the handle moved it from {now} to {handle_index(c1['now'])}, expected {want}")
            if c1["box"] == c0["box"]:
                fail(f"{key} moved the handle but the box still shows {c0['box']!r}")
            check_readout(s1, key)
            check_changed(start, s1, f"{key} on the handle")
            self.screenshot(f"{tag}-1-{key}", fig)

        # 2. type the far end of the range
        label_text = " ".join(self.control(k, j).locator(".widget-label").all_inner_texts())
        m = re.search(r"\(\s*([-+0-9.eE]+)\s*…\s*([-+0-9.eE]+)", label_text)
        far_is_high = (want - lo) <= (hi - want)
        if m:
            text, target = (m.group(2), hi) if far_is_high else (m.group(1), lo)
        else:  # no range in the label: type the starting value instead
            text, target = c0["box"], now
        t0 = time.monotonic()
        self.type_value(k, j, text)
        s2 = self.settle(k, s1)
        result.steps.append({"action": f"type {text}", "seconds": time.monotonic() - t0,
                             "readout": s2["readout"]})
        c2 = s2["controls"][j]
        if handle_index(c2["now"]) != target:
            fail(f"typing {text!r} + Enter into the box ({label_text!r}) put the handle at {handle_index(c2['now'])}, "
                 f"expected {target}; the box shows {c2['box']!r}")
        check_readout(s2, f"typing {text!r}")
        check_changed(s1, s2, f"typing {text!r} + Enter")
        self.screenshot(f"{tag}-2-typed", fig)

        # 3. type the starting value back
        if target != now:
            t0 = time.monotonic()
            self.type_value(k, j, c0["box"])
            s3 = self.settle(k, s2)
            result.steps.append({"action": f"type {c0['box']}", "seconds": time.monotonic() - t0,
                                 "readout": s3["readout"], "image_as_at_start": s3["hash"] == start["hash"]})
            c3 = s3["controls"][j]
            if handle_index(c3["now"]) != now or c3["box"] != c0["box"]:
                fail(f"typing the start value {c0['box']!r} back gave handle {handle_index(c3['now'])} / "
                     f"box {c3['box']!r}, expected {now} / {c0['box']!r}")
            if s3["readout"] != start["readout"]:
                fail(f"back at the start value the readout is {s3['readout']!r}, was {start['readout']!r}")
            check_changed(s2, s3, f"typing {c0['box']!r} + Enter")
        return result

    def keyboard_moves(self, k: int, j: int) -> bool:
        """Does an arrow key on the handle of control ``j`` move it? (It leaves the slider moved.)"""
        before = self.fig_state(k)
        now = handle_index(before["controls"][j]["now"])
        key = "ArrowRight" if now < handle_index(before["controls"][j]["max"]) else "ArrowLeft"
        self.press_key(k, j, key)
        after = self.settle(k, before, expect_change_within=2.0)
        return handle_index(after["controls"][j]["now"]) != now

    def close(self, failed: bool = False) -> None:
        """Close the tab (own page) or the notebook (shared page; reloaded next time if ``failed``)."""
        self.write_log()
        try:
            if self.owns_page:
                self.page.close()
                return
            self.page.remove_listener("pageerror", self._on_error)
            self.page.remove_listener("console", self._on_console)
            if failed or not self._app_loaded():
                self.page.goto("about:blank")  # a dialog or a broken state must not leak into the next
                return
            # dispose() skips the "save changes?" dialog; the copy is thrown away anyway
            self.page.evaluate("""() => { for (const w of Array.from(window.jupyterapp.shell.widgets('main')))
                                             w.dispose(); }""")
        except Exception:
            pass
