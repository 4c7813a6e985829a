"""Sections 2/4.5, own plain loops (nn.Sequential + torch.optim + DataLoader, one network at a time):
RMS angle vs sqrt(2 eta lam/(1+beta)), how far the norm still drifts in the 2nd half, and whether the low
train/test accuracy at lam = 0.1 is 'not settling into the training set' or stale BatchNorm running statistics
(eval with running stats vs eval with statistics recomputed on the full training set for the final weights)."""
import math, sys, time
import torch
from torch import nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
torch.set_num_threads(1)

gen = torch.Generator().manual_seed(0)
X = torch.randn(4608, 20, generator=gen); V = torch.randn(20, 4, generator=gen)
s = torch.relu(X @ V).sum(1); y = (s > s.median()).long()
Xtr, ytr, Xte, yte = X[:512], y[:512], X[512:], y[512:]

def net_():
    return nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))

def acc(net, Xs, ys):
    with torch.no_grad():
        return (net(Xs).argmax(1) == ys).float().mean().item()

def precise_bn_acc(net, Xs, ys):
    """BatchNorm statistics of the final first layer on the full training set (population stats), then evaluate."""
    with torch.no_grad():
        z = Xtr @ net[0].weight.T
        mu, var = z.mean(0), z.var(0, unbiased=False)
        a = torch.relu(((Xs @ net[0].weight.T) - mu) / torch.sqrt(var + 1e-5))
        return (net[3](a).argmax(1) == ys).float().mean().item()

def train(lr, lam, mom, seed, steps=1500, opt="sgd", scale=1.0):
    torch.manual_seed(seed)
    net = net_()
    with torch.no_grad(): net[0].weight.mul_(scale)
    W1 = net[0].weight
    groups = [{"params": [W1], "weight_decay": lam}, {"params": net[3].parameters(), "weight_decay": 0.0}]
    o = torch.optim.SGD(groups, lr=lr, momentum=mom) if opt == "sgd" else torch.optim.AdamW(groups, lr=lr)
    loader = DataLoader(range(512), 64, shuffle=True, generator=torch.Generator().manual_seed(1000 + seed))
    ang2, norms, step = [], [], 0
    while step < steps:
        for idx in loader:
            if step >= steps: break
            before = W1.detach().clone()
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx])
            o.zero_grad(); loss.backward(); o.step(); step += 1
            after = W1.detach()
            c = ((before * after).sum(1) / (before.norm(dim=1) * after.norm(dim=1))).clamp(-1, 1)
            ang2.append(torch.arccos(c).square().mean().item())
            norms.append(after.norm(dim=1).square().mean().item())       # mean squared row norm
    net.eval()
    return net, torch.tensor(ang2, dtype=torch.float64), torch.tensor(norms, dtype=torch.float64)

if __name__ == "__main__":
    T, half = 1500, 750
    print(f"{'setting':26} {'seed':>4} {'RMSang/pred':>11} {'rms 2nd q.':>10} {'rms 4th q.':>10} {'‖w‖ 750':>8} {'‖w‖1500':>8} "
          f"{'drift/(2κ)':>10} {'train(run)':>10} {'train(pBN)':>10} {'test(run)':>9} {'test(pBN)':>9}")
    settings = [("sgd", 0.05, lam, 0.9) for lam in (0.0, 1e-3, 3.16e-3, 0.01, 0.0316, 0.1)] + [("sgd", 0.5, 0.01, 0.0)] \
             + [("adamw", 0.01, lam, None) for lam in (0.125, 0.5)]
    res = {}
    t0 = time.time()
    for opt, lr, lam, mom in settings:
        for seed in (1, 2, 3):
            net, a2, u = train(lr, lam, mom or 0.0, seed, T, opt)
            if opt == "sgd":
                pred = math.sqrt(2 * lr * lam / (1 + (mom or 0.0)))
                kappa = lr * lam / (1 - (mom or 0.0))                      # decay per step incl. momentum
            else:
                pred = math.sqrt(2 * lr * lam * 0.1 / 1.9); kappa = lr * lam
            rms = a2[half:].mean().sqrt().item()
            q2, q4 = a2[half:half + 375].mean().sqrt().item(), a2[-375:].mean().sqrt().item()
            # relative drift of u = ||w||^2 per step over the 2nd half, against the decay rate 2*kappa of u
            drift = (math.log(u[-1] / u[half - 1]) / half)
            r = dict(rms=rms, pred=pred, n750=u[half - 1].sqrt().item(), n1500=u[-1].sqrt().item(),
                     drift=drift / (2 * kappa) if kappa else float("nan"),
                     tr=acc(net, Xtr, ytr), trp=precise_bn_acc(net, Xtr, ytr), te=acc(net, Xte, yte), tep=precise_bn_acc(net, Xte, yte))
            res[opt, lr, lam, seed] = r
            name = f"{opt} η={lr:g} λ={lam:g}" + (f" β={mom:g}" if mom is not None else "")
            print(f"{name:26} {seed:>4} {rms / pred if pred else float('nan'):>11.3f} {q2:>10.4g} {q4:>10.4g} {r['n750']:>8.3f} {r['n1500']:>8.3f} "
                  f"{r['drift']:>10.3f} {r['tr']:>10.3f} {r['trp']:>10.3f} {r['te']:>9.3f} {r['tep']:>9.3f}", flush=True)
    print(f"({time.time() - t0:.0f} s)")
    torch.save(res, "/tmp/rev06/p02.pt")
