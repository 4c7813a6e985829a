"""The student edition, built and autograded with nbgrader itself (issues 13 and 19).

One build (``bash scripts/student_edition.sh OUT --course COURSE``) of every ``notebooks/*.ipynb`` plus
``tests/fixtures/00_exercise_fixture.ipynb`` (two exercises in the series' format: the machinery is proven
whatever state the real notebooks are in) and a plain notebook without nbgrader cells (must not crash the build).
Then ONE real ``nbgrader autograde`` of the kept course (two processes on disjoint students, one thread per
kernel, ``grading.autograde``) grades three submissions per notebook:

* ``instructor``: the instructor notebook as it is: full marks;
* ``student``: the untouched student notebook: 0, every check cell fails with the graded cases' "not attempted";
* ``tamperer``: the untouched student notebook plus a tampering cell (``sys.stderr = sys.stdout``, every
  ``check_*`` of ``d2l.checks.nbNN`` replaced by a function printing "correct", ``builtins.print`` replaced): 0.

The real notebooks are submitted trimmed to their first code cell and their exercise section
(``grading.autograde.exercise_section``): the exercises are self-contained (the series' rule), nbval runs the
lessons, and the student edition's lesson cells are checked to equal the instructor's. That keeps this test
to seconds per submission with seven notebooks. The fixture is submitted whole, by ten more tampering students
(one trick each: traceback display off, a custom exception handler, outputs cleared after the cell, partial
credit through a shown number, a fake d2lmini module, tampering inside the answer, an Output widget capturing
the cell, a thread clearing outputs, a tracer, a replaced hash, rewritten check cells): 0 each.

Static checks of the edition: no solution code (a sentinel line of each solution region is absent), no hidden
tests, no reference code in its ``d2lmini`` (no worked-solution line, no ``_reference``, no ``grading``
package) and no hidden case parameter anywhere. Run with ``-s`` to see the times and scores.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import re
import subprocess
import time

import nbformat
import pytest

from grading import autograde as ag
from grading.build import graded_notebooks, module

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "00_exercise_fixture.ipynb"
# WDLAB_NOTEBOOK_DIR: test another folder of notebooks (e.g. a copy with a deliberate fault)
NOTEBOOKS = sorted(pathlib.Path(os.environ.get("WDLAB_NOTEBOOK_DIR", ROOT / "notebooks")).glob("*.ipynb"))
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"

_spec = importlib.util.spec_from_file_location("student_edition", ROOT / "scripts" / "student_edition.py")
student_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_edition)


def tamper_cell(nn: str) -> str:
    """The issue's tampering cell: stderr redirected, every check replaced, print replaced."""
    return f'''import builtins, sys
import d2lmini as d2l
sys.stderr = sys.stdout
for _name in dir(d2l.checks.nb{nn}):
    if _name.startswith("check_"):
        setattr(d2l.checks.nb{nn}, _name, lambda *args, **kwargs: print("Exercise correct"))
_print = builtins.print
builtins.print = lambda *args, **kwargs: _print(*args, **kwargs)
'''


# One trick per fixture submission (inserted after the first answer cell; some redefine that answer).
FIXTURE_TRICKS = {
    "traceback": '''ip = get_ipython()
ip.showtraceback = lambda *a, **k: None
ip._showtraceback = lambda *a, **k: None
ip.set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: [])''',
    "clear-after-cell": '''from IPython.display import clear_output
get_ipython().events.register("post_run_cell", lambda result: clear_output())''',
    "partial-credit": '''import d2lmini as d2l
get_ipython().ast_node_interactivity = "all"
d2l.checks.nb00.check_decay_factor = lambda f: 1.0
d2l.checks.nb00.check_penalty = lambda f: 2.0''',
    "fake-module": '''import sys, types
sys.modules["d2lmini"] = sys.modules["d2lmini.checks"] = types.ModuleType("d2lmini")
sys.modules["d2lmini.checks.grader"] = types.SimpleNamespace(grade=lambda *a: None)''',
    "tamper-in-answer": '''import sys
def decay_factor(lr, lambd, t):
    get_ipython().showtraceback = lambda *a, **k: None
    sys.stderr = sys.stdout
    return 0.5''',
    "output-widget": '''import ipywidgets
_out = ipywidgets.Output()
def decay_factor(lr, lambd, t):
    _out.__enter__()
    return 0.5''',
    "clearing-thread": '''import threading, time
from IPython.display import clear_output
def _loop():
    while True:
        clear_output()
        time.sleep(0.01)
threading.Thread(target=_loop, daemon=True).start()''',
    "tracer": '''import sys
sys.settrace(lambda frame, event, arg: None)''',
    "hash": '''import hashlib
hashlib.pbkdf2_hmac = lambda *a, **k: b"0" * 32''',
}


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def solution_regions(source: str) -> list[list[str]]:
    """The lines between each BEGIN SOLUTION and END SOLUTION marker of one cell."""
    regions, current = [], None
    for line in source.splitlines():
        if line.strip() == BEGIN:
            current = []
        elif line.strip() == END and current is not None:
            regions.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return regions


