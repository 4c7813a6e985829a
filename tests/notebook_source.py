"""Read the code a notebook teaches, so tests can compare it with the package's saved copy.

``taught_function(notebook, name)`` finds the code cell that defines ``def name(...)``, compiles
that definition alone (not the rest of the cell) and returns the function, executed in a
namespace with ``torch``, ``math``, ``np`` and ``d2l`` (plus ``extra`` names it may use).
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import nbformat
import numpy as np
import torch

import d2lmini as d2l

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _code_cells(notebook: str):
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
            yield "\n".join(lines)


def taught_function(notebook: str, name: str, extra: dict | None = None):
    """The function ``name`` exactly as the notebook's cell defines it."""
    for source in _code_cells(notebook):
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                namespace = {"torch": torch, "math": math, "np": np, "d2l": d2l, **(extra or {})}
                exec(compile(ast.Module(body=[node], type_ignores=[]), f"{notebook}:{name}", "exec"), namespace)
                return namespace[name]
    raise LookupError(f"{notebook}: no code cell defines a function {name!r}")
