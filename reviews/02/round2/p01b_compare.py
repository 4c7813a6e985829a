"""Compare stored outputs with the p01 re-run, cell by cell (all text outputs of a cell joined), and list per-cell times."""
import json, difflib, datetime as dt
src = "/work/main/notebooks/02_l2_penalty_from_scratch.ipynb"; run = "/tmp/rev02r2/nb02_run.ipynb"
def texts(p):
    nb = json.load(open(p)); r = {}
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] == "code":
            r[i] = "".join("".join(o["text"]) for o in c.get("outputs", []) if "text" in o)
    return r, nb
a, _ = texts(src); b, nbr = texts(run)
nd = 0
for i in a:
    if a[i] != b[i]:
        nd += 1; print(f"--- cell {i} differs")
        for l in difflib.unified_diff(a[i].splitlines(), b[i].splitlines(), lineterm="", n=0): print(l)
print("differing cells:", nd)
tot = 0
for i, c in enumerate(nbr["cells"]):
    m = c.get("metadata", {}).get("execution", {})
    if "shell.execute_reply" in m and "iopub.execute_input" in m:
        f = lambda s: dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        t = (f(m["shell.execute_reply"]) - f(m["iopub.execute_input"])).total_seconds(); tot += t
        if t > 1: print(f"cell {i}: {t:.1f} s")
print(f"sum of cell times {tot:.1f} s")
