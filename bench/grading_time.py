"""How long a teacher waits to autograde a class: N submissions of one notebook, one or several nbgrader workers.

    python bench/grading_time.py [--notebook notebooks/02_l2_penalty_from_scratch.ipynb] [--submissions 60]
                                 [--workers 1 2] [--exercises-only]

Builds the nbgrader course of that notebook (``scripts/student_edition.py --course``), submits the instructor
notebook (every exercise answered: the graded cases all run) under N student ids, and times the whole workflow
step by step in the same course: ``nbgrader autograde`` with 1 worker, then again (``--force``) with K workers on
disjoint students sharing the gradebook (``grading.autograde``), ``nbgrader generate_feedback`` and
``nbgrader export``. It checks that every submission got full marks after the parallel run (the SQLite gradebook
survived concurrent writers). ``--exercises-only`` submits notebooks trimmed to their imports and exercise section
(what the tests grade), for comparison.

Prints seconds per step, seconds per submission, and the figure for 60 submissions: a worker runs its submissions
one after another in fresh kernels, so time grows linearly with their number; measured with N submissions, 60 take
60/N times as long plus nbgrader's start (a few seconds, measured here as ``nbgrader db assignment list``).
Run it on an idle machine for the README figures (on a busy one it measures the other jobs too).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grading import autograde as ag  # noqa: E402


def timed(args: list[str], cwd: pathlib.Path, scratch: pathlib.Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=ag.env(scratch), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", type=pathlib.Path,
                        default=ROOT / "notebooks" / "02_l2_penalty_from_scratch.ipynb")
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--exercises-only", action="store_true")
    args = parser.parse_args(argv)
    nb_path = args.notebook.resolve()
    assignment = nb_path.stem
    print(f"{args.submissions} submissions of {nb_path.name}, workers {args.workers}, "
          f"{'exercise sections only' if args.exercises_only else 'whole notebooks'}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="wdlab-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        course, scratch = tmp / "course", tmp / "scratch"
        scratch.mkdir()
        build_s = timed([sys.executable, str(ROOT / "scripts" / "student_edition.py"), str(tmp / "edition"),
                         "--course", str(course), "--notebooks", str(nb_path)], ROOT, scratch)
        start_s = timed([ag.nbgrader_bin(), "db", "assignment", "list"], course, scratch)   # start + gradebook
        submission = nbformat.read(nb_path, as_version=4)
        if args.exercises_only:
            submission = ag.exercise_section(submission)
        for k in range(args.submissions):
            dest = course / "submitted" / f"student{k:03d}" / assignment / nb_path.name
            dest.parent.mkdir(parents=True)
            nbformat.write(submission, dest)
        rows = [("build the student edition and course (generate_assignment)", build_s),
                ("nbgrader start alone (nbgrader db assignment list)", start_s)]
        for workers in args.workers:
            result = ag.autograde(course, assignment, workers=workers)
            if max(result["returncodes"]) != 0:
                raise SystemExit("autograde failed:\n" + "\n".join(log[-3000:] for log in result["logs"]))
            grades = {k: v for k, v in ag.grades(course).items() if k[1] == assignment}
            full = [v for v in grades.values() if v[0] == v[1] > 0]
            if len(full) != args.submissions:
                raise SystemExit(f"{workers} workers: {len(full)} of {args.submissions} full marks: {grades}")
            per = (result["seconds"] - start_s) / args.submissions * workers
            rows.append((f"autograde, {workers} worker(s) (all {args.submissions} full marks in the gradebook)",
                         result["seconds"]))
            rows.append(("  per submission, per worker (minus the start)", per))
            rows.append((f"  -> 60 submissions with {workers} worker(s)", start_s + 60 * per / workers))
        rows.append(("generate_feedback (all submissions)",
                     timed([ag.nbgrader_bin(), "generate_feedback", assignment, "--force"], course, scratch)))
        rows.append(("export grades.csv", timed([ag.nbgrader_bin(), "export", "--to", str(tmp / "g.csv")], course,
                                                scratch)))
    width = max(len(r[0]) for r in rows)
    for what, seconds in rows:
        print(f"{what:<{width}}  {seconds:8.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
