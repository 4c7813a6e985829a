"""A private Jupyter server (lab or notebook 7) on 127.0.0.1, and waiting/process helpers."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

MARKER_VAR = "WDLAB_BROWSER_RUN"


class GiveUp(Exception):
    """Raised by a ``wait_for`` condition to stop waiting at once (e.g. the server exited)."""


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.1):
    """Poll ``condition`` until it returns something truthy; ``TimeoutError`` naming ``what``."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except GiveUp:
            raise
        except Exception as exc:  # keep polling; report the last problem on timeout
            last_exc = exc
        if time.monotonic() > deadline:
            extra = f" (last error: {last_exc!r})" if last_exc else ""
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
        time.sleep(interval)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_with_marker(marker: str) -> list[int]:
    """Live processes (not zombies) whose environment carries ``MARKER_VAR=marker``."""
    import psutil

    needle = f"{MARKER_VAR}={marker}".encode()
    found = []
    for pid in psutil.pids():
        if pid == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if needle not in f.read().split(b"\0"):
                    continue
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                found.append(pid)
        except (OSError, psutil.Error):
            continue
    return found


def describe_processes(pids: list[int]) -> str:
    import psutil

    out = []
    for pid in pids:
        try:
            out.append(f"{pid}: {' '.join(psutil.Process(pid).cmdline())[:120]}")
        except psutil.Error:
            out.append(f"{pid}: (gone)")
    return "; ".join(out)


