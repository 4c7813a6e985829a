"""The static website (issue 15): build it, check it offline, open every page in headless Chromium.

* ``test_site_builds``: ``bash scripts/site.sh`` (sphinx-build -W: warnings are errors) succeeds and prints the
  site's size, page sizes and build time; every notebook has a page, every slider cell a flipbook, every answer
  cell a folded worked solution, every page the "run this notebook" box.
* ``test_links_and_images``: our own checker (scripts/site_check.py) finds no broken internal link or
  fragment, no missing image or frame and nothing loaded from the network; each page's own bytes (HTML, images,
  flipbook frames) stay under 5 MB. ``test_checker_catches_breakage`` proves the checker fails on each kind.
* ``test_pages_in_chromium``: serves the site on 127.0.0.1, blocks (and records) every request to any other
  host, and opens every page: no console error, no failed request, every image loaded (naturalWidth > 0), math
  typeset by MathJax, and for every flipbook (the notebooks' own slider front end, d2lmini/flipbook.js):
  moving its range input (and an arrow key) changes the image and the readout, a value typed into its box
  snaps as ``GridSlider.snap`` does, and the frame shown for one value (not the start value) equals, pixel for
  pixel, the PNG this test renders itself: it runs the notebook in its own kernel up to the slider cell, calls
  that slider's ``update(**values)`` directly and ``d2l.figure_png(fig)`` (the build asks the widget for its
  frames, ``SliderFigure.frames()``).
  Screenshots go to artifacts/site/ (``WDLAB_ARTIFACTS`` overrides the parent folder).

Skips with a reason without playwright or Chromium unless ``WDLAB_REQUIRE_BROWSER=1``. About 3 min on 2 idle
cores when the frame cache (build/site_cache) is cold.
"""

from __future__ import annotations

import base64
import functools
import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))
import site_check  # noqa: E402

SNAPSHOTS = REPO / "build" / "site_work" / "notebooks"   # the exact notebooks the site was built from
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _artifacts() -> Path:
    base = Path(os.environ["WDLAB_ARTIFACTS"]) if os.environ.get("WDLAB_ARTIFACTS") else REPO / "artifacts"
    path = base / "site"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(REPO / "scripts/site.sh"), "--out", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, f"site.sh failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    print(proc.stdout)
    return {"out": out, "log": proc.stdout, "seconds": seconds}


def _snapshots() -> list[Path]:
    return sorted(SNAPSHOTS.glob("*.ipynb"))


def _is_slider(cell) -> bool:
    return cell.cell_type == "code" and "SliderFigure(" in cell.source


def _is_answer(cell) -> bool:
    return cell.cell_type == "code" and (cell.metadata.get("nbgrader", {}).get("solution") is True
                                         or "### BEGIN SOLUTION" in cell.source)


# ------------------------------------------------------------------------------------------------ build
@pytest.mark.slow
def test_site_builds(built):
    log, out = built["log"], built["out"]
    for needle in ("site: size ", "site: built in ", "site: page sizes", "site: flipbooks"):
        assert needle in log, f"site.sh did not print {needle!r}"
    snaps = _snapshots()
    assert snaps, "the build left no notebook snapshots"
    for snap in snaps:
        page = out / f"{snap.stem}.html"
        assert page.is_file(), f"no page for {snap.name}"
        nb = nbformat.read(snap, as_version=4)
        text = page.read_text(encoding="utf-8")
        parsed = site_check.parse(page)
        sliders = sum(1 for c in nb.cells if _is_slider(c))
        assert parsed.flipbooks >= sliders, f"{snap.name}: {sliders} slider cells, {parsed.flipbooks} flipbooks"
        answers = sum(1 for c in nb.cells if _is_answer(c))
        assert text.count("tag_hide-input") >= answers, f"{snap.name}: worked solutions not all folded"
        assert WIDGET_MIME not in text and "require.js" not in text and "html-manager" not in text
        assert "SliderFigure(children" not in text
    index = (out / "index.html").read_text(encoding="utf-8")
    for snap in snaps:
        assert f'href="{snap.stem}.html"' in index, f"home page does not link {snap.stem}"
    assert "Run time" in index
    notation = (out / "notation.html").read_text(encoding="utf-8")
    assert "<table" in notation and "lambd" in notation, "notation table missing"
    for page in site_check.html_pages(out):
        if page.name in {"genindex.html", "search.html"}:
            continue
        html = page.read_text(encoding="utf-8")
        assert 'class="wdlab-run-this"' in html and "bash scripts/lab.sh" in html and "mybinder.org" in html, \
            f"{page.name}: no 'run this notebook' box"


