"""Sliders bind their state: re-running a figure cell or a slider cell alone leaves every slider working.

The check (run on every notebook by ``tests/test_out_of_order.py::test_every_cell_twice_in_a_row``, in the kernel
that has just run the notebook with each cell twice, so the notebook runs once for both checks; proven able to fail
by ``tests/test_slider_rebind.py``): in a kernel that has run the notebook, for every
slider cell (a code cell containing ``SliderFigure(``), re-run alone, in notebook order, the cells that
last defined the figures and functions the slider cell uses (names that hold a matplotlib ``Figure``
or a callable in the kernel, e.g. ``fig`` and ``show``; data and imports are left alone), and then the
slider cell itself. Finally every ``SliderFigure`` alive in the kernel (found in ipywidgets' registry:
the ones from the first run and the ones from the re-runs) is moved through a few grid values, control
by control, as a move made in Python (``GridSlider.value = v``, which draws the frame in the kernel with the
slider's own ``show``, the code that also draws every frame the browser flips through): after each move the
readout text and the PNG bytes must change and the readout must not show an exception.

A ``show`` that reads its artists from globals fails this: after the figure cell is re-run, the old
slider mutates the NEW figure's artists and its own picture freezes.
"""

from __future__ import annotations

import ast
import builtins
import json
from collections.abc import Callable

BEGIN, END = "<<<WDLAB-REBIND>>>", "<<<END-WDLAB-REBIND>>>"

# Kernel side: what kind of object each name holds ("figure", "callable" or "data").
KINDS = r'''
def _wdlab_kinds(names):
    import json
    from matplotlib.figure import Figure
    ns = get_ipython().user_ns
    kind = lambda v: "figure" if isinstance(v, Figure) else "callable" if callable(v) else "data"
    print("<<<WDLAB-REBIND>>>" + json.dumps({n: kind(ns[n]) for n in names if n in ns}) + "<<<END-WDLAB-REBIND>>>")
'''

# Kernel side: label the live SliderFigures, or move all of them and report what did not change.
PROBE = r'''
def _wdlab_sliders():
    import d2lmini
    from ipywidgets.widgets.widget import _instances
    return [w for w in list(_instances.values()) if isinstance(w, d2lmini.SliderFigure)]

def _wdlab_label(tag):
    for sf in _wdlab_sliders():
        if not hasattr(sf, "_wdlab_tag"):
            sf._wdlab_tag = tag

def _wdlab_move_all():
    import json
    problems, moved = [], 0
    for sf in _wdlab_sliders():
        tag = getattr(sf, "_wdlab_tag", "?")
        for name, ctl in sf.controls.items():
            grid, start = list(ctl.grid), ctl.value
            seq = []
            for v in (grid[0], grid[-1], grid[len(grid) // 2], grid[1], start):
                if v != (seq[-1] if seq else start):
                    seq.append(v)
            before = (sf.readout.value, bytes(sf.image.value))
            for v in seq:
                ctl.value = v
                after = (sf.readout.value, bytes(sf.image.value))
                where = f"{tag}: {name} -> {v:g}"
                if "style='color:#D55E00'" in after[0]:
                    problems.append(f"{where}: the readout shows an error: {after[0][:300]}")
                elif after[0] == before[0]:
                    problems.append(f"{where}: the readout did not change ({after[0][:120]})")
                if after[1] == before[1]:
                    problems.append(f"{where}: the picture did not change")
                before = after
                moved += 1
    print("<<<WDLAB-REBIND>>>" + json.dumps({"sliders": len(_wdlab_sliders()), "moves": moved,
                                            "problems": problems}) + "<<<END-WDLAB-REBIND>>>")
'''


def bound_names(tree: ast.Module) -> dict[str, bool]:
    """Names a cell binds in the notebook's namespace: name -> True if bound by an import.

    Function and class bodies, lambdas and comprehensions are not entered (their names are local)."""
    out: dict[str, bool] = {}
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp,
              ast.DictComp, ast.GeneratorExp)

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[node.name] = False
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out[node.id] = False
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                out[(alias.asname or alias.name).split(".")[0]] = True
        if not isinstance(node, scopes):
            for child in ast.iter_child_nodes(node):
                visit(child)

    visit(tree)
    return out


def parse(source: str) -> ast.Module:
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))


def used_names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def rebind_and_move(run: Callable[[str], str], cells: list[tuple[int, str]]) -> dict:
    """Steps 2 and 3 in a kernel that has run the notebook's code ``cells`` ((index, source) pairs): each slider cell
    re-run after the cells that last defined its figures and functions, then every live slider moved.

    ``run(source)`` executes code in that kernel and returns its stdout (it must raise on an error output).
    Returns {"slider_cells", "reruns", "sliders", "moves", "problems"}."""
    def result(source: str):
        text = run(source)
        return json.loads(text[text.index(BEGIN) + len(BEGIN):text.index(END)])

    trees = {i: parse(src) for i, src in cells}
    sources = dict(cells)
    slider_cells = [i for i, src in cells if "SliderFigure(" in src]
    report = {"slider_cells": slider_cells, "reruns": {}, "problems": []}
    run(KINDS + PROBE + "\n_wdlab_label('first run')")
    for k in slider_cells:
        names = sorted(used_names(trees[k]) - set(dir(builtins)))
        kinds = result(KINDS + f"\n_wdlab_kinds({names!r})")
        defining_cells = set()
        for name in (n for n, kind in kinds.items() if kind in ("figure", "callable")):
            defining = [i for i, _ in cells if i < k and name in bound_names(trees[i])]
            if defining and not bound_names(trees[defining[-1]])[name]:   # imports are not figure cells
                defining_cells.add(defining[-1])
        report["reruns"][k] = sorted(defining_cells)
        for i in [*sorted(defining_cells), k]:
            run(sources[i])
        run(f"_wdlab_label('cell {k} re-run')")
    report.update(result("_wdlab_move_all()"))
    return report
