"""The slider figures in a notebook page: find them, move them (key, drag, typed value) and time each move.

Two implementations are driven, so that ``bench/browser_latency.py`` can measure before and after:

* :class:`Flipbook`: ``d2lmini.SliderFigure`` as it is now, an anywidget flipbook (``d2lmini/flipbook.js``):
  ``.wdlab-flipbook`` roots with ``input[type=range]`` controls, a ``.wdlab-flipbook-box`` per control, a
  readout and one ``img``; ``data-frame`` says which frame is shown.
* :class:`IpyWidgets`: the slider before the flipbook (an ipywidgets VBox of ``SelectionSlider`` +
  ``FloatText`` controls, an ``HTML`` readout and an ``Image`` the kernel re-renders on every move).

Timing (:data:`JS_LATENCY`): the ``timeStamp`` of the key or pointer event that moved the slider, to the end
of the first frame painted with the new picture: ``requestAnimationFrame``, then a ``MessageChannel`` task
(it runs once that frame is rendered), started when the picture is ready: for an ``img`` (the ipywidgets
slider, the website) when its new ``src`` is decoded (``img.decode()``); for the flipbook's ``canvas`` when
the new frame has been drawn on it (the root's ``data-src`` changes after ``drawImage``; its frames were
decoded when they arrived).
"""

from __future__ import annotations

import json
import re
import time

# Installed once per page. arm(root) starts one measurement on the figure root; the next keydown, or
# pointerdown/pointermove with a button held, is the start; the first new ``src`` of root's img, decoded and
# painted, is the end.
JS_LATENCY = """
() => {
  if (window.__wdlabLat) return;
  const st = window.__wdlabLat = {armed: false, t0: null, kind: null, painted: null, src: null, obs: null};
  const mark = (e) => {
    if (!st.armed || st.t0 !== null) return;
    if (e.type === 'keydown' || e.buttons) { st.t0 = e.timeStamp; st.kind = e.type; }
  };
  for (const t of ['keydown', 'pointerdown', 'pointermove']) window.addEventListener(t, mark, true);
  st.arm = (root) => {
    if (st.obs) st.obs.disconnect();
    st.armed = true; st.t0 = null; st.kind = null; st.painted = null; st.src = null;
    const flip = root.classList.contains('wdlab-flipbook');
    const pic = flip ? root.querySelector('.wdlab-flipbook-frame') : root.querySelector('img');
    const target = flip ? root : pic;
    const attr = flip ? 'data-src' : 'src';
    st.obs = new MutationObserver(() => {
      if (st.t0 === null || st.src !== null) return;
      st.src = target.getAttribute(attr);
      const painted = () => requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { st.painted = performance.now(); st.armed = false; };
        ch.port2.postMessage(0);
      });
      (pic.tagName === 'IMG' && pic.decode ? pic.decode() : Promise.resolve()).then(painted, painted);
    });
    st.obs.observe(target, {attributes: true, attributeFilter: [attr]});
  };
}
"""

JS_ARM = "(root) => window.__wdlabLat.arm(root)"
JS_RESULT = """() => { const s = window.__wdlabLat;
  return s.painted === null ? null : {ms: s.painted - s.t0, kind: s.kind, src: s.src, t0: s.t0}; }"""

# SHA-256 (or FNV-1a outside a secure context) of the bytes behind an img's src.
JS_IMAGE_HASH = """
async (img) => {
  const src = img ? img.getAttribute('src') : null;
  if (!src) return {src: null, hash: null, size: 0};
  try {
    const buf = await (await fetch(src)).arrayBuffer();
    if (crypto.subtle) {
      const d = await crypto.subtle.digest('SHA-256', buf);
      return {src, size: buf.byteLength,
              hash: Array.from(new Uint8Array(d)).map(b => b.toString(16).padStart(2, '0')).join('')};
    }
    let h = 0x811c9dc5; const u = new Uint8Array(buf);
    for (let i = 0; i < u.length; i++) { h ^= u[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return {src, size: buf.byteLength, hash: 'fnv' + h.toString(16)};
  } catch (e) { return {src, hash: null, size: 0}; }
}
"""

READOUT_ERROR = re.compile(r"^\w*(Error|Exception|Warning): |run the cells above this one first", re.M | re.I)


