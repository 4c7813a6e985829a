"""Per-cell CPU seconds of the kernel (user+sys, psutil, children included) for one notebook run."""
import sys, time, psutil, nbformat, os, json
from nbclient import NotebookClient
path = sys.argv[1]; out = sys.argv[2]
nb = nbformat.read(path, as_version=4)
os.environ.setdefault("OMP_NUM_THREADS", "2")
c = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": os.path.dirname(path)}})
rows = []
with c.setup_kernel():
    pid = c.km.provisioner.process.pid
    p = psutil.Process(pid)
    def cpu():
        t = p.cpu_times(); return t.user + t.system + t.children_user + t.children_system
    t0 = cpu(); w0 = time.time()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        a = cpu(); w = time.time()
        c.execute_cell(cell, i)
        rows.append((i, cpu() - a, time.time() - w, cell.source.splitlines()[0][:70] if cell.source else ""))
    tot = cpu() - t0; wall = time.time() - w0
with open(out, "w") as f:
    for r in rows:
        f.write(f"cell {r[0]:3d}  cpu {r[1]:7.2f} s  wall {r[2]:7.2f} s  {r[3]}\n")
    f.write(f"TOTAL cpu {tot:.1f} s  wall {wall:.1f} s  (kernel only, after start)\n")
print(open(out).read())
