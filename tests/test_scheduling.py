"""tests/conftest.py's scheduler does what scripts/test.sh relies on (a dozen seconds).

A miniature suite with the same file names runs under ``-n 2 --dist loadfile``; every test appends
"worker file event" to a log. Checked: a module fixture is built once (one file, one worker), the every-cell-twice
file and the site share a worker in that order, and each worker starts on one of the longest units. Before this
scheduler, ``--dist loadgroup`` (pytest-xdist 3.8.0 under pytest 9.2) built the student edition on both workers.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]

LOGGING = """
import os, pathlib, time
def log(event):
    with open(os.environ["SCHED_LOG"], "a") as f:
        f.write(f"{os.environ['PYTEST_XDIST_WORKER']} {pathlib.Path(__file__).name} {event}\\n")
"""

MODULE = LOGGING + """
import pytest
@pytest.fixture(scope="module")
def built():
    log("build")
    time.sleep(0.5)
@pytest.mark.parametrize("k", range(4))
def test_uses_it(built, k):
    log("test")
    time.sleep(0.2)
"""


def test_file_units_groups_and_heavy_first(tmp_path):
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", tests / "conftest.py")
    names = ["test_a_short.py", "test_b_short.py", "test_browser.py", "test_out_of_order.py", "test_site.py",
             "test_student_edition.py", "test_z_many.py"]
    for name in names:
        (tests / name).write_text(MODULE, encoding="utf-8")
    (tests / "test_z_many.py").write_text(MODULE.replace("range(4)", "range(12)"), encoding="utf-8")
    log = tmp_path / "log.txt"
    env = {**os.environ, "SCHED_LOG": str(log)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "2",
                           "--dist", "loadfile", "tests"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    for name in names:
        builds = [w for w, f, e in rows if f == name and e == "build"]
        workers = {w for w, f, e in rows if f == name}
        assert len(builds) == 1 and len(workers) == 1, f"{name}: built {len(builds)}x on workers {sorted(workers)}"
    worker_of = {f: w for w, f, e in rows}
    assert worker_of["test_out_of_order.py"] == worker_of["test_site.py"], "the site must follow the kernels"
    on_that_worker = [f for w, f, e in rows if w == worker_of["test_site.py"]]
    last_kernel = max(i for i, f in enumerate(on_that_worker) if f == "test_out_of_order.py")
    first_site = min(i for i, f in enumerate(on_that_worker) if f == "test_site.py")
    assert last_kernel < first_site, f"the site ran before the every-cell-twice run: {on_that_worker}"
    firsts = {next(f for w, f, e in rows if w == worker) for worker in {"gw0", "gw1"}}
    assert firsts <= {"test_out_of_order.py", "test_browser.py"}, f"workers started on {firsts}, not the longest"
