"""Fixer's probe: the three lost-text checks of tests/test_notebook_hygiene.py on notebook 01 as it was before
issue 18 (commit 62266e4, read with git) and on the five notebooks in notebooks/ now.
Run from the repository root: .venv/bin/python reviews/01/round1/fix_hygiene_old_and_new.py"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, "tests")
from test_notebook_hygiene import duplicated_markdown, python_in_markdown, section_number_problems  # noqa: E402

CHECKS = [duplicated_markdown, python_in_markdown, section_number_problems]
old = json.loads(subprocess.run(["git", "show", "62266e4:notebooks/01_bias_variance.ipynb"], capture_output=True,
                                text=True, check=True).stdout)
print("notebook 01 before issue 18 (62266e4):")
for check in CHECKS:
    print(f"  {check.__name__}: {check(old['cells']) or 'passes'}")
for path in sorted(pathlib.Path("notebooks").glob("*.ipynb")):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    print(f"{path.name}: " + ", ".join(f"{c.__name__} {'FAILS' if c(cells) else 'passes'}" for c in CHECKS))
