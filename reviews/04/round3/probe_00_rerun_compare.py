"""Compare the re-executed copy (/tmp/nb04_executed.ipynb, from run_notebook.sh) with the stored outputs; per-cell time."""
import json
from datetime import datetime
a = json.load(open('/work/main/notebooks/04_constrained_vs_penalized.ipynb'))
b = json.load(open('/tmp/nb04_executed.ipynb'))
tot = 0.0
def txt(c):
    return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if o.get('output_type') == 'stream')
for i, (ca, cb) in enumerate(zip(a['cells'], b['cells'])):
    if ca['cell_type'] != 'code':
        continue
    m = cb.get('metadata', {}).get('execution', {})
    t = 0.0
    if 'iopub.execute_input' in m and 'shell.execute_reply' in m:
        f = lambda s: datetime.fromisoformat(s.replace('Z', '+00:00'))
        t = (f(m['shell.execute_reply']) - f(m['iopub.execute_input'])).total_seconds()
    tot += t
    same = txt(ca) == txt(cb)
    print(f"cell {i:2d}: {t:6.2f} s  stream output identical to stored: {same}")
    if not same:
        for la, lb in zip(txt(ca).splitlines(), txt(cb).splitlines()):
            if la != lb:
                print('   stored:', la); print('   rerun :', lb)
print(f"sum of cell execution times: {tot:.1f} s (machine load was not idle: see run_notebook.out)")
