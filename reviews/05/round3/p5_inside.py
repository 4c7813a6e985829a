"""Inside the network, own loop with torch's DataLoader (so the minibatch order is the notebook's): lam in {0, 0.01, 0.1}
(+ biases decayed at 0.1), 5 seeds, eta=0.1, 40 epochs. Measures: how much of W1 at lam=0 is the initial weights,
roughness of the initial / learned parts, border vs centre pixel weights, bias decay per seed; class counts;
the equal-norm lambda ratio Adam+L2 vs AdamW interpolated from the notebook's printed norms."""
import math, numpy as np, torch
from torch.utils.data import DataLoader
torch.set_num_threads(1)
from sklearn.datasets import load_digits
X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float32); y = torch.tensor(y)
perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0))
tr, va = perm[:1000], perm[1000:1400]
mu, sd = X[tr].mean(0), X[tr].std(0); sd = torch.where(sd > 0, sd, torch.ones_like(sd))
Xtr, Xva = (X[tr] - mu) / sd, (X[va] - mu) / sd; ytr, yva = y[tr], y[va]
print("training images per digit:", torch.bincount(ytr).tolist())
def rough(W):  # W (64 pixels, h)
    img = W.T.reshape(-1, 8, 8)
    dx = (img[:, :, 1:] - img[:, :, :-1]).square().mean((1, 2)); dy = (img[:, 1:] - img[:, :-1]).square().mean((1, 2))
    return ((dx + dy) / 2 / img.square().mean((1, 2))).mean().item()
def run(seed, lam, decay_bias=False):
    torch.manual_seed(seed); f1, f2 = torch.nn.Linear(64, 64), torch.nn.Linear(64, 10)
    W0 = f1.weight.detach().T.clone()
    P = [f1.weight, f1.bias, f2.weight, f2.bias]
    opt = torch.optim.SGD([{"params": [P[0], P[2]], "weight_decay": lam},
                           {"params": [P[1], P[3]], "weight_decay": lam if decay_bias else 0.0}], lr=0.1)
    dl = DataLoader(range(1000), 64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    for _ in range(40):
        for idx in dl:
            loss = torch.nn.functional.cross_entropy(f2(torch.relu(f1(Xtr[idx]))), ytr[idx])
            opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        corr = f2(torch.relu(f1(Xva))).argmax(1) == yva
    return W0, f1.weight.detach().T.clone(), corr, torch.cat([f1.bias, f2.bias]).detach().norm().item()
R = {}
for lam, db in [(0.0, False), (0.01, False), (0.1, False), (0.1, True), (0.01, True)]:
    R[lam, db] = [run(s, lam, db) for s in (1, 2, 3, 4, 5)]
    acc = [100 * c.float().mean().item() for _, _, c, _ in R[lam, db]]
    print(f"lam={lam:<5g} decay biases={db!s:<5}: val acc per seed {acc} mean {np.mean(acc):.2f}; ||b|| mean "
          f"{np.mean([b for *_, b in R[lam, db]]):.3g}")
W0s = [r[0] for r in R[0.0, False]]
print(f"roughness of the INITIAL filters (5 seeds): {np.mean([rough(w) for w in W0s]):.3f}  (white noise: 2)")
for lam in (0.0, 0.01, 0.1):
    c = []; fr = []; rl = []; rt = []
    for W0, WT, _, _ in R[lam, False]:
        c.append(((WT * W0).sum() / W0.square().sum()).item())
        fr.append((W0.norm() / WT.norm()).item())
        rl.append(rough(WT - W0 * c[-1])); rt.append(rough(WT))
    print(f"lam={lam:<5g}: WT = c*W0 + rest with c = {np.mean(c):.3f}; ||W0||/||WT|| = {np.mean(fr):.2f}; roughness final "
          f"{np.mean(rt):.3f}, of the part orthogonal to W0 {np.mean(rl):.3f}")
# border vs centre
ij = torch.arange(64); r_, c_ = ij // 8, ij % 8
border = (r_ == 0) | (r_ == 7) | (c_ == 0) | (c_ == 7)
ink = (X[tr] > 0).float().mean(0)
print(f"border pixels: fraction of training images with ink {ink[border].mean():.2f} vs interior {ink[~border].mean():.2f}")
for lam in (0.0, 0.01, 0.1):
    rb = np.mean([(WT[border].norm(dim=1).mean() / WT[~border].norm(dim=1).mean()).item() for _, WT, _, _ in R[lam, False]])
    print(f"lam={lam:<5g}: mean |weights| of a border pixel / interior pixel = {rb:.2f}")
for lam in (0.1, 0.01):
    A = torch.stack([c for _, _, c, _ in R[lam, True]]).float(); B = torch.stack([c for _, _, c, _ in R[lam, False]]).float()
    print(f"biases too minus weights only, lam={lam}: per seed {(100 * (A.mean(1) - B.mean(1))).tolist()}")
# equal-norm lambda ratio from the notebook's printed norms (cell 37)
adam = {0.003: 8.01, 0.01: 6.38, 0.03: 4.98}; adamw = {1.0: 7.87, 3.0: 6.04, 10.0: 3.84}
def lam_for(norm, tab):
    ks = sorted(tab); 
    for a, b in zip(ks, ks[1:]):
        if tab[b] <= norm <= tab[a]:
            t = (tab[a] - norm) / (tab[a] - tab[b]); return math.exp(math.log(a) + t * (math.log(b) - math.log(a)))
for target in (6.04, 6.38, 5.5, 7.0):
    la, lw = lam_for(target, adam), lam_for(target, adamw)
    print(f"||W|| = {target}: Adam+L2 lam ~ {la:.4f}, AdamW lam ~ {lw:.3f}, ratio {lw / la:.0f}")
