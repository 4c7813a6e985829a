"""Is the test-accuracy cost of lambda > 0 (cells 13-14, summary) an artefact of stale BatchNorm running statistics?
Own plain loop (nn.Sequential + torch.optim.SGD + DataLoader, as the notebook's train_one), then evaluate the final
network (a) in eval mode with BatchNorm's running stats (what the notebook reports) and (b) with the BN statistics
recomputed on the whole training set at the final weights (a standard 'BN recalibration')."""
import math, sys, time
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
S = d2l.nb06.SETUP
Xtr, ytr, Xte, yte = d2l.nb06.teacher_data(S)

def net_fn():
    return nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))

def train(lam, seed, steps=1500, lr=0.05, mom=0.9):
    torch.manual_seed(seed)
    net = net_fn()
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lam},
                           {"params": net[3].parameters(), "weight_decay": 0.0}], lr=lr, momentum=mom)
    loader = DataLoader(range(512), 64, shuffle=True, generator=torch.Generator().manual_seed(1000 + seed))
    step = 0
    while step < steps:
        for idx in loader:
            if step >= steps: break
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx])
            opt.zero_grad(); loss.backward(); opt.step(); step += 1
    return net

def acc_eval(net, X, y):
    net.eval()
    with torch.no_grad():
        return (net(X).argmax(-1) == y).float()

def acc_recal(net, X, y):
    with torch.no_grad():
        z = Xtr @ net[0].weight.T
        mu, var = z.mean(0), z.var(0, unbiased=False)
        a = torch.relu((X @ net[0].weight.T - mu) / torch.sqrt(var + 1e-5))
        return (net[3](a).argmax(-1) == y).float()

lams = [0.0, 0.001, 0.01, 0.1]
seeds = list(range(1, 17))
t0 = time.time()
res = {}
for lam in lams:
    ce, cr, tre, trr = [], [], [], []
    for s in seeds:
        net = train(lam, s)
        ce.append(acc_eval(net, Xte, yte)); cr.append(acc_recal(net, Xte, yte))
        tre.append(acc_eval(net, Xtr, ytr).mean()); trr.append(acc_recal(net, Xtr, ytr).mean())
    res[lam] = (torch.stack(ce), torch.stack(cr), torch.stack(tre), torch.stack(trr))
    print(f"λ={lam:<6g} test acc eval-mode {res[lam][0].mean():.4f}  recalibrated BN {res[lam][1].mean():.4f} | "
          f"train acc eval-mode {res[lam][2].mean():.3f}  recalibrated {res[lam][3].mean():.3f}   ({time.time()-t0:.0f}s)", flush=True)

def paired(a, b):
    d = a.mean(1) - b.mean(1)           # per seed
    se_seed = d.std() / math.sqrt(len(d))
    se_test = (a - b).mean(0).std() / math.sqrt(a.shape[1])
    return f"{d.mean():+.4f} ± {math.hypot(se_seed, se_test):.4f} (combined s.e.)"
print()
for lam in lams[1:]:
    print(f"λ={lam:<6g} minus λ=0: eval-mode {paired(res[lam][0], res[0.0][0])};  recalibrated {paired(res[lam][1], res[0.0][1])}")
