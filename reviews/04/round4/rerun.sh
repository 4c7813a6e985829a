#!/bin/bash
# Re-run a COPY of the notebook once, timed (2 cores, one thread via OMP).
cd /work/main
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONPATH=/work/main
cp notebooks/04_constrained_vs_penalized.ipynb /tmp/rv04/nb.ipynb
/usr/bin/time -v .venv/bin/jupyter nbconvert --to notebook --execute /tmp/rv04/nb.ipynb --output /tmp/rv04/nb_run.ipynb --ExecutePreprocessor.timeout=600 2>&1 | grep -E "Elapsed|Writing|Error|error" 
