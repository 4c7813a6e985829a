"""Headless Debian Chromium through Playwright's sync API."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .server import MARKER_VAR

CHROMIUM = os.environ.get("WDLAB_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


class Browser:
    """Headless Debian Chromium through Playwright's sync API, with HOME/XDG dirs in a temp dir."""

    def __init__(self, marker: str | None = None):
        self.tmp = Path(tempfile.mkdtemp(prefix="wdlab-chromium-"))
        self.marker = marker or secrets.token_hex(8)
        self._pw = None
        self.browser = None
        self._context = None
        self.offsite: list[str] = []

    def start(self) -> Browser:
        from playwright.sync_api import sync_playwright

        env = dict(os.environ)
        for var, sub in [("HOME", "home"), ("XDG_CONFIG_HOME", "home/.config"),
                         ("XDG_CACHE_HOME", "home/.cache"), ("XDG_DATA_HOME", "home/.local/share")]:
            (self.tmp / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(self.tmp / sub)
        env[MARKER_VAR] = self.marker
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                                env=env)
        return self

    def new_page(self, width: int = 1280, height: int = 1400):
        """A new tab; all tabs share one context, so JupyterLab's bundles come from the cache.

        Every request to a host other than 127.0.0.1 / localhost is recorded in ``offsite`` (nothing may be
        fetched from the network: JupyterLab, the widgets' front ends and the flipbook are all local)."""
        if self._context is None:
            self._context = self.browser.new_context(viewport={"width": width, "height": height})
            self._context.on("request", self._note_request)
        return self._context.new_page()

    def _note_request(self, request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in ("127.0.0.1", "localhost"):
            self.offsite.append(request.url)

    def stop(self) -> None:
        try:
            if self.browser is not None:
                self.browser.close()
        finally:
            if self._pw is not None:
                self._pw.stop()
            shutil.rmtree(self.tmp, ignore_errors=True)
