"""Per-cell timing of the single re-run (/tmp/rv04/nb_run.ipynb, written by rerun.sh) and output diffs vs stored."""
import json, datetime as dt
run = json.load(open('/tmp/rv04/nb_run.ipynb')); st = json.load(open('/work/main/notebooks/04_constrained_vs_penalized.ipynb'))
P = lambda s: dt.datetime.fromisoformat(s.replace('Z', '+00:00'))
tot = 0; first = last = None
for i, c in enumerate(run['cells']):
    if c['cell_type'] != 'code': continue
    e = c['metadata'].get('execution', {})
    if 'iopub.execute_input' in e:
        t = (P(e['shell.execute_reply']) - P(e['iopub.execute_input'])).total_seconds(); tot += t
        first = first or P(e['iopub.execute_input']); last = P(e['shell.execute_reply'])
        if t > 0.5: print(f"cell {i}: {t:.1f} s")
print(f"sum of cell times {tot:.1f} s; first input to last reply {(last-first).total_seconds():.1f} s")
def txt(c):
    return ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []))
nd = 0
for i, (a, b) in enumerate(zip(run['cells'], st['cells'])):
    if a['cell_type'] == 'code' and txt(a) != txt(b) and 'NBVAL_IGNORE' not in ''.join(a['source']):
        nd += 1; print(f"cell {i} text output differs:\n  stored: {txt(b)[:300]!r}\n  rerun : {txt(a)[:300]!r}")
print("cells with differing text output:", nd)
