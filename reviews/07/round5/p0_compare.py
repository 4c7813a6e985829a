"""Compare the stored text outputs of the notebook with those of one re-run (nb07_rerun.ipynb, made by p0_rerun.sh)."""
import json
a = json.load(open('/work/main/notebooks/07_choosing_lambda_double_descent.ipynb'))['cells']
b = json.load(open('nb07_rerun.ipynb'))['cells']
def txt(c): return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if o.get('output_type') == 'stream')
nd = 0
for i, (ca, cb) in enumerate(zip(a, b)):
    if ca['cell_type'] == 'code' and txt(ca) != txt(cb):
        nd += 1; print(f'cell {i} differs'); 
        for la, lb in zip(txt(ca).splitlines(), txt(cb).splitlines()):
            if la != lb: print('  stored:', la[:200]); print('  rerun :', lb[:200])
    for o in cb.get('outputs', []):
        if o.get('output_type') == 'error' or (o.get('name') == 'stderr'): print(f'cell {i}: error/stderr output:', str(o)[:300])
print(f'{nd} code cells with different text output; {len(a)} vs {len(b)} cells')
