"""Probe 5 (section 2, 4.5): the equilibrium laws with an own plain loop (nn.Sequential, torch.optim, DataLoader),
seeds 1-3: RMS angle per step over steps 751-1500 vs sqrt(2ηλ/(1+β)); AdamW row norm vs sqrt(ηC/(2λ))."""
import math, sys
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
Xtr, ytr, _, _ = d2l.nb06.teacher_data(d2l.nb06.SETUP)

def run(lr, lam, mom, seed, adamw=False, steps=1500):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))
    groups = [{"params": [net[0].weight], "weight_decay": lam}, {"params": net[3].parameters(), "weight_decay": 0.0}]
    opt = torch.optim.AdamW(groups, lr=lr) if adamw else torch.optim.SGD(groups, lr=lr, momentum=mom)
    loader = DataLoader(range(512), 64, shuffle=True, generator=torch.Generator().manual_seed(1000 + seed))
    a2, norms, step = [], [], 0
    while step < steps:
        for idx in loader:
            if step == steps: break
            W0 = net[0].weight.detach().clone()
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx]); opt.zero_grad(); loss.backward(); opt.step(); step += 1
            W1 = net[0].weight.detach()
            cos = (W0 * W1).sum(1) / (W0.norm(dim=1) * W1.norm(dim=1))
            a2.append(torch.arccos(cos.clamp(-1, 1).double()).square().mean()); norms.append(W1.norm(dim=1).square().mean().sqrt())
    a2 = torch.stack(a2); return float(a2[steps // 2:].mean().sqrt()), torch.stack(norms)

for lr, lam, mom in ((0.05, 0.1, 0.9), (0.05, 0.0316, 0.9), (0.5, 0.01, 0.0)):
    pred = math.sqrt(2 * lr * lam / (1 + mom))
    r = [run(lr, lam, mom, s)[0] for s in (1, 2, 3)]
    print(f"SGD η={lr} λ={lam} β={mom}: RMS angle {sum(r)/3:.4g} (seeds {[round(x, 4) for x in r]}), prediction {pred:.4g}, ratio {sum(r)/3/pred:.3f}", flush=True)
for lam in (0.125, 0.5):
    ns = [float(run(0.01, lam, 0, s, adamw=True)[1][-500:].mean()) for s in (1, 2, 3)]
    pred = math.sqrt(0.01 * 20 / (2 * lam))
    print(f"AdamW η=0.01 λ={lam}: RMS row norm (last 500 steps) {sum(ns)/3:.3f}, sqrt(ηC/2λ) {pred:.3f}, ratio {sum(ns)/3/pred:.3f}", flush=True)
