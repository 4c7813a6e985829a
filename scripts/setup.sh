#!/usr/bin/env bash
# Create .venv (Python 3.11) and install the pinned requirements. Safe to re-run:
# it reinstalls only when requirements.txt or pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3; do command -v "$cand" >/dev/null 2>&1 && PY="$cand" && break; done
fi
[ -n "$PY" ] || { echo "setup: Python 3.11 not found (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
  || echo "setup: warning: $("$PY" --version 2>&1) found; the pins were made for Python 3.11" >&2
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.installed-requirements
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned packages into .venv (first time: a few minutes)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
