"""Own re-derivation (plain torch/numpy/sklearn, no d2lmini): split, constant pixels, a hand-written SGD loop
for a 64-64-10 MLP (weight decay on weights only), 5 seeds x lambda in {0, 0.01, 0.1} at the notebook's budget
(eta=0.1, 40 epochs, batch 64), paired differences, and baselines (majority, multinomial logistic regression tuned
on validation)."""
import math, numpy as np, torch
torch.set_num_threads(1)
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float32); y = torch.tensor(y)
perm = torch.randperm(1797, generator=torch.Generator().manual_seed(0))
tr, va, te = perm[:1000], perm[1000:1400], perm[1400:]
mu, sd = X[tr].mean(0), X[tr].std(0); sd = torch.where(sd > 0, sd, torch.ones_like(sd))
Xtr, Xva, Xte = [(X[p] - mu) / sd for p in (tr, va, te)]
ytr, yva, yte = y[tr], y[va], y[te]
const = (X[tr].std(0) == 0).nonzero().flatten().tolist()
print("constant training pixels:", const, "| nonzero in ANY of the 1797 images:",
      [(j, int((X[:, j] != 0).sum())) for j in const])

def init(seed):
    torch.manual_seed(seed)
    fc1, fc2 = torch.nn.Linear(64, 64), torch.nn.Linear(64, 10)
    return [t.detach().clone() for t in (fc1.weight, fc1.bias, fc2.weight, fc2.bias)]

def train(seed, lam, lr=0.1, epochs=40, decay_bias=False):
    W1, b1, W2, b2 = [t.requires_grad_() for t in init(seed)]
    g = torch.Generator().manual_seed(seed)
    for ep in range(epochs):
        order = torch.randperm(1000, generator=g)         # what RandomSampler draws
        for idx in order.split(64):
            out = torch.relu(Xtr[idx] @ W1.T + b1) @ W2.T + b2
            loss = torch.nn.functional.cross_entropy(out, ytr[idx])
            gr = torch.autograd.grad(loss, (W1, b1, W2, b2))
            with torch.no_grad():
                for p, gg, dec in zip((W1, b1, W2, b2), gr, (True, decay_bias, True, decay_bias)):
                    p -= lr * (gg + (lam * p if dec else 0))
    return [t.detach() for t in (W1, b1, W2, b2)]

def predict(P, X):
    W1, b1, W2, b2 = P
    return torch.relu(X @ W1.T + b1) @ W2.T + b2

res = {}
for lam in (0.0, 0.01, 0.1):
    rows = []
    for s in (1, 2, 3, 4, 5):
        P = train(s, lam)
        o = predict(P, Xva)
        rows.append(dict(acc=(o.argmax(1) == yva).float().mean().item(), corr=(o.argmax(1) == yva),
                         loss=torch.nn.functional.cross_entropy(o, yva).item(),
                         test=(predict(P, Xte).argmax(1) == yte).float().mean().item(),
                         norm=math.sqrt(P[0].square().sum() + P[2].square().sum())))
    res[lam] = rows
    a = np.array([r["acc"] for r in rows]) * 100
    print(f"lam={lam:<5g} val acc {a.mean():.2f} +- {a.std(ddof=1)/math.sqrt(5):.2f}  per seed {np.round(a,2).tolist()}  "
          f"val loss {np.mean([r['loss'] for r in rows]):.3f}  ||W|| {np.mean([r['norm'] for r in rows]):.2f}  "
          f"test {100*np.mean([r['test'] for r in rows]):.2f}")
for lam in (0.01, 0.1):
    A = torch.stack([r["corr"] for r in res[lam]]).float(); B = torch.stack([r["corr"] for r in res[0.0]]).float()
    d_seed = 100 * (A.mean(1) - B.mean(1)); d_img = 100 * (A - B).mean(0)
    print(f"paired {lam:g} - 0: {d_seed.mean():+.2f}, se seeds {d_seed.std()/math.sqrt(5):.2f}, se images "
          f"{d_img.std()/math.sqrt(400):.2f}, disagreements {(A != B).sum(1).int().tolist()}")
print(f"majority baseline (most frequent training digit {int(torch.bincount(ytr).argmax())}): "
      f"{100*(yva == torch.bincount(ytr).argmax()).float().mean():.1f} %")
best = None
for C in [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]:
    m = LogisticRegression(C=C, max_iter=5000).fit(Xtr.numpy(), ytr.numpy())
    v = m.score(Xva.numpy(), yva.numpy())
    print(f"  logistic regression C={C:<6g} val {100*v:.2f} %")
    if best is None or v > best[0]: best = (v, C, m)
print(f"linear baseline: multinomial logistic regression, C={best[1]} chosen on validation: val {100*best[0]:.2f} %, "
      f"test {100*best[2].score(Xte.numpy(), yte.numpy()):.2f} %")
