"""The offline run really is offline, and notebooks still run there.

CI runs the suite as ``bash scripts/offline.sh python -m pytest ...``, which sets
``WDLAB_OFFLINE=1`` inside a network namespace that has only loopback. These
tests then check that no network is reachable (one TCP connect to a
non-routable address must fail at once) while a Jupyter kernel, which talks
over 127.0.0.1, still works. Outside offline.sh they skip: we never probe the
network from the normal environment. ``test_offline_sh_cuts_the_network``
runs offline.sh itself (the probe happens inside the new namespace).
Every notebook (``notebooks/*.ipynb``, globbed: 05 and later ones included)
is executed offline by nbval in scripts/test.sh; ``test_no_notebook_downloads``
also reads each notebook's code for a download (a URL, ``urlopen``,
scikit-learn's ``fetch_*``, ``download=True``), so the reason is named even
where no network namespace can be made.
"""

from __future__ import annotations

import errno
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import time

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DOWNLOAD_RE = re.compile(r"https?://|urlopen|urlretrieve|\brequests\.|\bfetch_\w+\(|download\s*=\s*True|"
                         r"hf_hub_download|load_dataset\(|torch\.hub\.")
OFFLINE = os.environ.get("WDLAB_OFFLINE") == "1"
offline_only = pytest.mark.skipif(not OFFLINE, reason="not run inside scripts/offline.sh (WDLAB_OFFLINE!=1)")
OUTSIDE = ("10.255.255.1", 9)   # non-routable: even with a network this would time out, never answer

PROBE = f"""
import errno, socket, time
t = time.perf_counter()
try:
    socket.create_connection({OUTSIDE!r}, timeout=3)
    print("CONNECTED")
except OSError as exc:
    print("FAILED", exc.errno, round(time.perf_counter() - t, 3))
"""


def _interfaces() -> list[str]:
    lines = pathlib.Path("/proc/net/dev").read_text().splitlines()[2:]
    return sorted(line.split(":")[0].strip() for line in lines)


@offline_only
def test_only_loopback_and_no_routes():
    assert _interfaces() == ["lo"]
    routes = pathlib.Path("/proc/net/route").read_text().splitlines()[1:]
    assert routes == [], f"IPv4 routes exist: {routes}"
    v6 = pathlib.Path("/proc/net/ipv6_route")
    if v6.exists():
        assert all(line.split()[-1] == "lo" for line in v6.read_text().splitlines()), "IPv6 routes besides lo"


@offline_only
def test_connect_outside_fails_at_once():
    start = time.perf_counter()
    with pytest.raises(OSError) as info:
        socket.create_connection(OUTSIDE, timeout=3)
    assert info.value.errno == errno.ENETUNREACH, info.value
    assert time.perf_counter() - start < 1.0   # refused at once, not a timeout


@offline_only
def test_loopback_works():
    with socket.create_server(("127.0.0.1", 0)) as server:
        with socket.create_connection(server.getsockname(), timeout=2):
            conn, _ = server.accept()
            conn.close()


@offline_only
def test_kernel_runs_offline(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    nb = nbformat.v4.new_notebook()
    code = "import d2lmini as d2l, torch\nprint(d2l.l2_penalty(torch.tensor([3.0, 4.0])).item())"
    nb.cells = [nbformat.v4.new_code_cell(code)]
    env = dict(os.environ, IPYTHONDIR=str(tmp_path / "ipy"), MPLCONFIGDIR=str(tmp_path / "mpl"))
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute(
        env=env)
    assert nb.cells[0].outputs[0]["text"] == "12.5\n"


def test_offline_sh_cuts_the_network():
    """offline.sh itself: inside, only lo exists and the one connect attempt fails at once."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare not installed (Debian package util-linux)")
    cmd = ["bash", str(ROOT / "scripts" / "offline.sh"), sys.executable, "-c",
           "import os, pathlib; print(os.environ['WDLAB_OFFLINE'], "
           "sorted(l.split(':')[0].strip() for l in pathlib.Path('/proc/net/dev').read_text().splitlines()[2:]))"
           + "\n" + PROBE]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 and "unshare" in proc.stderr and ("Operation not permitted" in proc.stderr
                                                             or "Permission denied" in proc.stderr):
        pytest.skip(f"cannot create a network namespace here: {proc.stderr.strip().splitlines()[-1]}")
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.splitlines()
    assert first == "1 ['lo']"
    status, err, secs = second.split()
    assert status == "FAILED" and int(err) == errno.ENETUNREACH and float(secs) < 1.0, second


def test_offline_sh_needs_a_command():
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "offline.sh")], capture_output=True, text=True)
    assert proc.returncode == 2 and "usage" in proc.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_notebook_downloads(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    hits = [f"code cell {k}: {m.group(0)!r}" for k, c in enumerate(c for c in cells if c["cell_type"] == "code")
            for m in DOWNLOAD_RE.finditer("".join(c["source"]))]
    assert not hits, f"{path.name} would download something (the lab runs offline): {hits}"


def test_download_pattern_catches_the_usual_calls():
    for code in ["fetch_openml('mnist_784')", "datasets.MNIST('.', download=True)", "urlopen(u)", "'https://x'"]:
        assert DOWNLOAD_RE.search(code), code
    assert not DOWNLOAD_RE.search("from sklearn.datasets import load_digits\nX, y = load_digits(return_X_y=True)")
