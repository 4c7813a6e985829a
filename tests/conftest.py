"""How scripts/test.sh spreads the tests over its two workers (``-n 2 --dist loadfile``).

Each test file is one unit of work, kept on one worker (its module fixtures, the site, the student edition, the
browser servers, are built once). One exception: the every-cell-twice run (tests/test_out_of_order.py) and the site
(tests/test_site.py) are one unit, in that order, so the site build finds every notebook's flipbook frames already
written by the every-cell-twice kernels and renders none itself (one notebook run fewer per notebook). The longest
units go out first (HEAVY, measured), then the rest, most tests first, to fill in around them. Run alone, either
file still works: the site renders missing frames.

Why a scheduler of our own: pytest-xdist 3.8.0's ``--dist loadgroup`` groups by a suffix it writes into
``item._nodeid``, which pytest 9.2 no longer reads (the node id is ``Node._id`` there), so every test became its
own unit and each worker built the module fixtures again (the student edition twice: 290 s + 217 s in one run).
``pytest_xdist_make_scheduler`` is xdist's documented hook for this; the file units are read from the node ids.
"""

from __future__ import annotations

import pytest

GROUPS = {"test_out_of_order.py": "kernels_then_site", "test_site.py": "kernels_then_site"}
# Measured longest units first (seconds of one worker, idle, 2026-12-03): the every-cell-twice run + the site
# ~750, the student edition ~300, the browser ~500; the rest are each under 2 minutes.
HEAVY = ["kernels_then_site", "test_browser.py", "test_student_edition.py"]


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its file's name, or the group that file is in."""
    name = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
    return GROUPS.get(name, name)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None                              # any other mode: xdist's own scheduler
    from xdist.scheduler import LoadScopeScheduling

    class FileUnits(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not self.ordered:                  # the first assignment: the whole queue is known
                def rank(unit: str) -> tuple[int, int]:
                    return (HEAVY.index(unit) if unit in HEAVY else len(HEAVY), -len(self.workqueue[unit]))
                for unit in sorted(self.workqueue, key=rank):
                    self.workqueue.move_to_end(unit)
                self.ordered = True
            super()._assign_work_unit(node)

    return FileUnits(config, log)
