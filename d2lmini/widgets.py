"""Sliders over a precomputed grid, shown as a flipbook: the browser swaps pictures, the kernel only draws them.

``SliderFigure(fig, show, lambd=GridSlider(grid, symbol="λ", value=1.0))`` draws the figure once when the
cell runs (the picture that is stored in the notebook). When the browser first displays the widget, it asks
the kernel for the picture of every grid value, drawn by ``show`` + :func:`d2lmini.figure_png` exactly as a
move used to draw it, and from then on a move (arrow keys, drag, a typed value) only swaps pictures in the
browser: no kernel work per move, and it keeps working while the kernel is busy. A move to a picture that
has not arrived yet asks for that one first. The position still syncs back: ``slider.value`` can be read and
observed in Python, and setting it in Python redraws in the kernel as before.

The front end is ``flipbook.js`` beside this file (an anywidget ES module; the website uses the same file).

Comm protocol (what a client such as a load test sends and receives; standard Jupyter widget messages on
the ``jupyter.widget`` comm target, model ``AnyModel`` from module ``anywidget``):

* kernel -> client, ``comm_open`` when the cell runs: ``data.state`` holds ``spec`` (controls: symbol,
  label, ``labels`` of the grid values, ``bounds`` for snapping typed values; ``prerender``:
  the flat frame indices to fetch, ``null`` = all), ``index`` (one grid position per control), ``png_index``,
  ``readout_html`` and, as a binary buffer at ``buffer_paths`` ``[["png"]]``, the PNG of frame ``png_index``.
  Frame ``k`` is the row-major flat index of the positions (one control: ``k`` = its position).
* client -> kernel, to get pictures: ``comm_msg`` with ``data = {"method": "custom", "content":
  {"type": "frames", "indices": [k, ...]}}`` (at most 64 indices a message).
  kernel -> client, the answer: ``comm_msg`` with ``data = {"method": "custom", "content": {"type": "frames",
  "indices": [k, ...], "ok": [true, ...], "readouts": [html, ...], "seconds": s}}`` and one binary buffer (a
  PNG) per ``ok`` frame, in order. A frame whose ``show`` raised has ``ok`` false and its error as readout.
* client -> kernel, a move: ``comm_msg`` with ``data = {"method": "update", "state": {"index": [j, ...]},
  "buffer_paths": []}``; the kernel sets the controls' values (observers run; nothing is drawn) and answers
  ``{"method": "echo_update", "state": {"index": [...]}, "buffer_paths": []}``.
* kernel -> client, a move made in Python (``slider.value = v``): ``{"method": "update", "state": {"index",
  "png_index", "readout_html"}, "buffer_paths": [["png"]]}`` with the new PNG.

Widget messages arrive at a websocket client as binary frames (they carry buffers): decode them with
``jupyter_client``'s session / ``jupyter_server``'s websocket protocol helpers, not as JSON text.
"""

from __future__ import annotations

import html
import itertools
import math
import time
from pathlib import Path
from typing import NamedTuple

import anywidget
import numpy as np
import traitlets
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from .plotting import figure_png

_HERE = Path(__file__).resolve().parent
MAX_FRAMES = 400            # several controls: the product of their grids is prerendered up to this many frames
MAX_PER_MESSAGE = 64        # frames one request may ask for
ERROR_STYLE = "color:#D55E00"


def lambda_grid(low: float = 1e-3, high: float = 10.0, num: int = 17, zero: bool = True) -> list[float]:
    """``num`` log-spaced values from ``low`` to ``high`` rounded to 3 significant digits, 0 in front if ``zero``."""
    grid = [float(f"{v:.3g}") for v in np.logspace(math.log10(low), math.log10(high), num)]
    return ([0.0] if zero else []) + grid


def grid_label(v: float) -> str:
    """How a grid value is written on a slider (3 significant digits)."""
    return f"{v:.3g}"


