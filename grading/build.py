"""Write the public answer data and the notebooks' hidden tests from the references (instructor only).

    python -m grading.build            # write d2lmini/checks/answers/nbNN.json and the hidden blocks
    python -m grading.build --check    # exit 1 (and say what) if anything written would change
    python -m grading.build 01 05      # only these notebooks

For every exercise ``NN.K`` registered in ``d2lmini.checks.nbNN`` with references in ``grading/nbNN.py``:

* ``answers/nbNN.json``: per public case, the fingerprint of the right result and of each typical mistake that
  differs from it there (``d2lmini.checks.fingerprint``);
* the check cell (grade_id ``nbNN-exK-check``) keeps its visible line ``d2l.checks.nbNN.check_x(x)`` and gets,
  BEFORE it, a ``### BEGIN HIDDEN TESTS`` block: a loader that imports d2lmini fresh from its files, then
  ``grade("NN.K", x, [hidden cases], [fingerprints])``. Hidden first: the learner's function runs in the
  visible check only after it was graded, so nothing it does there (an exception that ends the cell early,
  redirected output) can keep the graded verdict from being recorded. The block ends with ``del`` (no value).

Writing is deterministic: running it twice changes nothing (``tests/test_grading_data.py``). Outputs of the
notebooks are left alone (the hidden block prints nothing when the answer is right).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pathlib
import re
import sys

import nbformat

from d2lmini import checks
from d2lmini.checks import REGISTRY, _salt, fingerprint

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "00_exercise_fixture.ipynb"
BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"

LOADER = '''\
# Graded cases, written by `python -m grading.build` (do not edit): nbgrader removes this block from the student
# edition and restores it when it autogrades. The grader is imported fresh from d2lmini's files.
def _wdlab_graded(*args):
    import importlib
    import importlib.util
    import os
    import sys

    def trusted(finder):  # the import system's finders, not one defined in a notebook cell
        code = getattr(getattr(finder, "find_spec", None), "__code__", None)
        return code is None or code.co_filename.startswith(("<frozen ", sys.prefix, sys.base_prefix))

    spec = next(s for s in (f.find_spec("d2lmini", None) for f in sys.meta_path if trusted(f)) if s)
    name = "_wdlab_" + os.urandom(8).hex()
    fresh = importlib.util.spec_from_file_location(name, spec.origin,
                                                   submodule_search_locations=spec.submodule_search_locations)
    sys.modules[name] = importlib.util.module_from_spec(fresh)
    try:
        fresh.loader.exec_module(sys.modules[name])
        grader = importlib.import_module(name + ".checks.grader")
    finally:
        for key in [k for k in sys.modules if k.split(".")[0] == name]:
            del sys.modules[key]
    grader.grade(*args)

'''


def notebook_paths() -> dict[str, pathlib.Path]:
    paths = {"00": FIXTURE}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        paths[path.name[:2]] = path
    return paths


def graded_notebooks() -> list[str]:
    """Notebooks whose exercises have references in grading/ (converted to this framework)."""
    return sorted(p.stem[2:] for p in (ROOT / "grading").glob("nb[0-9][0-9].py"))


def module(nn: str):
    return importlib.import_module(f"grading.nb{nn}")


def labels(nn: str) -> list[str]:
    importlib.import_module(f"d2lmini.checks.nb{nn}")
    return sorted(label for label in REGISTRY if label.startswith(f"{nn}."))


def _fp(ex, values, salt):
    return fingerprint.make(values, salt, ex.rel, ex.atol, ex.ztol)


def answers_data(nn: str) -> dict:
    """What ``d2lmini/checks/answers/nbNN.json`` must hold."""
    refs, found = module(nn), {}
    for label in labels(nn):
        ex = REGISTRY[label]
        if label not in refs.REFERENCES:
            raise SystemExit(f"grading/nb{nn}.py has no reference for exercise {label}")
        missing = set(refs.MISTAKES.get(label, {})) - set(ex.hints)
        if missing:
            raise SystemExit(f"{label}: mistakes without a hint in d2lmini/checks/nb{nn}.py: {sorted(missing)}")
        unused = set(ex.hints) - set(refs.MISTAKES.get(label, {})) - {"generic"}
        if unused:
            raise SystemExit(f"{label}: hints no mistake in grading/nb{nn}.py produces: {sorted(unused)}")
        entries = []
        for i, case in enumerate(ex.cases):
            right = refs.REFERENCES[label](case)
            salt = _salt(label, "public", i)
            entry = {"expect": _fp(ex, right, salt), "mistakes": []}
            for key, wrong_fn in refs.MISTAKES.get(label, {}).items():
                try:
                    wrong = ex.results(wrong_fn, case)
                except AssertionError:          # rejected for its form (type, shape, method): no fingerprint needed
                    continue
                if fingerprint.matches(wrong, entry["expect"], salt):
                    continue                    # indistinguishable from the right answer on this case
                entry["mistakes"].append([key, _fp(ex, wrong, _salt(label, "public", i, key))])
            entries.append(entry)
        found[label] = entries
    return found


def dump_answers(data: dict) -> str:
    """One line per case: small diffs when a reference changes."""
    blocks = []
    for label in sorted(data):
        lines = ",\n".join("  " + json.dumps(entry, sort_keys=True, ensure_ascii=False) for entry in data[label])
        blocks.append(f" {json.dumps(label)}: [\n{lines}\n ]")
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def hidden_block(label: str) -> str:
    nn = label.split(".")[0]
    ex = REGISTRY[label]
    cases = module(nn).HIDDEN[label]
    expect = [_fp(ex, module(nn).REFERENCES[label](case), _salt(label, "hidden", i)) for i, case in enumerate(cases)]
    call = f"_wdlab_graded({label!r}, {ex.answer}, {cases!r}, {expect!r})"
    return f"{BEGIN}\n{LOADER}\n{call}\ndel _wdlab_graded\n{END}"


def check_cell_source(source: str, label: str) -> str:
    nn = label.split(".")[0]
    visible = re.sub(rf"{BEGIN}.*?{END}", "", source, flags=re.S).strip()
    want = f"d2l.checks.nb{nn}.check_{REGISTRY[label].answer}({REGISTRY[label].answer})"
    if visible.strip() != want:
        raise SystemExit(f"check cell of {label}: the visible part must be exactly `{want}`, found {visible!r}")
    return f"{hidden_block(label)}\n{visible}"


def updated_notebook(path: pathlib.Path, nn: str):
    nb = nbformat.read(path, as_version=4)
    seen = set()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        m = re.fullmatch(rf"nb{nn}-ex(\d+)-check", grade_id)
        if not m:
            continue
        label = f"{nn}.{m.group(1)}"
        cell.source = check_cell_source(cell.source, label)
        seen.add(label)
    if seen != set(labels(nn)):
        raise SystemExit(f"{path.name}: check cells for {sorted(seen)}, exercises registered {labels(nn)}")
    return nb


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="two-digit notebook numbers (default: all with references)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything would change")
    args = parser.parse_args(argv)
    todo = args.notebooks or graded_notebooks()
    paths, stale = notebook_paths(), []
    for nn in todo:
        data = dump_answers(answers_data(nn))
        target = checks.ANSWERS / f"nb{nn}.json"
        if not target.exists() or target.read_text(encoding="utf-8") != data:
            stale.append(str(target.relative_to(ROOT)))
            if not args.check:
                target.parent.mkdir(exist_ok=True)
                target.write_text(data, encoding="utf-8")
        nb = updated_notebook(paths[nn], nn)
        text = nbformat.writes(nb) + "\n"
        if paths[nn].read_text(encoding="utf-8") != text:
            stale.append(str(paths[nn].relative_to(ROOT)))
            if not args.check:
                paths[nn].write_text(text, encoding="utf-8")
    if args.check and stale:
        print("grading.build: out of date (run `python -m grading.build`): " + ", ".join(stale))
        return 1
    print(("grading.build: up to date: " if args.check or not stale else "grading.build: wrote ") +
          (", ".join(stale) if stale else ", ".join(f"nb{nn}" for nn in todo)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
