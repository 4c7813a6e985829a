#!/bin/bash
# Probe 0: the single full re-run of the notebook (on a copy, one thread), timed, and a comparison of its text outputs
# with the stored ones. (Run once for this review; p0_rerun.out holds that run's timing and the comparison.)
if [ "$1" != "--compare-only" ]; then
  cp /work/main/notebooks/04_constrained_vs_penalized.ipynb /tmp/nb04_copy.ipynb
  OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/time -v /work/main/.venv/bin/jupyter nbconvert --to notebook --execute \
    /tmp/nb04_copy.ipynb --output /tmp/nb04_executed.ipynb --ExecutePreprocessor.timeout=600 > /tmp/nb04_run.log 2>&1
fi
grep -E "Elapsed|User time|System time|Percent of CPU|Exit status" /tmp/nb04_run.log
/work/main/.venv/bin/python - <<'PY'
import json
a = json.load(open('/work/main/notebooks/04_constrained_vs_penalized.ipynb')); b = json.load(open('/tmp/nb04_executed.ipynb'))
def text(c):
    r = []
    for o in c.get('outputs', []):
        if o['output_type'] == 'stream': r.append(''.join(o['text']))
        elif 'data' in o and 'text/plain' in o['data']: r.append(''.join(o['data']['text/plain']))
        elif o['output_type'] == 'error': r.append('ERROR ' + o['ename'])
    return ''.join(r)
diff = [i for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x['cell_type'] == 'code' and text(x) != text(y)]
print("code cells:", sum(c['cell_type'] == 'code' for c in a['cells']), " cells whose text output differs (streams joined):", diff)
PY
