"""Compare text outputs of the stored notebook with the re-run copy (nb07_rerun.ipynb from run_notebook.py)."""
import json, difflib
a = json.load(open('/work/main/notebooks/07_choosing_lambda_double_descent.ipynb')); b = json.load(open('nb07_rerun.ipynb'))
def txt(c): return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if 'text' in o)
nd = 0
for i, (x, y) in enumerate(zip(a['cells'], b['cells'])):
    if x['cell_type'] != 'code': continue
    if txt(x) != txt(y):
        nd += 1; print('cell', i, 'differs'); print('\n'.join(difflib.unified_diff(txt(x).splitlines(), txt(y).splitlines(), lineterm='', n=0)))
    if any(o.get('output_type') == 'error' for o in y.get('outputs', [])): print('cell', i, 'ERROR')
print('cells with differing text output:', nd)
