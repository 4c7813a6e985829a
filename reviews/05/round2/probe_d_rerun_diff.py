"""Probe D: the one allowed re-run (a copy, nbconvert, OMP_NUM_THREADS=1, /tmp/r05/nb05_rerun.ipynb) against the stored outputs:
every text output line that differs."""
import json, difflib
def texts(path):
    nb = json.load(open(path)); out = {}
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] == "code":
            out[i] = "".join("".join(o.get("text", "")) for o in c.get("outputs", []))
    return out
a, b = texts("/work/main/notebooks/05_weight_decay_real_data.ipynb"), texts("/tmp/r05/nb05_rerun.ipynb")
nd = 0
for i in a:
    if a[i] != b[i]:
        nd += 1
        print(f"cell {i} differs:"); print("\n".join(difflib.unified_diff(a[i].splitlines(), b[i].splitlines(), lineterm="", n=0)))
print(f"{nd} code cells with different text output out of {len(a)}")
