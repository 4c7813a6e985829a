#!/bin/bash
# Re-run the notebook once, on a copy, single thread; report wall time.
cd /tmp/r5copy
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
   --output rerun.ipynb 04_constrained_vs_penalized.ipynb 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall: $(echo "$end - $start" | bc) s (includes kernel start)"
