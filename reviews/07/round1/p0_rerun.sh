#!/bin/bash
# Probe 0: the single full re-run of the notebook (on a copy in /tmp), timed. Executed ONCE for this review;
# p0_rerun_compare.py then compares its outputs with the stored ones. Output: p0_rerun.out
mkdir -p /tmp/rev07/run && cp /work/main/notebooks/07_choosing_lambda_double_descent.ipynb /tmp/rev07/run/nb07.ipynb
cd /tmp/rev07/run && export IPYTHONDIR=/tmp/rev07/ipy MPLCONFIGDIR=/tmp/rev07/mpl OMP_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute --output nb07_rerun.ipynb \
  --ExecutePreprocessor.timeout=1800 --ExecutePreprocessor.record_timing=True nb07.ipynb
echo "wall $(echo "$(date +%s.%N) - $start" | bc) s; load average after: $(cat /proc/loadavg)"
