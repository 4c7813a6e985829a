#!/bin/bash
# Re-run a copy of the notebook once, single thread, and time it.
cd /work/main/reviews/07/round5
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute nb07_copy.ipynb --output nb07_rerun.ipynb --ExecutePreprocessor.timeout=1200 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall time: $(echo "$end - $start" | bc) s"
