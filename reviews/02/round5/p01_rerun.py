"""Re-run the notebook once (a copy in /tmp), time it, and diff every text output against the stored one."""
import json, time, os, shutil, difflib
import nbformat
from nbclient import NotebookClient
SRC = "/work/main/notebooks/02_l2_penalty_from_scratch.ipynb"
tmp = "/tmp/r5_nb02"; os.makedirs(tmp, exist_ok=True)
nb = nbformat.read(SRC, as_version=4)
stored = [[("".join(o.get("text", "")) if "text" in o else None) for o in c.get("outputs", [])] if c.cell_type == "code" else None
          for c in nb.cells]
os.environ["PYTHONPATH"] = "/work/main"
t0 = time.perf_counter()
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "/work/main/notebooks"}}).execute()
print(f"wall time of the full run: {time.perf_counter() - t0:.1f} s (machine shared with other reviewers, load not idle)")
nbformat.write(nb, f"{tmp}/executed.ipynb")
for i, c in enumerate(nb.cells):
    if c.cell_type != "code":
        continue
    new = ["".join(o.get("text", "")) if "text" in o else None for o in c.get("outputs", [])]
    old = stored[i]
    a = "\n".join(x for x in old if x); b = "\n".join(x for x in new if x)
    if a != b:
        print(f"--- cell {i} differs:")
        for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0):
            print("   ", line)
print("done")
