# Probe 8: markdown hygiene: unbalanced $ / $$, headings and their numbering, duplicated cells, code fences.
import json, re
nb = json.load(open('/work/main/notebooks/07_choosing_lambda_double_descent.ipynb'))
seen = {}
for i, c in enumerate(nb['cells']):
    s = ''.join(c['source'])
    if s in seen: print(f"cell {i} duplicates cell {seen[s]}")
    seen[s] = i
    if c['cell_type'] != 'markdown': continue
    t = re.sub(r'`[^`]*`', '', s); dd = t.count('$$'); single = t.replace('$$', '').count('$')
    if dd % 2 or single % 2: print(f"cell {i}: unbalanced math ($$: {dd}, $: {single})")
    for h in re.findall(r'^#+ .*$', s, re.M): print(f"cell {i}: {h[:90]}")
    if '```' in s or re.search(r'^\s*(import|def|for) ', s, re.M): print(f"cell {i}: code-like text in markdown")
