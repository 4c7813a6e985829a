r"""Check a built site: internal links, images and offline-ness; and measure each page's weight.

Usage: python scripts/site_check.py build/site      (exit 1 and one line per problem if any)

Problems reported: an internal link (``a``/``link`` href, ``script``/``img``/``source``/``iframe`` src, a
flipbook frame) to a file that is not in the site, a ``#fragment`` that names no id on its target page, a
script, stylesheet, image or frame loaded from the network (``http(s)://`` or ``//host``), and the same for
``url(...)`` in the site's CSS files; and garbled math (``math_problems``): TeX left in the prose (a ``$`` or a
``\command`` outside math, code and scripts), or a math element that swallowed a sentence (more than
``MATH_LETTERS`` letters once the ``\commands`` are removed). MyST parses ``$`` more strictly than JupyterLab:
a ``$$...$$,`` inside a paragraph renders as one of the two. Page weight = the HTML plus every distinct local
file it loads (scripts, stylesheets, images) plus all its flipbook frames.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

MATH_LETTERS = 60                                      # a formula has fewer letters; a swallowed sentence more
TEX_IN_PROSE = re.compile(r"\$|\\[A-Za-z]{2,}")
TEX_COMMAND = re.compile(r"\\[A-Za-z]+")
SKIPPED = {"pre", "code", "script", "style", "kbd", "samp", "textarea", "mjx-container", "svg"}
LOADED = {("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"), ("link", "href")}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)   # (tag, attr, url)
    frames: list[str] = field(default_factory=list)
    flipbooks: int = 0


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag in {"a", "span", "div", "section", "dt", "p"} else ("id",):
            if a.get(key):
                self.page.ids.add(a[key])
        if a.get("id"):
            self.page.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.page.links.append(("a", "href", a["href"]))
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if "stylesheet" in rel or "preload" in rel or "icon" in rel or "modulepreload" in rel:
                self.page.links.append(("link", "href", a["href"]))
            else:
                self.page.links.append(("a", "href", a["href"]))   # index/search/next: navigation links
        elif (tag, "src") in LOADED and a.get("src"):
            self.page.links.append((tag, "src", a["src"]))
        if tag == "figure" and "wdlab-flipbook" in (a.get("class") or "").split() and a.get("data-flipbook"):
            self.page.flipbooks += 1
            data = json.loads(a["data-flipbook"])
            self.page.frames += [f["src"] for f in data["frames"]]


class _MathParser(HTMLParser):
    """Collect prose text (outside math, code and scripts) and the text of every math element."""

    VOID = {"br", "img", "hr", "meta", "link", "input", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []   # (tag, role): role "math", "skip" or ""
        self.prose: list[str] = []
        self.math: list[str] = []

    def _role(self) -> str:
        roles = {role for _, role in self.stack}
        return "skip" if "skip" in roles else "math" if "math" in roles else ""

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        outer = self._role()
        role = "skip" if tag in SKIPPED else "math" if "math" in classes else ""
        if role == "math" and outer == "":
            self.math.append("")
        self.stack.append((tag, role))

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):   # tolerate unclosed tags: pop up to the match
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data):
        role = self._role()
        if role == "math" and self.math:
            self.math[-1] += data
        elif role == "":
            self.prose.append(data)


def math_problems(html_text: str, where: str = "") -> list[str]:
    """Garbled math on one page: TeX in the prose, or a math element holding a sentence."""
    parser = _MathParser()
    parser.feed(html_text)
    problems = []
    prose = " ".join(parser.prose)
    last = -1000
    for m in TEX_IN_PROSE.finditer(prose):
        if m.start() - last < 200:                   # one report per garbled passage
            continue
        last = m.start()
        context = " ".join(prose[max(0, m.start() - 40):m.end() + 60].split())
        problems.append(f"{where}: TeX outside math: ...{context}...")
    for formula in parser.math:
        letters = sum(ch.isalpha() for ch in TEX_COMMAND.sub("", formula))
        if letters > MATH_LETTERS:
            problems.append(f"{where}: a math element holds {letters} letters (a sentence?): "
                            f"{' '.join(formula.split())[:120]}")
    return problems


def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} or url.startswith("//")


def _target(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The local file ``url`` (relative to ``page``) points at, and its fragment; ``None`` for non-file URLs."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None, ""
    if not parts.path:
        return page, parts.fragment
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def html_pages(site: Path) -> list[Path]:
    """The site's pages: every .html file except the theme's template fragments under _static/."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def check(site: Path) -> list[str]:
    """Every problem found in the built site at ``site`` (empty list: all good)."""
    site = site.resolve()
    problems: list[str] = []
    pages = {p.resolve(): parse(p) for p in html_pages(site)}
    if not pages:
        return [f"{site}: no HTML pages"]
    for path, page in pages.items():
        rel = path.relative_to(site)
        for tag, attr, url in page.links + [("frame", "src", f) for f in page.frames]:
            if url.startswith(("mailto:", "javascript:", "data:", "tel:")):
                continue
            if _external(url):
                if tag != "a":
                    problems.append(f"{rel}: <{tag} {attr}> loads {url} from the network")
                continue
            target, fragment = _target(site, path, url)
            if target is None:
                continue
            if site not in target.parents and target != site:
                problems.append(f"{rel}: <{tag} {attr}={url}> points outside the site")
            elif not target.is_file():
                problems.append(f"{rel}: <{tag} {attr}={url}> is missing ({target.relative_to(site)})")
            elif fragment and target.suffix == ".html" and target in pages and fragment not in pages[target].ids:
                problems.append(f"{rel}: <{tag} {attr}={url}>: no id {fragment!r} on that page")
    for path in pages:
        problems += math_problems(path.read_text(encoding="utf-8"), str(path.relative_to(site)))
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text):
            url = url.strip()
            if url.startswith(("data:", "#")):
                continue
            if _external(url):
                problems.append(f"{css.relative_to(site)}: url({url}) loads from the network")
                continue
            target = (css.parent / unquote(urlsplit(url).path)).resolve()
            if not target.is_file():
                problems.append(f"{css.relative_to(site)}: url({url}) is missing")
    return problems


def page_weights(site: Path) -> dict[str, dict]:
    """Per page: ``own`` = its HTML + images + flipbook frames; ``shared`` = the scripts and styles it loads
    (theme, search index, MathJax: the same files for every page, cached after the first); ``total`` = both."""
    site = site.resolve()
    out = {}
    for path in html_pages(site):
        page = parse(path)
        files, shared = set(), set()
        for tag, _attr, url in page.links:
            if tag == "a":
                continue
            target, _ = _target(site, path, url)
            if target is not None and target.is_file():
                files.add(target)
                if tag in {"script", "link"}:   # theme, search index, MathJax: the same for many pages
                    shared.add(target)
        frame_files = set()
        for url in page.frames:
            target, _ = _target(site, path, url)
            if target is not None and target.is_file():
                frame_files.add(target)
        html = path.stat().st_size
        images = sum(f.stat().st_size for f in files - shared)
        frames = sum(f.stat().st_size for f in frame_files - files)
        shared_bytes = sum(f.stat().st_size for f in shared)
        out[str(path.relative_to(site))] = dict(
            html=html, images=images, frames=frames, own=html + images + frames, shared=shared_bytes,
            total=html + images + frames + shared_bytes, flipbooks=page.flipbooks, frame_count=len(page.frames))
    return out


def site_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "build/site")
    problems = check(site)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
