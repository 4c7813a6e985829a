"""Classic setup: is the bias b converged after the notebook's 400 SGD steps (lr 0.003)? What does that do to
'the chosen model in effect predicts the mean label' and to the zero-start lambda=0 vs lambda=3 comparison?"""
import random
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)
n, d, sigma, lr, B = 20, 200, 0.01, 0.003, 5


def seed(s):
    random.seed(s); np.random.seed(s); torch.manual_seed(s)


seed(0)
X = torch.normal(0.0, 1.0, (220, d)); y = X @ torch.full((d, 1), 0.01) + 0.05; y += sigma * torch.randn(y.shape)
Xtr, ytr, Xv, yv, Xte, yte = X[:20], y[:20], X[20:120], y[20:120], X[120:], y[120:]


def train(lam, epochs=100, zero=False):
    seed(1)
    w = torch.normal(0.0, 1.0, size=(d, 1))
    if zero:
        w = torch.zeros(d, 1)
    b = torch.zeros(1)
    dl = DataLoader(TensorDataset(Xtr, ytr), B, shuffle=True)
    for _ in range(epochs):
        for xb, yb in dl:
            r = xb @ w + b - yb
            w, b = w - lr * (xb.T @ r / B + lam * w), b - lr * r.mean(0)
    return w, b


L = lambda Xe, ye, w, b: float(((Xe @ w + b - ye) ** 2 / 2).mean())
print(f"mean training label {float(ytr.mean()):.4f} (true b 0.05)")
Zc = torch.cat([Xtr, torch.ones(n, 1)], 1).double()
ev = torch.linalg.eigvalsh(Zc.T @ Zc / n)
print(f"curvature of mean loss in (w,b): nonzero eigenvalues {float(ev[ev > 1e-9].min()):.3g} .. {float(ev.max()):.3g}; "
      f"b alone: 1 -> (1 - lr)^400 = {(1 - lr) ** 400:.2f} of a pure-b error left")
for lam in [17.8, 31.6, 100.0]:
    for ep in [100, 1000]:
        w, b = train(lam, ep)
        print(f"random start lambda={lam:<5g} {ep:4d} epochs: b = {float(b):+.4f}, ||w|| = {float(w.norm()):.3g}, "
              f"val {L(Xv, yv, w, b):.5f}, test {L(Xte, yte, w, b):.5f}")
print(f"predict-the-mean: val {float(((yv - ytr.mean())**2/2).mean()):.5f}, test {float(((yte - ytr.mean())**2/2).mean()):.5f}")

# zero start, notebook's budget vs converged, over many draws (exact population risk), lambda 0 and 3
torch.manual_seed(4321)
R, dt = 300, torch.float64
Xs = torch.randn(R, n, d, dtype=dt); ys = Xs.sum(-1) * 0.01 + 0.05 + sigma * torch.randn(R, n, dtype=dt)
risk = lambda w, b: 0.5 * (((w - 0.01) ** 2).sum(-1) + (b - 0.05) ** 2 + sigma**2)
out = {}
for lam in [0.0, 3.0]:
    for steps_epochs in [100, 1000]:
        W = torch.zeros(R, d, dtype=dt); Bb = torch.zeros(R, dtype=dt)
        for ep in range(steps_epochs):
            perm = torch.stack([torch.randperm(n) for _ in range(R)])
            for s in range(n // B):
                idx = perm[:, s * B:(s + 1) * B]
                xb = torch.gather(Xs, 1, idx.unsqueeze(-1).expand(R, B, d)); yb = torch.gather(ys, 1, idx)
                r = (xb @ W.unsqueeze(-1)).squeeze(-1) + Bb.unsqueeze(-1) - yb
                W, Bb = W - lr * ((r.unsqueeze(-1) * xb).mean(1) + lam * W), Bb - lr * r.mean(-1)
        out[(lam, steps_epochs)] = risk(W, Bb)
        print(f"zero start lambda={lam:g}, {steps_epochs:4d} epochs: risk {float(out[(lam, steps_epochs)].mean()):.5f}, "
              f"mean b {float(Bb.mean()):.4f}")
rm = risk(torch.zeros(R, d, dtype=dt), ys.mean(-1))
print(f"mean predictor risk {float(rm.mean()):.5f}")
for ep in [100, 1000]:
    dd = out[(0.0, ep)] - out[(3.0, ep)]
    print(f"zero start, {ep} epochs: risk(lambda=0) - risk(lambda=3) = {float(dd.mean()):.2e} +- {float(dd.std() / R**0.5):.1e} "
          f"(lambda=3 better in {float((dd > 0).double().mean()):.0%} of draws)")