def without_solutions(source: str) -> str:
    kept, inside = [], False
    for line in source.splitlines():
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def sentinels(nb) -> list[str]:
    """One sentinel per solution region: its longest line found nowhere else in the notebook (else the region)."""
    outside = "\n".join(without_solutions(c.source) for c in nb.cells)
    found = []
    for cell in nb.cells:
        for region in solution_regions(cell.source):
            lines = sorted({ln.strip() for ln in region if ln.strip()}, key=len, reverse=True)
            unique = [ln for ln in lines if ln not in outside]
            found.append(unique[0] if unique else "\n".join(region))
    return found


def all_text(nb) -> str:
    return "\n".join(c.source for c in nb.cells)


def points(nb) -> float:
    return sum(float(nbgrader_meta(c).get("points", 0)) for c in nb.cells if nbgrader_meta(c).get("grade"))


def submit(course: pathlib.Path, student: str, src: pathlib.Path, nb) -> None:
    dest = course / "submitted" / student / src.stem / src.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)


def with_cell(nb, source: str, after_first_answer: bool = False):
    """A copy of ``nb`` with a code cell inserted after the first code cell (or after the first answer cell)."""
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    if after_first_answer:
        k = next(i for i, c in enumerate(out.cells) if nbgrader_meta(c).get("solution"))
    else:
        k = next(i for i, c in enumerate(out.cells) if c.cell_type == "code")
    out.cells.insert(k + 1, nbformat.v4.new_code_cell(source))
    return out


# --------------------------------------------------------------------------- one build, one autograde
@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("student-edition")
    plain = tmp / "in" / "00_plain.ipynb"           # a notebook with no nbgrader cells at all
    plain.parent.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Plain"),
                                         nbformat.v4.new_code_cell("print('plain')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, plain)
    sources = [*NOTEBOOKS, FIXTURE, plain]
    out, course = tmp / "out", tmp / "course"
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "student_edition.sh"), str(out), "--course", str(course),
                           "--notebooks", *map(str, sources)],
                          env=ag.env(tmp / "scratch"), capture_output=True, text=True)
    build_s = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr

    submitted = {}
    for src in sources:
        teacher = nbformat.read(src, as_version=4)
        student = nbformat.read(out / "notebooks" / src.name, as_version=4)
        whole = src in (FIXTURE, plain)
        if not whole:
            teacher, student = ag.exercise_section(teacher), ag.exercise_section(student)
        versions = {"instructor": teacher, "student": student}
        if src != plain:
            versions["tamperer"] = with_cell(student, tamper_cell(src.name[:2]))
        if src == FIXTURE:
            for trick, code in FIXTURE_TRICKS.items():
                versions[f"trick-{trick}"] = with_cell(student, code, after_first_answer=True)
            rewritten = nbformat.from_dict(json.loads(json.dumps(student)))
            for cell in rewritten.cells:
                if nbgrader_meta(cell).get("grade"):
                    cell.source = 'print("Exercise correct")'
            versions["trick-rewritten-checks"] = rewritten
        for who, nb in versions.items():
            submit(course, who, src, nb)
            submitted[who, src.stem] = nb
    result = ag.autograde(course, "*", workers=2)
    grades = ag.grades(course)
    n = len(submitted)
    print(f"\nstudent edition: build {build_s:.1f} s; autograde of {n} submissions (2 workers, one gradebook) "
          f"{result['seconds']:.1f} s ({result['seconds'] / n:.1f} s per submission)")
    for (who, stem), score in sorted(grades.items()):
        if (who, stem) in submitted:
            print(f"  {who:28s} {stem:36s} {score[0]:g} / {score[1]:g}")
    return {"tmp": tmp, "out": out, "course": course, "sources": sources, "grades": grades, "result": result,
            "submitted": submitted}


