"""Probe 3 (section 4.3): own torch.optim loop, AdamW vs Adam+L2 on y = X w* + noise (d2l regression_data, N=200, d=20),
lr 0.01 cosine to 0, lambda 0.1, from w=0. For each end point: the nearest ridge lambda (own closed form, mean 1/2
squared loss + lambda/2 ||w||^2) and HOW near it is: distance to the ridge path relative to ||ridge(0) - ridge(0.1)||.
If the end point is far off the ridge path, 'effective lambda' is a label, not a description."""
import math, sys
sys.path.insert(0, "/work/main")
import torch
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
X, y = d2l.nb06.regression_data(S.reg_n, S)
X64, y64 = X.double(), y.double()
N, d = X.shape
grid = torch.logspace(-5, 1, 1201, dtype=torch.float64)
A = X64.T @ X64 / N
R = torch.linalg.solve(A + grid.reshape(-1, 1, 1) * torch.eye(d, dtype=torch.float64), (X64.T @ y64 / N).expand(len(grid), d).unsqueeze(-1)).squeeze(-1)
r0 = torch.linalg.solve(A, X64.T @ y64 / N); r01 = R[(grid - 0.1).abs().argmin()]
scale = float((r0 - r01).norm())

def cos(t, T): return 0.5 * (1 + math.cos(math.pi * t / T))

def train(decoupled, T, B, seed):
    w = torch.zeros(d, requires_grad=True)
    opt = (torch.optim.AdamW if decoupled else torch.optim.Adam)([w], lr=0.01, weight_decay=0.1)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: cos(t, T))
    g = torch.Generator().manual_seed(seed)
    for t in range(T):
        idx = torch.arange(N) if B >= N else torch.randperm(N, generator=g)[:B]
        loss = ((X[idx] @ w - y[idx]) ** 2 / 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    return w.detach().double()

print(f"||ridge(0) - ridge(0.1)|| = {scale:.4f}")
print(f"{'opt':>9} {'B':>4} {'T':>5} {'seed':>4} {'eff lambda':>10} {'dist to path / scale':>20} {'dist to ridge(0.1)/scale':>24} {'dist to LS/scale':>16}")
for dec in (False, True):
    for B in (200, 40, 10):
        for T in (300, 2000):
            for seed in ((1,) if B == 200 else (1, 2, 3)):
                w = train(dec, T, B, seed)
                dist = (R - w).norm(dim=1); k = int(dist.argmin())
                print(f"{'AdamW' if dec else 'Adam+L2':>9} {B:>4} {T:>5} {seed:>4} {float(grid[k]):>10.4g} {float(dist[k]) / scale:>20.3f} "
                      f"{float((w - r01).norm()) / scale:>24.3f} {float((w - r0).norm()) / scale:>16.3f}")
