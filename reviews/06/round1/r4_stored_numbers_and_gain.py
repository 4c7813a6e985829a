"""Arithmetic on the notebook's STORED outputs (read with json) behind quoted words, and the BatchNorm-gain wording (cell 41)."""
import json, re, sys, torch
from torch import nn
torch.set_num_threads(1)
nb = json.load(open("/work/main/notebooks/06_weight_decay_modern_networks.ipynb"))
out = lambda i: "".join("".join(o.get("text", "")) for o in nb["cells"][i].get("outputs", []))
c15 = out(15); ang = [float(x) for x in re.findall(r"RMS angle per step ([\d.e-]+)", c15)]
c8 = out(8).splitlines(); lam0 = c8[1].split()
print(f"cell 16 'about a hundred times more slowly': x8 λ=0 angle {ang[0]} vs x8 λ=0.0316 {ang[1]}: ratio {ang[1]/ang[0]:.0f}; "
      f"vs the usual-init λ=0 run {lam0[4]}: ratio {float(lam0[4])/ang[0]:.1f}; final ‖w‖² ratio x8/x1 at λ=0: {(4.63/float(lam0[3]))**2:.0f} (text: 64)")
c33 = out(33).splitlines()[2:]
for ln in c33:
    f = ln.split(); B, T, eff, col = f[0], f[1], float(f[5]), float(f[-1])
    print(f"cell 33 B={B:>3} T={T:>4}: AdamW effective λ {eff:.3g} / stored λ·median√v̂ {col:.3g} = {eff/col:.2f}")
effs = [float(l.split()[5]) for l in c33]
print(f"cell 56 'almost two orders of magnitude': max/min AdamW effective λ = {max(effs)/min(effs):.0f}")
# gain wording: scale γ by 4 and next layer by 1/4, WITHOUT scaling BN's shift β (what the markdown of cell 41 says)
sys.path.insert(0, "/work/main"); import d2lmini as d2l
Xtr = d2l.nb06.teacher_data(d2l.nb06.SETUP)[0][:64]
torch.manual_seed(3)
net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 2))
with torch.no_grad():
    net[1].weight.uniform_(0.5, 1.5); net[1].bias.normal_(0, 0.5)   # a trained BN has a nonzero shift
    before = net(Xtr).clone(); net[1].weight.mul_(4); net[3].weight.div_(4); after = net(Xtr)
print(f"cell 41 text 'scaling γ by c and the next layer by 1/c gives the same network': γx4, W/4, β kept: max|Δlogit| = {(after-before).abs().max():.3f} "
      f"(logit scale {before.abs().max():.2f}); only if β is scaled too (the code does it, the text does not say so) is it exact")