def test_autograde_ran(edition):
    for code, log in zip(edition["result"]["returncodes"], edition["result"]["logs"], strict=True):
        assert code == 0, f"nbgrader autograde failed:\n{log[-5000:]}"


def test_edition_layout(edition):
    out = edition["out"]
    for name in ("README.md", "requirements.txt", "pyproject.toml", "d2lmini/__init__.py", "d2lmini/checks/__init__.py",
                 "d2lmini/checks/grader.py", "scripts/setup.sh", "scripts/lab.sh"):
        assert (out / name).is_file(), f"student edition lacks {name}"
    for nn in graded_notebooks():
        assert (out / "d2lmini" / "checks" / "answers" / f"nb{nn}.json").is_file()
    assert "-e ." in (out / "requirements.txt").read_text(), "students get d2lmini through requirements.txt"
    assert sorted(p.name for p in (out / "notebooks").glob("*.ipynb")) == sorted(s.name for s in edition["sources"])
    assert not list(out.rglob("__pycache__"))
    assert not (out / "grading").exists(), "the instructor's grading package must not ship"


@pytest.mark.parametrize("name", [p.name for p in [*NOTEBOOKS, FIXTURE]])
def test_no_solution_or_hidden_test_survives(edition, name):
    src = nbformat.read(next(s for s in edition["sources"] if s.name == name), as_version=4)
    student = nbformat.read(edition["out"] / "notebooks" / name, as_version=4)
    text = all_text(student)
    marks = sentinels(src)
    if name == FIXTURE.name:
        assert len(marks) == 2 and "fixture-sentinel-one" in marks[0]
    assert all(m in all_text(src) for m in marks)              # the sentinels do find the solutions
    leaked = [m for m in marks if m in text]
    assert not leaked, f"{name}: solution code survives in the student edition: {leaked}"
    assert BEGIN not in text and END not in text and HIDDEN_BEGIN not in text and "_wdlab_graded" not in text
    answers = [c for c in src.cells if nbgrader_meta(c).get("solution")]
    stubs = {nbgrader_meta(c)["grade_id"]: c for c in student.cells if nbgrader_meta(c).get("solution")}
    assert len(stubs) == len(answers)
    for cell in answers:
        stub = stubs[nbgrader_meta(cell)["grade_id"]]
        assert "raise NotImplementedError()" in stub.source
        for defined in re.findall(r"^def (\w+)\(", cell.source, flags=re.M):   # the name stays defined
            assert re.search(rf"^def {defined}\(", stub.source, flags=re.M), f"{name}: stub lost def {defined}"
    checks = [c for c in student.cells if nbgrader_meta(c).get("grade")]
    for cell in checks:     # the one visible line is what students see
        assert re.fullmatch(r"d2l\.checks\.nb\d\d\.check_\w+\(\w+\)", cell.source.strip()), cell.source
    for k, cell in enumerate(student.cells):
        assert "source_hidden" not in cell.metadata.get("jupyter", {}), f"{name} cell {k} is collapsed"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name} cell {k} keeps outputs"


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_lessons_equal_and_exercises_last(edition, name):
    """Grading trimmed submissions is sound: the student edition's lesson cells are the instructor's, and every
    nbgrader cell sits in the exercise section."""
    src = nbformat.read(next(s for s in edition["sources"] if s.name == name), as_version=4)
    student = nbformat.read(edition["out"] / "notebooks" / name, as_version=4)
    start = next(k for k, c in enumerate(src.cells) if c.cell_type == "markdown" and ag.EXERCISES_RE.search(c.source))
    assert all(not nbgrader_meta(c) for c in src.cells[:start]), f"{name}: an nbgrader cell above the exercises"
    assert [c.source for c in student.cells[:start]] == [c.source for c in src.cells[:start]]


def test_edition_package_has_no_reference_code_and_no_hidden_input(edition):
    package = edition["out"] / "d2lmini"
    files = {p: p.read_text(encoding="utf-8") for p in package.rglob("*") if p.is_file()}
    text = "\n".join(files.values())
    assert "_reference" not in text, [str(p) for p, t in files.items() if "_reference" in t]
    lines, taught = set(), set()   # every line of every worked solution (long enough to be specific) ...
    for src in edition["sources"]:
        for cell in nbformat.read(src, as_version=4).cells:
            for region in solution_regions(cell.source):
                lines |= {ln.split("#")[0].strip() for ln in region if len(ln.split("#")[0].strip()) >= 30}
            taught |= {ln.split("#")[0].strip() for ln in without_solutions(cell.source).splitlines()}
    lines -= taught                # ... that the lessons do not show anyway
    found = sorted(ln for ln in lines if ln in text)
    assert not found, f"worked-solution code in the student edition's d2lmini: {found}"
    everything = text + "\n".join(p.read_text(encoding="utf-8") for p in (edition["out"] / "notebooks").glob("*"))
    for nn in graded_notebooks():
        for label, cases in module(nn).HIDDEN.items():
            for case in cases:
                assert repr(case) not in everything, f"hidden case of {label} in the student edition: {case}"


