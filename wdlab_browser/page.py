"""One notebook open in a browser tab (JupyterLab, or Notebook 7's page): open it, run it, save it, read its errors.

Its slider figures are found and moved by :mod:`wdlab_browser.sliders`."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from .browser import Browser
from .server import JupyterServer, wait_for

ERROR_MIME = "application/vnd.jupyter.stderr"

# ------------------------------------------------------------------------------------------------
# In-page JavaScript
# ------------------------------------------------------------------------------------------------

JS_PROMPTS = """
(panelSel) => {
  const root = document.querySelector(panelSel);
  if (!root) return null;
  return Array.from(root.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')).map(p => p.textContent.trim());
}
"""

JS_ERRORS = """
(panelSel) => {
  const root = document.querySelector(panelSel);
  if (!root) return ['notebook panel not found'];
  const out = [];
  const cells = Array.from(root.querySelectorAll('.jp-Cell'));
  for (const o of root.querySelectorAll('.jp-OutputArea-output')) {
    const cell = cells.indexOf(o.closest('.jp-Cell'));
    const text = (o.innerText || '').trim();
    if (o.getAttribute('data-mime-type') === '""" + ERROR_MIME + """')
      out.push('cell ' + cell + ' shows stderr/error output: ' + text.slice(0, 1500));
    else if (/Error displaying widget|Failed to load model class|Model not found/.test(text))
      out.push('cell ' + cell + ' failed to show a widget: ' + text.slice(0, 300));
  }
  return out;
}
"""

LAB_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


class SliderCheckFailed(AssertionError):
    """A slider did not update its output as expected."""


class NotebookPage:
    """One notebook open in a Playwright page served by a :class:`JupyterServer`."""

    def __init__(self, server: JupyterServer, browser: Browser, name: str, shots: Path | None = None,
                 page=None):
        """``page``: a tab to reuse (JupyterLab stays loaded: the notebook opens through the app's
        ``docmanager:open`` command, much faster than loading the page again); else a new tab."""
        self.server, self.name = server, name
        self.owns_page = page is None
        self.page = browser.new_page() if page is None else page
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self._on_error = lambda exc: self.page_errors.append(str(exc))
        self._on_console = lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        self.page.on("pageerror", self._on_error)
        self.page.on("console", self._on_console)
        self.shots = shots
        self.panel = LAB_PANEL
        self.kind = server.app   # "lab" / "notebook"; "notebook7" once open_notebook7() opened Notebook 7's page

    # -- screenshots ----------------------------------------------------------------------------
    def screenshot(self, label: str, locator=None) -> Path | None:
        if self.shots is None:
            return None
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self.kind}-{Path(self.name).stem}-{label}.png"
        try:
            (locator or self.page).screenshot(path=str(path), timeout=10_000)
        except Exception:  # a screenshot must never hide the real failure
            return None
        return path

    def write_log(self) -> None:
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        log = {"page_errors": self.page_errors, "console_errors": self.console_errors}
        (self.shots / f"{self.kind}-{Path(self.name).stem}-console.json").write_text(
            json.dumps(log, indent=1), encoding="utf-8")

    # -- opening and running --------------------------------------------------------------------
    def _app_loaded(self) -> bool:
        return (self.server.app == "lab" and self.page.url.startswith(self.server.base_url)
                and bool(self.page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.commands)")))

    def open(self, timeout: float = 90.0) -> None:
        if not self.owns_page and self._app_loaded():
            self.page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', "
                               "{path: path, factory: 'Notebook'})", f"notebooks/{self.name}")
            current = self.page.locator(".jp-mod-current .lm-TabBar-tabLabel", has_text=self.name).first
            current.wait_for(state="visible", timeout=timeout * 1000)
        else:
            self.page.goto(self.server.notebook_url(self.name), wait_until="domcontentloaded",
                           timeout=timeout * 1000)
        self.page.locator(self.panel).first.wait_for(state="visible", timeout=timeout * 1000)
        self.page.locator(f"{self.panel} .jp-Cell").first.wait_for(state="visible", timeout=timeout * 1000)
        self.wait_kernel_idle(timeout, "the kernel to start")

    def open_notebook7(self, timeout: float = 90.0) -> None:
        """Open the notebook in Notebook 7's page, served by the same server (a ``jupyter lab`` server serves it
        too): its kernel is the one JupyterLab ran, so live widgets appear without running the cells again."""
        self.kind = "notebook7"
        self.page.goto(self.server.notebook7_url(self.name), wait_until="domcontentloaded", timeout=timeout * 1000)
        self.page.locator(self.panel).first.wait_for(state="visible", timeout=timeout * 1000)
        self.page.locator(f"{self.panel} .jp-Cell").first.wait_for(state="visible", timeout=timeout * 1000)

    def save(self, timeout: float = 30.0) -> None:
        """Save the notebook (JupyterLab's docmanager:save), and wait until it is no longer dirty."""
        self.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        wait_for(lambda: self.page.evaluate(
            "() => { const w = window.jupyterapp.shell.currentWidget; "
            "return !!(w && w.context && !w.context.model.dirty); }"), timeout, f"{self.name} to be saved")

    def wait_kernel_idle(self, timeout: float, what: str) -> None:
        wait_for(lambda: self.server.kernel_state(self.name) == "idle", timeout, f"{what} ({self.name})",
                 interval=0.1)

    def menu(self, top: str, item: str) -> None:
        """Click ``top`` in the menu bar, then ``item`` in the menu it opens."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).first.click()
        entry = self.page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                                  has_text=re.compile(f"^{re.escape(item)}$")).first
        entry.click()

    def prompts(self) -> list[str]:
        return self.page.evaluate(JS_PROMPTS, self.panel) or []

    def run_all(self, timeout: float = 240.0) -> float:
        """Clear all outputs, Run > Run All Cells, wait until done; returns seconds taken."""
        self.menu("Edit", "Clear Outputs of All Cells")
        wait_for(lambda: all(p in ("[ ]:", "[]:", "") for p in self.prompts()), 20, "outputs to clear")
        start = time.monotonic()
        self.menu("Run", "Run All Cells")
        state = {"last": None, "since": 0.0}

        def done() -> bool:
            prompts = self.prompts()
            numbered = sum(bool(re.fullmatch(r"\[\d+\]:", p)) for p in prompts)
            if numbered == 0 or any("*" in p for p in prompts):
                state["last"] = None
                return False
            if self.server.kernel_state(self.name) != "idle":
                state["last"] = None
                return False
            now = time.monotonic()
            if state["last"] != prompts:  # stable for 0.5 s: no cell still queued
                state["last"], state["since"] = prompts, now
                return False
            return now - state["since"] >= 0.5

        wait_for(done, timeout, f"Run All to finish in {self.name}", interval=0.15)
        return time.monotonic() - start

    def errors(self) -> list[str]:
        return self.page.evaluate(JS_ERRORS, self.panel)

    def close(self, failed: bool = False) -> None:
        """Close the tab (own page) or the notebook (shared page; reloaded next time if ``failed``)."""
        self.write_log()
        try:
            if self.owns_page:
                self.page.close()
                return
            self.page.remove_listener("pageerror", self._on_error)
            self.page.remove_listener("console", self._on_console)
            if failed or not self._app_loaded():
                self.page.goto("about:blank")  # a dialog or a broken state must not leak into the next
                return
            # dispose() skips the "save changes?" dialog; the copy is thrown away anyway
            self.page.evaluate("""() => { for (const w of Array.from(window.jupyterapp.shell.widgets('main')))
                                             w.dispose(); }""")
        except Exception:
            pass
