"""The notebook's untested reading (cell 14): the accuracy cost of small λ comes from the larger final effective step.
Test: same recipe as p01 but the learning rate annealed linearly to 0 (LambdaLR), λ in {0, 0.01}, 12 seeds, paired."""
import math, sys
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
S = d2l.nb06.SETUP
Xtr, ytr, Xte, yte = d2l.nb06.teacher_data(S)
def train(lam, seed, anneal, steps=1500):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lam},
                           {"params": net[3].parameters(), "weight_decay": 0.0}], lr=0.05, momentum=0.9)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: (1 - t / steps) if anneal else 1.0)
    loader = DataLoader(range(512), 64, shuffle=True, generator=torch.Generator().manual_seed(1000 + seed))
    step = 0
    while step < steps:
        for idx in loader:
            if step >= steps: break
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx]); opt.zero_grad(); loss.backward(); opt.step(); sch.step(); step += 1
    net.eval()
    with torch.no_grad():
        return (net(Xte).argmax(-1) == yte).float()
seeds = range(1, 13)
for anneal in (False, True):
    c0 = torch.stack([train(0.0, s, anneal) for s in seeds]); c1 = torch.stack([train(0.01, s, anneal) for s in seeds])
    d = c1.mean(1) - c0.mean(1)
    se = math.hypot(d.std() / math.sqrt(len(d)), (c1 - c0).mean(0).std() / math.sqrt(c0.shape[1]))
    print(f"{'linear anneal to 0' if anneal else 'constant lr      '}: acc λ=0 {c0.mean():.4f}, λ=0.01 {c1.mean():.4f}, "
          f"paired difference {d.mean():+.4f} ± {se:.4f} (combined s.e., {len(d)} seeds)", flush=True)
