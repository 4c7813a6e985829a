"""Probe 6: markdown hygiene of the notebook (read-only): unbalanced $ / $$, duplicated cells, headings, empty cells,
images/outputs present for figure cells."""
import json, re, collections
nb = json.load(open('/work/main/notebooks/02_l2_penalty_from_scratch.ipynb'))
srcs = collections.Counter(''.join(c['source']) for c in nb['cells'])
print("duplicated cells:", [s[:60] for s, k in srcs.items() if k > 1 and s.strip()])
for i, c in enumerate(nb['cells']):
    s = ''.join(c['source'])
    if c['cell_type'] == 'markdown':
        s2 = re.sub(r'`[^`]*`', '', s)
        dd = s2.count('$$'); single = s2.replace('$$', '').count('$')
        if dd % 2 or single % 2: print(f"cell {i}: unbalanced math ($$ {dd}, $ {single})")
        for h in re.findall(r'^#+ .*', s, re.M): print(f"cell {i}: heading {h[:70]}")
        if re.search(r'^\s*(import |def |print\()', s, re.M): print(f"cell {i}: code-like line in markdown")
    if not s.strip(): print(f"cell {i}: empty")
    if c['cell_type'] == 'code' and ('plt.show()' in s or 'Animator' in s and 'train(' in s):
        kinds = [list(o.get('data', {}).keys()) for o in c.get('outputs', [])]
        print(f"cell {i}: figure cell outputs {kinds}")
