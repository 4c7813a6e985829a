"""Course plot style, PNG rendering and the live training ``Animator``."""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from numbers import Real

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._validate import require_finite, require_int

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def use_style() -> None:
    """Course style: projector-sized fonts, colour-blind-safe colours, light grid."""
    mpl.rcParams.update({
        "axes.prop_cycle": mpl.cycler(color=COLORS),
        "font.size": 12, "axes.titlesize": 13, "axes.labelsize": 12, "legend.fontsize": 10,
        "xtick.labelsize": 11, "ytick.labelsize": 11, "lines.linewidth": 2,
        "axes.grid": True, "grid.alpha": 0.3, "figure.dpi": 80, "savefig.dpi": 80,
        "figure.constrained_layout.use": True,
    })


def new_figure(nrows: int = 1, ncols: int = 1, figsize: tuple[float, float] = (6.0, 3.5)):
    """A figure that is *not* registered with pyplot (it is never auto-shown).

    Use it for figures that a widget or an :class:`Animator` displays itself.
    Returns ``(fig, axes)`` like ``plt.subplots``.
    """
    require_int("nrows", nrows)
    require_int("ncols", ncols)
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True)
    return fig, axes


def figure_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render ``fig`` to PNG bytes at its own dpi unless ``dpi`` is given (deterministic: no timestamp metadata)."""
    if not isinstance(fig, Figure):
        raise TypeError(f"fig: expected a matplotlib Figure, got {type(fig).__name__}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi, metadata={"Software": None})
    return buf.getvalue()


def _as_floats(name: str, value) -> list[float]:
    """A number, a sequence of numbers, or a tensor/array -> a list of floats (TypeError naming ``name``)."""
    if hasattr(value, "tolist"):  # tensors, NumPy arrays and scalars
        value = value.tolist()
    items = list(value) if isinstance(value, Sequence) and not isinstance(value, str) else [value]
    out = []
    for v in items:
        v = v.tolist() if hasattr(v, "tolist") else v
        if isinstance(v, bool) or not isinstance(v, Real):
            raise TypeError(f"{name}: expected a number or one number per curve, got {type(v).__name__}")
        out.append(float(v))
    return out


def _kernel_shell():
    """The IPython shell if we run inside a Jupyter kernel, else ``None``."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return None
    shell = get_ipython()
    return shell if shell is not None and hasattr(shell, "kernel") else None


class Animator:
    """Plot training curves live, in ONE figure that is updated in place.

    Inside a Jupyter kernel the figure is displayed once through a display
    handle and re-rendered at most every ``min_interval`` seconds, and always
    at the end (when ``x`` reaches ``xlim[1]``, on :meth:`show`, or when the
    cell finishes). Outside a kernel (a script, a test) nothing is displayed;
    the data stay available in ``X``/``Y`` and the figure in ``fig``.
    Adding NaN or inf raises :class:`DivergenceError` instead of plotting it.
    """

    def __init__(self, xlabel: str | None = None, ylabel: str | None = None,
                 legend: Sequence[str] | None = None, xlim: Sequence[float] | None = None,
                 ylim: Sequence[float] | None = None, xscale: str = "linear", yscale: str = "linear",
                 fmts: Sequence[str] = ("-", "--", "-.", ":"), figsize: tuple[float, float] = (4.5, 3.2),
                 title: str | None = None, min_interval: float = 0.5) -> None:
        self.fig, self.axes = new_figure(figsize=figsize)
        ax = self.axes
        ax.set_xlabel(xlabel or "")
        ax.set_ylabel(ylabel or "")
        ax.set_xscale(xscale)
        ax.set_yscale(yscale)
        if xlim is not None:
            ax.set_xlim(xlim)
        if ylim is not None:
            ax.set_ylim(ylim)
        if title:
            ax.set_title(title)
        self.xlim, self.ylim = xlim, ylim
        self.legend, self.fmts = list(legend or []), list(fmts)
        self.X: list[list[float]] = []
        self.Y: list[list[float]] = []
        self.lines: list = []
        self.min_interval = min_interval
        self.draw_count = 0
        self._handle = None
        self._dirty = False
        self._last_draw = time.perf_counter()
        self._shell = _kernel_shell()
        if self._shell is not None:
            self._shell.events.register("post_run_cell", self._on_cell_end)

    def add(self, x: float | Sequence[float], y: float | Sequence[float]) -> None:
        """Append one point per curve: ``y`` is a number or one number per curve."""
        ys, xs = _as_floats("y", y), _as_floats("x", x)
        if not ys or (self.lines and len(ys) != len(self.lines)):
            expected = len(self.lines) if self.lines else "at least 1"
            raise ValueError(f"y: expected {expected} values (one per curve), got {len(ys)}")
        if len(xs) == 1:
            xs = xs * len(ys)
        if len(xs) != len(ys):
            raise ValueError(f"x: expected 1 or {len(ys)} values (one per curve), got {len(xs)}")
        for value in ys:
            require_finite(value, "a plotted value (loss)")
        if not self.lines:
            for k in range(len(ys)):
                label = self.legend[k] if k < len(self.legend) else None
                (line,) = self.axes.plot([], [], self.fmts[k % len(self.fmts)], label=label)
                self.lines.append(line)
                self.X.append([])
                self.Y.append([])
            if self.legend:
                self.axes.legend()
        for k, (a, b) in enumerate(zip(xs, ys, strict=True)):
            self.X[k].append(float(a))
            self.Y[k].append(float(b))
            self.lines[k].set_data(self.X[k], self.Y[k])
        self._dirty = True
        at_end = self.xlim is not None and xs[0] >= self.xlim[1]
        if self._shell is not None and (at_end or time.perf_counter() - self._last_draw >= self.min_interval):
            self.show()

    def show(self) -> None:
        """Redraw now (inside a kernel); a no-op in scripts."""
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


