"""P0: compare the stored outputs of notebook 05 with one fresh re-run (/tmp/rev05/nb05_run_out.ipynb, executed once
with nbconvert, OMP_NUM_THREADS=1, on a loaded 2-core machine); per-cell wall times from the re-run's metadata."""
import json, datetime
a = json.load(open("/work/main/notebooks/05_weight_decay_real_data.ipynb"))
b = json.load(open("/tmp/rev05/nb05_run_out.ipynb"))
def text(c):
    out = []
    for o in c.get("outputs", []):
        if "text" in o: out.append("".join(o["text"]))
        elif "data" in o and "text/plain" in o["data"] and "widget" not in str(o["data"].keys()):
            out.append("".join(o["data"]["text/plain"]))
    return "".join(out)
ndiff = 0
tot = 0.0
for i, (ca, cb) in enumerate(zip(a["cells"], b["cells"])):
    if ca["cell_type"] != "code": continue
    ex = cb["metadata"].get("execution", {})
    if "iopub.execute_input" in ex and "shell.execute_reply" in ex:
        t = (datetime.datetime.fromisoformat(ex["shell.execute_reply"].replace("Z", "+00:00")) -
             datetime.datetime.fromisoformat(ex["iopub.execute_input"].replace("Z", "+00:00"))).total_seconds()
        tot += t
        if t > 1: print(f"cell {i}: {t:.1f} s")
    if text(ca) != text(cb):
        ndiff += 1
        print(f"--- cell {i} differs:\nSTORED: {text(ca)[:600]}\nRERUN : {text(cb)[:600]}")
print(f"code cells with differing text output: {ndiff}; sum of cell times {tot:.1f} s")
