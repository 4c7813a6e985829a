"""P3: section 6 re-trained one net at a time (plain torch Adam / AdamW, η = 1e-3, 640 steps, 5 seeds), with the missing
baseline (no decay at all), per-image paired standard errors for the AdamW - Adam+L2 difference, and the test images
(only to show what the validation-chosen winners do on images that did not choose them)."""
import math, time
import numpy as np
import torch
from common import data, train, predict

t0 = time.time()
X, y, _, ((Xtr, ytr), (Xva, yva), (Xte, yte)) = data()
settings = [("adam", 0.0), ("adam", 0.003), ("adam", 0.01), ("adam", 0.03), ("adamw", 1.0), ("adamw", 3.0), ("adamw", 10.0)]
cv, ct, wn, cvv = {}, {}, {}, {}
for opt, lam in settings:
    cv[opt, lam] = np.zeros((5, 400), bool); ct[opt, lam] = np.zeros((5, 397), bool); norms = []; convs = []
    for s, seed in enumerate([1, 2, 3, 4, 5]):
        net, _, ep = train(Xtr, ytr, seed, lam, lr=1e-3, opt=opt)
        cv[opt, lam][s] = (predict(net, Xva).argmax(1) == yva).numpy()
        ct[opt, lam][s] = (predict(net, Xte).argmax(1) == yte).numpy()
        norms.append(torch.cat([net.fc1.weight.flatten(), net.fc2.weight.flatten()]).norm().item()); convs.append(ep[29] / ep[39])
    v, t = 100 * cv[opt, lam].mean(1), 100 * ct[opt, lam].mean(1)
    print(f"{opt:5s} λ={lam:<6g}: val {v.mean():.2f} ± {v.std(ddof=1)/math.sqrt(5):.2f}, test {t.mean():.2f} ± {t.std(ddof=1)/math.sqrt(5):.2f}, "
          f"‖W‖ {np.mean(norms):.3g}, L30/L40 {np.mean(convs):.2f}")

def paired(a, b, label):
    d = 100 * (a.mean(1) - b.mean(1))
    dimg = a.mean(0).astype(float) - b.mean(0).astype(float)
    img_se = 100 * dimg.std(ddof=1) / math.sqrt(dimg.size)
    disc = [int((a[s] != b[s]).sum()) for s in range(5)]
    print(f"{label}: {d.mean():+.2f} ± {d.std(ddof=1)/math.sqrt(5):.2f} (seed s.e.), per seed {np.round(d, 2).tolist()}, "
          f"discordant images per seed {disc}, image-sampling s.e. of the paired difference {img_se:.2f}  -> z = {d.mean()/img_se:.1f}")

print()
paired(cv["adamw", 3.0], cv["adam", 0.01], "val,  AdamW(3) - Adam+L2(0.01)")
paired(ct["adamw", 3.0], ct["adam", 0.01], "test, AdamW(3) - Adam+L2(0.01)")
paired(cv["adam", 0.01], cv["adam", 0.0], "val,  Adam+L2(0.01) - Adam no decay")
paired(cv["adamw", 3.0], cv["adam", 0.0], "val,  AdamW(3) - Adam no decay")
print(f"({time.time() - t0:.0f} s)")
