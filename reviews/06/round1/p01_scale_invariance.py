"""Section 1, own code: is the f(10W) - f(W) gap with BatchNorm really eps? gradient orthogonality and 1/c scaling."""
import torch
from torch import nn
import torch.nn.functional as F
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(0)
X = torch.randn(4608, 20, generator=gen); V = torch.randn(20, 4, generator=gen)
s = torch.relu(X @ V).sum(1); y = (s > s.median()).long()
Xb, yb = X[:64].double(), y[:64]
for eps in (1e-5, 1e-12):
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False, eps=eps), nn.ReLU(), nn.Linear(64, 2)).double()
    W = net[0].weight.detach().clone()
    def f(W1):
        with torch.no_grad():
            net[0].weight.copy_(W1); return net(Xb)
    gap = (f(10 * W) - f(W)).abs().max().item()
    # predicted first-order size of the eps effect: the normalized value changes by about eps/(2 var) relative
    with torch.no_grad():
        var = (Xb @ W.T).var(0, unbiased=False)
    print(f"BN eps = {eps:g}: max|f(10W) - f(W)| = {gap:.3g}; min/median var(z) = {var.min():.3g}/{var.median():.3g}; "
          f"eps/(2 min var) = {eps / (2 * var.min()):.2g}")
    def grad(W1):
        f(W1); net.zero_grad(); F.cross_entropy(net(Xb), yb).backward(); return net[0].weight.grad.clone()
    g1, g10 = grad(W), grad(10 * W)
    cos = ((g1 * W).sum(1) / (g1.norm(dim=1) * W.norm(dim=1))).abs().max().item()
    print(f"   max |cos(row, grad)| = {cos:.2g}; max|10 g(10W) - g(W)| = {(10 * g10 - g1).abs().max():.2g}; max|g| = {g1.abs().max():.3g}")
# without normalization
torch.manual_seed(1)
plain = nn.Sequential(nn.Linear(20, 64, bias=False), nn.ReLU(), nn.Linear(64, 2)).double()
with torch.no_grad():
    a = plain(Xb); plain[0].weight.mul_(10); b = plain(Xb)
print(f"no BN: max|f(10W) - f(W)| = {(a - b).abs().max():.3g} (different head init from the notebook's, same idea)")
