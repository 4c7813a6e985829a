#!/bin/bash
# Re-run the whole notebook once (copy, one thread) and time it; compare stored vs fresh stream outputs.
set -e
mkdir -p /tmp/r2run && cp /work/main/notebooks/01_bias_variance.ipynb /tmp/r2run/nb01.ipynb
cd /tmp/r2run
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
start=$(date +%s.%N)
/work/main/.venv/bin/jupyter nbconvert --to notebook --execute nb01.ipynb --output nb01_out.ipynb --ExecutePreprocessor.timeout=900 2>&1 | tail -2
end=$(date +%s.%N)
echo "wall time of nbconvert execute (incl. kernel start): $(echo "$end - $start" | bc) s"
/work/main/.venv/bin/python - <<'PY'
import json
a=json.load(open('/work/main/notebooks/01_bias_variance.ipynb')); b=json.load(open('/tmp/r2run/nb01_out.ipynb'))
def txt(c): return ''.join(''.join(o.get('text','')) for o in c.get('outputs',[]) if o['output_type']=='stream')
nd=0
for i,(x,y) in enumerate(zip(a['cells'],b['cells'])):
    if x['cell_type']=='code' and txt(x)!=txt(y):
        nd+=1; print('cell',i,'stream output differs:'); print(' stored:',txt(x)[:600]); print(' fresh :',txt(y)[:600])
print('cells with differing stream output:',nd)
PY
