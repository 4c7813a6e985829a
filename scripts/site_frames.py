"""Flipbook frames for the static site: every slider of a notebook, one picture per grid value.

Usage: python scripts/site_frames.py NOTEBOOK OUTDIR [DATA_DIR]

Runs NOTEBOOK (a copy; the file is only read) in a fresh ``python3`` kernel with nbclient, up to and
including its last slider cell (a code cell containing ``SliderFigure(``; later cells cannot change
what a slider shows). Then, in that same kernel, it finds the live ``d2lmini.widgets.SliderFigure``
each slider cell displayed (through the model id in the cell's widget output and ipywidgets' registry
of live widgets) and asks it for its frames, ``SliderFigure.frames()``: the very frames the widget sends
a browser (the notebook's ``update`` function, then ``d2l.figure_png``, one per grid value). Writes
OUTDIR/manifest.json and OUTDIR/c<cell>_<k>/f<NNN>.png.

Every value of every grid is rendered (the site build may show a subset to keep a page under 5 MB; see
scripts/site_build.py). Several controls on one SliderFigure: every combination when there are at most
``MAX_FRAMES`` of them; otherwise each control keeps an evenly spaced subset of its grid (always with its
first, last and start value), as the widget prerenders them. The manifest records which values were rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from d2lmini.widgets import MAX_FRAMES  # the site shows what the notebook's widget prerenders

ROOT = Path(__file__).resolve().parents[1]
SLIDER_MARK = "SliderFigure("
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def is_slider_cell(cell) -> bool:
    return cell.cell_type == "code" and SLIDER_MARK in cell.source


def content_key(notebook: Path) -> str:
    """Hash of everything the frames depend on: the notebook's code, d2lmini's source, this script, versions."""
    import matplotlib
    import torch

    h = hashlib.sha256()
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            h.update(cell.source.encode() + b"\0")
    for path in sorted((ROOT / "d2lmini").rglob("*.py")):
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(f"{matplotlib.__version__} {torch.__version__} {MAX_FRAMES}".encode())
    return h.hexdigest()[:16]


def cache_folder(cache: Path, notebook: Path) -> Path:
    """Where the site build looks for ``notebook``'s frames (``build/site_cache/<stem>-<content key>``)."""
    return cache / f"{notebook.stem}-{content_key(notebook)}"


# Runs inside the notebook's kernel after its slider cells. TARGETS: [[cell_index, [model_id, ...]], ...]
CAPTURE = r'''
def _wdlab_capture(targets, outdir, max_frames):
    import json, os
    from ipywidgets.widgets.widget import _instances
    from d2lmini.widgets import SliderFigure

    def sliders_in(w):
        if isinstance(w, SliderFigure):
            return [w]
        found = []
        for child in getattr(w, "children", None) or ():
            found += sliders_in(child)
        return found

    manifest = []
    for cell_index, model_ids in targets:
        found = []
        for m in model_ids:
            if m in _instances:
                found += [s for s in sliders_in(_instances[m]) if s not in found]
        if not found:
            raise RuntimeError(f"cell {cell_index}: no live SliderFigure behind its widget output")
        for k, sf in enumerate(found):
            start = list(sf.index)
            kept, flat, frames = sf.frames(max_frames)   # what the widget sends a browser
            bad = [(sf.values(i), f.readout) for i, f in zip(flat, frames) if not f.ok]
            if bad:
                raise RuntimeError(f"cell {cell_index}: the slider's update failed at {bad[0][0]}: {bad[0][1]}")
            folder = f"c{cell_index}_{k}"
            os.makedirs(os.path.join(outdir, folder), exist_ok=True)
            out = []
            for j, f in enumerate(frames):
                name = f"{folder}/f{j:03d}.png"
                with open(os.path.join(outdir, name), "wb") as fh:
                    fh.write(f.png)
                out.append(dict(src=name, readout=f.readout))
            manifest.append(dict(
                cell=cell_index, index=k, figsize=[float(x) for x in sf.fig.get_size_inches()],
                dpi=float(sf.fig.dpi),
                controls=[dict(name=name, label=c.label, symbol=c.symbol, values=[c.grid[i] for i in keep],
                               start=keep.index(s), grid_size=len(c.grid), log=c.log_scale)
                          for (name, c), keep, s in zip(sf.controls.items(), kept, start)],
                frames=out))
    with open(os.path.join(outdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return sum(len(m["frames"]) for m in manifest)

print("frames:", _wdlab_capture(TARGETS, OUTDIR, MAX_FRAMES))
del _wdlab_capture
'''


def capture_source(targets: list, outdir: Path) -> str:
    """Code that writes the frames of the live sliders behind ``targets`` ([[cell index, [model id, ...]], ...])."""
    return (f"TARGETS = {json.dumps(targets)}\nOUTDIR = {json.dumps(str(outdir))}\n"
            f"MAX_FRAMES = {MAX_FRAMES}\n" + CAPTURE)


def widget_model_ids(cell) -> list[str]:
    return [out["data"][WIDGET_MIME]["model_id"] for out in cell.get("outputs", [])
            if out.get("output_type") in {"execute_result", "display_data"} and WIDGET_MIME in out.get("data", {})]


def capture(notebook: Path, outdir: Path, data_dir: Path | None = None, timeout: int = 600) -> dict:
    """Execute ``notebook`` up to its last slider cell and write its flipbook frames to ``outdir``.

    The kernel runs in a temp folder holding a copy of ``data_dir``'s files (default: the notebook's folder).
    """
    nb = nbformat.read(notebook, as_version=4)
    slider_cells = [i for i, c in enumerate(nb.cells) if is_slider_cell(c)]
    outdir.mkdir(parents=True, exist_ok=True)
    if not slider_cells:
        (outdir / "manifest.json").write_text("[]", encoding="utf-8")
        return {"frames": 0, "seconds": 0.0, "sliders": 0}
    nb.cells = nb.cells[: slider_cells[-1] + 1]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    work = Path(tempfile.mkdtemp(prefix="wdlab-frames-"))
    for item in (data_dir or notebook.parent).iterdir():   # minus notebooks: data files, if any
        if item.suffix != ".ipynb" and not item.name.startswith("."):
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, work / item.name)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(work)}})
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            targets = [[i, widget_model_ids(nb.cells[i])] for i in slider_cells]
            missing = [i for i, ids in targets if not ids]
            if missing:
                raise RuntimeError(f"{notebook.name}: slider cell(s) {missing} displayed no widget")
            cap = nbformat.v4.new_code_cell(capture_source(targets, outdir))
            nb.cells.append(cap)
            client.execute_cell(cap, len(nb.cells) - 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    return {"frames": sum(len(m["frames"]) for m in manifest), "sliders": len(manifest),
            "seconds": time.perf_counter() - start}


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    scratch = tempfile.mkdtemp(prefix="wdlab-frames-env-")
    os.environ.setdefault("MPLCONFIGDIR", scratch)
    os.environ.setdefault("IPYTHONDIR", scratch)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        info = capture(Path(argv[0]).resolve(), Path(argv[1]).resolve(),
                       Path(argv[2]).resolve() if len(argv) > 2 else None)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
