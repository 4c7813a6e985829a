#!/bin/bash
# Probe 0: re-execute notebook 03 once on a copy (one thread) and compare every text output with the stored one.
# Usage: bash p0_rerun.sh [--compare-only]   (the review ran the execution once; the .out holds that run's timing)
set -e
mkdir -p /tmp/r03 && cp /work/main/notebooks/03_weight_decay_concise.ipynb /tmp/r03/nb03.ipynb
if [ "$1" != "--compare-only" ]; then
  cd /work/main && time OMP_NUM_THREADS=1 .venv/bin/jupyter nbconvert --to notebook --execute /tmp/r03/nb03.ipynb \
      --output /tmp/r03/nb03_rerun.ipynb --ExecutePreprocessor.timeout=600
fi
/work/main/.venv/bin/python - <<'PY'
import json
a = json.load(open('/tmp/r03/nb03.ipynb')); b = json.load(open('/tmp/r03/nb03_rerun.ipynb'))
txt = lambda c: ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []))
diff = [i for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x['cell_type'] == 'code' and txt(x) != txt(y)]
n = sum(c['cell_type'] == 'code' for c in a['cells'])
print(f"{n} code cells; cells whose printed text differs from the stored outputs: {diff or 'none'}")
PY
