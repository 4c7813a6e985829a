"""Sphinx configuration of the Weight Decay Lab website.

Do not run Sphinx on this folder directly: ``bash scripts/site.sh`` stages it, together with copies of the
notebooks (flipbooks in place of the sliders, solutions collapsed), the MathJax files and a generated home
page, into ``build/site_src/`` and builds that. ``_site.json`` there carries what the build computed
(series table, repository links); see ``scripts/site_build.py``.
"""

import json
from pathlib import Path

SITE = json.loads((Path(__file__).parent / "_site.json").read_text(encoding="utf-8"))

project = "Weight Decay Lab"
author = "Weight Decay Lab contributors"
copyright = "the Weight Decay Lab contributors"
html_title = "Weight Decay Lab"

extensions = ["myst_nb"]
exclude_patterns = ["_include", "_build", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["wdlab.css"]
html_js_files = ["flipbook.js"]

# Notebooks are rendered from their stored outputs: the site never runs a kernel (the flipbook frames are
# made by scripts/site_frames.py before Sphinx starts).
nb_execution_mode = "off"
nb_ipywidgets_js = {}            # no require.js / widget manager from a CDN (the sliders are flipbooks here)
nb_code_prompt_show = "Show the worked solution"   # only the exercises' answer cells are hidden (hide-input)
nb_code_prompt_hide = "Hide the worked solution"
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3
# A notebook's heading levels are its authors' call (e.g. a "###" box right under the "#" title): a skipped level
# renders fine, so it is not treated as an error. Every other warning is (site.sh runs sphinx-build -W).
suppress_warnings = ["myst.header"]

# MathJax 3 served from the site itself (copied from the sphinx-mathjax-offline wheel into _static/mathjax).
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {"options": {}}

html_theme = "sphinx_book_theme"
html_context = {"default_mode": "light", **SITE["context"]}
html_theme_options = {
    # no repository configured (scripts/site_build.py): no repository button; the run box says the links are unset
    **({"repository_url": SITE["repo_url"], "repository_branch": SITE["branch"]} if SITE["repo_url"] else {}),
    "use_repository_button": bool(SITE["repo_url"]),
    "use_download_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
}
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
