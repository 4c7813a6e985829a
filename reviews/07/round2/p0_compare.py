# Compare the stored text outputs of the notebook with those of the re-run (p0_rerun.sh).
import json, difflib
a = json.load(open('/work/main/notebooks/07_choosing_lambda_double_descent.ipynb')); b = json.load(open('rerun_nb07.ipynb'))
txt = lambda c: ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if 'text' in o)
diff = [i for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x['cell_type'] == 'code' and txt(x) != txt(y)]
print(f"{len(a['cells'])} cells; code cells whose printed text differs from the stored outputs: {diff}")
