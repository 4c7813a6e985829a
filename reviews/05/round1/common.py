"""Shared helpers for the round-1 probes of notebook 05 (plain torch / numpy / scikit-learn; no d2lmini)."""
import math
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset
from sklearn.datasets import load_digits

torch.set_num_threads(1)


def data():
    X, y = load_digits(return_X_y=True)
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.int64)
    perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0))
    tr, va, te = perm.split([1000, 400, 397])
    mean, std = X[tr].mean(0), X[tr].std(0)
    std = torch.where(std > 0, std, torch.ones_like(std))
    return X, y, (tr, va, te), [((X[p] - mean) / std, y[p]) for p in (tr, va, te)]


class Net(nn.Module):
    def __init__(self, h=64, init_scale=1.0):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(64, h), nn.Linear(h, 10)
        if init_scale != 1.0:
            with torch.no_grad():
                for p in self.parameters():
                    p.mul_(init_scale)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def train(Xtr, ytr, seed, lambd, lr=0.1, epochs=40, opt="sgd", decay_biases=False, init_scale=1.0, record=False):
    torch.manual_seed(seed)
    net = Net(init_scale=init_scale)
    W0 = net.fc1.weight.detach().clone()
    groups = [{"params": [net.fc1.weight, net.fc2.weight], "weight_decay": lambd},
              {"params": [net.fc1.bias, net.fc2.bias], "weight_decay": lambd if decay_biases else 0.0}]
    o = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[opt](groups, lr=lr)
    loader = DataLoader(TensorDataset(Xtr, ytr), batch_size=64, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    ep_loss = []
    for _ in range(epochs):
        tot, nb = 0.0, 0
        for xb, yb in loader:
            loss = F.cross_entropy(net(xb), yb)
            o.zero_grad(); loss.backward(); o.step()
            tot += loss.item(); nb += 1
        ep_loss.append(tot / nb)
    return net, W0, ep_loss


def predict(net, X):
    with torch.no_grad():
        return net(X)


def mcnemar_se(correct_a, correct_b):
    """Paired s.e. (in points) of acc_a - acc_b on the SAME n images (per-image differences)."""
    d = correct_a.astype(float) - correct_b.astype(float)
    n = d.size
    return 100 * d.std(ddof=1) / math.sqrt(n)


def roughness(W):
    """W: (units, 64) -> mean over units of mean sq. neighbour difference / mean sq. pixel."""
    img = W.reshape(-1, 8, 8)
    dx = (img[:, :, 1:] - img[:, :, :-1]).pow(2).mean((1, 2))
    dy = (img[:, 1:, :] - img[:, :-1, :]).pow(2).mean((1, 2))
    return ((dx + dy) / 2 / img.pow(2).mean((1, 2))).mean().item()
