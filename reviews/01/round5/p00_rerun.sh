#!/bin/bash
# Re-run the notebook once, on a copy, one thread; record wall time.
cd "$(dirname "$0")/work"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/python -m jupyter nbconvert --to notebook --execute 01_bias_variance.ipynb --output rerun.ipynb --ExecutePreprocessor.timeout=600 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall seconds: $(echo "$end - $start" | bc)"
