"""The student edition, built and graded with nbgrader itself (issue 13).

One build (``bash scripts/student_edition.sh OUT --course COURSE``) of every ``notebooks/*.ipynb`` plus
``tests/fixtures/00_exercise_fixture.ipynb`` (two exercises in the series' format, so the machinery is proven
whatever state the real notebooks are in) and a plain notebook without nbgrader cells (must not crash the build).
Then, in copies of the kept course directory:

* the instructor notebooks, submitted as they are, are autograded: full marks in every assignment;
* the untouched student edition is autograded: zero in every assignment, no crash;
* a student who rewrote the fixture's check cells to print success still scores zero (nbgrader restores them);
* the autograded student notebooks (their outputs are read, nothing is executed a third time) ran top to bottom
  with no error output, and their only stderr lines are the checks' "not attempted yet" reports, one per check;
* no solution code survives: a sentinel line from each ``### BEGIN/END SOLUTION`` region of each source
  notebook is absent from the student notebook; every answer cell is a stub that still defines its function;
  outputs are cleared and no cell is collapsed; the folder holds what students need (d2lmini, requirements).

The two autogrades run at the same time (separate course copies, 1 thread per kernel): about 2 min in all on
2 idle cores (each notebook runs twice). Run with ``-s`` to see the build and grading times and the scores.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "00_exercise_fixture.ipynb"
# WDLAB_NOTEBOOK_DIR: test another folder of notebooks (e.g. a copy with a deliberate fault)
NOTEBOOKS = sorted(pathlib.Path(os.environ.get("WDLAB_NOTEBOOK_DIR", ROOT / "notebooks")).glob("*.ipynb"))
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NOT_ATTEMPTED = re.compile(r"^Exercise [0-9]+\.[0-9]+: not attempted yet\b")

_spec = importlib.util.spec_from_file_location("student_edition", ROOT / "scripts" / "student_edition.py")
student_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_edition)


# --------------------------------------------------------------------------- helpers
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


def grade_cells(nb) -> int:
    return sum(1 for c in nb.cells if nbgrader_meta(c).get("grade") and c.cell_type == "code")


def run_env(scratch: pathlib.Path) -> dict[str, str]:
    """nbgrader and its kernels: the venv first on PATH (nbgrader calls alembic by name), private config dirs."""
    env = dict(os.environ)
    env["PATH"] = str(pathlib.Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    scratch = str(scratch)
    env.update(MPLCONFIGDIR=scratch, IPYTHONDIR=scratch, PYDEVD_DISABLE_FILE_VALIDATION="1",
               OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", JUPYTER_RUNTIME_DIR=scratch)
    return env


def read_grades(course: pathlib.Path, student: str) -> dict[str, tuple[float, float]]:
    """``nbgrader export``: {assignment: (raw_score, max_score)} of one student."""
    subprocess.run([str(pathlib.Path(sys.executable).parent / "nbgrader"), "export", "--to", "grades.csv"],
                   cwd=course, env=run_env(course / ".scratch"), check=True, capture_output=True)
    with open(course / "grades.csv", newline="") as f:
        return {row["assignment"]: (float(row["raw_score"]), float(row["max_score"]))
                for row in csv.DictReader(f) if row["student_id"] == student}


def tampered(student_copy: pathlib.Path, dest: pathlib.Path) -> None:
    """A student who rewrote every check cell to print success: autograde must restore the checks."""
    nb = nbformat.read(student_copy, as_version=4)
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade"):
            cell.source = 'print("Exercise correct")'
    nbformat.write(nb, dest)


# --------------------------------------------------------------------------- one build, two autogrades
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
                          env=run_env(tmp / "scratch"), capture_output=True, text=True)
    build_s = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr
    gen_s = float(re.search(r"generate_assignment: ([0-9.]+) s", proc.stdout).group(1))

    # Submit: the instructor notebooks as they are, and the untouched student edition, each in its own copy
    # of the course directory (own gradebook), graded at the same time.
    procs = {}
    start = time.perf_counter()
    for who in ("instructor", "student"):
        graded = tmp / f"course-{who}"
        shutil.copytree(course, graded)
        for src in sources:
            dest = graded / "submitted" / who / src.stem / src.name
            dest.parent.mkdir(parents=True)
            shutil.copyfile(src if who == "instructor" else out / "notebooks" / src.name, dest)
        if who == "student":   # graded in the same run: one small extra notebook
            dest = graded / "submitted" / "tamperer" / FIXTURE.stem / FIXTURE.name
            dest.parent.mkdir(parents=True)
            tampered(out / "notebooks" / FIXTURE.name, dest)
        procs[who] = subprocess.Popen([str(pathlib.Path(sys.executable).parent / "nbgrader"), "autograde", "*",
                                       "--force"], cwd=graded, env=run_env(tmp / f"scratch-{who}"),
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    logs = {who: p.communicate(timeout=900)[0] for who, p in procs.items()}
    autograde_s = time.perf_counter() - start
    for who, p in procs.items():
        assert p.returncode == 0, f"nbgrader autograde ({who}) failed:\n{logs[who][-5000:]}"
    grades = {who: read_grades(tmp / f"course-{who}", who) for who in procs}
    grades["tamperer"] = read_grades(tmp / "course-student", "tamperer")
    print(f"\nstudent edition: build {build_s:.1f} s (generate_assignment {gen_s:.1f} s), "
          f"both autogrades in parallel {autograde_s:.1f} s; grades {grades}")
    return {"tmp": tmp, "out": out, "sources": sources, "grades": grades, "logs": logs}


def test_edition_layout(edition):
    out = edition["out"]
    for name in ("README.md", "requirements.txt", "pyproject.toml", "d2lmini/__init__.py", "d2lmini/checks/__init__.py",
                 "scripts/setup.sh", "scripts/lab.sh"):
        assert (out / name).is_file(), f"student edition lacks {name}"
    assert "-e ." in (out / "requirements.txt").read_text(), "students get d2lmini through requirements.txt"
    assert sorted(p.name for p in (out / "notebooks").glob("*.ipynb")) == sorted(s.name for s in edition["sources"])
    assert not list(out.rglob("__pycache__"))


@pytest.mark.parametrize("name", [p.name for p in [*NOTEBOOKS, FIXTURE]])
def test_no_solution_survives_and_stubs_define_the_names(edition, name):
    src = nbformat.read(next(s for s in edition["sources"] if s.name == name), as_version=4)
    student = nbformat.read(edition["out"] / "notebooks" / name, as_version=4)
    text = all_text(student)
    marks = sentinels(src)
    if name == FIXTURE.name:
        assert len(marks) == 2 and "fixture-sentinel-one" in marks[0]
    assert all(m in all_text(src) for m in marks)              # the sentinels do find the solutions
    leaked = [m for m in marks if m in text]
    assert not leaked, f"{name}: solution code survives in the student edition: {leaked}"
    assert BEGIN not in text and END not in text
    answers = [c for c in src.cells if nbgrader_meta(c).get("solution")]
    stubs = {nbgrader_meta(c)["grade_id"]: c for c in student.cells if nbgrader_meta(c).get("solution")}
    assert len(stubs) == len(answers)
    for cell in answers:
        stub = stubs[nbgrader_meta(cell)["grade_id"]]
        assert "raise NotImplementedError()" in stub.source
        for defined in re.findall(r"^def (\w+)\(", cell.source, flags=re.M):   # the name stays defined
            assert re.search(rf"^def {defined}\(", stub.source, flags=re.M), f"{name}: stub lost def {defined}"
    for k, cell in enumerate(student.cells):
        assert "source_hidden" not in cell.metadata.get("jupyter", {}), f"{name} cell {k} is collapsed"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name} cell {k} keeps outputs"


def test_sentinel_finder_sees_a_solution_left_in():
    src = nbformat.read(FIXTURE, as_version=4)
    assert [m for m in sentinels(src) if m in all_text(src)] == sentinels(src) != []


def test_instructor_edition_scores_full_marks(edition):
    grades = edition["grades"]["instructor"]
    for src in edition["sources"]:
        want = points(nbformat.read(src, as_version=4))
        assert grades[src.stem] == (want, want), f"{src.name}: instructor edition scored {grades[src.stem]}"
    assert grades[FIXTURE.stem] == (3.0, 3.0)


def test_student_edition_scores_zero(edition):
    grades = edition["grades"]["student"]
    for src in edition["sources"]:
        want = points(nbformat.read(src, as_version=4))
        assert grades[src.stem] == (0.0, want), f"{src.name}: untouched student edition scored {grades[src.stem]}"


def test_edited_checks_are_restored_before_grading(edition):
    # (nbgrader export lists every assignment for every student; the tamperer submitted only the fixture)
    assert edition["grades"]["tamperer"][FIXTURE.stem] == (0.0, 3.0)
    graded = edition["tmp"] / "course-student" / "autograded" / "tamperer" / FIXTURE.stem / FIXTURE.name
    checks = [c for c in nbformat.read(graded, as_version=4).cells if nbgrader_meta(c).get("grade")]
    assert [c.source for c in checks] == ["check_decay_factor(decay_factor)", "check_penalty(penalty)"]


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_graded_notebooks_ran_top_to_bottom(edition, who):
    """Read the autograded notebooks: every code cell ran, no error, stderr only for 'not attempted yet'."""
    for src in edition["sources"]:
        path = edition["tmp"] / f"course-{who}" / "autograded" / who / src.stem / src.name
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), f"{who} {src.name}: not all ran"
        reports = []
        for k, cell in enumerate(code):
            for out in cell.outputs:
                assert out.output_type != "error", (f"{who} {src.name} code cell {k}: "
                                                    f"{out.get('ename')}: {out.get('evalue')}")
                if out.output_type == "stream" and out.name == "stderr":
                    lines = [ln for ln in out.text.splitlines() if ln.strip()]
                    odd = [ln for ln in lines if not NOT_ATTEMPTED.match(ln)]
                    assert not odd, f"{who} {src.name} code cell {k}: unexpected stderr {odd}"
                    reports += lines
        expected = grade_cells(nbformat.read(src, as_version=4)) if who == "student" else 0
        assert len(reports) == expected, f"{who} {src.name}: {len(reports)} 'not attempted' reports, want {expected}"


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
