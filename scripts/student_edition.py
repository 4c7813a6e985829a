"""Build the student edition of the series with nbgrader itself (``nbgrader generate_assignment``).

Usage (normally through ``bash scripts/student_edition.sh``, which puts ``.venv/bin`` on PATH)::

    python scripts/student_edition.py [OUTDIR] [--course COURSE_DIR] [--notebooks NB.ipynb ...]

* One nbgrader **assignment per notebook** (assignment id = the notebook's file stem, e.g.
  ``02_l2_penalty_from_scratch``): each notebook is one lab session, so a teacher releases, collects and
  grades one notebook per session, and nbgrader's gradebook then has one score per session.
* The course directory (``nbgrader_config.py``, ``source/<assignment>/<notebook>``, ``release/``,
  ``gradebook.db``) is a temporary one unless ``--course`` names a folder to keep: keep it to release the
  assignments through nbgrader's exchange and to autograde submissions later (README, "For teachers").
  An existing ``nbgrader_config.py`` there is left as it is (it may hold the teacher's exchange settings).
* ``nbgrader generate_assignment`` replaces each ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region
  by ``raise NotImplementedError()`` and clears every output; a solution region outside a cell marked as
  an nbgrader solution cell is an error (nbgrader's ``enforce_metadata``). A notebook without nbgrader
  cells is released with its outputs cleared.
* Afterwards the answer cells are un-collapsed (``jupyter.source_hidden`` dropped, in ``release/`` too,
  so the exchange hands out the same files): the student edition has nothing to hide.
* OUTDIR (default ``build/student-edition``) is a folder to hand out as it is, or to push to a git
  repository for nbgitpuller: ``notebooks/`` (the student notebooks), the ``d2lmini`` package,
  ``pyproject.toml`` and ``requirements.txt`` (``pip install -r requirements.txt`` installs the pinned
  packages and d2lmini), ``scripts/setup.sh`` and ``scripts/lab.sh`` (``bash scripts/lab.sh`` works there
  as in this repository), Binder's ``.binder/``, and a README for students.
* A rebuild updates OUTDIR in place (:func:`update_out`): only files this script wrote are rewritten, ``.git``,
  ``.venv`` and everything else stay, and it prints what changed. It refuses (before writing anything) to
  overwrite an edition file edited since the last build, or to write into a non-empty folder it did not make;
  ``--force`` does both, and still deletes nothing it did not write.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "student-edition"
MARKER = ".wdlab-student-edition"        # in OUTDIR: what this script wrote there (path -> sha256)
COURSE_ID = "weight-decay-lab"
CONFIG = f"""# nbgrader course directory for the Weight Decay Lab (written by scripts/student_edition.py)
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {COURSE_ID!r}
# Notebooks run whole in one kernel; a cell may take longer than nbgrader's default 30 s on a busy machine.
c.Execute.timeout = 600
"""
STUDENT_README = """# Weight Decay Lab: student edition

Notebooks on L2 regularization and weight decay (PyTorch). Work through `notebooks/` in order.

## Set up and run

With Python 3.11, 3.12 or 3.13:

```bash
bash scripts/lab.sh      # creates .venv with the pinned packages (first time: a few minutes), opens JupyterLab
```

