#!/bin/bash
# re-run the notebook copy once, timed, one thread
cd /work/main/reviews/07/round4
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
export PYTHONPATH=/work/main
/usr/bin/time -v /work/main/.venv/bin/python -m jupyter nbconvert --to notebook --execute nb07_copy.ipynb --output nb07_rerun.ipynb --ExecutePreprocessor.timeout=600 2>&1 | grep -E "Elapsed|Maximum resident|Error|error" 
