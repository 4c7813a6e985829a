"""Compare stored text outputs with the single re-run (p0_rerun.sh) cell by cell; print differing lines."""
import json, difflib
def texts(p):
    nb = json.load(open(p)); out = []
    for c in nb["cells"]:
        t = []
        for o in c.get("outputs", []):
            if "text" in o: t.append("".join(o["text"]))
            elif "data" in o and "text/plain" in o["data"] and "image/png" not in o["data"]: t.append("".join(o["data"]["text/plain"]))
        out.append("".join(t))
    return out
a = texts("/work/main/notebooks/04_constrained_vs_penalized.ipynb"); b = texts("/tmp/r5copy/rerun.ipynb")
nd = 0
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        nd += 1; print(f"--- cell {i} differs"); print("\n".join(difflib.unified_diff(x.splitlines(), y.splitlines(), lineterm="")))
print("cells:", len(a), len(b), "differing text outputs:", nd)
