"""Per-cell wall times of the one re-run (p00_rerun.sh), from nbclient's execution metadata.
Caveat: during that run my probe p01 (numpy, BLAS threads not pinned) ran on the other core from ~0 s to ~95 s."""
import json, datetime as dt
cells = json.load(open('/tmp/r4_01/executed.ipynb'))['cells']
def t(s): return dt.datetime.fromisoformat(s.replace('Z', '+00:00'))
rows, tot = [], 0.0
first = last = None
for i, c in enumerate(cells):
    m = c.get('metadata', {}).get('execution', {})
    if 'iopub.execute_input' in m and 'shell.execute_reply' in m:
        a, b = t(m['iopub.execute_input']), t(m['shell.execute_reply'])
        first = first or a; last = b
        rows.append((i, (b - a).total_seconds(), b)); tot += (b - a).total_seconds()
for i, s, b in sorted(rows, key=lambda r: -r[1])[:10]:
    print(f"cell {i:2d}: {s:6.1f} s (finished {b.time()})")
print(f"sum of cell times {tot:.1f} s; first cell start to last cell end {(last - first).total_seconds():.1f} s")
