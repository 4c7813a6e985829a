"""Section 2 baseline the notebook does not show: the same network with the first layer FROZEN at its random init
(BatchNorm-normalized random ReLU features, only the head trained: SGD lr 0.05, momentum 0.9, batch 64, 1500 steps).
If it reaches the ~0.88 of the trained networks, "test accuracy is the same for every λ" says little about decay."""
import torch, sys, time
from torch import nn
from torch.nn import functional as F
torch.set_num_threads(1)
sys.path.insert(0, "/work/main")
import d2lmini as d2l
S = d2l.nb06.SETUP
Xtr, ytr, Xte, yte = d2l.nb06.teacher_data(S)          # data only
def net_for(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))
def train(seed, freeze, lambd=0.0, steps=S.steps):
    net = net_for(seed)
    groups = [{"params": net[3].parameters(), "weight_decay": 0.0}]
    if not freeze: groups.append({"params": [net[0].weight], "weight_decay": lambd})
    else: net[0].weight.requires_grad_(False)
    opt = torch.optim.SGD(groups, lr=S.lr, momentum=S.momentum)
    g = torch.Generator().manual_seed(1000 + seed)
    t = 0
    while t < steps:
        for idx in torch.randperm(512, generator=g).split(64):
            if t == steps: break
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx]); opt.zero_grad(); loss.backward(); opt.step(); t += 1
    net.eval()
    with torch.no_grad():
        return (net(Xtr).argmax(1) == ytr).float().mean().item(), (net(Xte).argmax(1) == yte).float().mean().item()
t0 = time.time()
seeds = [1, 2, 3, 4, 5, 6]
res = {k: [train(s, *a) for s in seeds] for k, a in {"frozen first layer": (True,), "trained, λ = 0": (False, 0.0), "trained, λ = 0.1": (False, 0.1)}.items()}
for k, r in res.items():
    te = torch.tensor([x[1] for x in r]); tr = torch.tensor([x[0] for x in r])
    print(f"{k:20}: train acc {tr.mean():.3f}, test acc {te.mean():.3f} ± {te.std()/len(seeds)**0.5:.3f} (seeds {seeds}: {[round(float(v),3) for v in te]})")
p = 0.88
print(f"binomial s.e. of one test accuracy near 0.88 on 4096 points: {(p*(1-p)/4096)**0.5:.4f}")
print(f"({time.time()-t0:.0f} s)")
