#!/bin/bash
# Re-run a COPY of the notebook once (one thread), timing it.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
cp /work/main/notebooks/05_weight_decay_real_data.ipynb nb_copy.ipynb
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute nb_copy.ipynb --output nb_rerun.ipynb --ExecutePreprocessor.timeout=600 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall seconds: $(echo "$end - $start" | bc)"