@pytest.mark.slow
def test_links_and_images(built):
    problems = site_check.check(built["out"])
    assert not problems, "broken site:\n" + "\n".join(problems)
    for name, w in site_check.page_weights(built["out"]).items():
        assert w["own"] <= 5 * 1024 * 1024, f"{name}: {w['own'] / 2**20:.2f} MB of its own (limit 5 MB)"


def test_checker_catches_breakage(tmp_path):
    site = tmp_path / "site"
    (site / "_static").mkdir(parents=True)
    (site / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    good = '<html><body><h1 id="top">x</h1><a href="#top">a</a><img src="ok.png"></body></html>'
    (site / "index.html").write_text(good, encoding="utf-8")
    assert site_check.check(site) == []
    flip = json.dumps({"controls": [], "frames": [{"src": "_static/gone.png", "readout": ""}]})
    bad = ('<html><head><script src="https://cdn.example.org/x.js"></script></head><body>'
           '<a href="nope.html">a</a><a href="index.html#nowhere">b</a><img src="missing.png">'
           f'<figure class="wdlab-flipbook" data-flipbook=\'{flip}\'></figure></body></html>')
    (site / "bad.html").write_text(bad, encoding="utf-8")
    (site / "_static" / "x.css").write_text("@font-face{src:url(https://fonts.example.org/f.woff)}")
    problems = "\n".join(site_check.check(site))
    for needle in ("loads https://cdn.example.org/x.js", "nope.html", "no id 'nowhere'", "missing.png",
                   "_static/gone.png", "url(https://fonts.example.org/f.woff)"):
        assert needle in problems, f"checker missed {needle!r}:\n{problems}"


def test_math_check_catches_raw_tex_and_sentences():
    """Issue 18.6: TeX left in the prose, or a math element that swallowed a sentence, is reported; code,
    scripts and real formulas are not."""
    good = ('<p>The penalty <span class="math notranslate nohighlight">\\(\\frac{\\lambda}{2}\\lVert\\mathbf w'
            '\\rVert^2\\)</span> is added.</p><div class="math notranslate nohighlight">\\[L(\\mathbf w) = '
            '\\frac{1}{2n}\\lVert \\mathbf X\\mathbf w - \\mathbf y\\rVert^2\\]</div>'
            '<pre>ax.set_xlabel(r"$\\lambda$")</pre><code>$x$</code><script>var a = "\\lambda $";</script>')
    assert site_check.math_problems(good, "good") == []
    raw = '<p>solved by $$w = (H + \\lambda I)^{-1} b$$, then</p>'
    sentence = ('<p>by <span class="math notranslate nohighlight">\\(, which moves every weight toward zero and stops '
                'it exactly at zero if it would cross. Soft-thresholding is the minimizer\\)</span></p>')
    assert any("TeX outside math" in p for p in site_check.math_problems(raw, "raw"))
    assert any("holds" in p and "letters" in p for p in site_check.math_problems(sentence, "sentence"))


def _myst_html(markdown: str) -> str:
    """A markdown cell rendered by the site's own parser (MyST, with conf.py's extensions) to HTML."""
    import ast
    import re

    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    conf = (REPO / "site" / "conf.py").read_text(encoding="utf-8")
    extensions = ast.literal_eval(re.search(r"myst_enable_extensions\s*=\s*(\[.*?\])", conf, re.S).group(1))
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML).render(markdown)


