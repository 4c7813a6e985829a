"""Independent re-training of the notebook's nets with a plain torch loop (no d2lmini helpers).
Reproduces the split, the SGD sweep, the Adam/AdamW grids and the bias-decay runs; then asks questions the notebook
does not: do the validation-selected winners keep their margins on the (untouched) test set, how much of W1 at λ=0 is
still the initialization, and what does longer training do."""
import math, time
import numpy as np, torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset
from sklearn.datasets import load_digits
torch.set_num_threads(1)
t0 = time.time()
X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float32); y = torch.tensor(y)
perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0))
tr, va, te = perm[:1000], perm[1000:1400], perm[1400:]
mu, sd = X[tr].mean(0), X[tr].std(0); sd[sd == 0] = 1
Xs = (X - mu) / sd
Xtr, ytr, Xva, yva, Xte, yte = Xs[tr], y[tr], Xs[va], y[va], Xs[te], y[te]
dead = (X[tr].std(0) == 0)
print("dead pixels", dead.nonzero().flatten().tolist())

def make(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))

def train(seed, lam, lr=0.1, epochs=40, opt="sgd", decay_biases=False):
    net = make(seed)
    W0 = net[0].weight.detach().clone()
    ws = [net[0].weight, net[2].weight]; bs = [net[0].bias, net[2].bias]
    groups = [{"params": ws, "weight_decay": lam}, {"params": bs, "weight_decay": lam if decay_biases else 0.0}]
    o = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[opt](groups, lr=lr)
    dl = DataLoader(TensorDataset(Xtr, ytr), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    for _ in range(epochs):
        for xb, yb in dl:
            loss = F.cross_entropy(net(xb), yb); o.zero_grad(); loss.backward(); o.step()
    return net, W0

def correct(net, Xe, ye):
    with torch.no_grad():
        return (net(Xe).argmax(1) == ye)

def paired(ca, cb):   # (R, n) bool
    d = ca.float() - cb.float()
    ps = 100 * d.mean(1); pi = 100 * d.mean(0)
    return ps.mean().item(), (ps.std() / math.sqrt(len(ps))).item(), (pi.std() / math.sqrt(d.shape[1])).item()

seeds = [1, 2, 3, 4, 5]
grid = [0.0, 1e-4, 10**-3.5, 1e-3, 10**-2.5, 1e-2, 10**-1.5, 0.1]
res = {}
for lam in grid:
    res[lam] = [train(s, lam) for s in seeds]
print(f"SGD sweep trained in {time.time()-t0:.0f}s")
print(f"{'lam':>9} {'val%':>12} {'test%':>12} {'rough':>6} {'||dW1||/||W1_T||':>17} {'cos(W1_T,W1_0)':>15} {'rough(W1_T-W1_0)':>17}")
def rough(W):   # W (64 units, 64 pixels) -> mean over units
    img = W.reshape(-1, 8, 8)
    dx = (img[:, :, 1:] - img[:, :, :-1]).square().mean((1, 2)); dy = (img[:, 1:] - img[:, :-1]).square().mean((1, 2))
    return ((dx + dy) / 2 / img.square().mean((1, 2))).mean().item()
C = {}
for lam in grid:
    cv = torch.stack([correct(n, Xva, yva) for n, _ in res[lam]]); ct = torch.stack([correct(n, Xte, yte) for n, _ in res[lam]])
    C[lam] = (cv, ct)
    va_s = 100 * cv.float().mean(1); te_s = 100 * ct.float().mean(1)
    WT = [n[0].weight.detach() for n, _ in res[lam]]; W0 = [w0 for _, w0 in res[lam]]
    frac = np.mean([((a - b).norm() / a.norm()).item() for a, b in zip(WT, W0)])
    cos = np.mean([(a * b).sum().item() / (a.norm() * b.norm()).item() for a, b in zip(WT, W0)])
    rd = np.mean([rough(a - b) for a, b in zip(WT, W0)])
    print(f"{lam:>9.4g} {va_s.mean():6.2f}±{va_s.std()/5**.5:.2f} {te_s.mean():6.2f}±{te_s.std()/5**.5:.2f} "
          f"{np.mean([rough(w) for w in WT]):6.3f} {frac:17.3f} {cos:15.3f} {rd:17.3f}")
print(f"roughness of the initial weights (iid uniform; expected ~2): {np.mean([rough(w0) for _, w0 in res[0.0]]):.3f}")
best = max(grid, key=lambda l: C[l][0].float().mean().item())
print("lambda* on validation:", best)
for lam in (best, 0.1):
    print(f"  lam={lam:g} minus 0  VALIDATION paired: %+.2f (se seeds %.2f, se images %.2f)" % paired(C[lam][0], C[0.0][0]))
    print(f"  lam={lam:g} minus 0  TEST       paired: %+.2f (se seeds %.2f, se images %.2f)" % paired(C[lam][1], C[0.0][1]))
print("per-seed val acc lam*:", (100*C[best][0].float().mean(1)).tolist(), " lam0:", (100*C[0.0][0].float().mean(1)).tolist())

# biases decayed too
for lam in (0.01, 0.1):
    nb = [train(s, lam, decay_biases=True)[0] for s in seeds]
    cb = torch.stack([correct(n, Xva, yva) for n in nb]); ctb = torch.stack([correct(n, Xte, yte) for n in nb])
    per_seed = (100 * (cb.float().mean(1) - C[lam][0].float().mean(1))).tolist()
    bn = np.mean([torch.cat([n[0].bias, n[2].bias]).norm().item() for n in nb])
    bn0 = np.mean([torch.cat([n[0].bias, n[2].bias]).norm().item() for n, _ in res[lam]])
    print(f"biases too, lam={lam:g}: val paired %+.2f (se seeds %.2f, se img %.2f)" % paired(cb, C[lam][0]),
          f"per-seed {['%+.2f' % v for v in per_seed]}; test paired %+.2f (%.2f, %.2f)" % paired(ctb, C[lam][1]),
          f"; ||b|| {bn0:.3g} -> {bn:.3g}")

# Adam / AdamW at lr 1e-3
AC = {}
for opt, lams in [("adam", [0.0, 0.003, 0.01, 0.03]), ("adamw", [1.0, 3.0, 10.0])]:
    for lam in lams:
        nets = [train(s, lam, lr=1e-3, opt=opt)[0] for s in seeds]
        AC[opt, lam] = (torch.stack([correct(n, Xva, yva) for n in nets]), torch.stack([correct(n, Xte, yte) for n in nets]))
        v = 100 * AC[opt, lam][0].float().mean(1); t = 100 * AC[opt, lam][1].float().mean(1)
        print(f"{opt:>5} lam={lam:<6g} val {v.mean():.2f}±{v.std()/5**.5:.2f}  test {t.mean():.2f}±{t.std()/5**.5:.2f}")
for lab, a, b in [("Adam+L2(0.01) - Adam(0)", ("adam", 0.01), ("adam", 0.0)), ("AdamW(3) - Adam(0)", ("adamw", 3.0), ("adam", 0.0)),
                  ("AdamW(3) - Adam+L2(0.01)", ("adamw", 3.0), ("adam", 0.01)), ("Adam+L2(0.03) - Adam(0)", ("adam", 0.03), ("adam", 0.0))]:
    print(f"  {lab:<26} val %+.2f (%.2f, %.2f)" % paired(AC[a][0], AC[b][0]), "| test %+.2f (%.2f, %.2f)" % paired(AC[a][1], AC[b][1]))

# longer training: does the equal-budget verdict change?
for lam in (0.0, 0.01):
    nets = [train(s, lam, epochs=200)[0] for s in seeds[:3]]
    v = [100 * correct(n, Xva, yva).float().mean().item() for n in nets]
    t = [100 * correct(n, Xte, yte).float().mean().item() for n in nets]
    tl = [F.cross_entropy(n(Xtr), ytr).item() for n in nets]
    print(f"200 epochs, lam={lam:g}, seeds 1-3: val {np.mean(v):.2f} test {np.mean(t):.2f} train loss {np.mean(tl):.4f}")
print(f"total {time.time()-t0:.0f}s")
