"""Probe 1: independent re-run of section 2 (BN MLP, SGD+momentum, eta=0.05, beta=0.9, 1500 steps, batch 64).
Own loop (nn.Sequential + torch.optim.SGD). Measures per lambda:
 - RMS angle per step over the 2nd half / sqrt(2 eta lam/(1+beta)), with seed-to-seed s.e.
 - the row-norm trajectory (is the lam=0.001 / 0.00316 norm still drifting?)
 - test accuracy in eval mode with BatchNorm's running statistics (what the notebook reports) vs with
   statistics recomputed on the full training set at the final weights ("precise BN"): is the accuracy cost
   of lambda>0 an artefact of running statistics lagging a fast-turning layer?
Only the data generator is taken from d2lmini (teacher_data); everything else is written here."""
import math, sys, time
import torch
from torch import nn
from torch.nn import functional as F
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
Xtr, ytr, Xte, yte = d2l.nb06.teacher_data(S)
LAMS = [0.0, 0.001, 0.00316, 0.01, 0.0316, 0.1]
SEEDS = list(range(1, 9))
ETA, BETA, STEPS, B = 0.05, 0.9, 1500, 64

def net_():
    return nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))

def run(lam, seed):
    torch.manual_seed(seed)
    net = net_()
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lam},
                           {"params": net[3].parameters(), "weight_decay": 0.0}], lr=ETA, momentum=BETA)
    g = torch.Generator().manual_seed(1000 + seed)
    ang2, norms, step = [], [], 0
    while step < STEPS:
        perm = torch.randperm(512, generator=g)
        for k in range(0, 512, B):
            if step >= STEPS: break
            idx = perm[k:k + B]
            W0 = net[0].weight.detach().clone()
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx])
            opt.zero_grad(); loss.backward(); opt.step()
            W1 = net[0].weight.detach()
            cos = (W0 * W1).sum(1) / (W0.norm(dim=1) * W1.norm(dim=1))
            ang2.append(torch.arccos(cos.clamp(-1, 1)).square().mean())
            norms.append(W1.norm(dim=1).square().mean().sqrt())
            step += 1
    ang2, norms = torch.stack(ang2), torch.stack(norms)
    net.eval()
    with torch.no_grad():
        acc_run = (net(Xte).argmax(1) == yte).float()
        tr_run = (net(Xtr).argmax(1) == ytr).float().mean()
        z = Xtr @ net[0].weight.T                      # precise BN: full-training-set statistics at the final weights
        net[1].running_mean.copy_(z.mean(0)); net[1].running_var.copy_(z.var(0, unbiased=True))
        acc_pre = (net(Xte).argmax(1) == yte).float()
        tr_pre = (net(Xtr).argmax(1) == ytr).float().mean()
    return ang2, norms, acc_run, acc_pre, tr_run, tr_pre

t0 = time.time()
res = {lam: [run(lam, s) for s in SEEDS] for lam in LAMS}
print(f"{len(LAMS)} lambdas x {len(SEEDS)} seeds trained in {time.time() - t0:.0f} s")
half = STEPS // 2
print(f"{'lambda':>8} {'ratio RMS/pred':>16} {'norm@1':>7} {'norm@375':>8} {'norm@750':>8} {'norm@1500':>9} "
      f"{'test acc (running BN)':>22} {'test acc (precise BN)':>22} {'train acc run/precise':>22}")
for lam in LAMS:
    r = res[lam]
    rms = torch.stack([a[half:].mean().sqrt() for a, *_ in r])
    pred = math.sqrt(2 * ETA * lam / (1 + BETA))
    ratio = f"{(rms / pred).mean():.3f}±{(rms / pred).std() / math.sqrt(len(r)):.3f}" if lam else f"rms {rms.mean():.4f}"
    nrm = torch.stack([n for _, n, *_ in r]).mean(0)
    ar = torch.stack([x[2].mean() for x in r]); ap = torch.stack([x[3].mean() for x in r])
    trr = torch.stack([x[4] for x in r]).mean(); trp = torch.stack([x[5] for x in r]).mean()
    print(f"{lam:>8g} {ratio:>16} {nrm[0]:>7.3f} {nrm[374]:>8.3f} {nrm[749]:>8.3f} {nrm[-1]:>9.3f} "
          f"{ar.mean():>14.4f}±{ar.std() / math.sqrt(len(r)):.4f} {ap.mean():>14.4f}±{ap.std() / math.sqrt(len(r)):.4f} "
          f"{trr:>12.3f}/{trp:.3f}")
print("\npaired differences vs lambda = 0 (same seed, same data order), mean ± seed s.e.:")
for lam in LAMS[1:]:
    dr = torch.stack([x[2].mean() - y[2].mean() for x, y in zip(res[lam], res[0.0])])
    dp = torch.stack([x[3].mean() - y[3].mean() for x, y in zip(res[lam], res[0.0])])
    print(f"lambda {lam:<7g}: running-BN {dr.mean():+.4f} ± {dr.std() / math.sqrt(len(dr)):.4f}   "
          f"precise-BN {dp.mean():+.4f} ± {dp.std() / math.sqrt(len(dp)):.4f}")
# the RMS angle in windows for the 'not settled' runs: does the ratio drift over training?
print("\nRMS angle / prediction in windows of 250 steps (mean of seeds):")
for lam in LAMS[1:]:
    a = torch.stack([x[0] for x in res[lam]]).mean(0)
    pred = math.sqrt(2 * ETA * lam / (1 + BETA))
    print(f"lambda {lam:<7g}: " + " ".join(f"{a[k:k + 250].mean().sqrt() / pred:.3f}" for k in range(0, STEPS, 250)))
