#!/usr/bin/env bash
# Set up (if needed) and run every check: lint, unit and check tests, notebook hygiene, out-of-order (each cell
# twice, one thread, Agg backend, against the stored outputs; then the slider rebind check in the same kernel),
# offline, student edition (built and autograded with nbgrader), site and browser tests (skipped with a reason if
# Chromium is missing, unless WDLAB_REQUIRE_BROWSER=1), and nbval over a fresh, shuffled copy of all notebooks.
# After setup, every test runs OFFLINE (scripts/offline.sh: a network namespace with loopback only) where this
# machine allows it; WDLAB_REQUIRE_OFFLINE=1 (set by CI) makes that mandatory.
#
# Measured with seven notebooks on this machine's 2 CPU cores (2026-12-03, nothing else running; one pass over all
# seven in fresh kernels: ~245 s):
#   before the last restructure: pytest 1372 s (the slowest: student edition build + autograde of 3 submissions per
#     notebook and 12 on the fixture 284 s, site build with slider frames 240 s + every page in Chromium 219 s,
#     out-of-order 06 170 s / 07 78 s / 05 73 s, browser 73-101 s per notebook, answer data rebuilt 108 s), nbval in
#     place 133 s, nbval fresh shuffled copy 136 s; total 1657 s (27.6 min)
#   after it (nbval in place dropped): pytest 1110 s, nbval 116 s, total 1237 s (20.6 min) with the site's slider
#     frames cached in build/site_cache/ by the run before (uncached they took 240 s: ~24 min)
#   now (fresh clone, idle, 2026-12-03 night; the every-cell-twice kernels write the site's frames, and the test
#     files are scheduled by tests/conftest.py: under pytest 9.2 xdist's loadgroup had silently split every file,
#     building the student edition on both workers): first-time install 193 s, pytest 981 s (student edition build +
#     autograde 281 s, site pages in Chromium 238 s, out-of-order 06 116 s, browser 06 94 s, answer data 65 s),
#     nbval 135 s; total 1318 s (22.0 min), of which the tests 1125 s (18.8 min: every later run; setup 0.3 s)
# Restructured for seven notebooks without dropping a check: nbval's 1-thread Agg run became the every-cell-twice
# kernel's environment (that run already compared every first output with the stored one), the slider rebind check
# runs in that same kernel instead of its own top-to-bottom run, and nbval's in-place run went (the fresh shuffled
# copy checks all it checked). Each notebook's lessons now run 3 times (nbval, the every-cell-twice run, the site's
# slider frames), its exercise section 2 more (autograde, instructor and student editions). Dropped earlier as
# redundant: test_reproducible's own 1- and 2-thread runs.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/setup.sh --dev
export PATH="$PWD/.venv/bin:$PATH"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export MPLCONFIGDIR="$scratch/mpl" IPYTHONDIR="$scratch/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1

offline=()
if why="$(bash scripts/offline.sh true 2>&1)"; then
  offline=(bash "$PWD/scripts/offline.sh")
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
stage() { echo "== $* (at $((SECONDS - start)) s)"; }

stage "ruff"
ruff check d2lmini tests notebooks bench scripts grading
stage "unit, checks, hygiene, out-of-order, offline, student edition, site and browser tests"
# Two workers; a test file stays on one (module fixtures: the site, the student edition, the browser), the
# every-cell-twice run shares its worker with the site, which comes after it and finds the slider frames that run
# wrote, and the longest units go out first (tests/conftest.py: its scheduler; tests/test_scheduling.py checks it).
run_pytest -q -rs -n 2 --dist loadfile --durations=12 tests

# nbval: each notebook in a fresh kernel, every text output compared with the stored one, as a fresh copy in an empty
# folder, in a shuffled order (fixed seed; override with WDLAB_ORDER_SEED; each of the 2 workers takes its files in
# that order; --dist loadfile keeps one notebook's cells in one kernel): a notebook that relies on a file another one
# wrote, or on having run after it, fails here. With the every-cell-twice run in the pytest stage (1 thread, Agg) every
# notebook is compared with its stored outputs twice, on 1 and on 2 threads. (Until 2026-12-03 nbval also ran in place
# first: the fresh shuffled copy checks everything that run did, so with seven notebooks it went, for the time budget.)
stage "nbval: fresh copy, shuffled order, OMP_NUM_THREADS=2"
mkdir "$scratch/run2"
cp notebooks/*.ipynb "$scratch/run2/"
mapfile -t order < <(python -c '
import glob, os, random, sys
names = sorted(os.path.basename(p) for p in glob.glob("notebooks/*.ipynb"))
random.Random(int(sys.argv[1])).shuffle(names)
print("\n".join(names))' "${WDLAB_ORDER_SEED:-20261124}")
echo "order: ${order[*]}"
(cd "$scratch/run2" && OMP_NUM_THREADS=2 run_pytest -q -n 2 --dist loadfile --rootdir . --nbval "${order[@]}")
stage "test.sh: all checks passed"
