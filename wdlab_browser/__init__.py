"""Drive the notebooks in a real browser: a private Jupyter server, headless Chromium, one notebook page.

Used by ``tests/test_browser.py`` and ``bench/browser_latency.py`` (``import wdlab_browser as bs``; the
package is installed with the project, ``pip install -e .``). Nothing here is a test.

* :mod:`.server`: :class:`JupyterServer` starts ``jupyter lab`` (or ``jupyter notebook``) on 127.0.0.1
  with a free port, a random token and private config/data/runtime/settings/workspace dirs, serving a
  temporary copy of the notebooks (JupyterLab autosaves: never serve the sources). ``stop()``
  terminates it by its own process id, kills only after a timeout, and reports any process it started
  that is still alive (each carries a unique marker in its environment).
* :mod:`.browser`: :class:`Browser` launches Debian's Chromium through Playwright's sync API.
* :mod:`.page`: :class:`NotebookPage` opens one notebook (JupyterLab, or Notebook 7's page on the same
  server and kernel), clears outputs, runs all cells, waits for the kernel to be idle, saves it.
* :mod:`.sliders`: finds every ``d2lmini.SliderFigure`` in the page (the flipbook widget, or the
  ipywidgets slider it replaced, for before/after benchmarks), moves it by key, drag or typed value and
  times each move from the input event to the new picture painted.

Environment: ``WDLAB_CHROMIUM`` (browser binary, default ``/usr/lib/chromium/chromium``),
``WDLAB_NOTEBOOKS`` (a directory or glob of notebooks, default ``notebooks/*.ipynb``),
``WDLAB_ARTIFACTS`` (screenshots, default ``artifacts/browser``), ``WDLAB_REQUIRE_BROWSER=1``
(missing Chromium/Playwright is a failure, not a skip).
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from .browser import CHROMIUM, Browser
from .page import LAB_PANEL, NotebookPage, SliderCheckFailed
from .server import GiveUp, JupyterServer, describe_processes, processes_with_marker, wait_for
from .sliders import READOUT_ERROR, Flipbook, IpyWidgets, Sliders, server_cpu_seconds

REPO = Path(__file__).resolve().parents[1]

__all__ = [
    "CHROMIUM", "LAB_PANEL", "READOUT_ERROR", "REPO", "Browser", "Flipbook", "GiveUp", "IpyWidgets", "JupyterServer",
    "NotebookPage", "SliderCheckFailed", "Sliders", "artifacts_dir", "browser_unavailable_reason",
    "describe_processes", "notebook_paths", "processes_with_marker", "require_browser", "server_cpu_seconds",
    "wait_for",
]


def require_browser() -> bool:
    """True when the environment (CI) demands that the browser tests really run."""
    return os.environ.get("WDLAB_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def browser_unavailable_reason() -> str | None:
    """One line saying why the browser tests cannot run here, or ``None`` if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python package) is not installed"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium, or set WDLAB_CHROMIUM)"
    for module in ("jupyterlab", "notebook", "psutil"):
        try:
            __import__(module)
        except ImportError:
            return f"Python package {module!r} is not installed"
    return None


def notebook_paths() -> list[Path]:
    """The notebooks to test: ``WDLAB_NOTEBOOKS`` (dir or glob) or ``notebooks/*.ipynb``."""
    spec = os.environ.get("WDLAB_NOTEBOOKS") or str(REPO / "notebooks")
    pattern = os.path.join(spec, "*.ipynb") if os.path.isdir(spec) else spec
    return sorted(Path(p) for p in glob.glob(pattern) if ".ipynb_checkpoints" not in p)


def artifacts_dir() -> Path:
    """Where screenshots go (created): ``WDLAB_ARTIFACTS`` or ``artifacts/browser`` in the repo."""
    path = Path(os.environ.get("WDLAB_ARTIFACTS") or REPO / "artifacts" / "browser")
    path.mkdir(parents=True, exist_ok=True)
    return path
