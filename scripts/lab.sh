#!/usr/bin/env bash
# Set up (if needed: the learner install, scripts/setup.sh) and open the lab in JupyterLab on this machine only
# (127.0.0.1). Options go to JupyterLab, e.g. --port 8890 --no-browser (on a remote server, reach it through an SSH
# tunnel: README, "A class on one server").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
exec .venv/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks "${extra[@]}" "$@"
