"""Size of the d2lmini core and the share of its function-body lines that are guards (issue 11).

Run:  .venv/bin/python bench/core_size.py [FILES...]     (default: d2lmini/*.py except nbNN.py)

Prints, per file and in total: non-blank non-comment lines; function-body lines (statements inside
``def``s, docstrings, blank lines and comments excluded); guard lines, counted two ways:
* calls: body lines of ordinary functions that call a guard (``check_shapes``, ``check_same``,
  ``check_grad``, ``check_finite``, or a ``require_*`` of ``_validate``) or ``raise`` on their own;
* all: the calls plus every body line of the guard functions themselves (their definitions).
Also the number of public top-level names (``d2lmini.__all__`` before the TEMPORARY block).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUARD = re.compile(r"^(check_shapes|check_same|check_grad|check_finite|require_\w+)$")


def code_lines(text: str) -> int:
    return sum(1 for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


def body_lines(fn: ast.FunctionDef | ast.AsyncFunctionDef, source: list[str]) -> set[int]:
    """Line numbers of the statements in ``fn``'s body (docstring excluded; nested defs included)."""
    body = fn.body[1:] if ast.get_docstring(fn) is not None else fn.body
    lines: set[int] = set()
    for stmt in body:
        for ln in range(stmt.lineno, stmt.end_lineno + 1):
            text = source[ln - 1].strip()
            if text and not text.startswith("#"):
                lines.add(ln)
    return lines


def is_guard_stmt(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Raise):
        return True
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign, ast.Return)) else None
    return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and GUARD.match(value.func.id) is not None)


def measure(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    source = text.splitlines()
    tree = ast.parse(text)
    body, calls, definitions = set(), set(), set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        lines = body_lines(node, source)
        body |= lines
        if GUARD.match(node.name):
            definitions |= lines
            continue
        for stmt in ast.walk(node):
            if isinstance(stmt, ast.stmt) and stmt is not node and is_guard_stmt(stmt):
                calls |= set(range(stmt.lineno, stmt.end_lineno + 1)) & lines
    return {"file": path.relative_to(ROOT).as_posix(), "lines": code_lines(text), "body": len(body),
            "calls": len(calls - definitions), "all": len(calls | definitions)}


def public_names() -> int:
    init = (ROOT / "d2lmini" / "__init__.py").read_text(encoding="utf-8").split("# ---- TEMPORARY")[0]
    tree = ast.parse(init)
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            return len(ast.literal_eval(node.value))
    return -1


def main(argv: list[str]) -> int:
    files = [Path(a).resolve() for a in argv] or sorted(
        p for p in (ROOT / "d2lmini").glob("*.py") if not re.match(r"nb\d", p.name))
    rows = [measure(p) for p in files]
    print(f"{'file':<26} {'lines':>6} {'body':>6} {'guard calls':>12} {'guards incl. defs':>18}")
    total = {"file": "TOTAL", **{k: sum(r[k] for r in rows) for k in ("lines", "body", "calls", "all")}}
    for r in [*rows, total]:
        calls, alls = (f"{r[k]:4d} ({100 * r[k] / max(r['body'], 1):4.1f}%)" for k in ("calls", "all"))
        print(f"{r['file']:<26} {r['lines']:>6} {r['body']:>6} {calls:>12} {alls:>18}")
    print(f"public top-level names (the sorted __init__ block): {public_names()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
