#!/bin/bash
# Probe 0: the single full re-run (on a copy), timed, and a diff of its text outputs against the stored ones.
cp /work/main/notebooks/02_l2_penalty_from_scratch.ipynb /tmp/r4_02_copy.ipynb
cd /tmp && OMP_NUM_THREADS=1 /usr/bin/time -v /work/main/.venv/bin/jupyter nbconvert --to notebook --execute \
  /tmp/r4_02_copy.ipynb --output /tmp/r4_02_rerun.ipynb --ExecutePreprocessor.timeout=600 > /tmp/r4_02_rerun.log 2>&1
grep -E "Elapsed|User time|System time|Percent of CPU" /tmp/r4_02_rerun.log
/work/main/.venv/bin/python /work/main/reviews/02/round4/p0_rerun_diff.py
