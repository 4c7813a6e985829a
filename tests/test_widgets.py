"""lambda_grid, GridSlider and SliderFigure (the flipbook widget), driven in-process through its comm (no browser).

The messages a browser (or a load test) exchanges with the widget are the ones documented in d2lmini/widgets.py;
here a client is simulated by feeding those messages to the widget's comm and recording what it sends back.
"""

import hashlib
import json
import math
import random
import shutil
import subprocess
from pathlib import Path

import pytest

import d2lmini as d2l
from d2lmini import widgets

GRIDS = [(d2l.lambda_grid(1e-3, 10, 9), True), (d2l.lambda_grid(1e-3, 1e2, 41), True),
         (d2l.lambda_grid(1e-2, 1, 9, zero=False), True), ([0.1 * i for i in range(1, 21)], False),
         ([-2.0, -1.0, 0.0, 0.5, 3.0], False)]


def test_lambda_grid():
    g = d2l.lambda_grid(1e-3, 10, 5)
    assert g == [0.0, 0.001, 0.01, 0.1, 1.0, 10.0]
    assert d2l.lambda_grid(1, 100, 3, zero=False) == [1.0, 10.0, 100.0]
    assert d2l.lambda_grid(1e-3, 1e2, 41)[1:4] == [0.001, 0.00133, 0.00178]   # 3 significant digits


def test_grid_slider_snaps_values():
    s = d2l.GridSlider([0.0, 0.01, 0.1, 1.0, 10.0], value=1.0)
    assert s.value == 1.0 and s.position == 3
    s.value = 0.4          # log scale: |log(0.4/1)| < |log(0.4/0.1)|: nearer to 1
    assert s.value == 1.0
    s.value = 0.2
    assert s.value == 0.1 and s.position == 2
    s.value = -3
    assert s.value == 0.0
    seen = []
    s.observe(lambda change: seen.append(change["new"]), "value")
    s.value = 10.0
    assert seen == [10.0]


def test_grid_slider_label_and_bad_grids():
    s = d2l.GridSlider([1.0, 2.0, 3.0], symbol="θ", log=False, value=2.6)
    assert s.value == 3.0 and s.label == "θ (1 … 3)"
    assert d2l.GridSlider([0.0, 0.01, 1.0]).label == "λ (0 … 1, log steps)"
    with pytest.raises(ValueError, match="ascending"):
        d2l.GridSlider([1.0, 0.1])
    with pytest.raises(ValueError, match="log=False"):
        d2l.GridSlider([-1.0, 0.0, 1.0])


@pytest.mark.parametrize("grid, log", GRIDS, ids=[f"{len(g)}-{'log' if lg else 'lin'}" for g, lg in GRIDS])
def test_bounds_give_the_same_grid_value_as_snap(grid, log):
    """The browser snaps a typed value with GridSlider.bounds (position = number of bounds <= v): it must give
    what snap gives, for random values and on both sides of every bound, to the last bit."""
    s = d2l.GridSlider(grid, log=log)
    bounds = s.bounds()
    assert len(bounds) == len(grid) - 1 and bounds == sorted(bounds)
    rng = random.Random(0)
    values = [rng.choice([1, 1, -1, 0]) * 10 ** rng.uniform(-6, 3) for _ in range(3000)]
    for b in bounds:
        values += [b, math.nextafter(b, -math.inf), math.nextafter(b, math.inf)]
    values += [g for g in grid] + [0.0, -0.0, 1e300, -1e300]
    wrong = [v for v in values if s.grid[sum(v >= b for b in bounds)] != s.snap(v)]
    assert not wrong, f"{len(wrong)} values snap differently, e.g. {wrong[:3]}"


