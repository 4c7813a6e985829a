"""Re-run a COPY of notebook 02 once (one thread), time it, and diff every text output against the stored one."""
import json, os, shutil, time, difflib
os.environ.setdefault("OMP_NUM_THREADS", "1")
import nbformat
from nbclient import NotebookClient

SRC = "/work/main/notebooks/02_l2_penalty_from_scratch.ipynb"
DST = "/tmp/rev02/nb02_rerun.ipynb"
shutil.copy(SRC, DST)
nb = nbformat.read(DST, as_version=4)
stored = json.load(open(SRC))
t0 = time.perf_counter()
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "/work/main/notebooks"}}).execute()
wall = time.perf_counter() - t0
nbformat.write(nb, DST)
print(f"whole notebook, kernel start included: {wall:.1f} s (OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']})")

def texts(cell):
    out = []
    for o in cell.get("outputs", []):
        if "text" in o:
            out.append("".join(o["text"]))
        elif "data" in o and "text/plain" in o["data"]:
            out.append("".join(o["data"]["text/plain"]))
        elif o.get("output_type") == "error":
            out.append("ERROR " + o["ename"] + ": " + o["evalue"])
    return "".join(out)

ndiff = 0
for i, (a, b) in enumerate(zip(stored["cells"], nb["cells"])):
    if a["cell_type"] != "code":
        continue
    sa, sb = texts(a), texts(b)
    if sa != sb:
        ndiff += 1
        print(f"--- cell {i} differs (ignore-output cell: {'NBVAL_IGNORE_OUTPUT' in ''.join(a['source'])})")
        for line in difflib.unified_diff(sa.splitlines(), sb.splitlines(), "stored", "rerun", lineterm="", n=0):
            print("   ", line)
print(f"{ndiff} code cells with differing text output")
