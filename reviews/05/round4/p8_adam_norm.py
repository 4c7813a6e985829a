"""Section 6's 'λ ratio at equal ‖W‖' comes from interpolating log λ between 3-point grids. Train at the interpolated
λ values themselves and read the norm they actually end at (target 5.5 / 6.0 / 7.0)."""
import sys
sys.path.insert(0, "/work/main")
import torch
import d2lmini as d2l
torch.set_num_threads(1)
(Xtr, ytr), _, _ = d2l.nb05.digits()
pairs = {5.5: (0.02, 4.04), 6.0: (0.0135, 3.07), 7.0: (0.00634, 1.68)}
a = d2l.nb05.train_sweep(d2l.nb05.SimpleNet, (Xtr, ytr), [p[0] for p in pairs.values()], (1, 2, 3, 4, 5), 40, 1e-3, optimizer="adam")
w = d2l.nb05.train_sweep(d2l.nb05.SimpleNet, (Xtr, ytr), [p[1] for p in pairs.values()], (1, 2, 3, 4, 5), 40, 1e-3, optimizer="adamw")
for k, (target, (la, lw)) in enumerate(pairs.items()):
    print(f"target ‖W‖ = {target}: Adam+L2 λ={la:g} ends at {a.weight_norm[k, :, -1].mean():.2f}; AdamW λ={lw:g} ends at "
          f"{w.weight_norm[k, :, -1].mean():.2f}; ratio {lw / la:.0f}")
