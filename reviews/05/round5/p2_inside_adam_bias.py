"""Own loop: (a) how much of the init survives at λ = 0; roughness of the init; (b) bias decay per seed at λ = 0.1
(own minibatch orders, and the notebook's own runs read per seed); (c) Adam + L2 / AdamW at the λ the notebook
interpolates for ‖W‖ = 6 and 7: do they land there?"""
import math, torch
from common import *
import d2lmini as d2l
(Xtr, ytr), (Xva, yva), _ = data()
def rough(W):   # W (h, 64): one filter per row
    img = W.reshape(-1, 8, 8); dx = (img[:, :, 1:] - img[:, :, :-1]).square().mean((1, 2)); dy = (img[:, 1:] - img[:, :-1]).square().mean((1, 2))
    return ((dx + dy) / 2 / img.square().mean((1, 2))).mean().item()
for s in (1, 2, 3):
    W0 = make(s)[0].weight.detach().clone()
    net, _ = train(s, Xtr, ytr, 0.0)
    W = net[0].weight.detach(); D = W - W0
    print(f"seed {s}: ||W1_init|| {W0.norm():.2f}, ||W1_final|| {W.norm():.2f}, ||change|| {D.norm():.2f}, "
          f"share of ||W1_final||^2 along the init direction {((W*W0).sum()/W0.norm())**2/W.norm()**2:.2f}; roughness init {rough(W0):.3f}, final {rough(W):.3f}, change alone {rough(D):.3f}")
# (b) bias decay, λ = 0.1, own loop
for lam in (0.01, 0.1):
    d = []
    for s in (1, 2, 3, 4, 5):
        a, _ = train(s, Xtr, ytr, lam); b, _ = train(s, Xtr, ytr, lam, decay_bias=True)
        d.append(int(correct(b, Xva, yva).sum() - correct(a, Xva, yva).sum()))
    print(f"own loop, λ = {lam}: biases-too minus weights-only, per seed (images of 400): {d}")
# the notebook's own runs, per seed (read only)
X5 = d2l.nb05.digits()
sw = d2l.nb05.train_sweep(d2l.nb05.SimpleNet, X5[0], [0.1], (1, 2, 3, 4, 5), 40, 0.1)
swb = d2l.nb05.train_sweep(d2l.nb05.SimpleNet, X5[0], [0.1], (1, 2, 3, 4, 5), 40, 0.1, decay_biases=True)
print("notebook's runs, λ = 0.1: biases-too minus weights-only per seed (images):",
      (swb.correct(*X5[1]).sum(-1) - sw.correct(*X5[1]).sum(-1))[0].tolist())
# (c) Adam + L2 vs AdamW at interpolated λ
for opt, lam, target in [("adam", 0.0135, 6.0), ("adamw", 3.07, 6.0), ("adam", 0.00634, 7.0), ("adamw", 1.68, 7.0), ("adam", 0.01, None), ("adamw", 3.0, None)]:
    norms, accs = [], []
    for s in (1, 2, 3, 4, 5):
        net, _ = train(s, Xtr, ytr, lam, lr=1e-3, opt=opt); norms.append(wnorm(net)); accs.append(100 * loss_acc(net, Xva, yva)[1])
    print(f"{opt:5s} λ = {lam:<7g}: ‖W‖ = {mse(norms)[0]:.2f} ± {mse(norms)[1]:.2f} (target {target}), val acc {mse(accs)[0]:.2f} ± {mse(accs)[1]:.2f}")