class JupyterServer:
    """A private ``jupyter lab`` / ``jupyter notebook`` serving a temp copy of ``notebooks``."""

    def __init__(self, notebooks: list[Path], app: str = "lab", extra_files: dict[str, str] | None = None,
                 env: dict[str, str] | None = None):
        """``env``: extra environment for the server and its kernels (e.g. ``PYTHONPATH`` of another d2lmini)."""
        if app not in {"lab", "notebook"}:
            raise ValueError(f"app: expected 'lab' or 'notebook', got {app!r}")
        self.app = app
        self.extra_env = dict(env or {})
        self.tmp = Path(tempfile.mkdtemp(prefix=f"wdlab-{app}-"))
        self.root = self.tmp / "root"
        nb_dir = self.root / "notebooks"
        nb_dir.mkdir(parents=True)
        sources = {p.parent for p in notebooks}
        for src in sources:  # the whole folder, so notebooks find their data files
            for item in src.iterdir():
                if item.name.startswith(".") or item.suffix == ".ipynb":
                    continue
                if item.is_dir():
                    shutil.copytree(item, nb_dir / item.name, dirs_exist_ok=True)
                else:
                    shutil.copy2(item, nb_dir / item.name)
        for p in notebooks:
            shutil.copy2(p, nb_dir / p.name)
        for name, text in (extra_files or {}).items():
            (nb_dir / name).write_text(text, encoding="utf-8")
        self.token = secrets.token_hex(16)
        self.marker = secrets.token_hex(8)
        self.port = 0
        self._kernels: dict[str, str] = {}
        self.proc: subprocess.Popen | None = None
        self.log_path = self.tmp / "server.log"

    # -- environment ----------------------------------------------------------------------------
    def _env(self) -> dict[str, str]:
        t = self.tmp
        env = dict(os.environ)
        for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                         ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("HOME", "home"),
                         ("XDG_CONFIG_HOME", "home/.config"), ("XDG_CACHE_HOME", "home/.cache"),
                         ("XDG_DATA_HOME", "home/.local/share")]:
            (t / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(t / sub)
        for var, sub in [("IPYTHONDIR", "ipython"), ("MPLCONFIGDIR", "mpl")]:
            if not env.get(var):  # the caller's scratch dir (scripts/test.sh sets one) keeps font caches
                (t / sub).mkdir(parents=True, exist_ok=True)
                env[var] = str(t / sub)
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_PREFER_ENV_PATH", None)
        env[MARKER_VAR] = self.marker
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        env.setdefault("OMP_NUM_THREADS", "1")  # 2 shared cores: the browser needs one
        env.update(self.extra_env)
        return env

    def _write_settings(self) -> None:
        settings = self.tmp / "settings" / "@jupyterlab"
        files = {
            # no "Jupyter news" toast, no update check (--LabApp.news_url=None is not enough)
            "apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                    "checkForUpdates": False},
            # every cell (and its widgets) in the DOM, so nothing depends on scrolling
            "notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        }
        for rel, value in files.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value), encoding="utf-8")

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self, timeout: float = 90.0) -> JupyterServer:
        self._write_settings()
        module = "jupyterlab" if self.app == "lab" else "notebook"
        for _attempt in range(3):  # a free port can be taken between probing and binding
            self.port = _free_port()
            cmd = [sys.executable, "-m", module, "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                   "--port-retries=0", f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={self.root}", "--allow-root",
                   "--LabApp.news_url=None", "--LabApp.check_for_updates_class="
                   "jupyterlab.NeverCheckForUpdate", "--LabApp.expose_app_in_browser=True",
                   "--ServerApp.open_browser=False"]
            if self.app == "notebook":
                cmd = [c for c in cmd if not c.startswith("--LabApp.")]
            log = open(self.log_path, "ab")
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=self._env(), stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log.close()
            try:
                wait_for(self._ready, timeout, f"jupyter {self.app} on port {self.port} (log: {self.log_path})",
                         interval=0.2)
                return self
            except (TimeoutError, GiveUp):
                if self.proc.poll() is None:
                    self.stop()
                    raise
                if "already in use" not in self.log_text():
                    raise RuntimeError(f"jupyter {self.app} exited with {self.proc.returncode}:\n"
                                       + self.log_text()[-3000:]) from None
        raise RuntimeError(f"could not start jupyter {self.app}: no free port")

    def _ready(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise GiveUp("server exited")
        try:
            return self.api("GET", "/api/status") is not None
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 20.0) -> list[str]:
        """Terminate the server by its pid (it shuts down its kernels); kill after ``timeout``.

        Returns a list of problems: processes killed or left over. Removes the temp dir.
        """
        problems: list[str] = []
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                problems.append(f"server pid {self.proc.pid} ignored SIGTERM for {timeout:.0f} s: killed")
                self.proc.kill()
                self.proc.wait(10)
        deadline = time.monotonic() + 10  # kernels may need a moment after the server exits
        left = processes_with_marker(self.marker)
        while left and time.monotonic() < deadline:
            time.sleep(0.2)
            left = processes_with_marker(self.marker)
        if left:
            problems.append(f"processes left after the server stopped: {describe_processes(left)}")
            import psutil

            for pid in left:  # ours (they carry our marker): end them so nothing lingers
                try:
                    psutil.Process(pid).kill()
                except psutil.Error:
                    pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        return problems

    # -- REST API -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, method: str, path: str, body: object | None = None, timeout: float = 10.0):
        sep = "&" if "?" in path else "?"
        req = urllib.request.Request(f"{self.base_url}{path}{sep}token={self.token}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read()
        return json.loads(data) if data else {}

    def notebook_url(self, name: str) -> str:
        if self.app == "lab":
            return f"{self.base_url}/lab/tree/notebooks/{name}?reset&token={self.token}"
        return f"{self.base_url}/notebooks/notebooks/{name}?token={self.token}"

    def notebook7_url(self, name: str) -> str:
        """Notebook 7's page for ``name``; a ``jupyter lab`` server serves it too (the notebook extension), on the
        same kernels: a notebook run in JupyterLab and saved opens there with its live widgets."""
        return f"{self.base_url}/notebooks/notebooks/{name}?token={self.token}"

    def kernel_id(self, name: str) -> str | None:
        s = self.session_for(name)
        return s["kernel"]["id"] if s else None

    def connection_file(self, name: str) -> Path | None:
        """The kernel connection file of notebook ``name`` (to run code in its kernel with jupyter_client)."""
        kid = self.kernel_id(name)
        path = self.tmp / "runtime" / f"kernel-{kid}.json"
        return path if kid and path.is_file() else None

    def session_for(self, name: str) -> dict | None:
        for s in self.api("GET", "/api/sessions"):
            if s.get("path") == f"notebooks/{name}":
                return s
        return None

    def kernel_state(self, name: str) -> str | None:
        """The execution state ("idle", "busy", ...) of the kernel of notebook ``name``, or None."""
        kernel = self._kernels.get(name)
        if kernel is None:
            s = self.session_for(name)
            if not s:
                return None
            kernel = self._kernels[name] = s["kernel"]["id"]
        try:
            return self.api("GET", f"/api/kernels/{kernel}").get("execution_state")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:  # restarted under a new id, or shut down
                self._kernels.pop(name, None)
                return None
            raise

    def shutdown_kernel(self, name: str) -> None:
        self._kernels.pop(name, None)
        s = self.session_for(name)
        if s:
            self.api("DELETE", f"/api/sessions/{s['id']}")
