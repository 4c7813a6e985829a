#!/usr/bin/env bash
# Set up (if needed) and open the lab in JupyterLab on this machine only (127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
exec .venv/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks "${extra[@]}" "$@"
