"""Which torch build should ``pip install -r requirements.txt`` take here?  Prints extra pip arguments.

``bash scripts/setup.sh`` runs this with the new environment's Python (standard library only) and adds what it
prints, one argument a line, to its ``pip install``; the reason goes to stderr. On Linux PyPI's ``torch`` is
the CUDA build: a 503 MB wheel plus nvidia-*, cuda-* and triton wheels (2.6 GB of downloads for torch 2.13.0)
that only an NVIDIA GPU uses. PyTorch's CPU index has the same version as ``+cpu`` (a 183 MB wheel, no
nvidia wheels); with it as an *extra* index pip prefers ``2.13.0+cpu`` to ``2.13.0`` (a local version sorts
after its public one, and ``==2.13.0`` matches both); every other package still comes from the usual index.

``WDLAB_TORCH`` chooses:

* ``auto`` (default): the CPU index only when all of these hold: Linux, no NVIDIA GPU (no
  ``/proc/driver/nvidia/version``, no working ``nvidia-smi``), and pip, asked first with ``--dry-run``, would
  take a CUDA build (its version says ``+cu...`` or it requires ``nvidia-*`` packages). Where pip already
  resolves a CPU build (a mirror or a local wheel, as on the project's own machines), nothing is added, so an
  offline install keeps working. macOS and Windows wheels on PyPI are CPU builds already.
* ``cpu``: always add the CPU index.
* ``gpu``: never add it: PyPI's default build (CUDA on Linux). For another CUDA version, use
  ``WDLAB_TORCH_INDEX=https://download.pytorch.org/whl/cu126`` (any index URL, added as an extra index).

Usage: ``python scripts/torch_index.py [--requirements requirements.txt] [--report PIP_REPORT.json]``
(``--report``: decide from a saved ``pip install --dry-run --report`` instead of running pip).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
MODES = ("auto", "cpu", "gpu")


def torch_pin(requirements: Path) -> str:
    """The exact torch requirement (``torch==X``) of a requirements file."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*torch\s*==\s*([^\s;#]+)", line)
        if m:
            return f"torch=={m.group(1)}"
    raise SystemExit(f"torch_index: no 'torch==VERSION' line in {requirements}")


def nvidia_gpu() -> str | None:
    """A short description of an NVIDIA GPU / driver on this machine, or None."""
    proc_file = Path("/proc/driver/nvidia/version")
    if proc_file.exists():
        return "NVIDIA driver loaded (/proc/driver/nvidia/version)"
    smi = shutil.which("nvidia-smi") or ("/usr/lib/wsl/lib/nvidia-smi" if Path("/usr/lib/wsl/lib/nvidia-smi").exists()
                                         else None)
    if smi:
        try:
            out = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        if out.returncode == 0 and "GPU" in out.stdout:
            return out.stdout.strip().splitlines()[0]
    return None


def resolved_torch(report: dict) -> dict | None:
    """The torch entry of a ``pip install --dry-run --report`` document: version, url, whether it is a CUDA build."""
    for item in report.get("install", []):
        meta = item.get("metadata", {})
        if meta.get("name", "").lower() != "torch":
            continue
        version = meta.get("version", "")
        local = version.partition("+")[2]
        needs_nvidia = any(re.match(r"nvidia[-_]", req.strip(), flags=re.I) for req in meta.get("requires_dist") or [])
        return {"version": version, "url": item.get("download_info", {}).get("url", ""),
                "cuda": local.startswith("cu") or (needs_nvidia and not local.startswith("cpu"))}
    return None


def dry_run(pin: str, python: str = sys.executable) -> dict | None:
    """Ask pip (this environment's, with its configuration) what it would install for ``pin``; None if it cannot."""
    with tempfile.TemporaryDirectory(prefix="wdlab-torch-") as tmp:
        report = Path(tmp) / "report.json"
        try:
            proc = subprocess.run([python, "-m", "pip", "install", "--dry-run", "--no-deps", "--quiet",
                                   "--disable-pip-version-check", "--ignore-installed", "--timeout", "30",
                                   "--report", str(report), pin], capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.SubprocessError):
            return None
        if proc.returncode != 0 or not report.exists():
            return None
        return json.loads(report.read_text(encoding="utf-8"))


def decide(mode: str, system: str, gpu: str | None, resolved: dict | None, index: str = "") -> tuple[list[str], str]:
    """(extra pip arguments, reason). Pure: every input is given, nothing is probed here."""
    if mode not in MODES:
        raise SystemExit(f"torch_index: WDLAB_TORCH={mode!r}; use one of {', '.join(MODES)}")
    if index:
        return ["--extra-index-url", index], f"WDLAB_TORCH_INDEX={index}: torch from that index"
    if mode == "cpu":
        return ["--extra-index-url", CPU_INDEX], "WDLAB_TORCH=cpu: the CPU-only build from PyTorch's CPU index"
    if mode == "gpu":
        return [], "WDLAB_TORCH=gpu: PyPI's default torch (the CUDA build on Linux)"
    if system != "Linux":
        return [], f"{system}: PyPI's torch is already a CPU (or Apple MPS) build"
    if gpu:
        return [], f"{gpu}: PyPI's CUDA build (set WDLAB_TORCH=cpu for the small CPU-only one)"
    if resolved is None:
        return [], ("could not ask pip which torch it would take (offline?): installing with pip's own settings; "
                    "set WDLAB_TORCH=cpu to force the CPU-only build")
    if resolved["cuda"]:
        return (["--extra-index-url", CPU_INDEX],
                f"no NVIDIA GPU, and pip would take torch {resolved['version']}, a CUDA build (2.6 GB of wheels "
                "with its nvidia-* wheels): using PyTorch's CPU index instead (WDLAB_TORCH=gpu keeps the CUDA build)")
    return [], f"pip already resolves a CPU build (torch {resolved['version']}): nothing to add"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requirements", type=Path, default=Path(__file__).resolve().parents[1] / "requirements.txt")
    ap.add_argument("--report", type=Path, help="a saved pip --dry-run --report (instead of running pip)")
    args = ap.parse_args(argv)
    mode = os.environ.get("WDLAB_TORCH", "").strip().lower() or "auto"
    index = os.environ.get("WDLAB_TORCH_INDEX", "").strip()
    system = platform.system()
    gpu = nvidia_gpu() if (mode == "auto" and not index and system == "Linux") else None
    resolved = None
    if mode == "auto" and not index and system == "Linux" and not gpu:
        report = (json.loads(args.report.read_text(encoding="utf-8")) if args.report
                  else dry_run(torch_pin(args.requirements)))
        resolved = resolved_torch(report) if report else None
    extra, reason = decide(mode, system, gpu, resolved, index)
    print(f"setup: torch: {reason}", file=sys.stderr)
    for arg in extra:
        print(arg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
