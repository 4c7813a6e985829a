"""Classic setup over many training draws (own code): is 'no lambda beats predicting the mean measurably'
a property of the setup, or of the 100-epoch budget / one draw / one 100-example test set?

For x ~ N(0, I) the population risk of (w, b) is exactly 1/2(|w - w*|^2 + (b - b*)^2 + sigma^2).
"""
import torch

torch.set_num_threads(1)
torch.manual_seed(12345)
R, n, d, sigma, wv, bt, lr, E, B, nt = 400, 20, 200, 0.01, 0.01, 0.05, 0.003, 100, 5, 100
dt = torch.float64
X = torch.randn(R, n, d, dtype=dt)
y = X.sum(-1) * wv + bt + sigma * torch.randn(R, n, dtype=dt)
Xt = torch.randn(R, nt, d, dtype=dt)                         # one 100-example test set per draw
yt = Xt.sum(-1) * wv + bt + sigma * torch.randn(R, nt, dtype=dt)


def risk(w, b):                                              # w (..., R, d), b (..., R)
    return 0.5 * (((w - wv) ** 2).sum(-1) + (b - bt) ** 2 + sigma**2)


def test_losses(w, b):                                       # per-example test losses (..., R, nt)
    return ((Xt @ w.unsqueeze(-1)).squeeze(-1) + b.unsqueeze(-1) - yt) ** 2 / 2


ybar = y.mean(-1)
r_mean = risk(torch.zeros(R, d, dtype=dt), ybar)
l_mean = test_losses(torch.zeros(R, d, dtype=dt), ybar)
Z = torch.cat([X, torch.ones(R, n, 1, dtype=dt)], -1)
th = (torch.linalg.pinv(Z) @ y.unsqueeze(-1)).squeeze(-1)
r_mn = risk(th[:, :d], th[:, d])


def report(name, r, l=None):
    g = r_mean - r
    s = f"{name:<44} risk {float(r.mean()):.5f}   gain over mean {float(g.mean()):+.2e} +- {float(g.std() / R**0.5):.1e} " \
        f"({float(g.mean() / (g.std() / R**0.5)):.0f} SE over {R} draws; gain>0 in {float((g > 0).double().mean()):.0%})"
    if l is not None:                                        # what one 100-example paired test set can show
        dl = l_mean - l
        z = dl.mean(-1) / (dl.std(-1) / nt**0.5)
        s += f"\n{'':<44} on ONE 100-ex test set: typical paired SE {float((dl.std(-1) / nt**0.5).median()):.1e}, " \
             f"z>2 in {float((z > 2).double().mean()):.0%} of draws"
    print(s)


print(f"mean predictor: risk {float(r_mean.mean()):.5f} (theory 1/2(0.02+s^2)(1+1/n) = {0.5 * (0.02 + sigma**2) * 1.05:.5f})")
report("min-norm Z^+y (GD from 0, lambda=0)", r_mn)
xm, ym = X.mean(1, keepdim=True), y.mean(1, keepdim=True)
Xc, yc = X - xm, y - ym
for lam in [0.01, 0.05, 0.3, 1.0, 3.0, 10.0]:
    w = torch.linalg.solve(Xc.mT @ Xc + n * lam * torch.eye(d, dtype=dt), (Xc.mT @ yc.unsqueeze(-1))).squeeze(-1)
    b = ym.squeeze(-1) - (xm.squeeze(1) * w).sum(-1)
    report(f"converged ridge, free bias, lambda={lam:g}", risk(w, b), test_losses(w, b))

# the notebook's recipe: random start w ~ N(0,1), minibatch SGD, 100 epochs (400 steps), lambda on its grid
lams = torch.tensor([1.78, 3.16, 5.62, 10.0, 17.8, 31.6, 56.2, 100.0], dtype=dt)
K = len(lams)
W = torch.randn(R, d, dtype=dt).unsqueeze(0).repeat(K, 1, 1)          # same start for every lambda of a draw
Bb = torch.zeros(K, R, dtype=dt)
for ep in range(E):
    perm = torch.stack([torch.randperm(n) for _ in range(R)])
    for s in range(n // B):
        idx = perm[:, s * B:(s + 1) * B]
        xb = torch.gather(X, 1, idx.unsqueeze(-1).expand(R, B, d)); yb = torch.gather(y, 1, idx)
        r = (xb @ W.unsqueeze(-1)).squeeze(-1) + Bb.unsqueeze(-1) - yb    # (K,R,B)
        gw = (r.unsqueeze(-1) * xb).mean(-2) + lams.reshape(K, 1, 1) * W
        W, Bb = W - lr * gw, Bb - lr * r.mean(-1)
for k in range(K):
    report(f"random start, 100 epochs SGD, lambda={float(lams[k]):g}", risk(W[k], Bb[k]), test_losses(W[k], Bb[k]))
best = risk(W, Bb).min(0).values
report("random start, 100 ep, best lambda per draw (oracle)", best)
print(f"bias after 400 steps (lambda=17.8): mean b {float(Bb[4].mean()):.4f} vs mean(ybar) {float(ybar.mean()):.4f}, "
      f"true b {bt}; mean |b - ybar| {float((Bb[4] - ybar).abs().mean()):.4f}")
