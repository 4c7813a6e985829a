"""Per-cell execution time recorded by nbconvert in the fresh run of p00_rerun.sh (run that first)."""
import json, datetime as dt
b = json.load(open('/tmp/r2run/nb01_out.ipynb'))
tot = 0; rows = []
for i, c in enumerate(b['cells']):
    m = c.get('metadata', {}).get('execution', {})
    if 'iopub.execute_input' in m and 'shell.execute_reply' in m:
        t0 = dt.datetime.fromisoformat(m['iopub.execute_input'].replace('Z', '+00:00'))
        t1 = dt.datetime.fromisoformat(m['shell.execute_reply'].replace('Z', '+00:00'))
        d = (t1 - t0).total_seconds(); tot += d; rows.append((d, i))
print(f"sum of cell execution times in the fresh run: {tot:.1f} s (machine shared: load average ~11 on 2 cores at the time)")
for d, i in sorted(rows, reverse=True)[:8]:
    print(f"  cell {i}: {d:.1f} s")
