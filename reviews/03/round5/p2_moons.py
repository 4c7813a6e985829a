"""Probe 2: two moons. (a) Bayes accuracy by my own sampler + finer quadrature; (b) own MLP training (PyTorch default
init, torch.optim.SGD weight_decay on weight matrices only), 5 seeds, run to 4000 steps: does λ=0.00316 really make the
result independent of when you stop, and does early stopping match it?"""
import math, numpy as np, torch
from torch import nn
torch.set_num_threads(1)
import sys; sys.path.insert(0, "/work/main")
from d2lmini.nb03 import make_moons       # the data generator only (verified below against my own sampler's Bayes)
# (a) Bayes
rng = np.random.default_rng(5); n = 100000
t = rng.uniform(0, np.pi, n); c = rng.integers(0, 2, n)
P = np.where(c[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), .5 - np.sin(t)]) + .25 * rng.standard_normal((n, 2))
tg = (np.arange(1000) + .5) / 1000 * np.pi
def logdens(X, cls):
    mu = np.c_[np.cos(tg), np.sin(tg)] if cls == 0 else np.c_[1 - np.cos(tg), .5 - np.sin(tg)]
    out = []
    for ch in np.array_split(X, 100):
        a = -((ch[:, None, :] - mu[None]) ** 2).sum(-1) / (2 * .25 ** 2); m = a.max(1)
        out.append(m + np.log(np.exp(a - m[:, None]).sum(1)))
    return np.concatenate(out)
q = 1 / (1 + np.exp(logdens(P, 0) - logdens(P, 1)))
clean_right = ((q > .5) == (c == 1)).astype(float)
flipped = rng.uniform(size=n) < .1
right = np.where(flipped, 1 - clean_right, clean_right)
print(f"Bayes (own sampler, 1e5 points, 1000-pt quadrature): clean {clean_right.mean():.4f} ± {clean_right.std()/np.sqrt(n):.4f}, "
      f"with 10% flips {right.mean():.4f} ± {right.std()/np.sqrt(n):.4f}; smoothed 0.1+0.8*clean = {0.1+0.8*clean_right.mean():.4f}")
# (b) training
Xv, yv = make_moons(1000, .25, .1, seed=10)
def net_for(seed):
    torch.manual_seed(1000 + seed)
    return nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1))
checks = list(range(100, 4001, 100))
for lam in (0.0, 0.00316, 0.01):
    curves = []
    for r in range(5):
        Xt, yt = make_moons(100, .25, .1, seed=100 + r)
        net = net_for(r)
        groups = [{"params": [m.weight for m in net if isinstance(m, nn.Linear)], "weight_decay": lam},
                  {"params": [m.bias for m in net if isinstance(m, nn.Linear)], "weight_decay": 0.0}]
        opt = torch.optim.SGD(groups, lr=0.1, momentum=0.9); lf = nn.BCEWithLogitsLoss(); cur = []
        for s in range(1, 4001):
            opt.zero_grad(); lf(net(Xt).reshape(-1), yt).backward(); opt.step()
            if s in checks:
                with torch.no_grad(): cur.append(((net(Xv).reshape(-1) > 0).float() == yv).float().mean().item())
        curves.append(cur)
    C = np.array(curves); m = C.mean(0); se = C.std(0, ddof=1) / np.sqrt(5)
    pick = [checks.index(s) for s in (200, 300, 500, 1000, 2000, 3000, 4000)]
    print(f"λ={lam:<7g} mean val acc at steps 200/300/500/1000/2000/3000/4000: " + " ".join(f"{m[i]:.3f}" for i in pick)
          + f" | best T {checks[int(m.argmax())]} ({m.max():.3f}); range over steps 300..4000 {m[2:].max()-m[2:].min():.3f}; s.e.@1000 {se[9]:.3f}")