def test_flipbook_js_snaps_like_python():
    """The JavaScript snapIndex (d2lmini/flipbook.js), run by node if present, on the same values."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed (the browser test checks typed values end to end)")
    s = d2l.GridSlider(d2l.lambda_grid(1e-3, 1e2, 41))
    bounds = s.bounds()
    values = [10 ** (k / 37) * 1e-4 for k in range(260)] + bounds + [math.nextafter(b, 0) for b in bounds]
    js = (Path(widgets.__file__).with_name("flipbook.js").read_text(encoding="utf-8")
          + f"\nconst c = {{bounds: {json.dumps(bounds)}}};\n"
          + f"console.log(JSON.stringify({json.dumps(values)}.map(v => wdlabFlipbook.snapIndex(c, v))));\n")
    out = subprocess.run([node, "-e", js], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [s.grid.index(s.snap(v)) for v in values]


# ------------------------------------------------------------------------------------------------ SliderFigure
def _line_slider(grid=(0.0, 1.0, 2.0), value=1.0, **kw):
    fig, ax = d2l.new_figure(figsize=(2, 1.5))
    (line,) = ax.plot([0, 1], [0, 0])
    seen = []

    def show(lambd, line=line):
        seen.append(lambd)
        line.set_ydata([0, lambd])
        return f"λ = {lambd:g}"

    return d2l.SliderFigure(fig, show, lambd=d2l.GridSlider(list(grid), value=value, **kw)), seen


class Client:
    """A front end: sends the documented comm messages to the widget, records the widget's messages."""

    def __init__(self, sf):
        self.sf, self.sent = sf, []
        sf.comm.send = lambda data=None, metadata=None, buffers=None: self.sent.append((data, list(buffers or [])))

    def frames(self, indices):
        self.sent.clear()
        self.sf.comm.handle_msg({"content": {"data": {"method": "custom",
                                                      "content": {"type": "frames", "indices": indices}}},
                                 "buffers": []})
        (data, buffers), = self.sent
        assert data["method"] == "custom"
        return data["content"], buffers

    def move(self, index):
        self.sent.clear()
        self.sf.comm.handle_msg({"content": {"data": {"method": "update", "state": {"index": index},
                                                      "buffer_paths": []}}, "buffers": []})
        return self.sent


def test_cell_run_draws_one_frame_the_browser_asks_for_the_rest():
    sf, seen = _line_slider()
    assert seen == [1.0] and sf.renders == 1             # running the cell draws the start frame only
    assert sf.readout.value == "<code>λ = 1</code>" and sf.image.value.startswith(b"\x89PNG")
    assert sf.index == [1] and sf.png_index == [1] and sf.spec["prerender"] is None
    c = sf.spec["controls"][0]
    assert c["labels"] == ["0", "1", "2"] and c["label"] == "λ (0 … 2, log steps)"
    assert c["bounds"] == [0.1, 1.4142135623730951]   # λ >= 0.1 snaps to 1 (a tenth of the first step), then √2
    client = Client(sf)
    content, buffers = client.frames([0, 2, 1, 7, -1, "x"])   # out-of-range and junk indices are dropped
    assert content["type"] == "frames" and content["indices"] == [0, 2, 1] and content["ok"] == [True] * 3
    assert content["readouts"] == ["<code>λ = 0</code>", "<code>λ = 2</code>", "<code>λ = 1</code>"]
    assert seen == [1.0, 0.0, 2.0] and sf.renders == 3    # frame 1 came from the cell run, drawn once
    for k, png in zip(content["indices"], buffers, strict=True):   # each PNG = the slider's own update + figure_png
        sf.update(**sf.values(k))
        assert hashlib.sha256(png).digest() == hashlib.sha256(d2l.figure_png(sf.fig)).digest()
    content, buffers = client.frames([2])                  # asked again (a second tab): no new drawing
    assert content["ok"] == [True] and sf.renders == 3 and len(buffers) == 1
    many = client.frames(list(range(3)) * 40)[0]
    assert len(many["indices"]) == widgets.MAX_PER_MESSAGE


def test_a_browser_move_syncs_the_value_and_draws_nothing():
    sf, seen = _line_slider()
    client = Client(sf)
    values = []
    sf.controls["lambd"].observe(lambda ch: values.append(ch["new"]), "value")
    renders, readout, png = sf.renders, sf.readout.value, sf.image.value
    sent = client.move([2])
    assert sf.controls["lambd"].value == 2.0 and values == [2.0] and sf.index == [2]
    assert sf.renders == renders and seen == [1.0]         # no drawing in the kernel ...
    assert sf.readout.value == readout and sf.image.value == png
    assert [d["method"] for d, _ in sent] == ["echo_update"] and sent[0][0]["state"] == {"index": [2]}  # ... one echo


def test_a_move_made_in_python_draws_in_the_kernel():
    sf, seen = _line_slider()
    client = Client(sf)
    first = sf.image.value
    sf.controls["lambd"].value = 0.0
    assert seen == [1.0, 0.0] and sf.index == [0] and sf.png_index == [0] and sf.readout.value == "<code>λ = 0</code>"
    assert sf.image.value != first
    (data, buffers), = client.sent                        # position and picture in one message
    assert data["method"] == "update" and data["state"]["index"] == [0] and data["buffer_paths"] == [["png"]]
    assert buffers[0] == sf.image.value
    sf.controls["lambd"].value = 0.0                      # no change: nothing drawn or sent
    assert len(seen) == 2 and len(client.sent) == 1


