"""Cells 3-5: is the f(10W) vs f(W) gap (2.1e-5) and the row/gradient cosine (2.3e-5) BatchNorm's eps? Rerun with eps=0."""
import sys, torch
from torch import nn
from torch.nn import functional as F
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
S = d2l.nb06.SETUP
Xtr, ytr, _, _ = d2l.nb06.teacher_data(S)
Xb, yb = Xtr[:64].double(), ytr[:64]
for eps in (1e-5, 1e-12):   # eps = 0 is refused by BatchNorm in training mode
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False, eps=eps), nn.ReLU(), nn.Linear(64, 2)).double()
    W = net[0].weight.detach().clone()
    def f(W1):
        with torch.no_grad():
            net[0].weight.copy_(W1)
        return net(Xb)
    with torch.no_grad():
        gap = (f(10 * W) - f(W)).abs().max().item()
    f(W); net.zero_grad(); F.cross_entropy(net(Xb), yb).backward(); g = net[0].weight.grad.clone()
    cos = ((g * W).sum(1) / (g.norm(dim=1) * W.norm(dim=1))).abs().max().item()
    print(f"eps={eps:g}: max|f(10W)-f(W)| = {gap:.2e}, max|cos(row, grad)| = {cos:.2e}, mean pre-activation var {(Xb @ W.T).var(0).mean():.3f}")