@pytest.mark.parametrize("notebook", sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb")))
def test_notebook_math_survives_myst(notebook):
    """Issue 18.6, without building the site: every markdown cell, parsed by MyST as the site does, has no TeX left
    in the prose and no math element holding a sentence (JupyterLab's renderer forgives what MyST does not:
    a ``$$...$$,`` inside a paragraph; write display math on its own lines with blank lines around)."""
    pytest.importorskip("myst_parser")
    nb = nbformat.read(REPO / "notebooks" / notebook, as_version=4)
    problems = [p for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
                for p in site_check.math_problems(_myst_html(cell.source), f"{notebook} cell {i}")]
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------------ reference
REFERENCE = r'''
import base64 as _b64, json as _json
from ipywidgets.widgets.widget import _instances as _inst
from d2lmini.widgets import SliderFigure as _SF
import d2lmini as _d2l
def _sliders(w):
    if isinstance(w, _SF):
        return [w]
    return [s for ch in (getattr(w, "children", None) or ()) for s in _sliders(ch)]
_found = []
for _m in MODEL_IDS:
    _found += [s for s in _sliders(_inst[_m]) if s not in _found]
_sf = _found[INDEX]
_text = _sf.update(**VALUES)            # the notebook's own update code, called directly
_png = _d2l.figure_png(_sf.fig)
print("WDLAB-REF " + _json.dumps({"png": _b64.b64encode(_png).decode(), "readout": str(_text)}))
'''


def reference_frames(notebook: str, requests: list[dict]) -> list[dict]:
    """Run ``notebook`` in a fresh kernel up to its last requested slider cell; render each request."""
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    last = max(r["cell"] for r in requests)
    nb.cells = nb.cells[: last + 1]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    import tempfile

    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": tempfile.mkdtemp(prefix="wdlab-site-ref-")}})
    results = []
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
        for r in requests:
            ids = [o["data"][WIDGET_MIME]["model_id"] for o in nb.cells[r["cell"]].outputs
                   if WIDGET_MIME in o.get("data", {})]
            code = (f"MODEL_IDS = {json.dumps(ids)}\nINDEX = {r['index']}\nVALUES = {json.dumps(r['values'])}\n"
                    + REFERENCE)
            cell = nbformat.v4.new_code_cell(code)
            nb.cells.append(cell)
            client.execute_cell(cell, len(nb.cells) - 1)
            text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
            line = next(x for x in text.splitlines() if x.startswith("WDLAB-REF "))
            results.append(json.loads(line[len("WDLAB-REF "):]))
    return results


def _reference_in_subprocess(notebook: Path, requests: list[dict]) -> list[dict]:
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import test_site; "
            "print('WDLAB-OUT ' + json.dumps(test_site.reference_frames(sys.argv[2], json.loads(sys.argv[3]))))")
    env = dict(os.environ, OMP_NUM_THREADS="1")   # as the build renders its frames
    proc = subprocess.run([sys.executable, "-c", code, str(REPO / "tests"), str(notebook), json.dumps(requests)],
                          capture_output=True, text=True, timeout=900, env=env, cwd=REPO)
    assert proc.returncode == 0, f"reference kernel for {notebook.name} failed:\n{proc.stderr[-3000:]}"
    line = next(x for x in proc.stdout.splitlines() if x.startswith("WDLAB-OUT "))
    return json.loads(line[len("WDLAB-OUT "):])


def _pixels(png: bytes) -> np.ndarray:
    import matplotlib.image as mpimg

    return mpimg.imread(io.BytesIO(png), format="png")


# ------------------------------------------------------------------------------------------------ browser
class _Server:
    """build/site on 127.0.0.1 (a free port), recording every request that is not answered with a file."""

    def __init__(self, root: Path):
        self.failures: list[str] = []
        failures = self.failures

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, fmt, *args):
                pass

            def send_error(self, code, message=None, explain=None):
                failures.append(f"{code} {self.path}")
                super().send_error(code, message, explain)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


