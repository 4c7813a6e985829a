# Probe 4: compare the stored outputs with one full re-run (nbconvert, OMP_NUM_THREADS=1); timing in p4_rerun.out
import json
a = json.load(open("/work/main/notebooks/03_weight_decay_concise.ipynb")); b = json.load(open("nb03_rerun.ipynb"))
def txt(c): return "".join("".join(o.get("text", "")) for o in c.get("outputs", []))
diff = [(ca.get("id"), txt(ca), txt(cb)) for ca, cb in zip(a["cells"], b["cells"]) if ca["cell_type"] == "code" and txt(ca) != txt(cb)]
print(f"{len(diff)} code cells whose text output differs")
for cid, x, y in diff: print("==", cid, "\nstored:", x[:600], "\nrerun: ", y[:600])