def test_instructor_scores_full_marks(edition):
    grades = edition["grades"]
    for src in edition["sources"]:
        want = points(nbformat.read(src, as_version=4))
        assert grades["instructor", src.stem] == (want, want), f"{src.name}: instructor scored " \
                                                               f"{grades['instructor', src.stem]}"
    assert grades["instructor", FIXTURE.stem] == (3.0, 3.0)


@pytest.mark.parametrize("who", ["student", "tamperer", *(f"trick-{t}" for t in FIXTURE_TRICKS),
                                 "trick-rewritten-checks"])
def test_untouched_and_tampering_students_score_zero(edition, who):
    graded = [stem for (w, stem) in edition["submitted"] if w == who]
    assert graded
    for stem in graded:
        score, most = edition["grades"][who, stem]
        assert score == 0.0, f"{who} scored {score} / {most} on {stem}"


@pytest.mark.parametrize("who", ["instructor", "student", "tamperer"])
def test_graded_notebooks_ran_to_the_end(edition, who):
    """Every code cell ran; errors only in check cells, and for the untouched student each check's error is the
    graded cases' 'not attempted'; tampering is named in the failure."""
    for src in edition["sources"]:
        if (who, src.stem) not in edition["submitted"]:
            continue
        path = edition["course"] / "autograded" / who / src.stem / src.name
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), f"{who} {src.name}: not all ran"
        for k, cell in enumerate(code):
            errors = [o for o in cell.outputs if o.output_type == "error"]
            is_check = bool(nbgrader_meta(cell).get("grade"))
            if is_check:
                assert HIDDEN_BEGIN in cell.source, f"{src.name}: autograde did not restore the hidden tests"
            if who == "instructor" or not is_check:
                assert not errors, f"{who} {src.name} code cell {k}: {[(e.ename, e.evalue) for e in errors]}"
                if not is_check and who != "tamperer":
                    assert not [o for o in cell.outputs if o.get("name") == "stderr"], f"{who} {src.name} cell {k}"
            elif who == "student":
                assert [e.ename for e in errors] == ["AssertionError"], f"{src.name} cell {k}: {errors}"
                assert re.match(r"Exercise \d\d\.\d+: not attempted", errors[0].evalue), errors[0].evalue
            else:
                assert errors and "not graded" in errors[0].evalue, f"{src.name} cell {k}: {errors}"


def test_feedback_names_the_check_and_its_hint(edition):
    """``nbgrader generate_feedback``: the student's HTML names each failed exercise and its tier-1 hint."""
    course = edition["course"]
    subprocess.run([ag.nbgrader_bin(), "generate_feedback", FIXTURE.stem, "--student", "student", "--force"],
                   cwd=course, env=ag.env(edition["tmp"] / "scratch-fb"), check=True, capture_output=True)
    html = (course / "feedback" / "student" / FIXTURE.stem / f"{FIXTURE.stem}.html").read_text(encoding="utf-8")
    assert "Exercise 00.1: not attempted" in html and "Exercise 00.2: not attempted" in html


def test_sentinel_finder_sees_a_solution_left_in():
    src = nbformat.read(FIXTURE, as_version=4)
    assert [m for m in sentinels(src) if m in all_text(src)] == sentinels(src) != []


def test_out_dir_that_is_not_an_edition_is_never_deleted(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(SystemExit, match="not a student edition"):
        student_edition.prepare_out(tmp_path)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_uncollapse_drops_only_the_hiding(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.cells[0].metadata = {"jupyter": {"source_hidden": True}, "nbgrader": {"solution": True}}
    nbformat.write(nb, tmp_path / "a.ipynb")
    assert student_edition.uncollapse(tmp_path / "a.ipynb") == 1
    assert json.loads((tmp_path / "a.ipynb").read_text())["cells"][0]["metadata"] == {"nbgrader": {"solution": True}}
