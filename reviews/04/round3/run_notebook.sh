#!/bin/bash
# Re-run a copy of notebook 04 once (one thread), time it, and save the executed copy outside the project tree.
cd /work/main/notebooks
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
cp 04_constrained_vs_penalized.ipynb /tmp/nb04_copy.ipynb
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute /tmp/nb04_copy.ipynb --output /tmp/nb04_executed.ipynb --ExecutePreprocessor.timeout=600 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall seconds: $(echo "$end - $start" | bc)"
uptime
