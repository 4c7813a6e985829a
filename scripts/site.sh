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
trap 'rm -rf "$scratch"' EXIT
export MPLCONFIGDIR="${MPLCONFIGDIR:-$scratch/mpl}" IPYTHONDIR="${IPYTHONDIR:-$scratch/ipython}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
python scripts/site_build.py "$@"
