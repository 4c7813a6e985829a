"""How scripts/test.sh spreads the tests over its two workers (``-n 2 --dist loadgroup``).

Each test file is one unit of work, kept on one worker (its module fixtures, the site, the student edition, the
browser servers, are built once), as with ``--dist loadfile``. One exception: the every-cell-twice run
(tests/test_out_of_order.py) and the site (tests/test_site.py) share a worker, in that order, so the site build
finds every notebook's flipbook frames already written by the every-cell-twice kernels and renders none itself
(one notebook run fewer per notebook). Run alone, either file still works: the site renders missing frames.
"""

from __future__ import annotations

import pytest

GROUPS = {"test_out_of_order.py": "kernels_then_site", "test_site.py": "kernels_then_site"}


@pytest.hookimpl(tryfirst=True)   # before pytest-xdist's own hook turns the mark into the unit of work
def pytest_collection_modifyitems(config, items):
    for item in items:
        name = item.path.name
        item.add_marker(pytest.mark.xdist_group(GROUPS.get(name, name)))
