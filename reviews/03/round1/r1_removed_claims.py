"""Response probe (fixer, round 1): the numbers that show the REMOVED claims of notebook 03 false, on the old setup
(d2l's classic n = 20, d = 200 problem, data seed 0, w ~ N(0, 1) from seed 1, minibatches of 5, 400 steps).
Own loops in plain torch; only the data generator comes from d2lmini. Run: .venv/bin/python reviews/03/round1/r1_removed_claims.py"""
import torch
from torch import nn

import d2lmini as d2l

torch.set_num_threads(1)
C = d2l.nb02.SETUP["classic"]
d2l.set_seed(0)
X, y = d2l.synthetic_data(torch.ones((C.num_inputs, 1)) * 0.01, 0.05, C.n_train + C.n_val + C.n_test)
Xtr, Xte, ytr, yte = X[:20], X[120:], y[:20], y[120:]


def test_loss(w, b):
    return float((((Xte @ w.reshape(-1, 1) + b) - yte) ** 2 / 2).mean())


def run(opt, wd, steps=400, zero=False, betas=(0.9, 0.999), lr=None, full_batch=False, order_seed=1):
    torch.manual_seed(1)
    w0 = torch.normal(0.0, 1.0, size=(C.num_inputs, 1))
    net = nn.Linear(C.num_inputs, 1)
    with torch.no_grad():
        net.weight.copy_(torch.zeros_like(w0.T) if zero else w0.T)
        net.bias.zero_()
    groups = [{"params": [net.weight], "weight_decay": wd}, {"params": [net.bias], "weight_decay": 0.0}]
    o = opt(groups, lr=lr, betas=betas) if opt is not torch.optim.SGD else opt(groups, lr=lr)
    g = torch.Generator().manual_seed(order_seed)
    done = 0
    while done < steps:
        perm = torch.arange(20) if full_batch else torch.randperm(20, generator=g)
        for idx in ([perm] if full_batch else perm.reshape(4, 5)):
            o.zero_grad()
            (((net(Xtr[idx]) - ytr[idx]) ** 2) / 2).mean().backward()
            o.step()
            done += 1
            if done == steps:
                break
    return net.weight.detach().reshape(-1), net.bias.detach()


mean_pred = float(((yte - ytr.mean()) ** 2 / 2).mean())
Z = torch.cat([Xtr, torch.ones(20, 1)], 1)
wb = torch.linalg.pinv(Z) @ ytr
print(f"issue 18 item 2: predict the training mean {mean_pred:.4f}; minimum-norm interpolant {test_loss(wb[:-1], wb[-1]):.4f}")
print(f"   SGD lr 0.003, 400 steps: w0 ~ N(0,1), wd = 3: {test_loss(*run(torch.optim.SGD, 3.0, lr=0.003)):.4f};  "
      f"w0 = 0, wd = 0: {test_loss(*run(torch.optim.SGD, 0.0, lr=0.003, zero=True)):.4f}")
for b2 in (0.999, 0.9):
    print(f"issue 18 item 4 / review D2: Adam + L2 (wd 3, lr 0.01, 400 steps), beta2 = {b2}: "
          f"test loss {test_loss(*run(torch.optim.Adam, 3.0, lr=0.01, betas=(0.9, b2))):.4f}")
ends = {}
for steps in (1200, 4000):
    ends[steps] = run(torch.optim.AdamW, 3.0, steps=steps, lr=0.01)[0]
print(f"issue 18 item 3: AdamW (wd 3, constant lr 0.01) end point moves from 1200 to 4000 steps by "
      f"{float((ends[4000] - ends[1200]).norm() / ends[4000].norm()):.0%} of its norm")
print(f"   another minibatch order, 4000 steps: moves by "
      f"{float((run(torch.optim.AdamW, 3.0, steps=4000, lr=0.01, order_seed=2)[0] - ends[4000]).norm() / ends[4000].norm()):.0%}")
print(f"   full batch, 4000 steps: test loss {test_loss(*run(torch.optim.AdamW, 3.0, steps=4000, lr=0.01, full_batch=True)):.4f}"
      f" (predict the mean: {mean_pred:.4f})")
