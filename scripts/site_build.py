"""Build the static website of the series into build/site/ (run it through ``bash scripts/site.sh``).

1. Snapshot every ``notebooks/*.ipynb`` once (they are only read; a notebook added later is picked up).
2. Flipbook frames: ``scripts/site_frames.py`` runs each notebook with sliders in a fresh kernel (two at a
   time) and asks every slider widget for its frames (one per grid value, drawn by the slider's own update
   code). Frames are cached in ``build/site_cache/`` under a hash of the notebook's code cells, d2lmini's
   source and the frame script.
3. Stage ``site/`` into ``build/site_src/`` with: the notebooks (stored outputs; each slider's widget output
   replaced by its flipbook, answer cells tagged ``hide-input`` so their worked solution is folded away), the
   home page's series table (from each notebook's title and ``**Run time:** about N s`` and README's table),
   the notation section of CONTRIBUTING.md, the MathJax files tex-chtml needs, ``_site.json`` (links), and the
   flipbook front end: ``d2lmini/flipbook.js`` (the notebooks' slider widget, one implementation for both) as
   ``_static/flipbook.js`` and ``d2lmini/flipbook.css`` appended to ``_static/wdlab.css``.
4. ``sphinx-build -W`` (warnings are errors), then ``scripts/site_check.py`` (internal links, images, nothing
   loaded from the network), then print page weights, the site's size and the build time.

Environment: ``WDLAB_REPO_URL`` (repository the Binder / nbgitpuller links point at; default: the git remote
``origin``, an ssh remote written as https, credentials dropped; with neither, the pages say that the links must
be set instead of pointing at a placeholder),
``WDLAB_REPO_BRANCH`` (default ``main``), ``WDLAB_BINDER_URL`` (default https://mybinder.org),
``WDLAB_HUB_URL`` (your JupyterHub, e.g. https://hub.example.edu; without it the page shows the nbgitpuller
path to append to a hub's address).
Options: ``--out DIR`` (default build/site), ``--no-cache`` (recompute every frame), ``--jobs N`` (kernels
at once, default 2), ``--notebooks GLOB`` (default ``$WDLAB_SITE_NOTEBOOKS`` or ``notebooks/*.ipynb``: a partial
site while one notebook is being rewritten).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import html
import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import site_check  # noqa: E402
import site_frames  # noqa: E402

from d2lmini.widgets import GridSlider, grid_label  # noqa: E402

MATHJAX_SRC = Path(sysconfig.get_paths()["purelib"]) / "sphinx-mathjax-offline" / "static" / "mathjax"
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions"]
RUN_TIME = re.compile(r"\*\*Run time:\*\*\s*about\s*([0-9][0-9.,]*)\s*s\b")
PAGE_LIMIT = 5 * 1024 * 1024
FRAME_BUDGET = 4 * 1024 * 1024   # flipbook frames per page; the rest of the 5 MB is the page's HTML


# ---------------------------------------------------------------- sources: README, CONTRIBUTING, notebooks
def md_section(text: str, heading: str) -> str:
    """The body of the level-2 section whose heading starts with ``heading`` (up to the next ``## ``)."""
    m = re.search(rf"^## {re.escape(heading)}[^\n]*\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    if not m:
        raise SystemExit(f"site: no section '## {heading}' found")
    return m.group(1).strip() + "\n"


def md_table(section: str) -> list[dict[str, str]]:
    rows = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    if len(rows) < 2:
        return []
    split = lambda line: [c.strip() for c in line.strip().strip("|").split("|")]  # noqa: E731
    header = split(rows[0])
    return [dict(zip(header, split(r), strict=False)) for r in rows[2:]]


def readme_facts() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = text.split("\n## ", 1)[0].split("\n", 1)[1].strip()
    commands = []
    two = md_section(text, "The two commands")
    for m in re.finditer(r"((?:[^\n]+\n)+)\n```bash\n(.+?)\n```", two):
        what = " ".join(m.group(1).split()).rstrip(":")
        commands.append({"command": m.group(2).strip(), "what": inline_md(what)})
    if len(commands) < 2:
        raise SystemExit("site: README's 'The two commands' section no longer has two ```bash blocks")
    rows = {}
    for row in md_table(md_section(text, "The series")):
        name = next((v.strip("`") for k, v in row.items() if k.lower().startswith("notebook")), "")
        teaches = next((v for k, v in row.items() if "teach" in k.lower()), "")
        runs = next((v for k, v in row.items() if k.lower().startswith("runs")), "")
        if name:
            rows[name] = {"teaches": teaches, "runs": runs}
    return {"intro": intro, "commands": commands, "rows": rows}


def inline_md(text: str) -> str:
    """Markdown `code` and *emphasis* of one README sentence as HTML (escaped)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", out)


def notebook_facts(path: Path, nb, readme_rows: dict) -> dict:
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    title_line = next((line[2:].strip() for line in first.splitlines() if line.startswith("# ")), path.stem)
    title = re.sub(r"^\d+\s*[·:.-]\s*", "", title_line)
    row = readme_rows.get(path.name, {})
    m = RUN_TIME.search(first)
    if m:
        run_time = f"about {m.group(1)} s"
    elif row.get("runs"):
        run_time = row["runs"].replace("~", "about ")
    else:
        run_time = "not stated"
    return {"file": path.name, "stem": path.stem, "number": path.stem.split("_", 1)[0], "title": title,
            "teaches": row.get("teaches") or title, "run_time": run_time,
            "run_time_source": "notebook" if m else ("README" if row.get("runs") else "none")}


# ---------------------------------------------------------------- frames
def frames_for(snapshots: list[Path], cache: Path, use_cache: bool, jobs: int) -> dict[str, dict]:
    """stem -> {"dir": folder with manifest.json + PNGs, "cached": bool, "seconds": float}."""
    cache.mkdir(parents=True, exist_ok=True)
    todo, result = [], {}
    for snap in snapshots:
        nb = nbformat.read(snap, as_version=4)
        if not any(site_frames.is_slider_cell(c) for c in nb.cells):
            continue
        folder = site_frames.cache_folder(cache, snap)
        if use_cache and (folder / "manifest.json").is_file():
            result[snap.stem] = {"dir": folder, "cached": True, "seconds": 0.0}
        else:
            todo.append((snap, folder))

    def run(item):
        snap, folder = item
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        env = dict(os.environ, OMP_NUM_THREADS="1")   # two kernels share the two cores
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "scripts/site_frames.py"), str(snap), str(tmp),
                               str(ROOT / "notebooks")], env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = re.sub(r"\x1b\[[0-9;]*m", "", proc.stderr)[-2500:]
            return snap.stem, {"error": f"frames for {snap.name} failed (exit {proc.returncode}):\n{tail}"}
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
        return snap.stem, {"dir": folder, "cached": False, "seconds": time.perf_counter() - start}

    def stated_seconds(item):   # longest notebook first: two kernels finish closer together
        nb = nbformat.read(item[0], as_version=4)
        first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
        m = RUN_TIME.search(first)
        return -float(m.group(1).replace(",", "")) if m else 0.0

    todo.sort(key=stated_seconds)
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        failed = []
        for stem, info in pool.map(run, todo):
            if "error" in info:
                failed.append(info["error"])
                continue
            print(f"site: frames for {stem} rendered in {info['seconds']:.1f} s", flush=True)
            result[stem] = info
    if failed:
        raise SystemExit("site: " + "\n\nsite: ".join(failed))
    keep = {info["dir"].name for info in result.values()}
    for old in cache.iterdir():   # stale entries of these notebooks
        if old.name not in keep and any(old.name.startswith(s.stem + "-") for s in snapshots):
            shutil.rmtree(old, ignore_errors=True)
    return result


def stride_positions(n: int, start: int, stride: int) -> list[int]:
    """Every ``stride``-th index counted from ``start`` both ways, plus the first and the last."""
    return sorted({i for i in range(n) if (i - start) % stride == 0} | {0, n - 1})


def subset(entry: dict, stride: int) -> dict:
    """``entry`` (one flipbook of a manifest) keeping every ``stride``-th value of each control."""
    if stride == 1:
        return entry
    sizes = [len(c["values"]) for c in entry["controls"]]
    kept = [stride_positions(n, c["start"], stride) for n, c in zip(sizes, entry["controls"], strict=True)]
    controls = [dict(c, values=[c["values"][i] for i in k], start=k.index(c["start"]))
                for c, k in zip(entry["controls"], kept, strict=True)]
    frames = []
    for combo in itertools.product(*kept):
        flat = 0
        for n, i in zip(sizes, combo, strict=True):
            flat = flat * n + i
        frames.append(entry["frames"][flat])
    return dict(entry, controls=controls, frames=frames)


def fit_page(entries: list[dict], folder: Path, budget: int) -> list[dict]:
    """Show every frame if the page's frames fit ``budget`` bytes; else thin the largest flipbook first."""
    strides = [1] * len(entries)

    def size(k):
        return sum((folder / f["src"]).stat().st_size for f in subset(entries[k], strides[k])["frames"])

    while sum(size(k) for k in range(len(entries))) > budget:
        k = max(range(len(entries)), key=size)
        if len(subset(entries[k], strides[k])["frames"]) <= 3:
            break   # cannot thin further; the page check reports the size
        strides[k] += 1
    return [subset(e, s) for e, s in zip(entries, strides, strict=True)]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"site: {path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def flipbook_html(facts: dict, entry: dict, static_dir: Path, url_prefix: str) -> str:
    """The page's figure: its data (controls, frames), the start frame's readout and picture, a caption.

    ``_static/flipbook.js`` (d2lmini/flipbook.js, the notebooks' slider widget) builds the controls into it,
    the same ones as in the notebooks (typed values snap to the shown values as ``GridSlider.snap`` does)."""
    controls = []
    for c in entry["controls"]:
        grid = GridSlider(c["values"], symbol=c["symbol"], log=c.get("log", True))
        controls.append({"name": c["name"], "symbol": c["symbol"], "label": c["label"], "values": c["values"],
                         "labels": [grid_label(v) for v in c["values"]], "bounds": grid.bounds(),
                         "log": grid.log_scale, "start": c["start"], "grid_size": c["grid_size"]})
    frames = [{"src": f"{url_prefix}/{f['src']}", "readout": f["readout"]} for f in entry["frames"]]
    start = 0
    for c in controls:
        start = start * len(c["values"]) + c["start"]
    width, height = png_size(static_dir / entry["frames"][start]["src"])
    data = {"controls": controls, "frames": frames}
    alt = f"Notebook {facts['number']}, slider figure in cell {entry['cell']}, at"
    start_values = ", ".join(f"{c['symbol']} = {c['labels'][c['start']]}" for c in controls)
    parts = [f'<figure class="wdlab-flipbook" id="flipbook-{facts["number"]}-c{entry["cell"]}-{entry["index"]}" '
             f'data-flipbook="{html.escape(json.dumps(data, ensure_ascii=False), quote=True)}" '
             f'data-alt="{html.escape(alt, quote=True)}" data-frame="{start}">']
    parts.append(f'<div class="wdlab-flipbook-readout">{entry["frames"][start]["readout"]}</div>')
    parts.append(f'<img class="wdlab-flipbook-frame" src="{frames[start]["src"]}" width="{width}" '
                 f'height="{height}" alt="{html.escape(alt + " " + start_values, quote=True)}">')
    described = []
    for c in controls:
        if len(c["values"]) == c["grid_size"]:
            described.append(f"{html.escape(c['symbol'])} on the slider's grid ({c['grid_size']} values)")
        else:
            described.append(f"{html.escape(c['symbol'])} on the slider's grid ({len(c['values'])} of its "
                             f"{c['grid_size']} values, evenly spaced from the start value, to keep the page small)")
    parts.append(f'<figcaption>Flipbook of the notebook\'s slider, no kernel needed: {len(frames)} frames, one per '
                 f'value of {" × ".join(described)}, each drawn by the notebook\'s own update code. Drag the '
                 f'slider, use the arrow keys on it, or type a value into its box.</figcaption></figure>')
    return "\n".join(parts)


# ---------------------------------------------------------------- staging
def is_answer_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and (meta.get("solution") is True or "### BEGIN SOLUTION" in cell.source)


def stage_notebook(nb, facts: dict, manifest: list[dict], static_dir: Path, url_prefix: str) -> dict:
    """Change the staged copy in place; return counts."""
    nb.metadata.pop("widgets", None)
    counts = {"flipbooks": 0, "frames": 0, "answers": 0, "dropped_widgets": 0}
    by_cell: dict[int, list[dict]] = {}
    for entry in manifest:
        by_cell.setdefault(entry["cell"], []).append(entry)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = []
        had_widget = False
        for out in cell.get("outputs", []):
            if site_frames.WIDGET_MIME in out.get("data", {}):
                had_widget = True
                continue
            outputs.append(out)
        if site_frames.is_slider_cell(cell):
            entries = sorted(by_cell.get(i, []), key=lambda e: e["index"])
            if not entries:
                raise SystemExit(f"site: {facts['file']} cell {i} is a slider cell but has no frames")
            body = "\n".join(flipbook_html(facts, e, static_dir, url_prefix) for e in entries)
            outputs.append(nbformat.v4.new_output(
                "display_data", data={"text/html": body, "text/plain": "(flipbook: see the website)"}))
            counts["flipbooks"] += len(entries)
            counts["frames"] += sum(len(e["frames"]) for e in entries)
            lines = cell.source.split("\n")
            if lines and lines[0].strip() == "# NBVAL_IGNORE_OUTPUT":   # a test marker, not for readers
                cell.source = "\n".join(lines[1:])
        elif had_widget:
            counts["dropped_widgets"] += 1
            print(f"site: note: {facts['file']} cell {i} shows a widget that is not a slider cell; "
                  "its widget output is left out of the site", flush=True)
        cell.outputs = outputs
        if is_answer_cell(cell):
            tags = cell.metadata.setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
            counts["answers"] += 1
    unused = set(by_cell) - {i for i, c in enumerate(nb.cells) if site_frames.is_slider_cell(c)}
    if unused:
        raise SystemExit(f"site: {facts['file']}: frames for cells {sorted(unused)} that are not slider cells")
    return counts


def repo_links(repo_url: str, branch: str, binder: str, hub: str, file: str | None) -> dict | None:
    """Binder and nbgitpuller links for the notebook ``file`` (or the series); None without a repository."""
    if not repo_url:
        return None
    url = repo_url.rstrip("/")
    m = re.match(r"https://(github\.com|gitlab\.com)/([^/]+)/([^/]+?)(?:\.git)?$", url)
    if m and m.group(1) == "github.com":
        base = f"{binder.rstrip('/')}/v2/gh/{m.group(2)}/{m.group(3)}/{quote(branch, safe='')}"
    elif m:
        base = f"{binder.rstrip('/')}/v2/gl/{quote(m.group(2) + '/' + m.group(3), safe='')}/{quote(branch, safe='')}"
    else:
        base = f"{binder.rstrip('/')}/v2/git/{quote(url, safe='')}/{quote(branch, safe='')}"
    repo_name = url.rsplit("/", 1)[-1].removesuffix(".git")
    lab_path = f"notebooks/{file}" if file else "notebooks"
    binder_url = f"{base}?urlpath={quote('lab/tree/' + lab_path, safe='')}"
    puller = (f"/hub/user-redirect/git-pull?repo={quote(url, safe='')}&branch={quote(branch, safe='')}"
              f"&urlpath={quote(f'lab/tree/{repo_name}/{lab_path}', safe='')}")
    return {"binder": binder_url, "nbgitpuller": (hub.rstrip("/") + puller) if hub else puller}


def public_url(remote: str) -> str:
    """A git remote as the https address Binder and nbgitpuller need ('' if it has none).

    ``git@host:owner/repo.git`` and ``ssh://git@host/owner/repo.git`` become ``https://host/owner/repo.git``;
    a user name or token inside an https URL is dropped (it must never be published on a page); a local path
    or ``file://`` remote has no public address.
    """
    remote = remote.strip()
    if re.match(r"^(ssh|https?|git)://", remote):
        parts = urlsplit(remote)
        return f"https://{parts.hostname}{parts.path}" if parts.hostname and parts.path.strip("/") else ""
    m = re.match(r"^[^@/\s]+@([^:/\s]+):(?!/)(.+)$", remote)   # scp-like: git@github.com:owner/repo.git
    return f"https://{m.group(1)}/{m.group(2)}" if m else ""


def repo_from_git() -> str:
    """The https address of the checkout's ``origin`` remote, or '' (no git, no remote, or a local one)."""
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        url = ""
    return public_url(url)


def copy_mathjax(static: Path) -> None:
    if not (MATHJAX_SRC / "tex-chtml.js").is_file():
        raise SystemExit(f"site: MathJax not found at {MATHJAX_SRC} (pip install sphinx-mathjax-offline==0.0.2)")
    for part in MATHJAX_PARTS:
        src, dst = MATHJAX_SRC / part, static / "mathjax" / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)


def fmt_bytes(n: int) -> str:
    return f"{n / 1024 / 1024:.2f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "build/site"))
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--notebooks", default=os.environ.get("WDLAB_SITE_NOTEBOOKS") or "notebooks/*.ipynb",
                    help="glob relative to the repository root (default: $WDLAB_SITE_NOTEBOOKS or every notebook)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    build = ROOT / "build"
    src, out = build / "site_src", Path(args.out).resolve()
    doctrees = build / "site_doctrees"
    work = build / "site_work"
    for d in (src, work, doctrees):
        shutil.rmtree(d, ignore_errors=True)
    (work / "notebooks").mkdir(parents=True)

    # 1. one snapshot of each notebook: the staged page and its frames come from the same content
    paths = sorted(p for p in ROOT.glob(args.notebooks) if not p.name.startswith(".") and p.suffix == ".ipynb")
    if not paths:
        raise SystemExit("site: no notebooks in notebooks/")
    snapshots = []
    for p in paths:
        snap = work / "notebooks" / p.name
        snap.write_bytes(p.read_bytes())
        snapshots.append(snap)

    # 2. frames
    t_frames = time.perf_counter()
    frames = frames_for(snapshots, build / "site_cache", not args.no_cache, args.jobs)
    t_frames = time.perf_counter() - t_frames

    # 3. stage
    shutil.copytree(ROOT / "site", src, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    static = src / "_static"
    # one flipbook for the notebooks and the site: the slider widget's own front end and style
    shutil.copy2(ROOT / "d2lmini" / "flipbook.js", static / "flipbook.js")
    with open(static / "wdlab.css", "a", encoding="utf-8") as css:
        css.write("\n" + (ROOT / "d2lmini" / "flipbook.css").read_text(encoding="utf-8"))
    copy_mathjax(static)
    readme = readme_facts()
    repo_url = public_url(os.environ.get("WDLAB_REPO_URL", "")) or repo_from_git()
    if not repo_url:
        print("site: note: no repository for the Binder / JupyterHub links (WDLAB_REPO_URL unset, no public git "
              "remote 'origin'): every page says they must be set", flush=True)
    branch = os.environ.get("WDLAB_REPO_BRANCH", "").strip() or "main"
    binder = os.environ.get("WDLAB_BINDER_URL", "").strip() or "https://mybinder.org"
    hub = os.environ.get("WDLAB_HUB_URL", "").strip()
    series, page_ctx, totals = [], {}, {"flipbooks": 0, "frames": 0, "answers": 0}
    frames_per_book = []
    for snap in snapshots:
        nb = nbformat.read(snap, as_version=4)
        facts = notebook_facts(snap, nb, readme["rows"])
        manifest = []
        if snap.stem in frames:
            fdir = frames[snap.stem]["dir"]
            full = json.loads((fdir / "manifest.json").read_text(encoding="utf-8"))
            # the notebook's JSON (base64 images inside) overestimates the page's HTML + images: frames get the rest
            budget = min(FRAME_BUDGET, int(0.95 * PAGE_LIMIT) - len(snap.read_bytes()))
            manifest = fit_page(full, fdir, budget)
            for e, shown in zip(full, manifest, strict=True):
                for f in shown["frames"]:
                    dst = static / "flipbooks" / snap.stem / f["src"]
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(fdir / f["src"], dst)
                sizes = " × ".join(str(len(c["values"])) for c in shown["controls"])
                grids = " × ".join(str(c["grid_size"]) for c in e["controls"])
                frames_per_book.append((f"{snap.stem} cell {e['cell']}", len(shown["frames"]),
                                        f"{sizes} values of a {grids} grid"))
        counts = stage_notebook(nb, facts, manifest, static / "flipbooks" / snap.stem,
                                f"_static/flipbooks/{snap.stem}")
        for k in totals:
            totals[k] += counts[k]
        nbformat.write(nb, src / snap.name)
        series.append(facts)
        page_ctx[snap.stem] = {"file": snap.name,
                               "links": repo_links(repo_url, branch, binder, hub, snap.name)}
        if facts["run_time_source"] != "notebook":
            print(f"site: note: {snap.name} has no '**Run time:** about N s' in its first cell; "
                  f"run time from {facts['run_time_source']}", flush=True)

    rows = ["| # | Notebook | What it teaches | Run time |", "|---|---|---|---|"]
    for f in series:
        rows.append(f"| {f['number']} | [{f['title']}]({f['file']}) | {f['teaches'].replace('|', '∣')} | "
                    f"{f['run_time']} |")
    rows.append("")
    rows.append("Run time: top to bottom in a fresh kernel on 2 idle CPU cores (as each notebook states it); a busy "
                "or older machine can take 3-4 times as long. No GPU is needed.")
    index = (src / "index.md").read_text(encoding="utf-8")
    for marker, text in [("<!-- WDLAB:INTRO -->", readme["intro"]), ("<!-- WDLAB:SERIES -->", "\n".join(rows)),
                         ("<!-- WDLAB:TOCTREE -->", "\n".join(f["stem"] for f in series))]:
        if marker not in index:
            raise SystemExit(f"site: site/index.md lost its marker {marker}")
        index = index.replace(marker, text)
    (src / "index.md").write_text(index, encoding="utf-8")
    (src / "_include").mkdir()
    notation = md_section((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), "Notation and spelling")
    if "| symbol |" not in notation:
        raise SystemExit("site: CONTRIBUTING.md's 'Notation and spelling' section has no '| symbol |' table")
    (src / "_include" / "notation.md").write_text(notation, encoding="utf-8")
    (src / "_site.json").write_text(json.dumps({
        "repo_url": repo_url, "branch": branch,
        "context": {"wdlab_notebooks": page_ctx, "wdlab_commands": readme["commands"],
                    "wdlab_repo_links": repo_links(repo_url, branch, binder, hub, None),
                    "wdlab_hub_url": hub, "wdlab_repo_url": repo_url, "wdlab_branch": branch},
    }, ensure_ascii=False, indent=1), encoding="utf-8")

    # 4. sphinx -W, then our own checks
    t_sphinx = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                           "-d", str(doctrees), str(src), str(out)], cwd=ROOT)
    if proc.returncode != 0:
        print("site: sphinx-build failed (warnings are errors)", file=sys.stderr)
        return proc.returncode
    t_sphinx = time.perf_counter() - t_sphinx
    problems = site_check.check(out)
    if problems:
        print("site: broken site:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1

    weights = site_check.page_weights(out)
    print("site: page sizes: own = HTML + images + every flipbook frame (limit 5 MB); shared = theme and MathJax "
          "files every page loads (cached after the first page)")
    for name, w in weights.items():
        flag = "  OVER 5 MB" if w["own"] > PAGE_LIMIT else ""
        print(f"  {name:36s} own {fmt_bytes(w['own']):>9s} (html {fmt_bytes(w['html'])}, images "
              f"{fmt_bytes(w['images'])}, {w['frame_count']} frames {fmt_bytes(w['frames'])}) + shared "
              f"{fmt_bytes(w['shared'])}{flag}")
    print("site: flipbooks:" + ("".join(f"\n  {name}: {n} frames ({how})" for name, n, how in frames_per_book)
                                or " none"))
    cached = sum(1 for f in frames.values() if f["cached"])
    elapsed = time.perf_counter() - t0
    print(f"site: {len(series)} notebooks, {totals['flipbooks']} flipbooks with {totals['frames']} frames, "
          f"{totals['answers']} worked solutions folded")
    print(f"site: frames {t_frames:.1f} s ({cached} of {len(frames)} notebooks from cache), sphinx "
          f"{t_sphinx:.1f} s")
    print(f"site: size {fmt_bytes(site_check.site_size(out))} in {out}")
    print(f"site: built in {elapsed:.1f} s")
    over = [n for n, w in weights.items() if w["own"] > PAGE_LIMIT]
    if over:
        print(f"site: pages over 5 MB: {over}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
