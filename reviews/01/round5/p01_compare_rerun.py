"""Compare the stored text outputs of the notebook with the single re-run (work/rerun.ipynb)."""
import json, difflib
a = json.load(open('/work/main/notebooks/01_bias_variance.ipynb'))['cells']
b = json.load(open('work/rerun.ipynb'))['cells']
def txt(c):
    return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []))
nd = 0
for i, (x, y) in enumerate(zip(a, b)):
    if x['cell_type'] != 'code': continue
    if txt(x) != txt(y):
        nd += 1
        print(f'--- cell {i} differs')
        for l in difflib.unified_diff(txt(x).splitlines(), txt(y).splitlines(), lineterm='', n=0): print(l)
print('cells with different text output:', nd)
print('execution counts of code cells (index: count):', [(i, c.get('execution_count')) for i, c in enumerate(a) if c['cell_type']=='code'][:12])
