"""Compare the re-run (p0_rerun.sh) with the stored outputs: every stream text identical? per-cell run times."""
import datetime, json
a = json.load(open('/work/main/notebooks/07_choosing_lambda_double_descent.ipynb'))
b = json.load(open('/tmp/rev07/run/nb07_rerun.ipynb'))
txt = lambda c: ''.join(''.join(o['text']) for o in c.get('outputs', []) if o['output_type'] == 'stream')
plain = lambda c: [''.join(o['data']['text/plain']) for o in c.get('outputs', []) if 'data' in o and 'text/plain' in o['data']]
diff = [i for i, (x, y) in enumerate(zip(a['cells'], b['cells'])) if x['cell_type'] == 'code' and (txt(x) != txt(y) or plain(x) != plain(y))]
print('code cells whose stream text or text/plain differ from the stored notebook:', diff)
tot, slow = 0.0, []
for i, c in enumerate(b['cells']):
    m = c.get('metadata', {}).get('execution', {})
    if 'iopub.execute_input' in m:
        dt = (datetime.datetime.fromisoformat(m['shell.execute_reply'].replace('Z', '+00:00')) -
              datetime.datetime.fromisoformat(m['iopub.execute_input'].replace('Z', '+00:00'))).total_seconds()
        tot += dt; slow.append((dt, i))
print(f'sum of cell run times {tot:.1f} s; slowest cells', [(i, round(t, 1)) for t, i in sorted(slow)[::-1][:5]])