def _snap(grid: list[float], log: bool, v: float) -> float:
    v = min(max(v, grid[0]), grid[-1])   # beyond the ends: the end (also for 1e300, where |g - v| ties)
    if log and grid[0] == 0 and len(grid) > 1 and v < grid[1] / 10:
        return 0.0
    if log and v > 0:
        return min((g for g in grid if g > 0), key=lambda g: abs(math.log(g / v)))
    return min(grid, key=lambda g: abs(g - v))


class GridSlider(traitlets.HasTraits):
    """A slider over fixed ``values`` (ascending) with a box to type a value, snapped to the nearest grid value.

    ``value`` can be read, set (it snaps) and observed like any widget's; a ``SliderFigure`` shows it.
    """

    value = traitlets.Float()

    def __init__(self, values, symbol: str = "λ", value: float | None = None, log: bool = True) -> None:
        super().__init__()
        self.grid, self.symbol, self.log_scale = [float(v) for v in values], symbol, log
        if not self.grid or any(b <= a for a, b in itertools.pairwise(self.grid)):
            raise ValueError(f"values: expected distinct values in ascending order, got {list(values)[:8]}")
        if log and self.grid[0] < 0:
            raise ValueError("values: log steps need values >= 0; pass log=False for a grid with negative values")
        self.label = (f"{symbol} ({grid_label(self.grid[0])} … {grid_label(self.grid[-1])}"
                      f"{', log steps' if log else ''})")
        self.value = self.grid[len(self.grid) // 2] if value is None else value

    @traitlets.validate("value")
    def _snap_value(self, proposal):
        return self.snap(proposal["value"])

    def snap(self, v: float) -> float:
        """The grid value nearest to ``v`` (on a log scale if ``log``; below a tenth of the first step: 0)."""
        return _snap(self.grid, self.log_scale, v)

    @property
    def position(self) -> int:
        return self.grid.index(self.value)

    def bounds(self) -> list[float]:
        """For the browser: ``bounds[i]`` is the smallest number that :meth:`snap` takes past position ``i``.

        A typed value ``v`` snaps to position ``sum(v >= b for b in bounds)``: the same grid value as
        :meth:`snap`, to the last bit (each bound is found by bisection over floats)."""
        out = []
        for a, b in itertools.pairwise(self.grid):
            lo, hi = a, b        # snap(lo) == a, snap(hi) == b; between them snap answers a or b, as for [a, b]
            while True:
                mid = lo + (hi - lo) / 2
                if mid in (lo, hi):
                    break
                if _snap([a, b], self.log_scale, mid) == b:
                    hi = mid
                else:
                    lo = mid
            out.append(hi)
        return out

    def __repr__(self) -> str:
        return f"GridSlider({self.label}, value={grid_label(self.value)})"


class Frame(NamedTuple):
    """One picture of a slider figure: PNG bytes (``None`` if ``show`` raised), the readout (HTML), seconds."""

    png: bytes | None
    readout: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.png is not None


class _Shown:
    """``sf.readout.value`` / ``sf.image.value``: what the kernel last drew (read-only, as the old widgets')."""

    def __init__(self, get) -> None:
        self._get = get

    @property
    def value(self):
        return self._get()


def readout_html(text) -> str:
    return f"<code>{html.escape(str(text))}</code>"


def error_html(exc: Exception) -> str:
    hint = ("<br>A name is not defined yet: run the cells above this one first "
            "(Run ▸ Run All Above Selected Cell)." if isinstance(exc, NameError) else "")
    return f"<b style='{ERROR_STYLE}'>{type(exc).__name__}: {html.escape(str(exc))}</b>{hint}"


def _compact(source: str) -> str:
    """Source without comment-only lines and indentation: the module text is stored with every slider's state."""
    out, in_comment = [], False
    for line in source.splitlines():
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
        elif text.startswith("/*"):
            in_comment = "*/" not in text
        elif text and not text.startswith("//"):
            out.append(text)
    return "\n".join(out)


def _kept_positions(n: int, start: int, budget: int) -> list[int]:
    """Evenly spaced positions with the first, last and start one; all of them if they fit ``budget``."""
    if n <= budget:
        return list(range(n))
    return sorted({round(i * (n - 1) / (budget - 1)) for i in range(budget)} | {0, n - 1, start})


class SliderFigure(anywidget.AnyWidget):
    """Controls, a one-line readout and ONE figure, shown as a flipbook of the figure's frames.

    ``update(**values)`` gets each control's value (by the keyword given here), changes the figure's
    artists and returns the readout text. The browser asks for the frames (every grid value; several
    controls: their product, capped at ``MAX_FRAMES`` by an evenly spaced subset of each grid) when it first
    shows the widget and swaps them itself. An error in ``update`` is shown in the readout. ``timings``
    keeps the seconds of every drawing (update + PNG) and ``renders`` counts them.
    """

    _esm = _compact((_HERE / "flipbook.js").read_text(encoding="utf-8")) + (
        "\nexport default { initialize: wdlabFlipbook.initialize, render: wdlabFlipbook.render };\n")
    _css = _compact((_HERE / "flipbook.css").read_text(encoding="utf-8"))

    spec = traitlets.Dict().tag(sync=True)
    index = traitlets.List(traitlets.Int()).tag(sync=True)
    png = traitlets.Bytes(b"").tag(sync=True)
    png_index = traitlets.List(traitlets.Int()).tag(sync=True)
    readout_html = traitlets.Unicode("").tag(sync=True)

    def __init__(self, fig, update, **controls) -> None:
        bad = [name for name, c in controls.items() if not isinstance(c, GridSlider)]
        if bad or not controls:
            raise TypeError(f"controls: expected name=d2l.GridSlider(grid, ...) keywords, got {bad or 'none'}")
        self.fig, self.update, self.controls = fig, update, dict(controls)
        self.timings: list[float] = []
        self.renders = 0
        self._cache: dict[int, Frame] = {}
        self._from_view, self._quiet, self._ready = False, False, False
        self._sizes = [len(c.grid) for c in self.controls.values()]
        start = [c.position for c in self.controls.values()]
        if not isinstance(fig.get_layout_engine(), (type(None), PlaceHolderLayoutEngine)):
            fig.draw_without_rendering()   # a layout engine's first pass moves things: every frame gets the same
        first = self._render(self._flat(start))
        self._last_png = first.png or b""   # the picture stays when a later drawing fails
        super().__init__(spec=self._spec(start), index=start, png=first.png or b"", png_index=start,
                         readout_html=first.readout)
        self.readout, self.image = _Shown(lambda: self.readout_html), _Shown(lambda: self._last_png)
        self._ready = True
        self.on_msg(self._on_msg)
        for control in self.controls.values():
            control.observe(self._control_moved, "value")

    # -- frames ---------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        """Number of frames: the product of the grid sizes."""
        return math.prod(self._sizes)

    def _flat(self, positions) -> int:
        k = 0
        for n, p in zip(self._sizes, positions, strict=True):
            k = k * n + p
        return k

    def positions(self, k: int) -> list[int]:
        """The grid position of each control in frame ``k``."""
        out = []
        for n in reversed(self._sizes):
            out.insert(0, k % n)
            k //= n
        return out

    def values(self, k: int) -> dict[str, float]:
        """The control values of frame ``k``, by keyword."""
        return {name: c.grid[p] for (name, c), p in zip(self.controls.items(), self.positions(k), strict=True)}

    def _render(self, k: int) -> Frame:
        start = time.perf_counter()
        try:
            text = self.update(**self.values(k))
            png = figure_png(self.fig)
        except Exception as exc:   # shown in the readout: a widget callback's traceback reaches no one
            return Frame(None, error_html(exc), time.perf_counter() - start)
        seconds = time.perf_counter() - start
        self.timings.append(seconds)
        self.renders += 1
        frame = Frame(png, readout_html(text), seconds)
        self._cache[k] = frame
        return frame

    def frame(self, k: int | None = None, fresh: bool = False) -> Frame:
        """Frame ``k`` (default: the current position), from the frames drawn so far unless ``fresh``."""
        k = self._flat(self.index) if k is None else int(k)
        if not 0 <= k < self.size:
            raise IndexError(f"k: frame {k} does not exist (this slider has {self.size} frames)")
        return (None if fresh else self._cache.get(k)) or self._render(k)

    def prerender(self, max_frames: int = MAX_FRAMES, start: list[int] | None = None) -> list[list[int]]:
        """The grid positions drawn ahead of time, per control: all of them if the product fits ``max_frames``,
        else an evenly spaced subset of each grid (with its ends and the ``start`` position, default: now)."""
        budget = max(2, int(max_frames ** (1 / len(self._sizes))))
        start = list(self.index) if start is None else start
        return [_kept_positions(n, s, budget) for n, s in zip(self._sizes, start, strict=True)]

    def frames(self, max_frames: int = MAX_FRAMES) -> tuple[list[list[int]], list[int], list[Frame]]:
        """Every prerendered frame (as the browser gets them): ``(kept positions per control, flat indices,
        frames)``, row-major over the kept positions. The website's flipbooks come from here."""
        kept = self.prerender(max_frames)
        flat = [self._flat(combo) for combo in itertools.product(*kept)]
        return kept, flat, [self.frame(k) for k in flat]

    def _spec(self, start: list[int]) -> dict:
        controls = []
        for name, c in self.controls.items():
            controls.append({"name": name, "symbol": c.symbol, "label": c.label, "values": c.grid,
                             "labels": [grid_label(v) for v in c.grid], "bounds": c.bounds(), "log": c.log_scale})
        prerender = (None if self.size <= MAX_FRAMES else
                     [self._flat(p) for p in itertools.product(*self.prerender(MAX_FRAMES, start))])
        return {"controls": controls, "prerender": prerender, "alt": "slider figure at"}

    # -- the browser asks for frames ------------------------------------------------------------
    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("type") != "frames":
            return
        start = time.perf_counter()
        wanted = [int(k) for k in content.get("indices", [])[:MAX_PER_MESSAGE]
                  if isinstance(k, int) and 0 <= k < self.size]
        frames = [self.frame(k) for k in wanted]
        self.send({"type": "frames", "indices": wanted, "ok": [f.ok for f in frames],
                   "readouts": [f.readout for f in frames], "seconds": round(time.perf_counter() - start, 4)},
                  buffers=[f.png for f in frames if f.ok])

    # -- moves ----------------------------------------------------------------------------------
    def set_state(self, sync_data) -> None:
        """A change made in the browser: remember that it needs no drawing here."""
        self._from_view = True
        try:
            super().set_state(sync_data)
        finally:
            self._from_view = False

    @traitlets.observe("index")
    def _index_moved(self, change) -> None:
        if not self._ready:   # the constructor sets it
            return
        self._quiet = True
        try:   # the controls follow (their observers run), without coming back here
            for c, p in zip(self.controls.values(), change["new"], strict=True):
                c.value = c.grid[p]
        finally:
            self._quiet = False
        if not self._from_view:   # a move made in Python: draw it here, as the old slider did
            self._show_in_kernel()

    def _control_moved(self, _change) -> None:
        if not self._quiet:
            with self.hold_sync():   # the position and its new picture go out in one message
                self.index = [c.position for c in self.controls.values()]

    def _show_in_kernel(self) -> None:
        frame = self.frame(self._flat(self.index), fresh=True)
        with self.hold_sync():   # no PNG (b"") = the drawing failed: the browser keeps the old picture
            self.png, self.png_index, self.readout_html = frame.png or b"", list(self.index), frame.readout
        if frame.ok:
            self._last_png = frame.png

    def __repr__(self) -> str:
        names = ", ".join(f"{c.symbol}: {len(c.grid)} values" for c in self.controls.values())
        return f"SliderFigure({names}; move it in JupyterLab or Notebook 7)"