def freeze_static(fig: Figure, dynamic: Sequence[Artist]) -> None:
    """Speed up slider redraws: paint everything except ``dynamic`` once, as a picture.

    The figure is laid out once with every artist visible (so a title that
    changes later has its room) and rendered once without the ``dynamic``
    artists. That picture is copied to the canvas pixel for pixel behind
    everything; all other artists (ticks, labels, grid, static curves, legends,
    titles, the figure's own texts) are hidden and the layout is kept fixed.
    Later renders then draw one picture plus the ``dynamic`` artists, several
    times faster with log axes and many labels. Call it when the figure is
    complete; do not change limits or scales afterwards, and render at the
    figure's own dpi (:func:`figure_png` does).
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig: expected a matplotlib Figure, got {type(fig).__name__}")
    dynamic = list(dynamic)
    for k, artist in enumerate(dynamic):
        if not isinstance(artist, Artist) or artist.figure is not fig:
            raise ValueError(f"dynamic[{k}]: expected an artist of this figure, got {type(artist).__name__}")
    canvas = FigureCanvasAgg(fig)
    fig.draw_without_rendering()   # run the layout engine with everything visible ...
    fig.set_layout_engine("none")  # ... and keep those positions from now on
    shown = [artist for artist in dynamic if artist.get_visible()]
    for artist in shown:
        artist.set_visible(False)
    canvas.draw()
    picture = np.asarray(canvas.buffer_rgba()).copy()
    for artist in shown:
        artist.set_visible(True)
    keep = set(map(id, dynamic))
    for artist in [fig.patch, *fig.legends, *fig.texts]:
        if id(artist) not in keep:
            artist.set_visible(False)
    for ax in fig.axes:
        ax._autotitlepos = False   # titles stay where the layout put them (matplotlib would re-place them)
        for child in ax.get_children():
            if id(child) not in keep:
                child.set_visible(False)
    fig.add_artist(_Picture(picture))


class _Picture(Artist):
    """A pre-rendered RGBA picture copied to the canvas as is (no resampling, unlike ``figimage``)."""

    def __init__(self, rgba: np.ndarray) -> None:
        super().__init__()
        self.rgba = np.ascontiguousarray(rgba[::-1])   # the renderer counts rows from the bottom
        self.set_zorder(-1)

    def draw(self, renderer) -> None:
        height, width = self.rgba.shape[:2]
        if (renderer.height, renderer.width) != (height, width):
            raise ValueError(f"dpi: this figure was frozen (freeze_static) as a {width}x{height} picture; render it "
                             f"at its own dpi ({self.figure.dpi:g}), e.g. with d2l.figure_png(fig)")
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self.rgba)
        gc.restore()
