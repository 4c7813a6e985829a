"""Markdown hygiene (plus: out-of-order hazard of the global name `scale`, set in cell 10 and reset in cell 21): headings/numbering, duplicated cells, unbalanced $, code-like text in markdown, and how nbconvert's
mistune renderer (markdown2html) treats inline math whose closing $ follows a space."""
import json, re
nb = json.load(open('nb07_copy.ipynb'))
srcs = [''.join(c['source']) for c in nb['cells']]
for i, c in enumerate(nb['cells']):
    if c['cell_type'] != 'markdown': continue
    s = srcs[i]
    for h in re.findall(r'^#+ .*', s, re.M): print(f"cell {i}: {h[:80]}")
    body = re.sub(r'`[^`]*`', '', s).replace('$$', '')
    if body.count('$') % 2: print(f"cell {i}: odd number of $")
dups = {s for s in srcs if srcs.count(s) > 1 and s.strip()}
print("duplicated cells:", len(dups))
from nbconvert.filters.markdown_mistune import markdown2html_mistune
cell17 = srcs[17]
frag = cell17[cell17.index('our $\\lambda'):][:120]
print("source :", frag)
print("mistune:", markdown2html_mistune(frag)[:300])

for i, t in enumerate(srcs):
    if nb['cells'][i]['cell_type'] == 'code' and re.search(r'^\s*scale\b.*=|[ ,]scale = ', t, re.M) or (nb['cells'][i]['cell_type'] == 'code' and 'scale /' in t):
        print(f"cell {i} uses/sets `scale`:", [l.strip()[:90] for l in t.splitlines() if 'scale' in l][:3])
