"""Notebook structure: headings, duplicate cells, unbalanced $ math, code fences in markdown; figures extracted to /tmp."""
import json, base64, re, collections
nb = json.load(open('/work/main/notebooks/01_bias_variance.ipynb'))
srcs = collections.Counter(''.join(c['source']) for c in nb['cells'])
print("duplicated cell sources:", [s[:60] for s, k in srcs.items() if k > 1 and s.strip()])
for i, c in enumerate(nb['cells']):
    s = ''.join(c['source'])
    if c['cell_type'] == 'markdown':
        for h in re.findall(r'^#+ .*$', s, re.M):
            print(f"cell {i}: {h}")
        body = re.sub(r'\$\$.*?\$\$', '', s, flags=re.S)
        if body.count('$') % 2:
            print(f"cell {i}: odd number of inline $")
        if '```' in s or re.search(r'^\s*(import|def|print)\b', s, re.M):
            print(f"cell {i}: code-like text in markdown")
    for o in c.get('outputs', []):
        if 'data' in o and 'image/png' in o['data']:
            open(f'/tmp/r2run/fig_cell{i}.png', 'wb').write(base64.b64decode(o['data']['image/png']))
        if o.get('output_type') == 'stream' and o.get('name') == 'stderr':
            print(f"cell {i}: stderr output: {''.join(o['text'])[:100]}")
print("cells:", len(nb['cells']))
