"""Autograde a class faster: several ``nbgrader autograde`` processes on ONE course directory, disjoint students.

    python -m grading.autograde COURSE ASSIGNMENT [--workers K]

Each worker is a plain ``nbgrader autograde ASSIGNMENT`` with ``--CourseDirectory.student_id_exclude`` set to
every student of the other workers, so the workers never touch the same submission; they share the course's
SQLite gradebook (each writes its students' rows; SQLite serializes the short writes; the gradebook must exist
before, as it does after ``generate_assignment``). Kernels run with one thread each (the notebooks' tensors are
small). Afterwards ``nbgrader generate_feedback`` and ``nbgrader export`` work as after one process.

:func:`exercise_section` trims a notebook to its first code cell (the imports) and its exercise section (from
the ``## ... Exercises`` heading to the end). The tests grade such trimmed submissions (the exercises are
self-contained by the series' rule, CONTRIBUTING.md "Exercises", so the lessons need not run there; nbval runs
them). A class is graded on whole notebooks: a student's answer may use a variable of the lesson.

The tests (``tests/test_student_edition.py``) and ``bench/grading_time.py`` use these helpers.
"""

from __future__ import annotations

import argparse
import csv
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import nbformat

EXERCISES_RE = re.compile(r"^##\s.*\bExercises\b", re.M)


def nbgrader_bin() -> str:
    return str(pathlib.Path(sys.executable).parent / "nbgrader")


def env(scratch: str | os.PathLike) -> dict[str, str]:
    """nbgrader and its kernels: the venv first on PATH (nbgrader calls alembic by name), private config dirs,
    one thread per kernel."""
    out = dict(os.environ)
    out["PATH"] = str(pathlib.Path(sys.executable).parent) + os.pathsep + out.get("PATH", "")
    scratch = str(scratch)
    out.update(MPLCONFIGDIR=scratch, IPYTHONDIR=scratch, JUPYTER_RUNTIME_DIR=scratch,
               PYDEVD_DISABLE_FILE_VALIDATION="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return out


def exercise_section(nb):
    """The notebook's first code cell and its exercise section (``## ... Exercises`` to the end), as a new notebook."""
    start = next((k for k, c in enumerate(nb.cells) if c.cell_type == "markdown" and EXERCISES_RE.search(c.source)),
                 None)
    if start is None:
        raise ValueError("no '## ... Exercises' heading")
    first = next(c for c in nb.cells if c.cell_type == "code")
    out = nbformat.from_dict(dict(nb))
    out.cells = [first, *nb.cells[start:]]
    return out


def students(course: pathlib.Path) -> list[str]:
    return sorted(p.name for p in (course / "submitted").iterdir() if p.is_dir())


def autograde(course: pathlib.Path, assignment: str = "*", workers: int = 1, timeout: float = 3600,
              extra: tuple[str, ...] = ()) -> dict:
    """Run ``workers`` nbgrader processes on disjoint groups of students; return seconds, logs, return codes."""
    everyone = students(course)
    groups = [everyone[k::workers] for k in range(workers) if everyone[k::workers]]
    procs = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wdlab-autograde-") as scratch:
        for k, group in enumerate(groups):
            others = sorted(set(everyone) - set(group))
            args = [nbgrader_bin(), "autograde", assignment, "--force", *extra]
            if others:
                args.append("--CourseDirectory.student_id_exclude=" + ",".join(others))
            os.makedirs(f"{scratch}/{k}")
            procs.append(subprocess.Popen(args, cwd=course, env=env(f"{scratch}/{k}"), stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True))
        logs = [p.communicate(timeout=timeout)[0] for p in procs]
    return {"seconds": time.perf_counter() - start, "logs": logs, "returncodes": [p.returncode for p in procs],
            "groups": groups}


def grades(course: pathlib.Path) -> dict[tuple[str, str], tuple[float, float]]:
    """``nbgrader export``: {(student, assignment): (raw_score, max_score)}."""
    with tempfile.TemporaryDirectory(prefix="wdlab-export-") as scratch:
        out = pathlib.Path(scratch) / "grades.csv"
        subprocess.run([nbgrader_bin(), "export", "--to", str(out)], cwd=course, env=env(scratch), check=True,
                       capture_output=True)
        with open(out, newline="") as f:
            return {(row["student_id"], row["assignment"]): (float(row["raw_score"]), float(row["max_score"]))
                    for row in csv.DictReader(f)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course", type=pathlib.Path)
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="parallel nbgrader processes (default: one per CPU core)")
    args = parser.parse_args(argv)
    course = args.course.resolve()
    if not (course / "gradebook.db").exists():
        raise SystemExit(f"{course}/gradebook.db is missing: run `nbgrader generate_assignment` there first")
    result = autograde(course, args.assignment, args.workers)
    for log in result["logs"]:
        print(log[-3000:])
    n = sum(len(g) for g in result["groups"])
    print(f"autograded {n} submissions of {args.assignment} with {len(result['groups'])} workers in "
          f"{result['seconds']:.1f} s ({result['seconds'] / max(n, 1):.1f} s per submission)")
    return max(result["returncodes"], default=0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
