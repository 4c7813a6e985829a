"""Moved to the ``wdlab_browser`` package (server, browser, page): ``import wdlab_browser as bs``.

Kept only so that tests not yet switched over (tests/test_site.py) still import; delete it once none does.
"""

from wdlab_browser import *  # noqa: F403
from wdlab_browser import __all__  # noqa: F401
