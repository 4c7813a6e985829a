"""Section 4.3, full batch, with my own Adam/AdamW loop in float64 (no d2lmini training code; data from regression_data).
Re-derive the effective ridge λ of the end point and λ·median √v̂, and ask what √v̂ at the last step measures:
the recent gradients (the text: 'the typical size of the recent gradients') or the memory of early ones (β₂ = 0.999)."""
import math, sys
import torch
torch.set_num_threads(1)
sys.path.insert(0, "/work/main")
from d2lmini.nb06 import regression_data, SETUP as S
X, y = regression_data(S.reg_n, S)
X, y = X.double(), y.double()
n, d = X.shape
A, bvec = X.T @ X / n, X.T @ y / n
grid = torch.logspace(-5, 1, 2401, dtype=torch.float64)
ridge = torch.linalg.solve(A + grid[:, None, None] * torch.eye(d, dtype=torch.float64), bvec.expand(len(grid), d)[..., None])[..., 0]
ls = torch.linalg.solve(A, bvec)
gap = (ls - torch.linalg.solve(A + 0.1 * torch.eye(d, dtype=torch.float64), bvec)).norm()
def run(decoupled, T, lr=0.01, lam=0.1, b1=0.9, b2=0.999, eps=1e-8):
    w = torch.zeros(d, dtype=torch.float64); m = torch.zeros_like(w); v = torch.zeros_like(w); gs = []
    for t in range(1, T + 1):
        eta = lr * 0.5 * (1 + math.cos(math.pi * (t - 1) / T))
        g = A @ w - bvec
        gs.append(g.clone())
        if not decoupled: g = g + lam * w
        else: w = w * (1 - eta * lam)
        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
        mh, vh = m / (1 - b1 ** t), v / (1 - b2 ** t)
        w = w - eta * mh / (vh.sqrt() + eps)
    return w, vh.sqrt(), torch.stack(gs)
for T in (300, 2000):
    for dec in (False, True):
        w, rv, gs = run(dec, T)
        dist = (w - ridge).norm(dim=1); k = int(dist.argmin())
        line = (f"T={T:4d} {'AdamW    ' if dec else 'Adam + L2'}: nearest ridge λ {grid[k]:.4g} (distance/gap {dist[k]/gap:.3f})")
        if dec:
            g_last = gs[-1].abs().median(); g_recent = gs[-100:].square().mean(0).sqrt().median(); g_first = gs[:50].square().mean(0).sqrt().median()
            line += (f", λ·median√v̂ {0.1*rv.median():.4g}, ratio {grid[k]/(0.1*rv.median()):.2f}; median √v̂ {rv.median():.4g} vs "
                     f"median |g| last step {g_last:.3g}, RMS g over last 100 steps {g_recent:.3g}, over first 50 steps {g_first:.3g}")
        print(line)
