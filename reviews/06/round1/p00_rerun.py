"""Re-run notebook 06 once (a copy in /tmp/rev06), time every cell, compare fresh outputs with the stored ones,
and dump the objects later probes analyse (sweep, grok, emb) to /tmp/rev06/state.pt via one appended cell."""
import json, time, copy, os, sys, difflib
import nbformat
from nbclient import NotebookClient

SRC = "/work/main/notebooks/06_weight_decay_modern_networks.ipynb"
os.makedirs("/tmp/rev06", exist_ok=True)
nb = nbformat.read(SRC, as_version=4)
stored = copy.deepcopy(nb)
dump = nbformat.v4.new_code_cell(
    "torch.save({'sweep': {k: getattr(sweep, k) for k in ('angle2','angle','norm','test_acc','W1','W2','b2','running_mean','running_var')},\n"
    "            'runs': [r.__dict__ for r in sweep.runs], 'seeds': sweep.seeds, 'index': index,\n"
    "            'grok': grok.__dict__, 'emb': emb.__dict__, 'effective': effective, 'noise_scale': noise_scale,\n"
    "            'data': data}, '/tmp/rev06/state.pt')")
nb.cells.append(dump)
env = dict(os.environ, IPYTHONDIR="/tmp/rev06/ipy", MPLCONFIGDIR="/tmp/rev06/mpl", OMP_NUM_THREADS="1")
os.environ.update(env)
client = NotebookClient(nb, timeout=1200, kernel_name="python3", resources={"metadata": {"path": "/work/main/notebooks"}},
                        record_timing=True)
t0 = time.time()
client.execute()
wall = time.time() - t0
print(f"whole notebook incl. kernel start and the dump cell: {wall:.1f} s wall")
import datetime
def dur(c):
    e = c.metadata.get("execution", {})
    a, b = e.get("iopub.execute_input"), e.get("shell.execute_reply")
    if not a or not b: return None
    f = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return (f(b) - f(a)).total_seconds()
tot = 0
for i, c in enumerate(nb.cells[:-1]):
    if c.cell_type != "code": continue
    d = dur(c); tot += d or 0
    if d and d > 0.5: print(f"cell {i:2d}: {d:6.1f} s")
print(f"sum of code-cell times (without the dump cell): {tot:.1f} s")
def text(c):
    out = []
    for o in c.get("outputs", []):
        if o.output_type == "stream": out.append(o.text)
        elif "data" in o and "text/plain" in o.data and "widget" not in str(o.data.keys()): out.append(o.data["text/plain"])
    return "".join(out)
ndiff = 0
for i, (a, b) in enumerate(zip(stored.cells, nb.cells)):
    if a.cell_type != "code": continue
    ta, tb = text(a), text(b)
    if ta != tb and "NBVAL_IGNORE_OUTPUT" not in a.source:
        ndiff += 1
        print(f"--- cell {i} differs:")
        print("".join(difflib.unified_diff(ta.splitlines(True), tb.splitlines(True), "stored", "fresh")))
print(f"cells whose printed output differs from the stored one: {ndiff}")
nbformat.write(nb, "/tmp/rev06/executed.ipynb")
