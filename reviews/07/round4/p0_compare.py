# compare the re-run's outputs with the stored ones, and per-cell wall times (nbclient metadata)
import json, datetime as dt
a = json.load(open('nb07_copy.ipynb')); b = json.load(open('nb07_rerun.ipynb'))
def txt(c): return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []))
tot = 0
for i, (ca, cb) in enumerate(zip(a['cells'], b['cells'])):
    if ca['cell_type'] != 'code': continue
    m = cb.get('metadata', {}).get('execution', {})
    if 'iopub.execute_input' in m and 'shell.execute_reply' in m:
        t = (dt.datetime.fromisoformat(m['shell.execute_reply'].rstrip('Z')) - dt.datetime.fromisoformat(m['iopub.execute_input'].rstrip('Z'))).total_seconds()
        tot += t
        if t > 2: print(f"cell {i}: {t:.1f} s")
    if txt(ca) != txt(cb):
        print(f"cell {i}: OUTPUT DIFFERS")
        for la, lb in zip(txt(ca).splitlines(), txt(cb).splitlines()):
            if la != lb: print('  stored:', la[:200]); print('  rerun :', lb[:200])
print(f"total cell time {tot:.1f} s (no 'OUTPUT DIFFERS' line = every stored text output reproduced)")