JS_IMAGES = """async () => {
  const imgs = Array.from(document.images);
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
  return imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src'));
}"""
JS_MATH = """() => {
  const nodes = Array.from(document.querySelectorAll('span.math, div.math'));
  return {total: nodes.length, done: nodes.filter(n => n.querySelector('mjx-container')).length,
          errors: document.querySelectorAll('mjx-merror').length};
}"""
JS_FLIPBOOKS = """() => Array.from(document.querySelectorAll('figure.wdlab-flipbook')).map(f => f.id)"""


@pytest.mark.slow
@pytest.mark.browser
def test_pages_in_chromium(built):
    import browser_support as bs

    reason = bs.browser_unavailable_reason()
    if reason:
        if bs.require_browser():
            pytest.fail(f"WDLAB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    out = built["out"]
    pages = [p for p in site_check.html_pages(out)]

    # one value per flipbook (not its start value), rendered by this test in its own kernels
    requests: dict[str, list[dict]] = {}
    for snap in _snapshots():
        page = out / f"{snap.stem}.html"
        for fig_id, data in _flipbook_data(page):
            idx = [(c["start"] + len(c["values"]) // 2) % len(c["values"]) for c in data["controls"]]
            values = {c["name"]: c["values"][i] for c, i in zip(data["controls"], idx, strict=True)}
            _, _, cell, k = fig_id.rsplit("-", 3)
            requests.setdefault(snap.name, []).append(
                {"id": fig_id, "cell": int(cell[1:]), "index": int(k), "values": values, "positions": idx,
                 "controls": data["controls"]})
    import concurrent.futures as cf
    with cf.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_reference_in_subprocess, SNAPSHOTS / name, reqs)
                   for name, reqs in requests.items()}
        references = {name: f.result() for name, f in futures.items()}

    server = _Server(out)
    browser = bs.Browser().start()
    blocked: list[str] = []
    problems: list[str] = []
    checked_frames = 0
    try:
        context = browser.browser.new_context(viewport={"width": 1280, "height": 1000})

        def route(r):
            parts = urlsplit(r.request.url)
            if parts.hostname == "127.0.0.1" and parts.port == server.port:
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        for path in pages:
            rel = path.relative_to(out).as_posix()
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("requestfailed", lambda r, errors=errors: errors.append(f"request failed: {r.url}"))
            page.goto(f"http://127.0.0.1:{server.port}/{rel}", wait_until="load")
            math = page.evaluate(JS_MATH)
            if math["total"]:
                try:
                    page.wait_for_function(
                        "() => Array.from(document.querySelectorAll('span.math, div.math'))"
                        ".every(n => n.querySelector('mjx-container'))", timeout=60_000)
                except Exception:
                    problems.append(f"{rel}: math not typeset ({page.evaluate(JS_MATH)})")
                if page.evaluate(JS_MATH)["errors"]:
                    problems.append(f"{rel}: MathJax reports errors in {page.evaluate(JS_MATH)['errors']} formulas")
            elif rel.split(".")[0] in {p.stem for p in _snapshots()} or rel == "notation.html":
                problems.append(f"{rel}: no math on the page")
            broken = page.evaluate(JS_IMAGES)
            if broken:
                problems.append(f"{rel}: images not loaded: {broken[:5]}")
            for fig_id in page.evaluate(JS_FLIPBOOKS):
                name = f"{Path(rel).stem}.ipynb"
                k = next(i for i, r in enumerate(requests[name]) if r["id"] == fig_id)
                problems += _check_flipbook(page, fig_id, requests[name][k], references[name][k], server.port)
                checked_frames += 1
            if rel == "index.html":
                page.screenshot(path=str(_artifacts() / "home.png"))
            page.wait_for_timeout(200)
            problems += [f"{rel}: console: {e}" for e in errors]
            page.close()
        shot = next((p for p in _snapshots() if requests.get(p.name)), None)
        if shot is not None:
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.port}/{shot.stem}.html", wait_until="load")
            fig = page.locator("figure.wdlab-flipbook").first
            fig.scroll_into_view_if_needed()
            fig.locator("input").first.fill("0")
            page.wait_for_function("f => f.querySelector('img').complete", arg=fig.element_handle())
            page.screenshot(path=str(_artifacts() / "flipbook.png"))
            page.close()
        context.close()
    finally:
        browser.stop()
        server.stop()
    assert not blocked, f"requests outside 127.0.0.1 were attempted: {sorted(set(blocked))[:10]}"
    assert not server.failures, f"the site server answered with errors: {server.failures[:10]}"
    assert not problems, "\n".join(problems)
    assert checked_frames == sum(len(r) for r in requests.values())


