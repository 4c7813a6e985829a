"""Flag submissions whose code reaches for the kernel, the file system or the checks (read them before trusting a
grade).

    python -m grading.scan COURSE [ASSIGNMENT]

The hidden tests refuse the kernel changes they know (``d2lmini/checks/grader.py``), but the learner's code runs in
the same process as the grader, with the grading user's rights: it could rewrite later cells (IPython input
transformers), patch the kernel's messaging in ways no check sees, or read files such as the course's ``source/``
folder (the worked solutions). No exercise needs any of that. This lists every line of every submitted notebook's
own code (answer cells and added cells; the restored check cells are skipped) that matches one of the patterns
below, per student, so a teacher can read those few submissions. It grades nothing and changes nothing.
"""

from __future__ import annotations

import pathlib
import re
import sys

import nbformat

PATTERNS = {
    "the IPython kernel": r"get_ipython|IPython|ipykernel|InteractiveShell|display_pub|showtraceback|set_custom_exc",
    "streams or print": r"sys\.std(out|err)|__stdout__|__stderr__|builtins|__builtins__|\bprint\s*=",
    "the checks or their modules": r"d2l(mini)?\.checks\.\w+\s*(\.\w+\s*)*=|sys\.modules|importlib|grader|_wdlab",
    "the file system or processes": r"\bopen\(|pathlib|os\.|shutil|glob|subprocess|\.ipynb|source/|gradebook",
    "introspection": r"inspect\.|_getframe|f_locals|f_back|settrace|setprofile|\bgc\.|ctypes|\b_ih\b|\bIn\[|\bOut\[",
    "threads, signals, exits": r"threading|_thread|signal|atexit|os\._exit|sys\.exit|weakref|__del__",
    "code from strings": r"\bexec\(|\beval\(|\bcompile\(",
    "output control": r"clear_output|ipywidgets\.Output|capture_output|redirect_std",
}
COMPILED = {name: re.compile(p) for name, p in PATTERNS.items()}


def scan_notebook(path: pathlib.Path) -> list[tuple[int, str, str]]:
    nb = nbformat.read(path, as_version=4)
    found = []
    for k, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade"):      # check cells are restored from the source
            continue
        for line in cell.source.splitlines():
            code = line.split("#")[0]
            for name, pattern in COMPILED.items():
                if pattern.search(code):
                    found.append((k, name, line.strip()))
    return found


def lesson_lines(course: pathlib.Path, assignment: str) -> set[str]:
    """Lines of the released notebook itself (the lessons use some of these names legitimately)."""
    return {ln.strip() for p in (course / "release" / assignment).glob("*.ipynb")
            for c in nbformat.read(p, as_version=4).cells for ln in c.source.splitlines()}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    course = pathlib.Path(argv[0])
    assignment = argv[1] if len(argv) > 1 else "*"
    flagged = 0
    for path in sorted(course.glob(f"submitted/*/{assignment}/*.ipynb")):
        student, assignment_id = path.parts[-3], path.parts[-2]
        known = lesson_lines(course, assignment_id)
        hits = [h for h in scan_notebook(path) if h[2] not in known]
        if hits:
            flagged += 1
            print(f"{student} / {assignment_id} / {path.name}:")
            for k, name, line in hits:
                print(f"  cell {k:3d}  {name:30s}  {line[:100]}")
    print(f"grading.scan: {flagged} submission(s) to read")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
