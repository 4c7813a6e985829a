#!/bin/bash
# Re-run the whole notebook once (a copy), time it, and diff printed outputs against the stored ones.
cd /work/main/reviews/02/round3
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute nb02_copy.ipynb --output nb02_rerun.ipynb --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 2>&1 | tail -3
end=$(date +%s.%N)
echo "wall time of the full run (nbconvert, incl. kernel start): $(echo "$end - $start" | bc) s; load avg: $(cat /proc/loadavg)"
/work/main/.venv/bin/python - <<'PY'
import json
a=json.load(open('nb02_copy.ipynb'))['cells']; b=json.load(open('nb02_rerun.ipynb'))['cells']
def txt(c): return ''.join(''.join(o.get('text','')) for o in c.get('outputs',[]))
n=0
for i,(x,y) in enumerate(zip(a,b)):
    if x['cell_type']=='code' and txt(x)!=txt(y):
        n+=1; print(f"--- cell {i} differs\nSTORED:\n{txt(x)}\nRERUN:\n{txt(y)}")
print("cells with different printed output:", n)
PY
