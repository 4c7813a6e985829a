#!/bin/bash
# Re-run the notebook copy once, timed, one thread.
cd /work/main/reviews/03/round4
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/python -m jupyter nbconvert --to notebook --execute nb03_copy.ipynb --output nb03_rerun.ipynb --ExecutePreprocessor.timeout=600 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall seconds: $(echo "$end - $start" | bc)"
