"""Probe A: own training loop (plain torch, numpy standardization), lr 0.1, batch 64, seeds 1-5.
(1) reproduce the sweep's rows lambda = 0, 0.001, 0.01, 0.1 at 40 epochs (640 steps);
(2) continue to 200 epochs: does "decay buys no accuracy" and "val loss rises with lambda" survive convergence?
(3) paired bootstrap over validation images of (lambda*=0.01 minus 0) at 40 epochs;
(4) baselines: predict-the-majority, softmax regression (sklearn LogisticRegression, C chosen on validation)."""
import math, time
import numpy as np, torch
from torch import nn
from torch.nn import functional as F
from sklearn.datasets import load_digits
torch.set_num_threads(1)
t0 = time.time()
X, y = load_digits(return_X_y=True)
perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0)).numpy()
tr, va, te = perm[:1000], perm[1000:1400], perm[1400:]
mu, sd = X[tr].mean(0), X[tr].std(0, ddof=1)
sd[sd == 0] = 1
Z = ((X - mu) / sd).astype(np.float32)
Xtr, Xva, Xte = (torch.tensor(Z[i]) for i in (tr, va, te))
ytr, yva, yte = (torch.tensor(y[i]) for i in (tr, va, te))
print("dead pixels:", np.where(X[tr].std(0) == 0)[0].tolist(), " also constant in ALL 1797 images:", np.where(X.std(0) == 0)[0].tolist())
print("per-digit train counts:", np.bincount(y[tr]).min(), np.bincount(y[tr]).max(), " majority-digit val acc: %.1f%%" % (100 * (y[va] == np.bincount(y[tr]).argmax()).mean()))

def make(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))

def run(lam, seed, epochs, snaps):
    net = make(seed)
    W = [net[0].weight, net[2].weight]; B = [net[0].bias, net[2].bias]
    opt = torch.optim.SGD([{"params": W, "weight_decay": lam}, {"params": B, "weight_decay": 0.0}], lr=0.1)
    g = torch.Generator().manual_seed(seed)
    out = {}
    for ep in range(1, epochs + 1):
        order = torch.randperm(1000, generator=g)   # NOT the DataLoader order (its iterator first draws a base seed from g): an independent replicate of the minibatch noise
        for idx in order.split(64):
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx])
            opt.zero_grad(); loss.backward(); opt.step()
        if ep in snaps:
            with torch.no_grad():
                r = {}
                for nm, (Xs, ys) in {"train": (Xtr, ytr), "val": (Xva, yva), "test": (Xte, yte)}.items():
                    lo = net(Xs)
                    r[nm] = (F.cross_entropy(lo, ys).item(), (lo.argmax(1) == ys).float().mean().item(), (lo.argmax(1) == ys).numpy())
                r["W"] = math.sqrt(sum(w.square().sum().item() for w in W))
            out[ep] = r
    return out

lams, seeds, snaps = [0.0, 0.001, 0.01, 0.1], [1, 2, 3, 4, 5], (40, 100, 200)
res = {(l, s): run(l, s, 200, snaps) for l in lams for s in seeds}
ms = lambda v: (np.mean(v), np.std(v, ddof=1) / math.sqrt(len(v)))
for ep in snaps:
    print(f"\n--- after {ep} epochs ({ep*16} steps)")
    for l in lams:
        R = [res[l, s][ep] for s in seeds]
        ta, va_, vl, tl, tea = (ms([100 * r[k][1] for r in R]) for k in ("train", "val", "val", "train", "test"))
        vl = ms([r["val"][0] for r in R]); tl = ms([r["train"][0] for r in R])
        print(f"lam={l:<6g} train acc {ta[0]:5.1f}±{ta[1]:.1f}  val acc {va_[0]:5.2f}±{va_[1]:.2f}  test acc {tea[0]:5.2f}±{tea[1]:.2f}  "
              f"train loss {tl[0]:.4f}  val loss {vl[0]:.4f}±{vl[1]:.4f}  |W| {np.mean([r['W'] for r in R]):.2f}")
    for l in (0.001, 0.01, 0.1):
        a = np.stack([res[l, s][ep]["val"][2] for s in seeds]).astype(float)
        b = np.stack([res[0.0, s][ep]["val"][2] for s in seeds]).astype(float)
        d_seed = 100 * (a.mean(1) - b.mean(1)); d_img = 100 * (a - b).mean(0)
        rng = np.random.default_rng(0)
        boot = [d_img[rng.integers(0, 400, 400)].mean() for _ in range(4000)]
        print(f"  val acc lam={l:g} minus lam=0: {d_seed.mean():+.2f} pts; se seeds {d_seed.std(ddof=1)/math.sqrt(5):.2f}; "
              f"se images {d_img.std(ddof=1)/20:.2f}; bootstrap-over-images se {np.std(boot):.2f}; per seed {np.round(d_seed, 2).tolist()}")
        at = np.stack([res[l, s][ep]["test"][2] for s in seeds]).astype(float); bt = np.stack([res[0.0, s][ep]["test"][2] for s in seeds]).astype(float)
        dt = 100 * (at - bt).mean(0)
        print(f"  TEST acc lam={l:g} minus lam=0 (diagnostic only): {dt.mean():+.2f} pts, se images {dt.std(ddof=1)/math.sqrt(397):.2f}")

from sklearn.linear_model import LogisticRegression
print("\n--- baseline: softmax regression on the same standardized split (C chosen on validation)")
best = None
for C in [0.01, 0.03, 0.1, 0.3, 1, 3, 10]:
    m = LogisticRegression(C=C, max_iter=5000).fit(Z[tr], y[tr])
    v = m.score(Z[va], y[va]); print(f"  C={C:<5g} val acc {100*v:.2f}%")
    if best is None or v > best[1]: best = (C, v, m)
print(f"  chosen C={best[0]}: val {100*best[1]:.2f}%, test {100*best[2].score(Z[te], y[te]):.2f}%")
print(f"time {time.time()-t0:.0f} s")