class Sliders:
    """Base: the slider figures in one notebook panel of ``page`` (a Playwright page)."""

    kind = "?"

    def __init__(self, page, panel: str):
        self.page, self.panel = page, panel
        self.figures: list[dict] = []

    @classmethod
    def detect(cls, page, panel: str) -> Sliders | None:
        for impl in (Flipbook, IpyWidgets):
            if page.locator(f"{panel} {impl.ROOT}").count():
                return impl(page, panel)
        return None

    def root(self, k: int):
        return self.page.locator(f"{self.panel} [data-wdlab-fig='{k}']")

    def install(self) -> None:
        self.page.evaluate(JS_LATENCY)

    def image(self, k: int) -> dict:
        """Hash of the PNG bytes the figure shows (the flipbook: its ``data-src``; else its img's ``src``)."""
        return self.root(k).evaluate(f"""(r) => ({JS_IMAGE_HASH})(r.classList.contains('wdlab-flipbook')
            ? {{getAttribute: () => r.getAttribute('data-src')}} : r.querySelector('img'))""")

    def timed(self, k: int, action, timeout: float = 30.0) -> dict:
        """Arm the timer on figure ``k``, run ``action()``, wait for the new picture painted."""
        self.root(k).evaluate(JS_ARM)
        action()
        try:
            self.page.wait_for_function("() => window.__wdlabLat.painted !== null", timeout=timeout * 1000,
                                        polling=10)
        except Exception:
            return {"ms": None, "kind": None, "src": None}
        return self.page.evaluate(JS_RESULT)

    def _focus(self, element) -> None:
        """Focus ``element`` unless it has the focus, and let the page draw that (JupyterLab selects the cell
        of a focused widget, a whole-notebook restyle): a reader clicks a slider before pressing keys on it."""
        if not element.evaluate("e => document.activeElement === e"):
            element.scroll_into_view_if_needed()
            element.focus()
            self.page.wait_for_timeout(200)

    # implementation-specific
    def find(self) -> list[dict]:
        raise NotImplementedError

    def position(self, k: int, j: int) -> int:
        raise NotImplementedError

    def size(self, k: int, j: int) -> int:
        raise NotImplementedError

    def press(self, k: int, j: int, key: str) -> None:
        raise NotImplementedError

    def _track(self, k: int, j: int) -> tuple[float, float, float, float]:
        """(x of position 0, x of the last position, y, handle width) of control j's track, in page pixels."""
        raise NotImplementedError

    def drag_start(self, k: int, j: int) -> None:
        """Press the mouse on the handle at its current position (nothing moves yet)."""
        x0, x1, y, _ = self._track(k, j)
        n, p = self.size(k, j), self.position(k, j)
        self.page.mouse.move(x0 + (x1 - x0) * p / max(1, n - 1), y)
        self.page.mouse.down()

    def drag_to(self, k: int, j: int, p: int) -> None:
        x0, x1, y, _ = self._track(k, j)
        self.page.mouse.move(x0 + (x1 - x0) * p / max(1, self.size(k, j) - 1), y, steps=1)

    def drag_end(self) -> None:
        self.page.mouse.up()

    def settle(self, k: int, quiet: float = 0.15, timeout: float = 30.0) -> None:
        """Wait until figure k's picture and readout have not changed for ``quiet`` s."""
        last, since, start = None, time.monotonic(), time.monotonic()
        while time.monotonic() - start < timeout:
            now = json.dumps(self.root(k).evaluate(
                "(r) => [r.querySelector('img') && r.querySelector('img').getAttribute('src'), r.innerText]"))
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.03)


