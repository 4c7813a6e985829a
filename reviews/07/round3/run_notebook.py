# Re-run notebook 07 once in memory (the executed copy is written to nb07_rerun.ipynb here), timing every cell (one thread).
import os, time, json
os.environ["OMP_NUM_THREADS"] = "1"; os.environ["MKL_NUM_THREADS"] = "1"
import nbformat
from nbclient import NotebookClient
nb = nbformat.read("/work/main/notebooks/07_choosing_lambda_double_descent.ipynb", as_version=4)  # read only
client = NotebookClient(nb, timeout=1200, kernel_name="python3", resources={"metadata": {"path": "/work/main/notebooks"}})
times = []
t0 = time.time()
with client.setup_kernel():
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code": continue
        t = time.time(); client.execute_cell(cell, i); times.append((i, time.time() - t))
total = time.time() - t0
nbformat.write(nb, "nb07_rerun.ipynb")
for i, t in times: print(f"cell {i:3d}: {t:6.1f} s")
print(f"total wall time {total:.1f} s (load avg at end: {open('/proc/loadavg').read().split()[:3]})")
