"""Own plain-PyTorch loop (no d2lmini training code): the section-2 BN MLP, SGD+momentum, decay on layer 1 only.
Question: is the accuracy cost of lambda>0 (cell 13/14) and the 'train acc 0.94 at lambda=0.1' (cell 14) a property of the
learned weights, or of BatchNorm's *running statistics* lagging behind a layer that turns fast (eval mode)?
We evaluate each trained net (a) in eval mode with its running stats (as the notebook) and (b) with 'precise BN':
the BN mean/var recomputed from the full training set at the final weights. Also the RMS angle per step (2nd half)."""
import math, sys, time
import torch
from torch import nn
from torch.nn import functional as F
torch.set_num_threads(1)
sys.path.insert(0, "/work/main")
from d2lmini.nb06 import teacher_data, SETUP as S   # data only

X_tr, y_tr, X_te, y_te = teacher_data(S)
lambdas = [0.0, 1e-3, 1e-2, 0.1]
seeds = list(range(1, 9))
def bn_mlp():
    return nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))

def train(lam, seed, steps=1500, lr=0.05, mom=0.9):
    torch.manual_seed(seed)
    net = bn_mlp()
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lam},
                           {"params": net[3].parameters(), "weight_decay": 0.0}], lr=lr, momentum=mom)
    g = torch.Generator().manual_seed(1000 + seed)
    ang2 = []
    step = 0
    while step < steps:
        perm = torch.randperm(512, generator=g)
        for k in range(0, 512, 64):
            if step >= steps: break
            idx = perm[k:k + 64]
            W0 = net[0].weight.detach().clone()
            loss = F.cross_entropy(net(X_tr[idx]), y_tr[idx])
            opt.zero_grad(); loss.backward(); opt.step()
            W1 = net[0].weight.detach()
            c = (F.normalize(W0, dim=1) * F.normalize(W1, dim=1)).sum(1).clamp(-1, 1)
            ang2.append(torch.arccos(c).square().mean())
            step += 1
    return net, torch.stack(ang2)

def acc(net, X, y, precise):
    net.eval()
    if precise:
        with torch.no_grad():
            z = X_tr @ net[0].weight.T
            bn = net[1]
            saved = (bn.running_mean.clone(), bn.running_var.clone())
            bn.running_mean.copy_(z.mean(0)); bn.running_var.copy_(z.var(0))
            a = (net(X).argmax(-1) == y).float().mean().item()
            bn.running_mean.copy_(saved[0]); bn.running_var.copy_(saved[1])
            return a
    with torch.no_grad():
        return (net(X).argmax(-1) == y).float().mean().item()

t0 = time.time()
res = {}
for lam in lambdas:
    rows = []
    for s in seeds:
        net, a2 = train(lam, s)
        rows.append([acc(net, X_te, y_te, False), acc(net, X_te, y_te, True), acc(net, X_tr, y_tr, False), acc(net, X_tr, y_tr, True),
                     a2[750:].mean().sqrt().item()])
    res[lam] = torch.tensor(rows, dtype=torch.float64)
    m = res[lam].mean(0)
    pred = math.sqrt(2 * 0.05 * lam / 1.9)
    print(f"λ={lam:<6g} test(eval-mode running stats) {m[0]:.4f}  test(precise BN) {m[1]:.4f}  train(eval) {m[2]:.4f}  "
          f"train(precise) {m[3]:.4f}  RMS angle {m[4]:.4g} (pred {pred:.4g})   [{time.time()-t0:.0f}s]", flush=True)
print("\npaired differences vs λ=0, mean ± s.e. over", len(seeds), "seeds")
for lam in lambdas[1:]:
    for j, name in ((0, "eval-mode"), (1, "precise BN")):
        d = res[lam][:, j] - res[0.0][:, j]
        print(f"  λ={lam:<6g} {name:10}: {d.mean():+.4f} ± {d.std() / math.sqrt(len(d)):.4f}")
    d = (res[lam][:, 1] - res[lam][:, 0])
    print(f"  λ={lam:<6g} precise minus eval-mode (same net): {d.mean():+.4f} ± {d.std() / math.sqrt(len(d)):.4f}")
