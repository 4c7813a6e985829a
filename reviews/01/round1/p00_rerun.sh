#!/bin/bash
# Re-execute a COPY of the notebook once (one thread), time it, and compare every code cell's text output with the
# stored one. Run from anywhere; works in /tmp/rev01.
set -e
mkdir -p /tmp/rev01 && cp /work/main/notebooks/01_bias_variance.ipynb /tmp/rev01/nb.ipynb && cd /tmp/rev01
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
/usr/bin/time -f "wall %e s, user %U s, sys %S s, CPU %P" /work/main/.venv/bin/jupyter nbconvert --to notebook \
  --execute nb.ipynb --output executed.ipynb --ExecutePreprocessor.timeout=600 2>&1 | grep -E "wall|Writing"
/work/main/.venv/bin/python - <<'PY'
import json
a = json.load(open('nb.ipynb')); b = json.load(open('executed.ipynb'))
txt = lambda c: ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []))
d = [i for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x['cell_type'] == 'code' and txt(x) != txt(y)]
print('code cells whose text output differs from the stored one:', d or 'none')
PY
