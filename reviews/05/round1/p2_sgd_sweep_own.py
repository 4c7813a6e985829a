"""P2: the section-3 sweep (8 λ x 5 seeds, SGD η = 0.1, 640 steps) and section 5 (biases decayed), re-trained one net at a
time with plain torch. Per-image correctness on validation AND test for every net -> paired (per-image) standard errors,
test accuracy for every λ (not used to choose: only to size the selection optimism), confidence, init vs learned part."""
import math, time
import numpy as np
import torch
from torch.nn import functional as F
from common import data, train, predict, mcnemar_se, roughness

t0 = time.time()
X, y, _, ((Xtr, ytr), (Xva, yva), (Xte, yte)) = data()
grid = [0.0, 1e-4, 0.000316, 0.001, 0.00316, 0.01, 0.0316, 0.1]
seeds = [1, 2, 3, 4, 5]
cv = np.zeros((len(grid), 5, 400), bool); ct = np.zeros((len(grid), 5, 397), bool)
vloss = np.zeros((len(grid), 5)); conf = np.zeros((len(grid), 5)); conf_correct = np.zeros((len(grid), 5))
rough = np.zeros((len(grid), 5)); conv = np.zeros((len(grid), 5))
init_part = {}
for i, lam in enumerate(grid):
    for s, seed in enumerate(seeds):
        net, W0, ep = train(Xtr, ytr, seed, lam)
        ov, ot = predict(net, Xva), predict(net, Xte)
        cv[i, s] = (ov.argmax(1) == yva).numpy(); ct[i, s] = (ot.argmax(1) == yte).numpy()
        vloss[i, s] = F.cross_entropy(ov, yva).item()
        pm = ov.softmax(1).max(1).values
        conf[i, s] = pm.mean().item(); conf_correct[i, s] = pm[ov.argmax(1) == yva].mean().item()
        W = net.fc1.weight.detach()
        rough[i, s] = roughness(W)
        conv[i, s] = ep[29] / ep[39]
        if lam in (0.0, 0.01, 0.1):
            f = (1 - 0.1 * lam) ** 640
            init_part.setdefault(lam, []).append((W0.norm().item(), (f * W0).norm().item(), (W - f * W0).norm().item(),
                                                 W.norm().item(), roughness(W0), roughness(W - f * W0)))
np.savez("/tmp/rev05/p2_preds.npz", cv=cv, ct=ct)
va, ta = 100 * cv.mean(2), 100 * ct.mean(2)
se = lambda a: a.std(1, ddof=1) / math.sqrt(a.shape[1])
print(f"{'λ':>8} {'val acc':>13} {'test acc':>13} {'val loss':>9} {'mean p_max':>10} {'p_max|right':>11} {'rough':>6} {'L30/L40':>7}")
for i, lam in enumerate(grid):
    print(f"{lam:>8g} {va[i].mean():6.2f} ± {se(va)[i]:.2f} {ta[i].mean():6.2f} ± {se(ta)[i]:.2f} {vloss[i].mean():9.3f} "
          f"{conf[i].mean():10.3f} {conf_correct[i].mean():11.3f} {rough[i].mean():6.2f} {conv[i].mean():7.2f}")
best = int(va.mean(1).argmax())
print(f"\nλ* (best mean val) = {grid[best]}; val-loss argmin = {grid[int(vloss.mean(1).argmin())]}")

# Paired comparisons on the same images: seed-paired AND image-paired.
def paired(ca, cb, label):
    d = 100 * (ca.mean(-1) - cb.mean(-1))            # per seed
    # per-image difference averaged over the 5 seeds: its sampling s.e. over the n images
    dimg = ca.mean(0).astype(float) - cb.mean(0).astype(float)
    img_se = 100 * dimg.std(ddof=1) / math.sqrt(dimg.size)
    disc = [int((ca[s] != cb[s]).sum()) for s in range(ca.shape[0])]
    print(f"{label}: {d.mean():+.2f} ± {d.std(ddof=1)/math.sqrt(5):.2f} (seed s.e.); per-seed {np.round(d, 2).tolist()}; "
          f"discordant images per seed {disc}; image-sampling s.e. of the paired difference {img_se:.2f} points")
    return d.mean(), img_se

paired(cv[best], cv[0], f"val, λ*={grid[best]} - λ=0")
paired(ct[best], ct[0], f"test, λ*={grid[best]} - λ=0")
paired(cv[0], cv[-1], "val, λ=0 - λ=0.1")
p = va[best].mean() / 100
print(f"unpaired sampling s.e. of one accuracy on 400 images (the notebook's yardstick): {100*math.sqrt(p*(1-p)/400):.2f}")

# selection optimism: how much of val - test at λ* is due to choosing λ* on validation?
print(f"\nval - test per λ: {[round(float(v), 2) for v in va.mean(1) - ta.mean(1)]}")
print(f"val - test at λ*: {va[best].mean() - ta[best].mean():.2f}; at λ=0 (not selected): {va[0].mean() - ta[0].mean():.2f}; "
      f"largest possible selection gain = best val - median val over λ ≤ 0.0316: {va[best].mean() - np.median(va[:7].mean(1)):.2f}")

# Section 5: biases decayed too
print()
cvb = {}
for lam in (0.01, 0.1):
    cvb[lam] = np.zeros((5, 400), bool); bn = []; bn0 = []
    i = grid.index(lam)
    for s, seed in enumerate(seeds):
        net, _, _ = train(Xtr, ytr, seed, lam, decay_biases=True)
        cvb[lam][s] = (predict(net, Xva).argmax(1) == yva).numpy()
        bn.append(torch.cat([net.fc1.bias, net.fc2.bias]).norm().item())
    paired(cvb[lam], cv[i], f"val, biases decayed - not, λ={lam}")
    print(f"   ‖b‖ (both layers, mean of seeds) with decayed biases: {np.mean(bn):.3g}")

print("\nλ=0, 0.01, 0.1: ‖W1_init‖, ‖(1-ηλ)^T W1_init‖, ‖W1 - (1-ηλ)^T W1_init‖ (learned part), ‖W1‖, roughness(init), roughness(learned part); mean over 5 seeds")
for lam, rows in init_part.items():
    r = np.array(rows).mean(0)
    print(f"  λ={lam:<5g}: " + ", ".join(f"{v:.3f}" for v in r))
print(f"\n({time.time() - t0:.0f} s)")
