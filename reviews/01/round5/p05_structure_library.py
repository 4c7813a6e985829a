"""Markdown structure (headings, references to cell numbers, $ balance, duplicates) and library claims."""
import json, re, inspect, hashlib, base64, os
import torch
nb = json.load(open('/work/main/notebooks/01_bias_variance.ipynb'))['cells']
exec_count = {i: c.get('execution_count') for i, c in enumerate(nb) if c['cell_type'] == 'code'}
seen = {}
for i, c in enumerate(nb):
    s = ''.join(c['source'])
    if c['cell_type'] == 'markdown':
        for h in re.findall(r'^(#+ .*)$', s, re.M): print(f"[{i}] heading: {h}")
        for m in re.finditer(r'\bcell (\d+)\b', s):
            k = int(m.group(1)); print(f"[{i}] text refers to 'cell {k}': that cell's execution count is {exec_count.get(k)}, "
                                         f"and the code cell whose execution count is {k} is index {[j for j, e in exec_count.items() if e == k]}")
        body = re.sub(r'\$\$.*?\$\$', '', s, flags=re.S)
        if body.count('$') % 2: print(f"[{i}] odd number of inline $")
        if re.search(r'^\s*(def |import |print\()', s, re.M): print(f"[{i}] code-like line in markdown")
    h = hashlib.md5(s.encode()).hexdigest()
    if h in seen and len(s) > 40: print(f"[{i}] duplicates cell {seen[h]}")
    seen[h] = i
os.makedirs('figs', exist_ok=True)
for i, c in enumerate(nb):
    for o in c.get('outputs', []):
        if 'image/png' in o.get('data', {}):
            open(f'figs/cell{i}.png', 'wb').write(base64.b64decode(o['data']['image/png']))
print("figures:", sorted(os.listdir('figs')))
import importlib; src = inspect.getsource(importlib.import_module("torch.optim.sgd"))
print("torch", torch.__version__, "| sgd.py contains 'grad.add(param, alpha=weight_decay)':",
      'grad.add(param, alpha=weight_decay)' in src)
print("MSELoss default reduction:", torch.nn.MSELoss().reduction)
