"""scripts/hub_capacity.py: a 2-student smoke run on a real local JupyterHub (127.0.0.1 only), plus its parts.

The smoke run uses ``tests/fixtures/hub_smoke.ipynb`` (imports d2lmini, one slider that redraws a picture) so it
tests the machinery (hub, proxy, culler, spawner, contents / sessions API, kernel websocket with binary widget
frames, memory accounting, clean shutdown) in well under a minute on idle cores; the capacity table itself runs
the real notebooks and is a benchmark (README, "Capacity"). Skipped with a reason when the developer install
lacks the hub tools, unless WDLAB_REQUIRE_HUB=1 (CI).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
SMOKE = ROOT / "tests" / "fixtures" / "hub_smoke.ipynb"
_spec = importlib.util.spec_from_file_location("hub_capacity", ROOT / "scripts" / "hub_capacity.py")
hub_capacity = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hub_capacity)


def test_binary_frames_decode_as_jupyter_server_encodes_them():
    """Widget messages with buffers arrive as binary frames: decode what jupyter_server itself serializes."""
    from jupyter_server.services.kernels.connection.base import serialize_binary_message
    msg = {"header": {"msg_id": "1", "msg_type": "comm_msg"}, "parent_header": {"msg_id": "0"}, "metadata": {},
           "content": {"comm_id": "c", "data": {"method": "update", "state": {}, "buffer_paths": [["value"]]}},
           "channel": "iopub", "buffers": [b"\x89PNG fake picture", b"second"]}
    decoded = hub_capacity.Kernel.decode(serialize_binary_message(msg))
    assert decoded["buffers"] == [b"\x89PNG fake picture", b"second"]
    assert decoded["content"] == msg["content"] and decoded["parent_header"] == {"msg_id": "0"}
    assert hub_capacity.Kernel.decode(json.dumps({"header": {}, "content": {}}))["buffers"] == []


def test_markdown_table_and_capacity_lines():
    run = {"students": 2, "notebook": "x.ipynb", "threads": 1, "cpu_count": 2, "spawn_s": [4.0, 6.0],
           "run_s": [20.0, 22.0], "cpu_s": [15.0, 15.0], "slider_s": [0.05, 0.07, 0.2], "errors": {},
           "mem_pss_mib": [400.0, 512.0], "hub_proxy_pss_mib": 200.0, "load_before": 0.1, "load_max": 2.0}
    text = hub_capacity.markdown([run])
    assert "| 2 | 5 / 6 s | 21 / 22 s | 70 / 200 ms | 512 MiB | 0 | 0.1 / 2.0 |" in text, text
    assert "15 CPU seconds" in text and "8.0 students per core" in text and "2.0 students per GB" in text, text


class FakeKernel:
    """Records what move_slider sends; answers as the kernel would (an image update, or an echo)."""

    def __init__(self, models, reply):
        self.models, self.sent, self.reply = models, [], reply

    def comm_msg(self, comm_id, data):
        self.sent.append((comm_id, data))
        return 0.01, self.reply(data)


def test_move_slider_drives_todays_ipywidgets_slider():
    png = {"header": {"msg_type": "comm_msg"}, "content": {"data": {"method": "update"}}, "buffers": [b"x" * 500]}
    kernel = FakeKernel({"img": {"_model_name": "ImageModel"},
                         "s1": {"_model_name": "SelectionSliderModel", "index": 3, "_options_labels": list("abcd")}},
                        lambda data: [png])
    move = hub_capacity.move_slider(kernel, 0)
    assert kernel.sent == [("s1", {"method": "update", "state": {"index": 0}, "buffer_paths": []})], "wraps at the end"
    assert move == {"seconds": 0.01, "kind": "ipywidgets", "picture_bytes": 500}
    assert hub_capacity.move_slider(FakeKernel({"img": {"_model_name": "ImageModel"}}, list), 0) == {}


def test_move_slider_drives_the_flipbook_protocol():
    echo = {"header": {"msg_type": "comm_msg"}, "content": {"data": {"method": "echo_update"}}}
    spec = {"controls": [{"labels": [str(i) for i in range(70)]}], "prerender": None}
    kernel = FakeKernel({"f": {"_model_name": "AnyModel", "spec": spec, "index": [69]}}, lambda data: [echo])
    move = hub_capacity.move_slider(kernel, 0)
    frames = [d["content"]["indices"] for _, d in kernel.sent if d["method"] == "custom"]
    assert frames == [list(range(64)), list(range(64, 70))], "every picture fetched once, 64 a message"
    assert kernel.sent[-1] == ("f", {"method": "update", "state": {"index": [0]}, "buffer_paths": []})
    assert move["kind"] == "flipbook" and "prerender_seconds" in move
    assert "prerender_seconds" not in hub_capacity.move_slider(kernel, 1), "pictures are fetched on the first move only"


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    missing = hub_capacity.missing_tools()
    if missing:
        if os.environ.get("WDLAB_REQUIRE_HUB") == "1":
            pytest.fail("WDLAB_REQUIRE_HUB=1 but missing: " + "; ".join(missing))
        pytest.skip("hub tools missing (bash scripts/setup.sh --dev): " + "; ".join(missing))
    out = tmp_path_factory.mktemp("hub") / "result.json"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "hub_capacity.py"), "--students", "2", "--moves",
                           "3", "--notebook", str(SMOKE), "--timeout", "600", "--keep", "--json", str(out)],
                          capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - start
    print(proc.stdout, f"\nsmoke run: {seconds:.0f} s")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    [result] = json.loads(out.read_text())
    yield result
    shutil.rmtree(result["work"], ignore_errors=True)


def test_two_students_spawn_run_and_move_a_slider(smoke):
    assert smoke["errors"] == {}
    assert len(smoke["spawn_s"]) == 2 and all(0 < s < 600 for s in smoke["spawn_s"])
    assert all(0 < s < 600 for s in smoke["run_s"])
    assert smoke["slider_kinds"] == ["ipywidgets"] and len(smoke["slider_s"]) == 6
    assert all(b > 100 for b in smoke["slider_picture_bytes"]), "every move brought a new PNG (binary frame)"
    assert all(0 < s < 60 for s in smoke["slider_s"])
    assert all(c > 0.5 for c in smoke["cpu_s"]), "each student's kernel + server used CPU time"


def test_memory_counts_each_students_processes_and_the_hub_apart(smoke):
    # a single-user server + a kernel with torch imported: hundreds of MiB, never the whole machine's memory
    assert all(100 < m < 2048 for m in smoke["mem_pss_mib"]), smoke["mem_pss_mib"]
    assert 20 < smoke["hub_proxy_pss_mib"] < 1024
    assert all(p >= m for p, m in zip(smoke["mem_rss_mib"], smoke["mem_pss_mib"], strict=True))
    assert smoke["load_before"] >= 0 and smoke["load_max"] >= smoke["load_before"] - 1e-9


def test_hub_leaves_no_process_behind(smoke):
    work = Path(smoke["work"])
    left = []
    for proc in psutil.process_iter(["pid", "cmdline", "cwd"]):
        try:
            if (proc.info["cwd"] or "").startswith(str(work)) or str(work) in " ".join(proc.info["cmdline"] or []):
                left.append((proc.pid, proc.info["cmdline"]))
        except psutil.Error:
            continue
    assert not left, f"processes of the test hub still running: {left}"