On Linux without an NVIDIA GPU this installs the small CPU-only torch. In an environment you already have (a
JupyterHub image): `pip install --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt` (the
pinned packages and the course's helper package `d2lmini` from this folder). Binder uses `.binder/`.

## Updates from your lecturer

With the JupyterHub link (nbgitpuller), click the link again: files you have not changed are updated; in a notebook
you changed, your lines are kept wherever the update touches the same lines; a notebook you delete comes back
fresh on the next click (the way to start over). With a git clone, `git pull` refuses to overwrite a notebook you
changed: keep your work with *File > Save Notebook As...* under a new name, then
`git checkout -- notebooks/NAME.ipynb && git pull`.

## The exercises

Each exercise has three cells: the task, an answer cell with a function to complete (replace
`raise NotImplementedError()` by your code), and a check cell. Run the check cell after your answer: it prints
`Exercise NN.K correct: ...`, or an error with a hint at the likely mistake. An exercise you have not done yet
prints `not attempted yet` (on a red background) and the rest of the notebook still runs, so
*Kernel > Restart Kernel and Run All Cells* always works. Do not edit the check cells: they are restored
before grading.
"""


def nbgrader_env(scratch: str) -> dict[str, str]:
    """nbgrader calls ``alembic`` by name: the interpreter's bin folder must come first on PATH."""
    env = dict(os.environ)
    env["PATH"] = str(pathlib.Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("MPLCONFIGDIR", scratch)
    env.setdefault("IPYTHONDIR", scratch)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def nbgrader(course: pathlib.Path, *args: str) -> float:
    """Run ``nbgrader ARGS`` in the course directory; raise with its log if it fails; return seconds."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wdlab-nbgrader-") as scratch:
        proc = subprocess.run([str(pathlib.Path(sys.executable).parent / "nbgrader"), *args], cwd=course,
                              env=nbgrader_env(scratch), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return time.perf_counter() - start


def assignment_id(notebook: pathlib.Path) -> str:
    return notebook.stem


def misplaced_delimiters(path: pathlib.Path) -> list[str]:
    """Cells that mention a solution delimiter but are no nbgrader solution cell (nbgrader would fail or strip them)."""
    nb = nbformat.read(path, as_version=4)
    return [f"{path.name} cell {k} ({cell.cell_type})" for k, cell in enumerate(nb.cells)
            if ("BEGIN SOLUTION" in cell.source or "END SOLUTION" in cell.source)
            and not cell.metadata.get("nbgrader", {}).get("solution")]


def make_course(course: pathlib.Path, notebooks: list[pathlib.Path]) -> None:
    """``source/<assignment>/<notebook>`` for every notebook, plus the config if there is none yet."""
    bad = [where for nb in notebooks for where in misplaced_delimiters(nb)]
    if bad:
        raise SystemExit("student_edition: 'BEGIN SOLUTION' / 'END SOLUTION' written outside an nbgrader solution "
                         "cell (nbgrader treats any line containing them as a delimiter; reword the text): "
                         + "; ".join(bad))
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    for nb in notebooks:
        folder = course / "source" / assignment_id(nb)
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        shutil.copyfile(nb, folder / nb.name)


def uncollapse(path: pathlib.Path) -> int:
    """Drop ``jupyter.source_hidden`` / ``outputs_hidden`` from every cell; return how many cells changed."""
    nb = nbformat.read(path, as_version=4)
    changed = 0
    for cell in nb.cells:
        jupyter = cell.metadata.get("jupyter")
        if jupyter is None:
            continue
        for key in ("source_hidden", "outputs_hidden"):
            if key in jupyter:
                del jupyter[key]
                changed += 1
        if not jupyter:
            del cell.metadata["jupyter"]
    if changed:
        nbformat.write(nb, path)
    return changed


def file_hash(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(out: pathlib.Path) -> dict | None:
    """OUTDIR's record of what this script wrote there (``files``: relative path -> sha256), or None."""
    marker = out / MARKER
    if not marker.is_file():
        return None
    try:
        manifest = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}}
    manifest.setdefault("files", {})   # an edition made before files were recorded
    return manifest


def check_out(out: pathlib.Path, force: bool = False) -> dict:
    """May the edition be written into OUTDIR?  Returns what an earlier build wrote there ({} if nothing).

    A missing or empty folder, or a student edition made by this script, is updated in place. Any other
    folder is refused unless ``force``; then the edition's files are written into it and nothing else is touched.
    """
    if out.exists() and not out.is_dir():
        raise SystemExit(f"student_edition: {out} is a file, not a folder; choose another OUTDIR")
    if not out.exists() or not any(out.iterdir()):
        return {}
    manifest = read_manifest(out)
    if manifest is None and not force:
        raise SystemExit(f"student_edition: {out} is not empty and is not a student edition made by this script "
                         f"(no {MARKER} file). Choose another OUTDIR, or add --force to write the edition into it "
                         "(files with the edition's names are overwritten; nothing else is touched or deleted).")
    return manifest or {}


def prepare_out(out: pathlib.Path, force: bool = False) -> dict:
    """Make sure OUTDIR exists (after :func:`check_out`); never empties it. Returns the earlier build's record."""
    previous = check_out(out, force)
    out.mkdir(parents=True, exist_ok=True)
    return previous


def copy_support(out: pathlib.Path) -> None:
    """What students need to run the notebooks: d2lmini, the learner pins, the set-up scripts, Binder's config."""
    shutil.copytree(ROOT / "d2lmini", out / "d2lmini", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "requirements.txt", "scripts/setup.sh", "scripts/lab.sh", "scripts/torch_index.py",
                 "scripts/jupyterlab-overrides.json", ".binder/runtime.txt", ".binder/requirements.txt",
                 ".binder/postBuild"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, out / name)   # copy2: postBuild and the scripts keep their mode
    (out / "README.md").write_text(STUDENT_README, encoding="utf-8")
    (out / ".gitignore").write_text(".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n", encoding="utf-8")


