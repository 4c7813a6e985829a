"""Per-cell wall time of the re-run (nbclient's recorded execution timestamps). The re-run shared 2 cores with p1_retrain.py."""
import json
from datetime import datetime
b = json.load(open("nb05_rerun.ipynb"))
tot = 0; first = last = None
for i, c in enumerate(b["cells"]):
    e = c.get("metadata", {}).get("execution", {})
    if "iopub.execute_input" in e and "shell.execute_reply" in e:
        t0 = datetime.fromisoformat(e["iopub.execute_input"].replace("Z", "+00:00")); t1 = datetime.fromisoformat(e["shell.execute_reply"].replace("Z", "+00:00"))
        first = first or t0; last = t1
        dt = (t1 - t0).total_seconds(); tot += dt
        if dt > 1: print(f"cell {i}: {dt:.1f}s")
print(f"sum of cell times {tot:.1f}s; first input to last reply {(last-first).total_seconds():.1f}s")
