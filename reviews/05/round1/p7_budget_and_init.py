"""P7: two competing explanations.
(a) Step budget: is 'tuned decay buys no accuracy' an artefact of stopping at 640 steps while the small-λ nets are still
    training (L30/L40 = 1.45)? Re-train λ = 0 and λ = 0.01 for 5x longer (3200 steps).
(b) Initial weights: is the λ = 0 speckle (roughness 1.61) the leftover of the random init? Train λ = 0 from an init
    scaled by 0.1 (close to a minimum-norm start) and compare roughness and accuracy."""
import math, time
import numpy as np
from common import data, train, predict, roughness

t0 = time.time()
X, y, _, ((Xtr, ytr), (Xva, yva), (Xte, yte)) = data()
def row(label, nets_eps):
    va = np.array([100 * (predict(n, Xva).argmax(1) == yva).float().mean().item() for n, _, _ in nets_eps])
    tr = np.array([100 * (predict(n, Xtr).argmax(1) == ytr).float().mean().item() for n, _, _ in nets_eps])
    ro = np.array([roughness(n.fc1.weight.detach()) for n, _, _ in nets_eps])
    cv = np.array([ep[int(len(ep) * 0.75) - 1] / ep[-1] for _, _, ep in nets_eps])
    print(f"{label:38s}: train {tr.mean():.2f}, val {va.mean():.2f} ± {va.std(ddof=1)/math.sqrt(5):.2f}, "
          f"roughness {ro.mean():.2f} ± {ro.std(ddof=1)/math.sqrt(5):.2f}, L(75%)/L(end) {cv.mean():.2f}")
    return va
seeds = [1, 2, 3, 4, 5]
for epochs in (40, 200):
    v0 = row(f"λ=0,    {epochs} epochs", [train(Xtr, ytr, s, 0.0, epochs=epochs) for s in seeds])
    v1 = row(f"λ=0.01, {epochs} epochs", [train(Xtr, ytr, s, 0.01, epochs=epochs) for s in seeds])
    d = v1 - v0
    print(f"   λ=0.01 - λ=0 at {epochs} epochs: {d.mean():+.2f} ± {d.std(ddof=1)/math.sqrt(5):.2f} (seed-paired)")
row("λ=0, 40 epochs, init x 0.1", [train(Xtr, ytr, s, 0.0, init_scale=0.1) for s in seeds])
print(f"({time.time() - t0:.0f} s)")
