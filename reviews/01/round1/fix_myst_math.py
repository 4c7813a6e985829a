"""Fixer's probe: parse every markdown cell with MyST's own parser (myst_parser, dollarmath as in site/conf.py) and
flag raw TeX left in the text, and math runs that swallowed prose (more than three words of 4+ letters outside
\\text{...}). No site build needed. Run from the repository root:
.venv/bin/python reviews/01/round1/fix_myst_math.py notebooks/*.ipynb"""
import json
import re
import sys

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

md = create_md_parser(MdParserConfig(enable_extensions={"dollarmath", "colon_fence"}), RendererHTML)


def walk(tokens):
    for t in tokens:
        yield t
        if t.children:
            yield from walk(t.children)


flags = 0
for path in sys.argv[1:]:
    for i, cell in enumerate(json.load(open(path))["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for t in walk(md.parse("".join(cell["source"]))):
            if t.type == "text" and re.search(r"\$|\\(frac|lambda|mathbf|operatorname|mathrm|tfrac|lVert)", t.content):
                print(f"{path} cell {i}: raw TeX in text: {t.content[:80]!r}")
                flags += 1
            words = re.findall(r"[A-Za-z]{4,}", re.sub(r"\\[A-Za-z]+", "", re.sub(
                r"\\(text|operatorname|mathrm)\{[^}]*\}", "", t.content)))
            if t.type.startswith("math") and len(words) > 3:
                print(f"{path} cell {i}: prose inside math ({t.type}): {t.content[:80]!r}")
                flags += 1
print("flags:", flags)
