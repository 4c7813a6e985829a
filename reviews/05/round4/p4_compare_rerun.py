"""Compare the stored outputs of the notebook with one fresh re-run (OMP_NUM_THREADS=1), text outputs only."""
import json, difflib
a = json.load(open("nb05_copy.ipynb")); b = json.load(open("nb05_rerun.ipynb"))
def txt(c): return "".join("".join(o.get("text", "")) for o in c.get("outputs", []))
nd = 0
for i, (ca, cb) in enumerate(zip(a["cells"], b["cells"])):
    if ca["cell_type"] == "code" and txt(ca) != txt(cb):
        nd += 1
        print(f"--- cell {i} differs:")
        print("\n".join(difflib.unified_diff(txt(ca).splitlines(), txt(cb).splitlines(), lineterm="", n=0)))
print(f"{nd} code cells with differing text output")
