#!/bin/bash
# Probe 0: the single permitted re-run of the whole notebook (on a copy), timed; then p0_compare.py diffs every text output.
cd "$(dirname "$0")" && cp /work/main/notebooks/07_choosing_lambda_double_descent.ipynb nb07_copy.ipynb
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MPLBACKEND=Agg nice -n 5 /usr/bin/time -v /work/main/.venv/bin/jupyter nbconvert --to notebook \
  --execute --ExecutePreprocessor.timeout=1800 --output rerun_nb07.ipynb nb07_copy.ipynb > p0_rerun.out 2>&1
