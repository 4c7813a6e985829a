#!/bin/bash
# one full re-run of a COPY of the notebook, timed (kernel start to end), one thread
cd /work/main/reviews/03/round5
cp /work/main/notebooks/03_weight_decay_concise.ipynb nb03_copy.ipynb
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
start=$(date +%s.%N)
timeout 900 /work/main/.venv/bin/python -m jupyter nbconvert --to notebook --execute --output nb03_rerun.ipynb nb03_copy.ipynb --ExecutePreprocessor.timeout=600 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall time: $(echo "$end - $start" | bc) s"
