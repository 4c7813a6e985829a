"""Probe 4: stored outputs vs my one re-run (text outputs, cell by cell) and per-cell wall time from the re-run's metadata."""
import json, datetime as dt
a = json.load(open("/work/main/notebooks/03_weight_decay_concise.ipynb")); b = json.load(open("nb03_rerun.ipynb"))
def txt(c):
    return "".join("".join(o.get("text", "")) if "text" in o else "".join(o.get("data", {}).get("text/plain", "")) for o in c.get("outputs", []))
diff = 0
for i, (ca, cb) in enumerate(zip(a["cells"], b["cells"])):
    if ca["cell_type"] != "code": continue
    if txt(ca) != txt(cb):
        diff += 1; print(f"cell {i} differs:\n  stored: {txt(ca)[:600]!r}\n  rerun : {txt(cb)[:600]!r}")
print("cells with different text output:", diff)
tot = 0; rows = []
for i, c in enumerate(b["cells"]):
    m = c.get("metadata", {}).get("execution", {})
    if "iopub.execute_input" in m and "shell.execute_reply" in m:
        t = (dt.datetime.fromisoformat(m["shell.execute_reply"].rstrip("Z")) - dt.datetime.fromisoformat(m["iopub.execute_input"].rstrip("Z"))).total_seconds()
        tot += t; rows.append((t, i))
print(f"sum of cell times {tot:.1f} s; slowest:", [(i, round(t, 1)) for t, i in sorted(rows, reverse=True)[:6]])
