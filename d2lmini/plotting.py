"""Course plot style, PNG rendering, fast slider redraws and the live training ``Animator``."""

from __future__ import annotations

import io
import time

import matplotlib as mpl
import numpy as np
import torch
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .utils import check_finite, check_shapes

# Okabe & Ito (2008): distinguishable with every common color-vision deficiency.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def use_style() -> None:
    """Course style: projector-sized fonts, color-blind-safe colors, light grid."""
    mpl.rcParams.update({
        "axes.prop_cycle": mpl.cycler(color=COLORS),
        "font.size": 12, "axes.titlesize": 13, "axes.labelsize": 12, "legend.fontsize": 10,
        "xtick.labelsize": 11, "ytick.labelsize": 11, "lines.linewidth": 2,
        "axes.grid": True, "grid.alpha": 0.3, "figure.dpi": 80, "savefig.dpi": 80,
        "figure.constrained_layout.use": True,
    })


def new_figure(nrows: int = 1, ncols: int = 1, figsize: tuple[float, float] = (6.0, 3.5)):
    """``(fig, axes)`` like ``plt.subplots``, but not registered with pyplot: never shown automatically."""
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.subplots(nrows, ncols)


def figure_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render ``fig`` to PNG bytes, at its own dpi unless ``dpi`` is given (no timestamp: deterministic)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi, metadata={"Software": None})
    return buf.getvalue()


def freeze_static(fig: Figure, dynamic) -> None:
    """Fast slider redraws: paint everything except the ``dynamic`` artists once, as one picture.

    The layout is computed once with every artist visible (so a title that changes later keeps its
    room) and then fixed; everything but ``dynamic`` is hidden and drawn from the picture. Call it
    when the figure is complete, do not change limits or scales later, and render at the figure's
    own dpi (:func:`figure_png` does).
    """
    canvas = FigureCanvasAgg(fig)
    fig.draw_without_rendering()   # lay out with everything visible ...
    fig.set_layout_engine("none")  # ... and keep those positions
    shown = [a for a in dynamic if a.get_visible()]
    for artist in shown:
        artist.set_visible(False)
    canvas.draw()
    picture = np.asarray(canvas.buffer_rgba()).copy()
    for artist in shown:
        artist.set_visible(True)
    keep = set(map(id, dynamic))
    for ax in fig.axes:
        ax._autotitlepos = False   # titles stay where the layout put them
    for artist in [fig.patch, *fig.legends, *fig.texts, *(c for ax in fig.axes for c in ax.get_children())]:
        if id(artist) not in keep:
            artist.set_visible(False)
    fig.add_artist(_Picture(picture))


class _Picture(Artist):
    """A pre-rendered RGBA picture copied to the canvas pixel for pixel (behind everything)."""

    def __init__(self, rgba: np.ndarray) -> None:
        super().__init__()
        self.rgba = np.ascontiguousarray(rgba[::-1])   # the renderer counts rows from the bottom
        self.set_zorder(-1)

    def draw(self, renderer) -> None:
        check_shapes((renderer.height, renderer.width) == self.rgba.shape[:2],
                     f"dpi: a frozen figure (freeze_static) renders only at its own dpi ({self.figure.dpi:g})")
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self.rgba)
        gc.restore()


def _floats(v) -> list[float]:
    """A number, a 0-d tensor, or one of them per curve -> a list of floats."""
    return [float(t) for t in (v if isinstance(v, (list, tuple)) else torch.as_tensor(v).reshape(-1))]


def _kernel_shell():
    """The IPython shell when running inside a Jupyter kernel, else ``None``."""
    from IPython import get_ipython

    shell = get_ipython()
    return shell if hasattr(shell, "kernel") else None


class Animator:
    """Plot training curves live (d2l's ``Animator``) in ONE output that is updated in place.

    In a kernel the figure is shown through one display handle, redrawn at most every
    ``min_interval`` seconds and always at the end (``x`` reaching ``xlim[1]``, or the cell
    finishing). In a script nothing is shown; the data stay in ``X``/``Y``, the figure in ``fig``.
    """

    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None, xscale="linear",
                 yscale="linear", fmts=("-", "--", "-.", ":"), figsize=(4.5, 3.2), title=None, min_interval=0.5):
        self.fig = Figure(figsize=figsize, layout="none")   # fixed margins (inches): no layout pass per draw
        (w, h), top = figsize, 0.35 if title else 0.15
        self.fig.subplots_adjust(left=0.85 / w, right=1 - 0.2 / w, bottom=0.6 / h, top=1 - top / h)
        self.axes = self.fig.subplots()
        self.axes.set(xlabel=xlabel or "", ylabel=ylabel or "", xscale=xscale, yscale=yscale, title=title or "")
        self.axes.set(**{k: v for k, v in (("xlim", xlim), ("ylim", ylim)) if v is not None})
        self.legend, self.fmts, self.xlim, self.ylim, self.min_interval = legend or [], fmts, xlim, ylim, min_interval
        self.X, self.Y, self.lines = [], [], []
        self.draw_count, self._handle, self._dirty, self._last_draw = 0, None, False, time.perf_counter()
        self._shell = _kernel_shell()
        if self._shell is not None:
            self._shell.events.register("post_run_cell", self._on_cell_end)

    def add(self, x, y) -> None:
        """Append one point per curve: ``y`` is a number or one number per curve."""
        y, x = _floats(y), _floats(x)
        x = x * len(y) if len(x) == 1 else x
        check_shapes(len(x) == len(y) and len(y) == len(self.lines or y), f"y: expected one value per curve, got {y}")
        check_finite(y, "a plotted value (the loss)")
        if not self.lines:   # the first point: one line per curve
            labels = [*self.legend, *[None] * len(y)]
            self.lines = [self.axes.plot([], [], self.fmts[k % len(self.fmts)], label=labels[k])[0]
                          for k in range(len(y))]
            self.X, self.Y = [[] for _ in y], [[] for _ in y]
            if self.legend:
                self.axes.legend()
        for k, (a, b) in enumerate(zip(x, y, strict=True)):
            self.X[k].append(a)
            self.Y[k].append(b)
            self.lines[k].set_data(self.X[k], self.Y[k])
        self._dirty = True
        at_end = self.xlim is not None and x[0] >= self.xlim[1]
        if self._shell is not None and (at_end or time.perf_counter() - self._last_draw >= self.min_interval):
            self.show()

    def show(self) -> None:
        """Redraw now (inside a kernel; a no-op in scripts)."""
        self._dirty = False
        if self._shell is None:
            return
        from IPython.display import Image, display

        self.axes.relim()
        self.axes.autoscale_view(scalex=self.xlim is None, scaley=self.ylim is None)
        image = Image(figure_png(self.fig))
        if self._handle is None:
            self._handle = display(image, display_id=True)
        else:
            self._handle.update(image)
        self.draw_count += 1
        self._last_draw = time.perf_counter()

    def _on_cell_end(self, result=None) -> None:
        self._shell.events.unregister("post_run_cell", self._on_cell_end)
        if self._dirty and (result is None or result.success):
            self.show()
