"""Run the notebook's own cells 1-22 (no display) to get its exact w0,b0,w3,b3, then decompose the test losses:
how much of the 'row-space part alone' loss is the bias b, which the initial weights pull away while b relaxes
at rate lr = 0.003 per step. Also: lambda=17.8 bias from w=0 with the notebook's own minibatch order."""
import json, matplotlib
matplotlib.use("Agg")
import torch
torch.set_num_threads(1)
nb = json.load(open("/work/main/notebooks/02_l2_penalty_from_scratch.ipynb"))
g = {}
for i in range(1, 23):
    c = nb["cells"][i]
    if c["cell_type"] != "code": continue
    src = "".join(c["source"]).replace("%matplotlib inline", "")
    src = src.replace("w0, b0 = train(lambd=0)", "w0, b0 = train(lambd=0, animate=False)").replace("w3, b3 = train(lambd=3)", "w3, b3 = train(lambd=3, animate=False)")
    import io, contextlib
    with contextlib.redirect_stdout(io.StringIO()):
        exec(src, g)
X_test, y_test, y_train, S = g["X_test"], g["y_test"].reshape(-1), g["y_train"].reshape(-1), g["S"]
def tl(w, b): return float(((X_test @ w.reshape(-1) + b - y_test) ** 2 / 2).mean())
def risk(w, b): return float((((w.reshape(-1) - 0.01) ** 2).sum() + (float(b) - 0.05) ** 2 + 1e-4) / 2)
P_row = g["P_row"]; ybar = float(y_train.mean())
for name, w, b in [("lambda=0", g["w0"], g["b0"]), ("lambda=3", g["w3"], g["b3"])]:
    wr = P_row @ w
    print(f"{name}: b = {float(b):.4f} (mean label {ybar:.4f}); test: full {tl(w, b):.4g}, row part {tl(wr, b):.4g}, "
          f"row part with b := mean label {tl(wr, ybar):.4g}; exact risk of row part {risk(wr, b):.4g}, "
          f"of which bias term (b-b*)^2/2 = {(float(b)-0.05)**2/2:.4g}")
# lambda = 17.8: notebook's train (same minibatch order), random start vs w = 0
train = g["train"]
for zs in [False, True]:
    w, b = train(17.8, zero_start=zs, animate=False)
    print(f"lambda=17.8, 100 epochs, zero_start={zs}: b = {float(b):.4f}, ||w|| = {float(w.norm()):.3g}, exact risk {risk(w, b):.5f}, test {tl(w, b):.4g}")
print(f"b relaxing alone at rate (1 - lr) per step from 0 for 400 steps: {ybar * (1 - (1 - 0.003) ** 400):.4f}")
print(f"baseline test {g['baseline']:.4g}; exact risk of mean predictor {risk(torch.zeros(200), ybar):.5f}")
