"""What Binder would build (issue 22): repo2docker's own build-pack logic, run without Docker.

repo2docker (pinned in requirements-dev.txt) picks a build pack for the repository and renders the Dockerfile it
would build; that needs no Docker daemon. Checked: the configuration in ``.binder/`` is the one used, it asks for
Python 3.11 (the default, 3.10, has no numpy==2.4.6), pip installs ``.binder/requirements.txt`` after the whole
repository is copied in (its ``-e .`` needs pyproject.toml and d2lmini), that file resolves (pip's own parser)
to exactly the learner pins plus PyTorch's CPU index and this repository as an editable install, and postBuild
writes JupyterLab's no-news setting where the image's JupyterLab reads it. The same for the student edition's
folder, which ships the same files.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("repo2docker", reason="repo2docker is in requirements-dev.txt (bash scripts/setup.sh --dev)")


def render(repo: Path) -> tuple[object, str]:
    """(build pack, Dockerfile) as repo2docker would choose and write them for ``repo``."""
    from repo2docker.app import Repo2Docker
    cwd = os.getcwd()
    os.chdir(repo)   # repo2docker's build packs read the repository from the working directory
    try:
        r2d = Repo2Docker()
        pack = next(bp for bp in (cls(r2d.base_image) for cls in r2d.buildpacks) if bp.detect())
        pack.platform = "linux/amd64"
        return pack, pack.render({})
    finally:
        os.chdir(cwd)


def parse_requirements(path: Path, cwd: Path) -> tuple[list, list[str]]:
    """pip's own parser, from ``cwd`` as repo2docker runs it: (requirements, extra index URLs)."""
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements as pip_parse
    old = os.getcwd()
    os.chdir(cwd)
    try:
        parsed = list(pip_parse(str(path.relative_to(cwd)), session=PipSession()))
        text = path.read_text(encoding="utf-8")
    finally:
        os.chdir(old)
    index = [line.split(None, 1)[1] for line in text.splitlines() if line.startswith("--extra-index-url")]
    return parsed, index


def learner_pins() -> set[str]:
    return {line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if "==" in line and not line.startswith("#")}


def test_repo2docker_uses_binder_folder_with_python_311():
    pack, dockerfile = render(ROOT)
    assert type(pack).__name__ == "PythonBuildPack" and pack.binder_dir == ".binder"
    assert pack.python_version == "3.11" and pack._python_version_source == "runtime"
    assert "environment.py-3.11-linux-64.lock" in str(pack.get_build_script_files())


def test_requirements_installed_after_the_whole_repository_is_copied():
    _, dockerfile = render(ROOT)
    lines = dockerfile.splitlines()
    copy_all = next(i for i, ln in enumerate(lines) if ln.startswith("COPY") and " src/ ${REPO_DIR}/" in ln)
    install = next(i for i, ln in enumerate(lines) if 'pip install --no-cache-dir -r ".binder/requirements.txt"' in ln)
    post = next(i for i, ln in enumerate(lines) if ln.strip() == "RUN ./.binder/postBuild")
    assert copy_all < install < post, "pip needs pyproject.toml and d2lmini/ for -e ., postBuild runs last"
    assert "pip install --no-cache-dir ." not in dockerfile, "d2lmini installed once, by -e . in the requirements"


def test_binder_requirements_are_the_learner_pins_with_cpu_torch():
    parsed, index = parse_requirements(ROOT / ".binder" / "requirements.txt", ROOT)
    pins = {r.requirement for r in parsed if not r.is_editable}
    assert pins == learner_pins(), "Binder installs exactly the learner pins"
    editable = [r for r in parsed if r.is_editable]
    assert len(editable) == 1 and Path(editable[0].requirement.removeprefix("file://")).resolve() == ROOT
    assert index == ["https://download.pytorch.org/whl/cpu"]
    assert not any(name in " ".join(pins) for name in ("nbgrader", "pytest", "Sphinx", "playwright", "jupyterhub"))


def test_post_build_writes_the_no_news_setting_into_the_environment(tmp_path):
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    path = f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"
    subprocess.run([str(ROOT / ".binder" / "postBuild")], cwd=ROOT, env=dict(os.environ, PATH=path), check=True)
    written = env_dir / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "wdlab.json"
    assert json.loads(written.read_text()) == json.loads((ROOT / "scripts" / "jupyterlab-overrides.json").read_text())
    assert os.access(ROOT / ".binder" / "postBuild", os.X_OK)


def test_student_edition_ships_the_same_binder_files(tmp_path):
    spec = importlib.util.spec_from_file_location("student_edition", ROOT / "scripts" / "student_edition.py")
    student_edition = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(student_edition)
    student_edition.copy_support(tmp_path)
    (tmp_path / "notebooks").mkdir()
    for name in (".binder/runtime.txt", ".binder/requirements.txt", ".binder/postBuild",
                 "scripts/jupyterlab-overrides.json", "requirements.txt", "pyproject.toml"):
        assert (tmp_path / name).read_bytes() == (ROOT / name).read_bytes(), name
    pack, dockerfile = render(tmp_path)
    assert pack.binder_dir == ".binder" and pack.python_version == "3.11"
    parsed, _ = parse_requirements(tmp_path / ".binder" / "requirements.txt", tmp_path)
    assert {r.requirement for r in parsed if not r.is_editable} == learner_pins()