def test_errors_in_update_show_in_the_readout():
    fig, _ = d2l.new_figure()
    ns = {}

    def show(lambd):
        return f"λ = {lambd:g}: {ns['curves'][lambd]}"    # KeyError until "the cell above" ran

    sf = d2l.SliderFigure(fig, show, lambd=d2l.GridSlider([0.0, 1.0]))
    assert "KeyError" in sf.readout.value and sf.image.value == b"" and sf.png == b""
    content, buffers = Client(sf).frames([0, 1])
    assert content["ok"] == [False, False] and buffers == [] and "KeyError" in content["readouts"][0]
    ns["curves"] = {0.0: "a", 1.0: "b"}
    content, buffers = Client(sf).frames([0])            # failed frames are not kept: asked again, they work
    assert content["ok"] == [True] and content["readouts"] == ["<code>λ = 0: a</code>"]

    def show_missing(lambd):
        return undefined_precompute[lambd]  # noqa: F821 - the student skipped a cell

    sf = d2l.SliderFigure(fig, show_missing, lambd=d2l.GridSlider([0.0, 1.0]))
    assert "NameError" in sf.readout.value and "run the cells above this one first" in sf.readout.value


def test_a_failed_move_keeps_the_picture():
    fig, ax = d2l.new_figure(figsize=(2, 1.5))
    (line,) = ax.plot([0, 1], [0, 0])

    def show(lambd, line=line):
        if lambd == 2.0:
            raise ValueError("no data for λ = 2")
        line.set_ydata([0, lambd])
        return f"λ = {lambd:g}"

    sf = d2l.SliderFigure(fig, show, lambd=d2l.GridSlider([0.0, 1.0, 2.0], value=1.0))
    good = sf.image.value
    sf.controls["lambd"].value = 2.0
    assert "ValueError: no data for λ = 2" in sf.readout.value and sf.image.value == good
    assert sf.png == b"" and sf.png_index == [2]         # the browser keeps its picture and shows the error


def test_several_controls_row_major_and_capped():
    fig, ax = d2l.new_figure(figsize=(2, 1.5))
    (line,) = ax.plot([0, 1], [0, 0])

    def show(a, b, line=line):
        line.set_ydata([a, b])
        return f"a = {a:g}, b = {b:g}"

    a, b = d2l.GridSlider([1.0, 2.0, 3.0], symbol="a", log=False), d2l.GridSlider([0.1, 1.0], symbol="b")
    sf = d2l.SliderFigure(fig, show, a=a, b=b)
    assert sf.size == 6 and sf.index == [1, 1] and sf.positions(3) == [1, 1] and sf.values(5) == {"a": 3.0, "b": 1.0}
    content, _ = Client(sf).frames([5])
    assert content["readouts"] == ["<code>a = 3, b = 1</code>"]
    kept, flat, frames = sf.frames()
    assert kept == [[0, 1, 2], [0, 1]] and flat == list(range(6)) and all(f.ok for f in frames)
    assert [f.readout for f in frames][:2] == ["<code>a = 1, b = 0.1</code>", "<code>a = 1, b = 1</code>"]
    big = [float(i) for i in range(1, 31)]
    sf = d2l.SliderFigure(fig, show, a=d2l.GridSlider(big, symbol="a", log=False, value=7.0),
                          b=d2l.GridSlider(big, symbol="b", log=False, value=30.0))
    pre = sf.spec["prerender"]
    assert sf.size == 900 and len(pre) <= widgets.MAX_FRAMES + 60 and sf._flat([6, 29]) in pre
    assert sf.prerender(max_frames=9) == [[0, 6, 14, 29], [0, 14, 29]]   # 3 each, plus the start position
    kept, flat, _ = sf.frames(max_frames=4)
    assert kept == [[0, 6, 29], [0, 29]] and flat == [0, 29, 180, 209, 870, 899]


def test_controls_must_be_grid_sliders():
    fig, _ = d2l.new_figure()
    with pytest.raises(TypeError, match="GridSlider"):
        d2l.SliderFigure(fig, lambda lambd: "", lambd=[0.0, 1.0])


def test_repr_names_the_controls_and_no_address():
    sf, _ = _line_slider()
    assert repr(sf) == "SliderFigure(λ: 3 values; move it in JupyterLab or Notebook 7)"


def test_the_front_end_ships_with_the_package():
    """anywidget gets the module as text (nothing is fetched): our flipbook plus its default export."""
    sf, _ = _line_slider()
    assert sf._esm.rstrip().endswith("export default { initialize: wdlabFlipbook.initialize, "
                                     "render: wdlabFlipbook.render };")
    assert "http://" not in sf._esm and "https://" not in sf._esm and "import " not in sf._esm
    assert ".wdlab-flipbook" in sf._css and "/*" not in sf._css
    assert len(sf._esm) < 14_000   # stored with every slider's widget state in the notebook
    node = shutil.which("node")
    if node:   # the compacted module still parses and defines the flipbook (browser test: it runs)
        src = sf._esm.replace("export default", "const __default =") + "\nconsole.log(typeof __default.render);"
        out = subprocess.run([node, "--input-type=module", "-e", src], capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "function", out.stderr
