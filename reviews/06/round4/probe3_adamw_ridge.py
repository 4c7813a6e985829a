"""Probe 3 (section 4.3): independent re-derivation with torch.optim.Adam/AdamW + LambdaLR cosine (own loop, own minibatch
order), the notebook's regression data. Where do full-batch and minibatch runs end, as an effective ridge λ?"""
import math, sys
import torch
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
X, y = d2l.nb06.regression_data(S.reg_n, S)     # data only
n, d = X.shape
grid = torch.logspace(-5, 1, 601, dtype=torch.float64)
Xd, yd = X.double(), y.double()
A, bvec = Xd.T @ Xd / n, Xd.T @ yd / n
path = torch.stack([torch.linalg.solve(A + g * torch.eye(d, dtype=torch.float64), bvec) for g in grid])
ls = torch.linalg.solve(A, bvec)
gap = float((ls - torch.linalg.solve(A + 0.1 * torch.eye(d, dtype=torch.float64), bvec)).norm())

def run(decoupled, T, B, seed, beta2=0.999, lam=0.1, lr=0.01):
    w = torch.zeros(d, requires_grad=True)
    opt = (torch.optim.AdamW if decoupled else torch.optim.Adam)([w], lr=lr, weight_decay=lam, betas=(0.9, beta2))
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 0.5 * (1 + math.cos(math.pi * t / T)))
    g = torch.Generator().manual_seed(500 + seed)
    perm, pos = torch.randperm(n, generator=g), 0
    for _ in range(T):
        if pos + B > n: perm, pos = torch.randperm(n, generator=g), 0
        idx = perm[pos:pos + B]; pos += B
        loss = ((X[idx] @ w - y[idx]) ** 2 / 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    return w.detach().double()

def eff(w):
    dist = (path - w).norm(dim=1); k = int(dist.argmin())
    return float(grid[k]), float(dist[k]) / gap

for B in (200, 40, 10):
    for T in (300, 2000):
        for dec in (False, True):
            seeds = [1] if B == 200 else range(1, 7)
            r = [eff(run(dec, T, B, s)) for s in seeds]
            lams = sorted(x[0] for x in r); dists = sorted(x[1] for x in r)
            print(f"batch {B:3d} T {T:4d} {'AdamW    ' if dec else 'Adam + L2'}: effective λ median {lams[len(lams)//2]:.3g} "
                  f"[{lams[0]:.3g}, {lams[-1]:.3g}], distance/gap median {dists[len(dists)//2]:.3f}", flush=True)
for b2 in (0.99, 0.9):
    for T in (300, 2000):
        lam_e, dist = eff(run(True, T, 200, 1, beta2=b2))
        print(f"full batch AdamW β2={b2} T={T}: effective λ {lam_e:.3g}, distance to LS / gap {float((run(True, T, 200, 1, beta2=b2) - ls).norm())/gap:.4f}")
