"""The two installs (issue 22): learner requirements.txt and developer requirements-dev.txt, the torch build
chosen by scripts/torch_index.py, and scripts/setup.sh's options.

The CPU-index decision is tested as logic on saved ``pip install --dry-run --report`` documents (one from this
machine: ``2.13.0+cpu`` from a local wheel; one from Python 3.12 here, where pip takes PyPI's CUDA build), not by
downloading anything: tests run offline.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
_spec = importlib.util.spec_from_file_location("torch_index", ROOT / "scripts" / "torch_index.py")
torch_index = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(torch_index)

LEARNER_TOPS = {"torch", "jupyterlab", "ipywidgets", "matplotlib", "scikit-learn"}
DEV_ONLY = {"nbgrader", "pytest", "sphinx", "playwright", "ruff", "nbval", "hypothesis", "jupyterhub", "myst-nb",
            "jupyter-repo2docker", "notebook", "pytest-xdist", "sphinx-book-theme", "alembic", "sqlalchemy"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*$")


def pins(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line in ("-e .", "-r requirements.txt"):
            continue
        m = PIN.match(line)
        assert m, f"{path.name}: not an exact pin: {line!r}"
        name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
        assert name not in out, f"{path.name}: {name} pinned twice"
        out[name] = m.group(2)
    return out


def report(kind: str) -> dict:
    return json.loads((FIXTURES / f"pip_report_torch_{kind}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the requirement files
def test_learner_file_has_what_notebooks_need_and_no_developer_tools():
    learner = pins(ROOT / "requirements.txt")
    assert LEARNER_TOPS <= set(learner)
    assert learner["torch"] == "2.13.0", "torch keeps its exact pin (no local label, no range)"
    assert not (DEV_ONLY & set(learner)), f"developer tools in the learner install: {DEV_ONLY & set(learner)}"
    assert "-e ." in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()


def test_developer_file_adds_to_the_learner_file_without_repinning():
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in text
    learner, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    assert not (set(learner) & set(dev)), f"pinned in both files: {set(learner) & set(dev)}"
    assert DEV_ONLY <= set(dev), f"missing developer tools: {DEV_ONLY - set(dev)}"


def test_hub_proxy_is_pinned_by_a_lock_file():
    lock = json.loads((ROOT / "scripts" / "hub" / "package-lock.json").read_text(encoding="utf-8"))
    want = json.loads((ROOT / "scripts" / "hub" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert want == {"configurable-http-proxy": "5.3.0"}
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == "5.3.0"
    assert all("integrity" in p for k, p in lock["packages"].items() if k), "every locked package has a hash"


# ------------------------------------------------------------------ which torch build
def test_report_parsing_tells_cpu_from_cuda_builds():
    cpu, cuda = torch_index.resolved_torch(report("cpu")), torch_index.resolved_torch(report("cuda"))
    assert cpu["version"] == "2.13.0+cpu" and not cpu["cuda"]
    assert cuda["version"] == "2.13.0" and cuda["cuda"], "PyPI's Linux wheel requires nvidia-* packages"
    assert torch_index.resolved_torch({"install": []}) is None


@pytest.mark.parametrize("mode, system, gpu, kind, want_index", [
    ("auto", "Linux", None, "cuda", True),           # the student laptop / hub: PyPI would bring the CUDA build
    ("auto", "Linux", None, "cpu", False),           # this machine: pip already takes the local +cpu wheel (offline)
    ("auto", "Linux", None, None, False),            # pip could not be asked (offline): change nothing
    ("auto", "Linux", "GPU 0: NVIDIA A100", "cuda", False),   # an NVIDIA GPU: keep the CUDA build
    ("auto", "Darwin", None, "cuda", False),          # macOS / Windows wheels are CPU builds already
    ("auto", "Windows", None, None, False),
    ("cpu", "Linux", "GPU 0: NVIDIA A100", "cpu", True),      # asked for: always
    ("gpu", "Linux", None, "cuda", False),            # the GPU path, one variable away
])
def test_cpu_index_only_where_pip_would_take_a_cuda_build(mode, system, gpu, kind, want_index):
    resolved = torch_index.resolved_torch(report(kind)) if kind else None
    extra, reason = torch_index.decide(mode, system, gpu, resolved)
    assert (extra == ["--extra-index-url", torch_index.CPU_INDEX]) == want_index, reason
    assert extra == [] or want_index
    assert reason


def test_index_override_and_bad_mode():
    extra, _ = torch_index.decide("auto", "Linux", None, None, index="https://download.pytorch.org/whl/cu126")
    assert extra == ["--extra-index-url", "https://download.pytorch.org/whl/cu126"]
    with pytest.raises(SystemExit, match="WDLAB_TORCH"):
        torch_index.decide("cuda12", "Linux", None, None)


def test_command_line_prints_only_arguments_on_stdout(tmp_path):
    """setup.sh reads stdout line by line into pip's arguments: no blank line, the reason on stderr."""
    script = ROOT / "scripts" / "torch_index.py"
    for kind, want in (("cuda", ["--extra-index-url", torch_index.CPU_INDEX]), ("cpu", [])):
        saved = FIXTURES / f"pip_report_torch_{kind}.json"
        proc = subprocess.run([sys.executable, str(script), "--report", str(saved)],
                              capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "WDLAB_TORCH": "auto"},
                              check=True)
        if torch_index.nvidia_gpu() or sys.platform != "linux":
            pytest.skip("decision differs on a machine with an NVIDIA GPU or not on Linux")
        assert proc.stdout.splitlines() == want, proc.stderr
        assert proc.stderr.startswith("setup: torch: ")


