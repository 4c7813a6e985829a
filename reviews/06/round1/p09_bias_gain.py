"""Section 5.1, own code: (a) ridge lam = 0.1 (mean loss/2 + lam/2 ||w||^2) with the intercept penalized or not, numpy
closed form, the notebook's data recipe (seed 5, 200 train + 2000 test, targets + 5), plus 200 fresh draws for the
typical bias shift and loss ratio; (b) BatchNorm gain x4 with next layer / 4: with the shift beta scaled too
(as the code does) and with gamma alone (as the markdown states)."""
import numpy as np, torch
from torch import nn
torch.set_num_threads(1)
def draw(seed, n):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 20, generator=g); y = X @ torch.full((20,), 0.3) + torch.randn(n, generator=g)
    return X.double().numpy(), y.double().numpy() + 5.0
def fits(Xtr, ytr, lam=0.1):
    n = len(ytr)
    Z = np.hstack([Xtr, np.ones((n, 1))])
    wb = np.linalg.solve(Z.T @ Z / n + lam * np.eye(21), Z.T @ ytr / n)
    xm, ym = Xtr.mean(0), ytr.mean()
    w = np.linalg.solve((Xtr - xm).T @ (Xtr - xm) / n + lam * np.eye(20), (Xtr - xm).T @ (ytr - ym) / n)
    return (wb[:-1], wb[-1]), (w, ym - xm @ w)
X, y = draw(5, 2200)
(wp, bp), (wf, bf) = fits(X[:200], y[:200])
lp = ((X[200:] @ wp + bp - y[200:]) ** 2 / 2).mean(); lf = ((X[200:] @ wf + bf - y[200:]) ** 2 / 2).mean()
print(f"notebook's draw: b decayed {bp:.3f}, free {bf:.3f}; mean test residual {(X[200:] @ wp + bp - y[200:]).mean():+.3f} vs "
      f"{(X[200:] @ wf + bf - y[200:]).mean():+.3f}; test loss {lp:.4f} vs {lf:.4f} (ratio {lp / lf:.3f}); excess over σ²/2: {lp - 0.5:.3f} vs {lf - 0.5:.3f}")
ratios, shifts = [], []
for s in range(100, 300):
    X, y = draw(s, 2200)
    (wp, bp), (wf, bf) = fits(X[:200], y[:200])
    ratios.append(((X[200:] @ wp + bp - y[200:]) ** 2).mean() / ((X[200:] @ wf + bf - y[200:]) ** 2).mean()); shifts.append(bf - bp)
print(f"200 fresh draws: test-loss ratio decayed/free median {np.median(ratios):.3f} [{np.percentile(ratios, 5):.3f}, {np.percentile(ratios, 95):.3f}] (5-95%); "
      f"bias pulled down by {np.median(shifts):.3f} (median)")
torch.manual_seed(3)
net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 2))
Xb = torch.randn(64, 20)
with torch.no_grad():
    net[1].weight.uniform_(0.5, 1.5); net[1].bias.uniform_(-0.5, 0.5)          # a nonzero shift, as after training
    f0 = net(Xb)
    net[1].weight.mul_(4); net[3].weight.div_(4); f_gamma_only = net(Xb)
    net[1].bias.mul_(4); f_both = net(Xb)
print(f"BN gain x4, next layer /4, shift x4 too: max|Δ logits| = {(f_both - f0).abs().max():.2g}; gain alone (shift kept): {(f_gamma_only - f0).abs().max():.3g} "
      f"(logit scale {f0.abs().max():.3g})")
