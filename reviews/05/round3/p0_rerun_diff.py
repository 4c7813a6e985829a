"""Compare the stored outputs of notebook 05 with one re-run (executed copy in /tmp/r3/nb05_exec.ipynb,
run with OMP_NUM_THREADS=1 via `jupyter nbconvert --execute`, timed with /usr/bin/time)."""
import json, difflib
a = json.load(open('/work/main/notebooks/05_weight_decay_real_data.ipynb'))
b = json.load(open('/tmp/r3/nb05_exec.ipynb'))
def txt(c):
    return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if o.get('output_type') == 'stream')
n = 0
for i, (x, z) in enumerate(zip(a['cells'], b['cells'])):
    if x['cell_type'] != 'code': continue
    if txt(x) != txt(z):
        n += 1
        print(f"--- cell {i} differs")
        for l in difflib.unified_diff(txt(x).splitlines(), txt(z).splitlines(), lineterm='', n=0): print(l)
print(f"{n} code cells with different text output")