def _flipbook_data(page: Path) -> list[tuple[str, dict]]:
    from html.parser import HTMLParser

    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "figure" and "wdlab-flipbook" in (a.get("class") or "").split():
                found.append((a["id"], json.loads(a["data-flipbook"])))

    P().feed(page.read_text(encoding="utf-8"))
    return found


def _check_flipbook(page, fig_id: str, request: dict, reference: dict, port: int) -> list[str]:
    fig = page.locator(f"#{fig_id}")
    fig.scroll_into_view_if_needed()
    img = fig.locator("img.wdlab-flipbook-frame")
    readout = fig.locator(".wdlab-flipbook-readout")
    inputs = fig.locator("input.wdlab-flipbook-input")
    where = f"{fig_id}"
    start_src, start_readout = img.get_attribute("src"), readout.inner_text()
    problems = []
    for j, pos in enumerate(request["positions"]):
        inputs.nth(j).fill(str(pos))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    src = img.get_attribute("src")
    if src == start_src:
        problems.append(f"{where}: moving the range input did not change the image")
    if readout.inner_text() == start_readout:
        problems.append(f"{where}: moving the range input did not change the readout")
    shown = page.request.get(f"http://127.0.0.1:{port}/{src}")
    if not shown.ok:
        return problems + [f"{where}: frame {src} not served"]
    ours, theirs = _pixels(shown.body()), _pixels(base64.b64decode(reference["png"]))
    if ours.shape != theirs.shape or not np.array_equal(ours, theirs):
        diff = "shape" if ours.shape != theirs.shape else f"{int((ours != theirs).any(axis=-1).sum())} pixels"
        problems.append(f"{where}: frame for {request['values']} differs from the test's own render ({diff})")
    site_text = readout.text_content().strip()   # the text as written (inner_text collapses spaces)
    if site_text != reference["readout"].strip():
        problems.append(f"{where}: readout {site_text!r} != update's {reference['readout']!r}")
    before = fig.get_attribute("data-frame")   # keyboard: an arrow key moves one step
    inputs.nth(0).focus()
    page.keyboard.press("ArrowLeft" if request["positions"][0] > 0 else "ArrowRight")
    if fig.get_attribute("data-frame") == before:
        problems.append(f"{where}: an arrow key on the range input did not change the frame")
    # a typed value between two shown values snaps as GridSlider.snap does (the notebooks' widget code)
    from d2lmini import GridSlider

    c = request["controls"][0]
    grid = GridSlider(c["values"], log=c["log"])
    lo, hi = c["values"][0], c["values"][1]
    typed = (lo + hi) / 2 * 1.01 if not (c["log"] and lo > 0) else (lo * hi) ** 0.5 * 1.01
    box = fig.locator(".wdlab-flipbook-box").first
    box.fill(f"{typed:.6g}")
    box.press("Enter")
    want = grid.grid.index(grid.snap(float(f"{typed:.6g}")))
    if inputs.nth(0).input_value() != str(want):
        problems.append(f"{where}: typing {typed:.6g} put the slider at {inputs.nth(0).input_value()}, "
                        f"GridSlider.snap says {want}")
    return problems