def update_out(out: pathlib.Path, stage: pathlib.Path, previous: dict, force: bool = False) -> dict:
    """Bring OUTDIR up to date with the freshly built ``stage`` folder, in place. Returns what changed.

    Only files this script writes are touched: ``.git``, ``.venv`` and anything else stay. A file the last
    build wrote that was edited since (its hash differs from the record), or a file of another origin that
    has an edition file's name, is a conflict: refused unless ``force``. A file the last build wrote that the
    new edition no longer has is removed if unchanged, kept (and reported) if edited.
    """
    recorded = previous.get("files", {})
    new = {p.relative_to(stage).as_posix(): p for p in sorted(stage.rglob("*")) if p.is_file()}
    changes = {"added": [], "updated": [], "unchanged": [], "removed": [], "kept_edited": [], "overwritten": []}
    conflicts = []
    for rel, src in new.items():
        dst = out / rel
        if not dst.exists():
            changes["added"].append(rel)
        elif file_hash(dst) == file_hash(src):
            changes["unchanged"].append(rel)
        else:
            mine = rel in recorded and recorded[rel] == file_hash(dst)
            changes["updated"].append(rel)
            if not mine:
                conflicts.append(rel)
    if conflicts and not force:
        raise SystemExit(f"student_edition: {len(conflicts)} file(s) in {out} were changed since the last build "
                         "(or were not written by it), and the new edition would overwrite them:\n  "
                         + "\n  ".join(conflicts) + "\nNothing was written. Commit or move them away, or add "
                         "--force to overwrite them (in a git repository, commit first: the old version stays "
                         "in the history).")
    changes["overwritten"] = conflicts
    for rel in changes["added"] + changes["updated"]:
        dst = out / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.wdlab-tmp")
        shutil.copy2(new[rel], tmp)
        os.replace(tmp, dst)
    for rel, digest in sorted(recorded.items()):
        if rel in new or not (out / rel).is_file():
            continue
        if file_hash(out / rel) == digest:
            (out / rel).unlink()
            changes["removed"].append(rel)
            parent = (out / rel).parent
            while parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        else:
            changes["kept_edited"].append(rel)
    files = {rel: file_hash(out / rel) for rel in new}
    files.update({rel: recorded[rel] for rel in changes["kept_edited"]})   # still ours to remove once unedited
    manifest = {"assignments": sorted(p.stem for p in (stage / "notebooks").glob("*.ipynb")), "files": files}
    (out / MARKER).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    written = set(new) | set(changes["kept_edited"]) | {MARKER}
    changes["not_ours"] = sorted(p.name for p in out.iterdir()
                                 if not any(w == p.name or w.startswith(p.name + "/") for w in written))
    return changes


def describe_changes(out: pathlib.Path, changes: dict) -> str:
    """What a rebuild did, in a few lines."""
    def names(key: str, limit: int = 6) -> str:
        items = changes[key]
        return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")
    lines = [f"{out}: {len(changes['added'])} added, {len(changes['updated'])} updated, "
             f"{len(changes['unchanged'])} unchanged, {len(changes['removed'])} removed"]
    for key, label in (("updated", "updated"), ("added", "added"), ("removed", "removed (no longer in the edition)"),
                       ("overwritten", "overwritten although edited (--force)"),
                       ("kept_edited", "kept: no longer in the edition but edited since the last build"),
                       ("not_ours", "left alone (not written by this script)")):
        if changes[key]:
            lines.append(f"  {label}: {names(key)}")
    return "\n".join(lines)


def build(out: pathlib.Path, notebooks: list[pathlib.Path], course: pathlib.Path | None = None,
          force: bool = False) -> dict:
    """Build the edition; return a summary (assignments, seconds for generate_assignment, cells uncollapsed,
    what changed in OUTDIR)."""
    check_out(out, force)   # before minutes of work, not after
    notebooks = [nb.resolve() for nb in notebooks]
    names = [nb.name for nb in notebooks]
    if len(set(names)) != len(names):
        raise SystemExit(f"student_edition: two notebooks share a file name: {names}")
    tmp = None
    if course is None:
        tmp = tempfile.mkdtemp(prefix="wdlab-course-")
        course = pathlib.Path(tmp)
    stage = pathlib.Path(tempfile.mkdtemp(prefix="wdlab-edition-"))
    try:
        make_course(course, notebooks)
        seconds = nbgrader(course, "generate_assignment", "*", "--force")
        (stage / "notebooks").mkdir()
        uncollapsed = 0
        for nb in notebooks:
            released = course / "release" / assignment_id(nb) / nb.name
            if not released.exists():
                raise RuntimeError(f"nbgrader did not release {released}")
            uncollapsed += uncollapse(released)
            shutil.copyfile(released, stage / "notebooks" / nb.name)
        copy_support(stage)
        previous = prepare_out(out, force)
        changes = update_out(out, stage, previous, force)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return {"assignments": [assignment_id(nb) for nb in notebooks], "generate_assignment_s": seconds,
            "uncollapsed": uncollapsed, "changes": changes}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=pathlib.Path, default=DEFAULT_OUT,
                        help="folder to write the student edition to (default build/student-edition)")
    parser.add_argument("--course", type=pathlib.Path, default=None,
                        help="keep the nbgrader course directory here (to release and autograde); default: temporary")
    parser.add_argument("--force", action="store_true",
                        help="write into an OUTDIR this script did not make, or overwrite edition files edited there")
    parser.add_argument("--notebooks", nargs="+", type=pathlib.Path, default=None,
                        help="instructor notebooks to convert (default: notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise SystemExit("student_edition: no notebooks found")
    course = args.course.resolve() if args.course else None
    summary = build(args.out.resolve(), notebooks, course, force=args.force)
    print(f"student edition of {len(notebooks)} notebook(s) written to {args.out} "
          f"(nbgrader generate_assignment: {summary['generate_assignment_s']:.1f} s; "
          f"{summary['uncollapsed']} answer cells un-collapsed)")
    print(describe_changes(args.out, summary["changes"]))
    if course:
        print(f"nbgrader course directory (assignments {', '.join(summary['assignments'])}): {course}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
