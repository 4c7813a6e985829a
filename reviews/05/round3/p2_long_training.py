"""Is 'weight decay buys no accuracy' a 640-step-budget artefact? Own batched SGD loop (5 seeds at once, each its
own init = nn.Linear after manual_seed(seed) and its own minibatch order), eta=0.1, batch 64, decay on weights only,
trained to 320 epochs (5120 steps); validation accuracy / loss and training loss at 40, 80, 160, 320 epochs."""
import math, numpy as np, torch
torch.set_num_threads(1)
from sklearn.datasets import load_digits
X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float32); y = torch.tensor(y)
perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0))
tr, va = perm[:1000], perm[1000:1400]
mu, sd = X[tr].mean(0), X[tr].std(0); sd = torch.where(sd > 0, sd, torch.ones_like(sd))
Xtr, Xva = (X[tr] - mu) / sd, (X[va] - mu) / sd
ytr, yva = y[tr], y[va]
seeds = [1, 2, 3, 4, 5]; S = len(seeds)
def inits():
    out = []
    for s in seeds:
        torch.manual_seed(s)
        f1, f2 = torch.nn.Linear(64, 64), torch.nn.Linear(64, 10)
        out.append((f1.weight.T.detach(), f1.bias.detach(), f2.weight.T.detach(), f2.bias.detach()))
    return [torch.stack(t).clone() for t in zip(*out)]
def fwd(P, Xb):   # Xb (S, B, 64)
    W1, b1, W2, b2 = P
    return torch.baddbmm(b2[:, None], torch.relu(torch.baddbmm(b1[:, None], Xb, W1)), W2)
checkpoints = [40, 80, 160, 320]
for lam in (0.0, 0.01, 0.0316):
    P = [t.requires_grad_() for t in inits()]
    gens = [torch.Generator().manual_seed(s) for s in seeds]
    for ep in range(1, checkpoints[-1] + 1):
        orders = torch.stack([torch.randperm(1000, generator=g) for g in gens])
        for k in range(0, 1000, 64):
            idx = orders[:, k:k + 64]
            out = fwd(P, Xtr[idx])
            loss = torch.nn.functional.cross_entropy(out.flatten(0, 1), ytr[idx].flatten(), reduction='none').view(S, -1).mean(1).sum()
            g = torch.autograd.grad(loss, P)
            with torch.no_grad():
                for j, (p, gg) in enumerate(zip(P, g)):
                    p -= 0.1 * (gg + (lam * p if j in (0, 2) else 0))
        if ep in checkpoints:
            with torch.no_grad():
                ov = fwd(P, Xva.expand(S, -1, -1)); ot = fwd(P, Xtr.expand(S, -1, -1))
                acc = 100 * (ov.argmax(-1) == yva).float().mean(1)
                vl = torch.stack([torch.nn.functional.cross_entropy(o, yva) for o in ov])
                tl = torch.stack([torch.nn.functional.cross_entropy(o, ytr) for o in ot])
                ta = 100 * (ot.argmax(-1) == ytr).float().mean(1)
                print(f"lam={lam:<6g} epoch {ep:>3}: val acc {acc.mean():.2f} +- {acc.std()/math.sqrt(S):.2f} "
                      f"{[round(a, 2) for a in acc.tolist()]}  val loss {vl.mean():.3f}  train loss {tl.mean():.4f}  "
                      f"train acc {ta.mean():.2f}  ||W|| {(P[0].square().sum((1,2)) + P[2].square().sum((1,2))).sqrt().mean():.2f}", flush=True)
