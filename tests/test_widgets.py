"""lambda_grid, GridSlider and SliderFigure, driven in-process (no browser)."""


import d2lmini as d2l


def test_lambda_grid():
    g = d2l.lambda_grid(1e-3, 10, 5)
    assert g == [0.0, 0.001, 0.01, 0.1, 1.0, 10.0]
    assert d2l.lambda_grid(1, 100, 3, zero=False) == [1.0, 10.0, 100.0]
    assert d2l.lambda_grid(1e-3, 1e2, 41)[1:4] == [0.001, 0.00133, 0.00178]   # 3 significant digits


def test_grid_slider_snaps_typed_values():
    s = d2l.GridSlider([0.0, 0.01, 0.1, 1.0, 10.0], value=1.0)
    assert s.value == 1.0 and s.box.value == 1.0 and s.slider.value == 1.0
    s.box.value = 0.4          # nearer to 0.1 than to 1 on a log scale? log(4) > log(2.5): nearer to 1
    assert s.value == 1.0
    s.box.value = 0.2
    assert s.value == 0.1 and s.box.value == 0.1 and s.slider.value == 0.1
    s.box.value = -3
    assert s.value == 0.0
    s.slider.value = 10.0
    assert s.value == 10.0 and s.box.value == 10.0


def test_grid_slider_linear_and_bad_values():
    s = d2l.GridSlider([1.0, 2.0, 3.0], symbol="θ", log=False, value=2.6)
    assert s.value == 3.0 and s.slider.description == "θ (1 … 3)"
    assert d2l.GridSlider([0.0, 0.01, 1.0]).slider.description == "λ (0 … 1, log steps)"


def test_slider_figure_updates_artists_and_image():
    fig, ax = d2l.new_figure()
    (line,) = ax.plot([0, 1], [0, 0])
    seen = []

    def show(lambd):
        seen.append(lambd)
        line.set_ydata([0, lambd])
        return f"λ = {lambd:g}"

    slider = d2l.GridSlider([0.0, 1.0, 2.0], value=1.0)
    w = d2l.SliderFigure(fig, show, lambd=slider)
    first = bytes(w.image.value)
    assert seen == [1.0] and "λ = 1" in w.readout.value and first.startswith(b"\x89PNG")
    slider.slider.value = 2.0
    assert seen == [1.0, 2.0] and "λ = 2" in w.readout.value and bytes(w.image.value) != first
    assert len(w.timings) == 2


def test_slider_figure_shows_errors_in_the_readout():
    fig, _ = d2l.new_figure()

    def show(lambd):
        return undefined_precompute[lambd]  # noqa: F821 - the student skipped a cell

    w = d2l.SliderFigure(fig, show, lambd=d2l.GridSlider([0.0, 1.0]))
    assert "NameError" in w.readout.value and "run the cells above this one first" in w.readout.value
