"""Notebook structure: headings and numbering, duplicated cells, code inside markdown, dangling references."""
import json
import re
import difflib

nb = json.load(open("/work/main/notebooks/01_bias_variance.ipynb"))
cells = [("".join(c["source"]), c["cell_type"]) for c in nb["cells"]]
print("headings in order:")
for i, (s, t) in enumerate(cells):
    if t == "markdown":
        for line in s.splitlines():
            if re.match(r"#{2,4} ", line):
                print(f"  cell {i:2d}: {line[:80]}")
print("markdown cells that look like code:")
for i, (s, t) in enumerate(cells):
    if t == "markdown" and re.search(r"^\s*(\w+ = |for .* in .*:|print\(|def )", s, re.M):
        print(f"  cell {i}: first line {s.splitlines()[0][:70]!r}")
print("near-duplicate cell pairs (ratio > 0.9):")
for i in range(len(cells)):
    for j in range(i + 1, len(cells)):
        r = difflib.SequenceMatcher(None, cells[i][0], cells[j][0]).ratio() if len(cells[i][0]) > 80 else 0
        if r > 0.9:
            print(f"  cells {i} ({cells[i][1]}) and {j} ({cells[j][1]}): ratio {r:.3f}")
print("references to 'section 8':", [i for i, (s, _) in enumerate(cells) if "section 8" in s])
print("cell 38 (first code of the fixed-design part) preceded by:", repr(cells[37][0][:60]), "| cell 41 starts:",
      repr(cells[41][0][:60]))
print("markdown cells before cell 38 that mention a fixed design or w*:",
      [i for i, (s, t) in enumerate(cells[:38]) if t == "markdown" and ("fixed design" in s.lower() or "w^\\star" in s)])
print("markdown cells anywhere that state the ridge bias vector or covariance (a '^{-1}' next to 'bias' or 'Cov'):",
      [i for i, (s, t) in enumerate(cells) if t == "markdown" and "^{-1}" in s and ("bias" in s or "Cov" in s)])
print("exercise 4 text says the check uses Monte Carlo:", "Monte Carlo simulation" in cells[56][0])
