"""The left tail of section 4's fc1 histogram at λ = 0.1 (units with ‖w‖ ~ 0.002-0.01): are they dead ReLU units that
only decay moves? Count units silent on all 1000 training images and compare their norm with init × (1-ηλ)^T."""
import sys
sys.path.insert(0, "/work/main")
import torch
import d2lmini as d2l
torch.set_num_threads(1)
(Xtr, ytr), _, _ = d2l.nb05.digits()
seeds = (1, 2, 3, 4, 5)
sw = d2l.nb05.train_sweep(d2l.nb05.SimpleNet, (Xtr, ytr), [0.0, 0.01, 0.1], seeds, 40, 0.1)
inits = []
for s in seeds:
    torch.manual_seed(s); inits.append(d2l.nb05.SimpleNet().fc1.weight.detach().T)
W0 = torch.stack(inits)
for i, lam in enumerate([0.0, 0.01, 0.1]):
    pre = torch.einsum("nd,sdh->snh", Xtr, sw.W1[i]) + sw.b1[i][:, None]
    dead = (pre <= 0).all(1)                         # (5 seeds, 64 units)
    norms = sw.W1[i].norm(dim=1)                     # (5, 64)
    small = norms < 0.05
    budget = (1 - 0.1 * lam) ** 640
    pred = (W0.norm(dim=1) * budget)[dead]
    print(f"λ={lam:g}: dead units {int(dead.sum())} of 320; units with ‖w‖<0.05: {int(small.sum())} (of which dead {int((small & dead).sum())})"
          + (f"; dead units' ‖w‖ / (‖w0‖·(1-ηλ)^T): {(norms[dead] / pred).min():.3f}-{(norms[dead] / pred).max():.3f}" if dead.any() else ""))
