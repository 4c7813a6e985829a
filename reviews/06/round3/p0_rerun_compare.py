"""Compare the stored outputs of notebook 06 with one re-execution (nbconvert --execute on a copy, 18:21-18:24 UTC, load ~8 on 2 cores)."""
import json, difflib
a = json.load(open("/work/main/notebooks/06_weight_decay_modern_networks.ipynb"))["cells"]
b = json.load(open("nb06_rerun.ipynb"))["cells"]
def txt(c):
    return "".join("".join(o.get("text", "")) for o in c.get("outputs", []) if "text" in o)
nd = 0
for i, (x, y) in enumerate(zip(a, b)):
    if x["cell_type"] == "code" and txt(x) != txt(y):
        nd += 1
        print(f"--- cell {i} differs")
        for l in difflib.unified_diff(txt(x).splitlines(), txt(y).splitlines(), lineterm="", n=0):
            print(l)
    errs = [o for o in y.get("outputs", []) if o.get("output_type") == "error"]
    if errs: print("cell", i, "ERROR", errs[0]["ename"])
print(f"{nd} code cells with different text output; FAILED in rerun: {sum('FAILED' in txt(y) for y in b)}")
