"""Sliders over a precomputed grid, and a figure that a slider redraws in place."""

from __future__ import annotations

import html
import math
import time
from collections.abc import Callable, Iterable, Sequence

import ipywidgets as widgets
import torch
import traitlets
from matplotlib.figure import Figure

from ._validate import require_int, require_real
from .plotting import figure_png


def lambda_grid(low: float = 1e-3, high: float = 10.0, num: int = 17, zero: bool = True) -> list[float]:
    """``num`` log-spaced values from ``low`` to ``high``, with 0 in front if ``zero``.

    Values are rounded to 3 significant digits so that they print cleanly.
    """
    low = require_real("low", low, positive=True)
    high = require_real("high", high, positive=True)
    require_int("num", num, minimum=2)
    if high <= low:
        raise ValueError(f"high: expected a value > low={low:g}, got {high:g}")
    points = torch.logspace(math.log10(low), math.log10(high), num, dtype=torch.float64)
    grid = [float(f"{v:.3g}") for v in points]
    return ([0.0] if zero else []) + grid


def _label(v: float) -> str:
    return "0" if v == 0 else f"{v:.3g}"


class GridSlider(widgets.HBox):
    """A slider over fixed values plus an editable text box showing the value.

    Arrow keys on the handle step through ``values``; a number typed into the
    box snaps to the nearest grid value (nearest on a log scale if ``log``).
    Read or observe ``value`` like any widget.
    """

    value = traitlets.Float()

    def __init__(self, values: Sequence[float], symbol: str = "λ", value: float | None = None,
                 log: bool = True, description: str | None = None) -> None:
        if isinstance(values, torch.Tensor):
            values = values.reshape(-1).tolist()
        if isinstance(values, str) or not isinstance(values, Iterable):
            raise TypeError(f"values: expected a list of numbers, got {type(values).__name__}")
        values = [require_real("values", v) for v in values]
        if value is not None:
            value = require_real("value", value)
        if len(values) < 2 or sorted(values) != values or len(set(values)) != len(values):
            raise ValueError("values: expected at least 2 distinct numbers in increasing order")
        if log and values[0] < 0:
            raise ValueError("values: a log-spaced slider needs values >= 0")
        self.grid, self.log_scale = values, log
        rng = f"{_label(values[0])} … {_label(values[-1])}"
        desc = description or f"{symbol} ({rng}{', log steps' if log else ''})"
        self.slider = widgets.SelectionSlider(
            options=[(_label(v), v) for v in values], description=desc, readout=False,
            continuous_update=True, style={"description_width": "initial"},
            layout=widgets.Layout(width="430px"))
        self.box = widgets.FloatText(description=f"{symbol} =", step=None,
                                     layout=widgets.Layout(width="150px"),
                                     style={"description_width": "initial"})
        super().__init__([self.slider, self.box])
        start = self.snap(values[len(values) // 2] if value is None else value)
        self.slider.value = start
        self.box.value = start
        self.value = start
        self.slider.observe(lambda ch: self._set(ch["new"]), "value")
        self.box.observe(lambda ch: self._set(self.snap(ch["new"])), "value")

    def snap(self, v: float) -> float:
        """The grid value nearest to ``v``."""
        if v is None or not math.isfinite(v):
            return self.value
        if self.log_scale:
            if v <= 0 or (self.grid[0] == 0 and v < self.grid[1] / 10):
                return self.grid[0]
            positive = [g for g in self.grid if g > 0]
            return min(positive, key=lambda g: abs(math.log(g / v)))
        return min(self.grid, key=lambda g: abs(g - v))

    def _set(self, v: float) -> None:
        self.slider.value = v
        self.box.value = v
        self.value = v


class SliderFigure(widgets.VBox):
    """Controls, a text readout and ONE figure that ``update`` changes in place.

    ``update(**values)`` receives the current value of every control (by the
    keyword it was given here), changes the figure's artists (``set_data``,
    ``set_height`` ...) and returns a short text for the readout. Only the
    re-rendered PNG travels to the browser. ``timings`` keeps the seconds each
    refresh took (for the benchmark).
    """

    def __init__(self, fig: Figure, update: Callable[..., str | None], **controls: widgets.Widget) -> None:
        if not isinstance(fig, Figure):
            raise TypeError(f"fig: expected a matplotlib Figure, got {type(fig).__name__}")
        if not callable(update):
            raise TypeError(f"update: expected a function, got {type(update).__name__}")
        if not controls:
            raise ValueError("controls: pass at least one control, e.g. lambd=GridSlider(...)")
        for name, control in controls.items():
            if not isinstance(control, widgets.Widget) or not control.has_trait("value"):
                raise TypeError(f"{name}: expected a widget with a value, e.g. {name}=GridSlider(...), "
                                f"got {type(control).__name__}")
        self.fig, self.update, self.controls = fig, update, controls
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png")
        self.timings: list[float] = []
        super().__init__([*controls.values(), self.readout, self.image])
        for control in controls.values():
            control.observe(self.refresh, "value")
        self.refresh()

    def refresh(self, change=None) -> None:
        """Call ``update`` with the current values and redraw the figure."""
        start = time.perf_counter()
        values = {name: c.value for name, c in self.controls.items()}
        try:
            text = self.update(**values)
            png = figure_png(self.fig)
        except Exception as exc:  # shown to the learner instead of vanishing into a log
            hint = ("<br>A name is not defined yet: run the cells above this one first "
                    "(Run ▸ Run All Above Selected Cell)." if isinstance(exc, NameError) else "")
            self.readout.value = (
                f"<b style='color:#D55E00'>{type(exc).__name__}: {html.escape(str(exc))}</b>{hint}")
            return
        self.readout.value = f"<code>{html.escape('' if text is None else str(text))}</code>"
        self.image.value = png
        self.timings.append(time.perf_counter() - start)
