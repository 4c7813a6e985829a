#!/bin/bash
# Re-run the notebook once (on a copy), time it, and diff the stored outputs against the fresh ones.
set -e
cd "$(dirname "$0")"
mkdir -p /tmp/r4_01 && cp /work/main/notebooks/01_bias_variance.ipynb /tmp/r4_01/nb.ipynb
cd /work/main/notebooks   # so relative paths behave like in the project
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute /tmp/r4_01/nb.ipynb --output /tmp/r4_01/executed.ipynb \
    --ExecutePreprocessor.timeout=600 >/tmp/r4_01/log 2>&1
end=$(date +%s.%N)
echo "wall time of the full run (nbconvert incl. kernel start): $(echo "$end - $start" | bc) s"
/work/main/.venv/bin/python - <<'PY'
import json
a = json.load(open('/work/main/notebooks/01_bias_variance.ipynb'))['cells']
b = json.load(open('/tmp/r4_01/executed.ipynb'))['cells']
def txt(c):
    return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if 'text' in o)
nd = 0
for i, (x, y) in enumerate(zip(a, b)):
    if x['cell_type'] == 'code' and txt(x) != txt(y):
        nd += 1
        print(f'--- cell {i} differs\nSTORED:\n{txt(x)}\nFRESH:\n{txt(y)}')
print(f'{nd} code cells with differing text output')
PY
