#!/usr/bin/env bash
# Set up (if needed) and run every check: lint, unit tests, notebook hygiene, reproducibility,
# misuse, browser tests (skipped with a reason if Chromium is missing, unless
# WDLAB_REQUIRE_BROWSER=1), and nbval over all notebooks three times (the last with 1 thread).
# After setup, every test runs OFFLINE (scripts/offline.sh: a network namespace with loopback
# only) where this machine allows it; WDLAB_REQUIRE_OFFLINE=1 (set by CI) makes that mandatory.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export MPLCONFIGDIR="$scratch/mpl" IPYTHONDIR="$scratch/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1

offline=()
if why="$(bash scripts/offline.sh true 2>&1)"; then
  offline=(bash scripts/offline.sh)
  echo "== tests run offline: network namespace with loopback only"
elif [ "${WDLAB_REQUIRE_OFFLINE:-}" = 1 ]; then
  echo "test.sh: WDLAB_REQUIRE_OFFLINE=1 but no network namespace can be made here: $why" >&2
  exit 1
else
  echo "== tests run WITH network: cannot make a network namespace here (${why##*$'\n'})"
fi

run_pytest() {  # pytest exits 5 when it collected nothing: that is a failure here
  local rc=0
  "${offline[@]}" python -m pytest -p no:cacheprovider "$@" || rc=$?
  if [ "$rc" = 5 ]; then echo "test.sh: pytest collected no tests for: $*" >&2; exit 1; fi
  [ "$rc" = 0 ] || exit "$rc"
}

echo "== ruff"
ruff check d2lmini tests notebooks bench scripts
echo "== unit, hygiene, reproducibility, misuse and browser tests"
run_pytest -q -rs tests
for run in 1 2 3; do
  threads=2; [ "$run" = 3 ] && threads=1
  echo "== nbval run $run of 3 (OMP_NUM_THREADS=$threads)"
  OMP_NUM_THREADS=$threads run_pytest -q --nbval notebooks
done
echo "test.sh: all checks passed"
