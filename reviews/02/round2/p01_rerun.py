"""Re-run the notebook once, on a copy, one thread; report wall time and any stored-vs-new output differences."""
import json, os, shutil, subprocess, time, difflib, sys
os.environ["OMP_NUM_THREADS"] = "1"; os.environ["MKL_NUM_THREADS"] = "1"
src = "/work/main/notebooks/02_l2_penalty_from_scratch.ipynb"
work = "/tmp/rev02r2"; os.makedirs(work, exist_ok=True)
dst = os.path.join(work, "nb02.ipynb"); shutil.copy(src, dst)
t = time.time()
r = subprocess.run(["/work/main/.venv/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=600", "--output", "nb02_run.ipynb", dst],
                   cwd="/work/main/notebooks", capture_output=True, text=True)
print("rc", r.returncode, "wall %.1f s (nbconvert incl. kernel start, OMP_NUM_THREADS=1, shared 2-core machine)" % (time.time() - t))
print(r.stderr[-1500:])
def texts(path):
    nb = json.load(open(path)); out = []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code": continue
        s = "".join(c["source"])
        for o in c.get("outputs", []):
            if "text" in o: out.append((i, s.startswith("# NBVAL_IGNORE_OUTPUT"), "".join(o["text"])))
    return out
a, b = texts(src), texts(os.path.join(work, "nb02_run.ipynb"))
for (i, ign, x), (_, _, y) in zip(a, b):
    if x != y:
        print(f"--- cell {i} differs (NBVAL_IGNORE_OUTPUT={ign})")
        for l in difflib.unified_diff(x.splitlines(), y.splitlines(), lineterm="", n=0): print(l)
print("cells with text output compared:", len(a), len(b))
