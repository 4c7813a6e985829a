"""Rebuilding the student edition never loses work (issue 22).

A lecturer builds the edition, makes it a git repository with a remote (README: push it for nbgitpuller), creates
a ``.venv`` inside and keeps own notes there; then rebuilds after the notebooks changed. The rebuild must update
the changed notebook in place and nothing else, keep ``.git`` (and its remote), ``.venv`` and every file it did not
write, say what changed, refuse to overwrite an edition file edited since the last build (``--force`` does), and
refuse a non-empty folder it did not make (``--force`` writes into it without deleting anything).

The first test runs nbgrader generate_assignment itself twice (a rebuild of unchanged notebooks must leave git
clean, so nbgrader's output must be byte-for-byte stable); later builds replace it by a copy.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("student_edition", ROOT / "scripts" / "student_edition.py")
student_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_edition)


def notebook(path: Path, text: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {text}"),
                                         nbformat.v4.new_code_cell("print(1 + 1)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def build(out: Path, *notebooks: Path, force: bool = False, capsys=None) -> str:
    args = [str(out), "--notebooks", *map(str, notebooks)] + (["--force"] if force else [])
    assert student_edition.main(args) == 0
    return capsys.readouterr().out if capsys else ""


def git(out: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Lecturer", GIT_AUTHOR_EMAIL="l@example.edu", GIT_COMMITTER_NAME="Lecturer",
               GIT_COMMITTER_EMAIL="l@example.edu", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", "-C", str(out), *args], env=env, check=True, capture_output=True, text=True).stdout


def summary_line(text: str) -> str:
    return next(line for line in text.splitlines() if " added, " in line)


def test_rebuild_updates_in_place_and_keeps_git_venv_and_own_files(tmp_path, capsys, monkeypatch):
    a = notebook(tmp_path / "src" / "01_a.ipynb", "A, first version")
    b = notebook(tmp_path / "src" / "02_b.ipynb", "B")
    out = tmp_path / "student-edition"
    first = build(out, a, b, capsys=capsys)
    assert "0 updated" in summary_line(first) and "0 removed" in summary_line(first)
    assert (out / "notebooks" / "01_a.ipynb").is_file() and (out / "requirements.txt").is_file()
    assert os.access(out / ".binder" / "postBuild", os.X_OK), "postBuild keeps its executable bit"

    # what README tells the lecturer to do, plus a venv and own notes
    git(out, "init", "-q", "-b", "main")
    git(out, "add", ".")
    git(out, "commit", "-q", "-m", "Weight Decay Lab, student edition")
    git(out, "remote", "add", "origin", "https://git.example.edu/lecturer/wdlab.git")
    (out / ".venv" / "bin").mkdir(parents=True)
    (out / ".venv" / "bin" / "python").write_text("#!/bin/sh\n")
    (out / "notes.md").write_text("my marking notes\n")
    head = git(out, "rev-parse", "HEAD")

    # nothing changed: nothing written, git sees no change
    again = build(out, a, b, capsys=capsys)
    assert "0 added, 0 updated" in summary_line(again), again
    assert "left alone (not written by this script): .git, .venv, notes.md" in again, again
    assert git(out, "status", "--porcelain") == "?? notes.md\n", "a rebuild of unchanged notebooks changes nothing"

    # notebook A changed and B is no longer built: A updated in place, B (unchanged since written) removed
    monkeypatch.setattr(student_edition, "nbgrader", fake_release)   # nbgrader's part was proven above
    notebook(a, "A, second version")
    changed = build(out, a, capsys=capsys)
    assert "0 added, 1 updated" in summary_line(changed) and "1 removed" in summary_line(changed), changed
    assert "updated: notebooks/01_a.ipynb" in changed and "removed (no longer in the edition): notebooks/02_b.ipynb" \
        in changed, changed
    assert git(out, "status", "--porcelain") == (f" M {student_edition.MARKER}\n M notebooks/01_a.ipynb\n"
                                                 " D notebooks/02_b.ipynb\n?? notes.md\n"), \
        "only the changed notebook, the removed one and the record of what was written"
    assert "A, second version" in (out / "notebooks" / "01_a.ipynb").read_text()
    assert git(out, "rev-parse", "HEAD") == head
    assert git(out, "remote", "get-url", "origin").strip() == "https://git.example.edu/lecturer/wdlab.git"
    assert (out / ".venv" / "bin" / "python").read_text() == "#!/bin/sh\n"
    assert (out / "notes.md").read_text() == "my marking notes\n"
    manifest = json.loads((out / student_edition.MARKER).read_text())
    assert manifest["assignments"] == ["01_a"] and "notebooks/02_b.ipynb" not in manifest["files"]


def fake_release(course, *args):
    """nbgrader's release step reduced to a copy: what follows is about OUTDIR, and each real run costs seconds."""
    assert args[0] == "generate_assignment"
    for src in (course / "source").glob("*/*.ipynb"):
        dst = course / "release" / src.parent.name / src.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    return 0.0


@pytest.fixture
def fake_nbgrader(monkeypatch):
    monkeypatch.setattr(student_edition, "nbgrader", fake_release)


def test_edited_edition_file_is_not_overwritten_without_force(tmp_path, capsys, fake_nbgrader):
    a = notebook(tmp_path / "src" / "01_a.ipynb", "A")
    out = tmp_path / "edition"
    build(out, a, capsys=capsys)
    edited = out / "notebooks" / "01_a.ipynb"
    edited.write_text(edited.read_text().replace("# A", "# A, with the lecturer's local fix"))
    before = edited.read_bytes()
    notebook(a, "A, new upstream version")
    with pytest.raises(SystemExit) as exc:
        build(out, a)
    message = str(exc.value)
    assert "notebooks/01_a.ipynb" in message and "--force" in message and "Nothing was written" in message
    assert edited.read_bytes() == before, "a refused rebuild writes nothing"

    forced = build(out, a, force=True, capsys=capsys)
    assert "overwritten although edited (--force): notebooks/01_a.ipynb" in forced, forced
    assert "A, new upstream version" in edited.read_text()


def test_foreign_folder_is_refused_and_force_deletes_nothing(tmp_path, capsys, fake_nbgrader):
    a = notebook(tmp_path / "src" / "01_a.ipynb", "A")
    out = tmp_path / "my-course-folder"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(SystemExit) as exc:
        build(out, a)
    assert "not a student edition" in str(exc.value) and "--force" in str(exc.value)
    assert sorted(p.name for p in out.iterdir()) == ["precious.txt"], "refused: nothing written"

    forced = build(out, a, force=True, capsys=capsys)
    assert (out / "precious.txt").read_text() == "keep me"
    assert (out / "notebooks" / "01_a.ipynb").is_file()
    assert "left alone (not written by this script): precious.txt" in forced, forced
    # from now on it is an edition: a rebuild needs no --force and still leaves precious.txt alone
    again = build(out, a, capsys=capsys)
    assert "0 added, 0 updated" in summary_line(again)
    assert (out / "precious.txt").read_text() == "keep me"


def test_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(SystemExit, match="is a file"):
        student_edition.check_out(tmp_path / "out")