class Flipbook(Sliders):
    """``d2lmini.SliderFigure`` (anywidget flipbook)."""

    kind = "flipbook"
    ROOT = ".wdlab-flipbook"

    def find(self) -> list[dict]:
        self.figures = self.page.evaluate("""(panel) => {
          const cells = Array.from(document.querySelectorAll(panel + ' .jp-Cell'));
          return Array.from(document.querySelectorAll(panel + ' .wdlab-flipbook')).map((r, k) => {
            r.setAttribute('data-wdlab-fig', String(k));
            return {index: k, cell: cells.indexOf(r.closest('.jp-Cell')),
                    total: Number(r.getAttribute('data-total')),
                    controls: Array.from(r.querySelectorAll('.wdlab-flipbook-control')).map((c, j) => ({
                      index: j, label: c.querySelector('label').textContent,
                      n: Number(c.querySelector('input[type=range]').max) + 1}))};
          });
        }""", self.panel)
        return self.figures

    def wait_frames(self, k: int, timeout: float = 120.0) -> dict:
        """Wait until every frame of figure k has arrived; returns the view's stats (ms from request)."""
        self.root(k).evaluate("(r) => r.scrollIntoView({block: 'center'})")
        self.page.wait_for_function(
            "(r) => r.wdlabStats && r.wdlabStats.complete !== null",
            arg=self.root(k).element_handle(), timeout=timeout * 1000, polling=50)
        return self.root(k).evaluate("(r) => r.wdlabStats")

    def state(self, k: int) -> dict:
        return self.root(k).evaluate("""(r) => ({
          frame: r.getAttribute('data-frame'), waiting: r.getAttribute('data-waiting'),
          error: r.hasAttribute('data-error'),
          readout: r.querySelector('.wdlab-flipbook-readout').textContent.trim(),
          positions: Array.from(r.querySelectorAll('input[type=range]')).map(i => Number(i.value)),
          boxes: Array.from(r.querySelectorAll('.wdlab-flipbook-box')).map(i => i.value),
          valuetext: Array.from(r.querySelectorAll('input[type=range]'))
                       .map(i => i.getAttribute('aria-valuetext'))})""")

    def canvas_shows_its_png(self, k: int) -> bool | None:
        """Do the canvas pixels equal the decoded PNG of ``data-src``? (None: not a canvas.)"""
        return self.root(k).evaluate("""async (r) => {
          const c = r.querySelector('canvas.wdlab-flipbook-frame');
          if (!c) return null;
          const bm = await createImageBitmap(await (await fetch(r.getAttribute('data-src'))).blob());
          if (bm.width !== c.width || bm.height !== c.height) return false;
          const o = new OffscreenCanvas(bm.width, bm.height);
          o.getContext('2d').drawImage(bm, 0, 0);
          const a = o.getContext('2d').getImageData(0, 0, bm.width, bm.height).data;
          const b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
          return true;
        }""")

    def spec(self, k: int) -> list[dict]:
        """Each control's grid labels and snapping bounds, as the page has them (from the kernel's spec)."""
        return self.root(k).evaluate("(r) => r.wdlabSpec")

    def range(self, k: int, j: int):
        return self.root(k).locator("input[type=range]").nth(j)

    def position(self, k: int, j: int) -> int:
        return int(self.range(k, j).input_value())

    def size(self, k: int, j: int) -> int:
        return int(self.range(k, j).get_attribute("max")) + 1

    def press(self, k: int, j: int, key: str) -> None:
        self._focus(self.range(k, j))
        self.page.keyboard.press(key)

    def type(self, k: int, j: int, text: str) -> None:
        box = self.root(k).locator(".wdlab-flipbook-box").nth(j)
        box.scroll_into_view_if_needed()
        box.click()
        box.fill(text)
        box.press("Enter")

    def _track(self, k, j):
        r = self.range(k, j)
        r.scroll_into_view_if_needed()
        b = r.bounding_box()
        thumb = 16.0   # Chromium's default range thumb width (px)
        return b["x"] + thumb / 2, b["x"] + b["width"] - thumb / 2, b["y"] + b["height"] / 2, thumb


class IpyWidgets(Sliders):
    """The slider before the flipbook: ipywidgets, the kernel re-renders the PNG on every move."""

    kind = "ipywidgets"
    ROOT = ".widget-vbox .noUi-handle"

    def find(self) -> list[dict]:
        self.figures = self.page.evaluate("""(panel) => {
          const root = document.querySelector(panel) || document;
          const cells = Array.from(root.querySelectorAll('.jp-Cell'));
          const figs = [];
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
            figs.push({index: k, cell: cells.indexOf(vbox.closest('.jp-Cell')), controls: ctls.map((c, j) => {
              c.setAttribute('data-wdlab-ctl', String(j));
              const h = c.querySelector('.noUi-handle');
              return {index: j, label: c.querySelector('.widget-label').textContent,
                      n: Math.round(Number(h.getAttribute('aria-valuemax'))) + 1};
            })});
          }
          return figs;
        }""", self.panel)
        return self.figures

    def handle(self, k: int, j: int):
        return self.root(k).locator(f"[data-wdlab-ctl='{j}'] .noUi-handle").first

    def position(self, k: int, j: int) -> int:
        return round(float(self.handle(k, j).get_attribute("aria-valuenow")))

    def size(self, k: int, j: int) -> int:
        return round(float(self.handle(k, j).get_attribute("aria-valuemax"))) + 1

    def state(self, k: int) -> dict:
        return self.root(k).evaluate("""(r) => ({
          readout: (r.querySelector(':scope > .widget-html') || r).innerText.trim(),
          positions: Array.from(r.querySelectorAll('.noUi-handle'))
                       .map(h => Math.round(Number(h.getAttribute('aria-valuenow'))))})""")

    def press(self, k: int, j: int, key: str) -> None:
        self._focus(self.handle(k, j))
        self.page.keyboard.press(key)

    def type(self, k: int, j: int, text: str) -> None:
        box = self.root(k).locator(f"[data-wdlab-ctl='{j}'] input[type=number]").first
        box.click()
        box.fill(text)
        box.press("Enter")

    def _track(self, k, j):
        base = self.root(k).locator(f"[data-wdlab-ctl='{j}'] .noUi-base").first
        base.scroll_into_view_if_needed()
        b = base.bounding_box()
        return b["x"], b["x"] + b["width"], b["y"] + b["height"] / 2, 0.0


def server_cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes and their children (the kernels)."""
    import psutil

    total, seen = 0.0, set()
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            procs = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            continue
        for p in procs:
            if p.pid in seen:
                continue
            seen.add(p.pid)
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
    return total
