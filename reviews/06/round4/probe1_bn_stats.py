"""Probe 1: is the test-accuracy cost of decay (cell 13/14) and the 'training accuracy 0.94' at lambda=0.1 a property of the
weights, or of BatchNorm's stale running statistics in eval mode?  Own plain loop (nn.Sequential + torch.optim.SGD +
DataLoader, as the notebook's train_one), then accuracy (a) eval mode with running stats [the notebook's measure],
(b) eval mode with BN statistics recomputed on the full training set at the final weights."""
import math, sys, time
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
Xtr, ytr, Xte, yte = d2l.nb06.teacher_data(S)   # data only

def net_():
    return nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))

def train(lambd, seed, steps=1500, lr=0.05, mom=0.9):
    torch.manual_seed(seed)
    net = net_()
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lambd},
                           {"params": net[3].parameters(), "weight_decay": 0.0}], lr=lr, momentum=mom)
    loader = DataLoader(range(512), 64, shuffle=True, generator=torch.Generator().manual_seed(1000 + seed))
    step = 0
    while step < steps:
        for idx in loader:
            if step == steps: break
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx]); opt.zero_grad(); loss.backward(); opt.step(); step += 1
    return net

def acc(net, X, y):
    net.eval()
    with torch.no_grad(): return (net(X).argmax(-1) == y).float()

def recal(net):
    net.train(); bn = net[1]; bn.reset_running_stats(); bn.momentum = None   # cumulative average = stats of the full set
    with torch.no_grad(): net(Xtr)
    net.eval(); return net

lambdas = [0.0, 0.001, 0.01, 0.0316, 0.1]
seeds = list(range(1, 9))
t0 = time.time()
res = {}
for lam in lambdas:
    rows = []
    for s in seeds:
        net = train(lam, s)
        a_te, a_tr = acc(net, Xte, yte), acc(net, Xtr, ytr)
        recal(net)
        b_te, b_tr = acc(net, Xte, yte), acc(net, Xtr, ytr)
        rows.append((a_te, a_tr.mean(), b_te, b_tr.mean()))
    res[lam] = rows
    te_a = torch.stack([r[0].mean() for r in rows]); te_b = torch.stack([r[2].mean() for r in rows])
    tr_a = torch.stack([r[1] for r in rows]); tr_b = torch.stack([r[3] for r in rows])
    print(f"λ={lam:<7g} running stats: train {tr_a.mean():.3f} test {te_a.mean():.4f} ± {te_a.std()/math.sqrt(len(seeds)):.4f} | "
          f"recomputed full-train stats: train {tr_b.mean():.3f} test {te_b.mean():.4f} ± {te_b.std()/math.sqrt(len(seeds)):.4f}", flush=True)
print("paired differences vs λ=0 (mean over seeds ± seed s.e.), test accuracy:")
for lam in lambdas[1:]:
    for k, name in ((0, "running stats"), (2, "recomputed  ")):
        d = torch.stack([res[lam][i][k].mean() - res[0.0][i][k].mean() for i in range(len(seeds))])
        print(f"  λ={lam:<7g} {name}: {d.mean():+.4f} ± {d.std()/math.sqrt(len(seeds)):.4f}")
print(f"time {time.time()-t0:.0f}s")
