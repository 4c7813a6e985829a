"""Own re-implementation (plain torch + sklearn data) for the round-5 probes. No d2lmini helpers."""
import math, torch
from torch import nn
import torch.nn.functional as F
from sklearn.datasets import load_digits
torch.set_num_threads(1)

def data():
    X, y = load_digits(return_X_y=True)
    X = torch.tensor(X, dtype=torch.float32); y = torch.tensor(y)
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(0))
    tr, va, te = perm[:1000], perm[1000:1400], perm[1400:]
    mu, sd = X[tr].mean(0), X[tr].std(0)
    sd = torch.where(sd > 0, sd, torch.ones_like(sd))
    f = lambda i: ((X[i] - mu) / sd, y[i])
    return f(tr), f(va), f(te)

def make(seed, h=64):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, h), nn.ReLU(), nn.Linear(h, 10))

def train(seed, Xtr, ytr, lam, lr=0.1, epochs=40, opt="sgd", decay_bias=False, B=64, log_epochs=False):
    net = make(seed)
    W = [net[0].weight, net[2].weight]; b = [net[0].bias, net[2].bias]
    groups = [{"params": W, "weight_decay": lam}, {"params": b, "weight_decay": lam if decay_bias else 0.0}]
    o = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[opt](groups, lr=lr)
    g = torch.Generator().manual_seed(seed)
    n = len(ytr); losses = []
    for ep in range(epochs):
        perm = torch.randperm(n, generator=g); tot = 0.0; k = 0
        for s in range(0, n, B):
            idx = perm[s:s + B]
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx])
            o.zero_grad(); loss.backward(); o.step(); tot += loss.item(); k += 1
        losses.append(tot / k)
    return net, losses

def correct(net, X, y):
    with torch.no_grad():
        return net(X).argmax(1) == y

def loss_acc(net, X, y):
    with torch.no_grad():
        out = net(X); return F.cross_entropy(out, y).item(), (out.argmax(1) == y).float().mean().item()

def wnorm(net):
    return math.sqrt(net[0].weight.square().sum().item() + net[2].weight.square().sum().item())

def mse(v):
    v = torch.as_tensor(v, dtype=torch.float64); return v.mean().item(), (v.std() / math.sqrt(len(v))).item()
