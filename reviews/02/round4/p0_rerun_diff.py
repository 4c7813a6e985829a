"""Probe 0b: diff the text outputs of the re-run copy (/tmp/r4_02_rerun.ipynb, made by p0_rerun.sh) against the stored ones."""
import json, difflib
a = json.load(open('/work/main/notebooks/02_l2_penalty_from_scratch.ipynb')); b = json.load(open('/tmp/r4_02_rerun.ipynb'))
def txt(c): return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []))
nd = 0
for i, (x, y) in enumerate(zip(a['cells'], b['cells'])):
    if x['cell_type'] == 'code' and txt(x) != txt(y):
        nd += 1; print('cell', i); print('\n'.join(difflib.unified_diff(txt(x).splitlines(), txt(y).splitlines(), lineterm='', n=0)))
print('cells with differing text output:', nd)