def test_torch_pin_is_read_from_the_requirements(tmp_path):
    assert torch_index.torch_pin(ROOT / "requirements.txt") == "torch==2.13.0"
    bad = tmp_path / "r.txt"
    bad.write_text("numpy==2.4.6\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="torch"):
        torch_index.torch_pin(bad)


# ------------------------------------------------------------------ setup.sh
def test_setup_rejects_unknown_options_and_dev_without_the_file(tmp_path):
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh"), "--devv"], capture_output=True, text=True)
    assert proc.returncode == 2 and "--dev" in proc.stderr
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "setup.sh").write_bytes((ROOT / "scripts" / "setup.sh").read_bytes())
    proc = subprocess.run(["bash", str(tmp_path / "scripts" / "setup.sh"), "--dev"], capture_output=True, text=True)
    assert proc.returncode == 2 and "requirements-dev.txt" in proc.stderr


def test_jupyterlab_overrides_name_real_settings():
    """The no-news override must name a schema and values this JupyterLab knows (else it is silently ignored)."""
    overrides = json.loads((ROOT / "scripts" / "jupyterlab-overrides.json").read_text(encoding="utf-8"))
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        for key, value in values.items():
            prop = schema["properties"][key]
            assert value in prop.get("enum", [value]), (key, value, prop)
            if "type" in prop:
                assert {"boolean": bool, "string": str}[prop["type"]] is type(value), (key, prop["type"])


def test_jupyterlab_in_this_environment_serves_the_no_news_defaults():
    """setup.sh's override reaches JupyterLab: the notification schema it serves defaults to no news, no update check
    (the user-settings file the browser tests write does not change schema defaults, so this sees only the override)."""
    written = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "wdlab.json"
    assert written.is_file(), "bash scripts/setup.sh writes the override into the environment"
    from wdlab_browser.server import JupyterServer
    server = JupyterServer([]).start()
    try:
        schema = server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")["schema"]
    finally:
        server.stop()
    defaults = {key: schema["properties"][key]["default"] for key in ("fetchNews", "checkForUpdates")}
    assert defaults == {"fetchNews": "false", "checkForUpdates": False}
