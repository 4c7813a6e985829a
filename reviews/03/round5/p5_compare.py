"""Probe 5: stored outputs vs the one re-run (text lines that differ); save the figures of the re-run."""
import json, base64, os
a = json.load(open("/work/main/notebooks/03_weight_decay_concise.ipynb")); b = json.load(open("nb03_rerun.ipynb"))
os.makedirs("figs", exist_ok=True); nd = 0
for i, (ca, cb) in enumerate(zip(a["cells"], b["cells"])):
    ta = "".join("".join(o.get("text", "")) for o in ca.get("outputs", []))
    tb = "".join("".join(o.get("text", "")) for o in cb.get("outputs", []))
    if ta != tb:
        nd += 1
        for la, lb in zip(ta.splitlines(), tb.splitlines()):
            if la != lb: print(f"cell {i}: stored  {la}\n         rerun   {lb}")
    for j, o in enumerate(cb.get("outputs", [])):
        if "image/png" in o.get("data", {}):
            open(f"figs/cell{i}_{j}.png", "wb").write(base64.b64decode(o["data"]["image/png"]))
print("cells with differing text output:", nd)
