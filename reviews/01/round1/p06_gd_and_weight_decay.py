"""Section 3 (gradient descent reaches the closed form) and section 9 (torch.optim.SGD weight_decay = our lambda)."""
import inspect
import numpy as np
import torch
from common import *

x, y = draw(f, R, N, SIGMA, 0)
P, yy = features(x[0], DEG), y[0]
lam = 0.1
w_closed = ridge(P, yy, lam)
ev = np.linalg.eigvalsh(P.T @ P / N) + lam
print(f"Hessian eigenvalues {ev.min():.3g} .. {ev.max():.3g}, condition {ev.max()/ev.min():.3g}; "
      f"contraction per step (1 - 1/cond) ^ 600 = {(1 - ev.min()/ev.max())**600:.1e}")
for name, w in [("N(0,1) init, seed 1", np.random.default_rng(1).standard_normal(DEG + 1)), ("zero init", np.zeros(DEG + 1))]:
    for _ in range(600):
        w = w - (1 / ev.max()) * (P.T @ (P @ w - yy) / N + lam * w)
    print(f"  GD 600 steps from {name}: max |w - w_closed| = {np.abs(w - w_closed).max():.1e}")

# torch's SGD weight_decay: read the installed source, then check numerically
import torch.optim.sgd as sgdmod
src = inspect.getsource(sgdmod)
line = [l.strip() for l in src.splitlines() if "weight_decay" in l and ("add" in l or "alpha" in l)]
print(f"torch {torch.__version__} sgd.py lines applying weight_decay:", line[:3])
Pt, yt = torch.tensor(P), torch.tensor(yy)
for lossname, lossfn in [("mean of (y_hat - y)^2 / 2", lambda a, b: ((a - b) ** 2 / 2).mean()),
                         ("nn.MSELoss (no 1/2)", torch.nn.MSELoss())]:
    w = torch.zeros(DEG + 1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.5 / ev.max(), weight_decay=lam)
    for _ in range(4000):
        opt.zero_grad(); lossfn(Pt @ w, yt).backward(); opt.step()
    wd = w.detach().numpy()
    print(f"  SGD(weight_decay={lam}) on {lossname}: |w - ridge(lambda)| = {np.abs(wd - ridge(P, yy, lam)).max():.1e}, "
          f"|w - ridge(lambda/2)| = {np.abs(wd - ridge(P, yy, lam / 2)).max():.1e}")
