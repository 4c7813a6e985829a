"""Animator: headless behaviour in-process, one in-place figure inside a real kernel."""

import base64
import hashlib

import nbformat
import pytest
from matplotlib.figure import Figure
from nbclient import NotebookClient

import d2lmini as d2l


def test_animator_headless_records_data_and_never_draws():
    a = d2l.Animator(xlabel="epoch", ylabel="loss", legend=["train", "test"], xlim=[1, 3], yscale="log")
    for e in range(1, 4):
        a.add(e, (1.0 / e, 2.0 / e))
    assert a.X == [[1, 2, 3], [1, 2, 3]] and a.Y[1] == [2.0, 1.0, 2.0 / 3]
    assert a.draw_count == 0  # not in a kernel: no output at all
    assert [t.get_text() for t in a.axes.get_legend().get_texts()] == ["train", "test"]
    assert a.axes.get_yscale() == "log" and a.axes.get_xlabel() == "epoch"


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_animator_refuses_to_plot_divergence(bad):
    a = d2l.Animator(legend=["train"])
    a.add(1, 0.5)
    with pytest.raises(d2l.DivergenceError, match="diverged"):
        a.add(2, bad)
    assert a.Y == [[0.5]]


def test_new_figure_is_not_a_pyplot_figure_and_png_is_deterministic():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig, ax = d2l.new_figure()
    ax.plot([0, 1], [1, 0])
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    png = d2l.figure_png(fig)
    assert png.startswith(b"\x89PNG") and png == d2l.figure_png(fig)


KERNEL_CELLS = [
    "import d2lmini as d2l, time\n"
    "a = d2l.Animator(xlabel='epoch', legend=['train'], xlim=[1, 40], min_interval=0.05)\n"
    "for e in range(1, 41):\n    time.sleep(0.005)\n    a.add(e, 1 / e)",
    "import hashlib\nprint(a.draw_count, a._dirty, hashlib.sha256(d2l.figure_png(a.fig)).hexdigest())",
    "b = d2l.Animator(legend=['x'])\nfor e in range(5):\n    b.add(e, e + 1.0)",
    "print(b.draw_count, b._dirty)",
]


def test_animator_in_a_kernel_keeps_one_output_showing_the_final_state(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in KERNEL_CELLS])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = nb.cells[0].outputs
    assert len(outputs) == 1 and outputs[0].output_type == "display_data"  # one figure, updated in place
    draws, dirty, digest = nb.cells[1].outputs[0].text.split()
    assert 1 <= int(draws) < 40 and dirty == "False"  # throttled, but drawn at the end
    shown = base64.b64decode(outputs[0].data["image/png"])
    assert hashlib.sha256(shown).hexdigest() == digest  # the stored image is the final state
    # without xlim the end of the cell still flushes the last state
    assert len(nb.cells[2].outputs) == 1
    assert nb.cells[3].outputs[0].text.split() == ["1", "False"]


# freeze_static -------------------------------------------------------------------

def test_freeze_static_keeps_the_picture_and_redraws_only_dynamic_artists():
    fig, ax = d2l.new_figure(figsize=(3, 2))
    ax.loglog([1e-3, 1.0], [1e-2, 1.0], label="static")
    ax.legend()
    (dot,) = ax.plot([0.01], [0.1], "o")
    full = d2l.figure_png(fig)
    d2l.freeze_static(fig, [dot])
    frozen = d2l.figure_png(fig)
    assert frozen == d2l.figure_png(fig)                     # deterministic
    assert not ax.xaxis.get_visible() and not ax.get_legend().get_visible() and dot.get_visible()
    assert len(fig.artists) == 1 and fig.artists[0].get_zorder() < 0   # the picture sits behind everything
    dot.set_data([0.5], [0.5])
    assert d2l.figure_png(fig) != frozen                      # the dynamic artist still moves
    assert len(full) > 0


def test_freeze_static_leaves_room_for_a_dynamic_title():
    """The layout is computed with the dynamic artists visible, so a changing suptitle keeps its room:
    the axes end where an ordinary layout with the title puts them (not higher, under the title)."""
    def figure():
        fig, ax = d2l.new_figure(figsize=(3, 2))
        ax.set_title("static axes title")
        return fig, ax, fig.suptitle("λ = 0.001")

    fig, ax, _ = figure()
    fig.draw_without_rendering()
    expected = ax.get_position().bounds
    fig, ax, title = figure()
    d2l.freeze_static(fig, [title])
    title.set_text("λ = 100")
    d2l.figure_png(fig)
    assert ax.get_position().bounds == pytest.approx(expected, abs=1e-6)


def test_freeze_static_needs_the_figure_dpi():
    fig, ax = d2l.new_figure(figsize=(3, 2))
    (dot,) = ax.plot([0.5], [0.5], "o")
    d2l.freeze_static(fig, [dot])
    assert d2l.figure_png(fig)[:4] == b"\x89PNG"              # its own dpi: fine
    with pytest.raises(ValueError, match="dpi"):
        d2l.figure_png(fig, dpi=2 * fig.dpi)
