"""Probe 3b (section 4.3): is the 'minibatch noise scatters the end point off the ridge path' (distances 0.17-0.54 of the
gap, Adam + L2 included) a property of minibatch training, or of the notebook's sampling scheme (each step an
independent random subset, i.e. with replacement across steps)?  Same own torch.optim loop, two samplers:
'iid' = notebook's scheme (fresh random subset each step), 'reshuffle' = DataLoader(shuffle=True)-style epochs."""
import math, sys
import torch
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
X, y = d2l.nb06.regression_data(S.reg_n, S)
n, d = X.shape
grid = torch.logspace(-5, 1, 601, dtype=torch.float64)
Xd, yd = X.double(), y.double()
A, bvec = Xd.T @ Xd / n, Xd.T @ yd / n
path = torch.stack([torch.linalg.solve(A + g * torch.eye(d, dtype=torch.float64), bvec) for g in grid])
ls = torch.linalg.solve(A, bvec)
gap = float((ls - torch.linalg.solve(A + 0.1 * torch.eye(d, dtype=torch.float64), bvec)).norm())

def batches(scheme, B, T, seed):
    g = torch.Generator().manual_seed(700 + seed)
    if scheme == "iid":
        for _ in range(T): yield torch.randperm(n, generator=g)[:B]
    else:
        k = 0
        while True:
            perm = torch.randperm(n, generator=g)
            for j in range(0, n, B):
                if k == T: return
                yield perm[j:j + B]; k += 1

def run(decoupled, T, B, seed, scheme, lam=0.1, lr=0.01):
    w = torch.zeros(d, requires_grad=True)
    opt = (torch.optim.AdamW if decoupled else torch.optim.Adam)([w], lr=lr, weight_decay=lam)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 0.5 * (1 + math.cos(math.pi * t / T)))
    for idx in batches(scheme, B, T, seed):
        loss = ((X[idx] @ w - y[idx]) ** 2 / 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    w = w.detach().double()
    dist = (path - w).norm(dim=1); k = int(dist.argmin())
    return float(grid[k]), float(dist[k]) / gap

med = lambda xs: sorted(xs)[len(xs) // 2]
for B in (40, 10):
    for T in (300, 2000):
        for dec in (False, True):
            line = f"batch {B:3d} T {T:4d} {'AdamW    ' if dec else 'Adam + L2'}:"
            for scheme in ("iid", "reshuffle"):
                r = [run(dec, T, B, s, scheme) for s in range(1, 6)]
                line += f"  [{scheme:9}] eff. λ median {med([x[0] for x in r]):.3g} [{min(x[0] for x in r):.3g}, {max(x[0] for x in r):.3g}], distance/gap median {med([x[1] for x in r]):.3f}"
            print(line, flush=True)
