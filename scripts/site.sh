#!/usr/bin/env bash
# Build the static website of the series into build/site/ (open build/site/index.html, or serve the folder).
# Text and figures come from the notebooks' stored outputs; each slider becomes a flipbook whose frames are
# drawn by the notebook's own update code in a kernel (cached in build/site_cache/ by content hash).
# Warnings are errors. Options: --out DIR, --no-cache, --jobs N. Environment: WDLAB_REPO_URL,
# WDLAB_REPO_BRANCH, WDLAB_BINDER_URL, WDLAB_HUB_URL (links in the "run this notebook" box; see
# scripts/site_build.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev   # Sphinx, myst-nb and the theme are developer packages
export PATH="$PWD/.venv/bin:$PATH"
scratch="$(mktemp -d)"
ticker=""
trap '[ -n "$ticker" ] && kill "$ticker" 2>/dev/null; rm -rf "$scratch"' EXIT
export MPLCONFIGDIR="${MPLCONFIGDIR:-$scratch/mpl}" IPYTHONDIR="${IPYTHONDIR:-$scratch/ipython}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
echo "site: building the website from the notebooks' stored outputs. First the slider frames: each slider is drawn"
echo "site: once per value by its notebook's code in a kernel, two notebooks at a time (a minute or two the first"
echo "site: time, cached in build/site_cache/ afterwards); then Sphinx and the offline checks."
( t0=$SECONDS; while sleep 20; do echo "site: ... still building ($((SECONDS - t0)) s)"; done ) &
ticker=$!
python scripts/site_build.py "$@"
