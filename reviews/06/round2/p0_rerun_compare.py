"""Probe 0: the notebook was re-run once (a copy, nbconvert, OMP_NUM_THREADS=1, /usr/bin/time -v: see
p0_rerun_timing.out). Compare every stored text output with the re-run's."""
import json, difflib
a = json.load(open("/work/main/notebooks/06_weight_decay_modern_networks.ipynb"))
b = json.load(open("/tmp/r06/rerun.ipynb"))
def texts(nb):
    out = []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code": continue
        t = "".join("".join(o.get("text", "")) for o in c.get("outputs", []) if o.get("output_type") == "stream")
        out.append((i, t))
    return out
nd = 0
for (i, ta), (_, tb) in zip(texts(a), texts(b)):
    if ta != tb:
        nd += 1
        print(f"--- cell {i} differs")
        for line in difflib.unified_diff(ta.splitlines(), tb.splitlines(), lineterm="", n=0):
            print(line)
print(f"{nd} code cells with different text output")
