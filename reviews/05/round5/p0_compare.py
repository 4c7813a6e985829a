"""Compare the text outputs of the one re-run (nb_rerun.ipynb) with the stored ones."""
import json
a = json.load(open("/work/main/notebooks/05_weight_decay_real_data.ipynb")); b = json.load(open("nb_rerun.ipynb"))
txt = lambda c: "".join("".join(o.get("text", "")) for o in c.get("outputs", []))
nd = 0
for i, (x, y) in enumerate(zip(a["cells"], b["cells"])):
    if x["cell_type"] == "code" and txt(x) != txt(y):
        nd += 1; print(f"cell {i} differs:\n--stored--\n{txt(x)}\n--rerun--\n{txt(y)}")
print("cells with differing text output:", nd)
