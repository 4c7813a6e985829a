"""Probe E: own loop with the notebook's exact minibatch source (DataLoader(TensorDataset, shuffle, own generator)),
lr 0.1, 40 epochs, seeds 1-5: lambda in {0, 0.01, 0.1}, plus lambda in {0.01, 0.1} with the biases decayed too.
Checks: section 5 per-seed differences; the 97.7-vs-97.6-but-+0.00 print; roughness of white noise / of the init;
how much of the init the lambda=0 filters keep; border pixels fading; torch's Adam/AdamW weight_decay source."""
import math, inspect
import numpy as np, torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset
from sklearn.datasets import load_digits
torch.set_num_threads(1)
X, y = load_digits(return_X_y=True)
perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0)).numpy()
tr, va = perm[:1000], perm[1000:1400]
mu, sd = X[tr].mean(0), X[tr].std(0, ddof=1); sd[sd == 0] = 1
Z = ((X - mu) / sd).astype(np.float32)
Xtr, Xva, ytr, yva = torch.tensor(Z[tr]), torch.tensor(Z[va]), torch.tensor(y[tr]), torch.tensor(y[va])

def rough(W):   # W (h, 64): my own implementation of the notebook's definition
    img = W.reshape(-1, 8, 8)
    dx = (img[:, :, 1:] - img[:, :, :-1]).square().mean((1, 2)); dy = (img[:, 1:] - img[:, :-1]).square().mean((1, 2))
    return ((dx + dy) / 2 / img.square().mean((1, 2))).mean().item()

def train(lam, seed, decay_biases=False):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    W0 = net[0].weight.detach().clone()
    W = [net[0].weight, net[2].weight]; B = [net[0].bias, net[2].bias]
    opt = torch.optim.SGD([{"params": W, "weight_decay": lam}, {"params": B, "weight_decay": lam if decay_biases else 0.0}], lr=0.1)
    dl = DataLoader(TensorDataset(Xtr, ytr), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    for _ in range(40):
        for xb, yb in dl:
            loss = F.cross_entropy(net(xb), yb); opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        c = (net(Xva).argmax(1) == yva).numpy()
    return net, W0, c

seeds = [1, 2, 3, 4, 5]
R = {(l, b, s): train(l, s, b) for l in (0.0, 0.01, 0.1) for b in (False, True) if not (l == 0 and b) for s in seeds}
for l in (0.01, 0.1):
    a = np.stack([R[l, True, s][2] for s in seeds]).astype(float); b = np.stack([R[l, False, s][2] for s in seeds]).astype(float)
    d = 100 * (a.mean(1) - b.mean(1))
    bn = lambda k: np.mean([torch.cat([R[l, k, s][0][0].bias, R[l, k, s][0][2].bias]).norm().item() for s in seeds])
    print(f"λ={l}: val acc weights-only {100*b.mean():.3f}% (prints as {100*b.mean():.1f}), biases too {100*a.mean():.3f}% (prints as {100*a.mean():.1f}); "
          f"per-seed difference {np.round(d, 2).tolist()}, mean {d.mean():+.2f}; ‖b‖ {bn(False):.3g} -> {bn(True):.3g}")
    # the notebook's float32 path
    va32 = torch.tensor(b.mean(1), dtype=torch.float32); print(f"    float32 mean of per-seed accuracies x100 = {(100*va32).mean().item():.6f}")
# roughness
g = torch.Generator().manual_seed(0)
print(f"roughness of white noise (64 random 8x8 filters): {rough(torch.randn(64, 64, generator=g)):.3f}")
print(f"roughness of the initial weights (nn.Linear default init), seeds 1-5: {np.mean([rough(R[0.0, False, s][1]) for s in seeds]):.3f}")
for l in (0.0, 0.01, 0.1):
    r = [rough(R[l, False, s][0][0].weight.detach()) for s in seeds]
    keep = [((R[l, False, s][0][0].weight.detach() * R[l, False, s][1]).sum() / R[l, False, s][1].square().sum()).item() for s in seeds]
    dW = [(R[l, False, s][0][0].weight.detach() - R[l, False, s][1]).norm().item() / R[l, False, s][1].norm().item() for s in seeds]
    print(f"λ={l:<5g} roughness {np.mean(r):.3f} ± {np.std(r, ddof=1)/math.sqrt(5):.3f}; projection of W1 on W1_init / ‖W1_init‖² = {np.mean(keep):.3f}; "
          f"‖W1 - W1_init‖/‖W1_init‖ = {np.mean(dW):.2f}")
# border vs centre pixels
border = np.zeros((8, 8), bool); border[[0, -1], :] = True; border[:, [0, -1]] = True; border = border.flatten()
live = X[tr].std(0) > 0
for l in (0.0, 0.1):
    W = torch.stack([R[l, False, s][0][0].weight.detach() for s in seeds]).abs().mean((0, 1)).numpy()
    print(f"λ={l:<5g} mean |w| of live border pixels {W[border & live].mean():.4f}, of interior pixels {W[~border].mean():.4f}, ratio {W[border & live].mean()/W[~border].mean():.2f}")
print("pixel std (raw 0-16) of live border pixels: median %.2f; interior: median %.2f" % (np.median(X[tr].std(0)[border & live]), np.median(X[tr].std(0)[~border])))
# library claims: Adam couples, AdamW decouples
from torch.optim import adam, adamw
src = inspect.getsource(adam._single_tensor_adam)
print("torch Adam, weight_decay line(s):", [l.strip() for l in src.splitlines() if "weight_decay" in l and ("add" in l or "mul" in l)][:3])
