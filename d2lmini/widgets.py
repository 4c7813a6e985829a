"""Sliders over a precomputed grid, and a figure that a slider redraws in place."""

from __future__ import annotations

import html
import math
import time

import ipywidgets as widgets
import numpy as np
import traitlets

from .plotting import figure_png


def lambda_grid(low: float = 1e-3, high: float = 10.0, num: int = 17, zero: bool = True) -> list[float]:
    """``num`` log-spaced values from ``low`` to ``high`` rounded to 3 significant digits, 0 in front if ``zero``."""
    grid = [float(f"{v:.3g}") for v in np.logspace(math.log10(low), math.log10(high), num)]
    return ([0.0] if zero else []) + grid


class GridSlider(widgets.HBox):
    """A slider over fixed ``values`` plus a box to type a value (snapped to the nearest grid value).

    Arrow keys on the handle step through the grid; ``value`` can be read or observed like any widget's.
    """

    value = traitlets.Float()

    def __init__(self, values, symbol: str = "λ", value: float | None = None, log: bool = True) -> None:
        self.grid, self.log_scale = [float(v) for v in values], log
        rng = f"{symbol} ({self.grid[0]:.3g} … {self.grid[-1]:.3g}{', log steps' if log else ''})"
        self.slider = widgets.SelectionSlider(options=[(f"{v:.3g}", v) for v in self.grid], description=rng,
                                              readout=False, style={"description_width": "initial"},
                                              layout=widgets.Layout(width="430px"))
        self.box = widgets.FloatText(description=f"{symbol} =", layout=widgets.Layout(width="150px"),
                                     style={"description_width": "initial"})
        super().__init__([self.slider, self.box])
        self._set(self.snap(self.grid[len(self.grid) // 2] if value is None else value))
        self.slider.observe(lambda change: self._set(change["new"]), "value")
        self.box.observe(lambda change: self._set(self.snap(change["new"])), "value")

    def snap(self, v: float) -> float:
        """The grid value nearest to ``v`` (on a log scale if ``log``; below a tenth of the first step: 0)."""
        if self.log_scale and self.grid[0] == 0 and v < self.grid[1] / 10:
            return 0.0
        if self.log_scale and v > 0:
            return min((g for g in self.grid if g > 0), key=lambda g: abs(math.log(g / v)))
        return min(self.grid, key=lambda g: abs(g - v))

    def _set(self, v: float) -> None:
        self.slider.value = self.box.value = self.value = v


class SliderFigure(widgets.VBox):
    """Controls, a one-line readout and ONE figure that ``update`` changes in place.

    ``update(**values)`` gets each control's value (by the keyword given here), changes the figure's
    artists and returns the readout text. Only the re-rendered PNG travels to the browser. An error
    in ``update`` is shown in the readout (a widget callback's traceback would go to a log nobody
    reads). ``timings`` keeps the seconds each refresh took (for bench/slider_latency.py).
    """

    def __init__(self, fig, update, **controls) -> None:
        self.fig, self.update, self.controls, self.timings = fig, update, controls, []
        self.readout, self.image = widgets.HTML(), widgets.Image(format="png")
        super().__init__([*controls.values(), self.readout, self.image])
        for control in controls.values():
            control.observe(self.refresh, "value")
        self.refresh()

    def refresh(self, change=None) -> None:
        """Call ``update`` with the current values and show the new readout and picture."""
        start = time.perf_counter()
        try:
            text = self.update(**{name: c.value for name, c in self.controls.items()})
            png = figure_png(self.fig)
        except Exception as exc:
            hint = ("<br>A name is not defined yet: run the cells above this one first "
                    "(Run ▸ Run All Above Selected Cell)." if isinstance(exc, NameError) else "")
            self.readout.value = f"<b style='color:#D55E00'>{type(exc).__name__}: {html.escape(str(exc))}</b>{hint}"
            return
        self.readout.value = f"<code>{html.escape(str(text))}</code>"
        self.image.value = png
        self.timings.append(time.perf_counter() - start)
