"""Probe 4: the missing early-stopping baseline in section 1 (notebook's own minibatch setting: batch 10, η=0.05,
from w=0, λ=0), T chosen on validation; and the arithmetic behind cell 59's 'test set hard for Bayes, not for networks'."""
import numpy as np, torch
g = torch.Generator().manual_seed(2)
X = torch.randn(1130, 20, generator=g); y = X @ torch.full((20,), 0.3) + torch.randn(1130, generator=g)
X, y = X.double().numpy(), y.double().numpy()
Xtr, ytr, Xva, yva, Xte, yte = X[:30], y[:30], X[30:130], y[30:130], X[130:], y[130:]
L = lambda Xs, ys, w, b: (Xs @ w + b - ys) ** 2 / 2
xm, ym = Xtr.mean(0), ytr.mean(); Xc = Xtr - xm
wr = np.linalg.solve(Xc.T @ Xc / 30 + 0.316 * np.eye(20), Xc.T @ (ytr - ym) / 30); br = ym - xm @ wr
for seed in range(3):
    rng = np.random.default_rng(seed); w = np.zeros(20); b = 0.0; hist = []
    for ep in range(200):
        for idx in rng.permutation(30).reshape(3, 10):
            r = Xtr[idx] @ w + b - ytr[idx]; w = w - 0.05 * Xtr[idx].T @ r / 10; b = b - 0.05 * r.mean()
            hist.append((L(Xva, yva, w, b).mean(), w.copy(), b))
    t = int(np.argmin([h[0] for h in hist])); _, wt, bt = hist[t]
    d = L(Xte, yte, wt, bt) - L(Xte, yte, wr, br)
    print(f"shuffle {seed}: early stopping λ=0, T chosen on validation = {t+1} steps: val {hist[t][0]:.4f}, test {L(Xte,yte,wt,bt).mean():.4f}; "
          f"minus ridge(0.316) test {d.mean():+.4f} ± {d.std(ddof=1)/np.sqrt(1000):.4f} (paired)")
# cell 59 arithmetic, from the stored outputs of cell 58
bayes_test, bayes_fresh, bayes_pop = 84.8, 85.2, 85.5
nets = {"wd T=1000": (82.9, -2.4), "early stop": (83.7, -2.1), "wd+ES": (83.8, -2.0)}
for k, (test, gap_fresh) in nets.items():
    fresh = bayes_fresh + gap_fresh
    print(f"{k}: test {test} vs fresh {fresh:.1f} -> the test set is {'easier' if test > fresh else 'harder'} for it by {abs(test-fresh):.1f}; "
          f"Bayes test vs fresh: {bayes_test-bayes_fresh:+.1f}")
