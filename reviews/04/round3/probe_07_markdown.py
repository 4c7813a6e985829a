"""Markdown hygiene: $-parity per cell (after removing $$ blocks), duplicated cells, section numbering, empty cells."""
import json, re
nb = json.load(open('/work/main/notebooks/04_constrained_vs_penalized.ipynb'))
seen = {}
for i, c in enumerate(nb['cells']):
    s = ''.join(c['source'])
    if not s.strip(): print('empty cell', i)
    if s in seen: print('duplicate cells', seen[s], i)
    seen[s] = i
    if c['cell_type'] == 'markdown':
        t = re.sub(r'\$\$.*?\$\$', '', s, flags=re.S)
        if t.count('$') % 2: print('odd $ count in markdown cell', i)
        for m in re.findall(r'^#+ .*$', s, flags=re.M): print(f'[{i}]', m)
        if '```' in s or re.search(r'^\s*(def |import |for )', s, flags=re.M): print('code-like text in markdown', i)
