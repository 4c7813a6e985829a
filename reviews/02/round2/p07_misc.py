"""(a) cell 16: does tol = 1e-3 separate the right decay step from the wrong conventions?
(b) exercise 3's success line (LOO vs 20/10 split), re-derived in numpy with a different seed, R = 300.
(c) exercise 4's success line: lambda = 0 from a random start with n = 60 < d = 200 (own numpy)."""
import numpy as np, torch
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb02.SETUP["classic"]
d2l.set_seed(0); X, y = d2l.synthetic_data(torch.ones(200, 1) * 0.01, 0.05, 220, noise=0.01)
d2l.set_seed(2); Xb, yb = X[:5], y[:5]; w = torch.randn(200, 1); lr, lam = S.lr, 3.0
g = Xb.T @ (Xb @ w - yb) / 5
right = (1 - lr * lam) * w - lr * g
for name, wrong in [("lambda/2 (penalty without the 1/2 in its gradient)", (1 - lr * lam / 2) * w - lr * g),
                    ("penalty once per minibatch (lambda/B)", (1 - lr * lam / 5) * w - lr * g),
                    ("no decay", w - lr * g)]:
    print(f"(a) {name}: max|diff| from the right step = {(wrong - right).abs().max():.2e} (tol 1e-3)")

rng = np.random.default_rng(99); R, n, d, lams = 300, 30, 20, [0.0, 0.01, 0.1, 0.316, 1.0, 10.0]
def fit(X, y, l):
    m, c = X.mean(0), y.mean(); Xc = X - m
    w = np.linalg.lstsq(Xc.T @ Xc + len(y) * l * np.eye(d), Xc.T @ (y - c), rcond=None)[0]; return w, c - m @ w
def loo(X, y, l):
    Z = np.hstack([np.ones((len(y), 1)), X]); D = np.eye(d + 1); D[0, 0] = 0
    H = Z @ np.linalg.solve(Z.T @ Z + len(y) * l * D, Z.T); e = y - H @ y; return np.mean((e / (1 - np.diag(H))) ** 2 / 2)
risk = lambda w, b: 0.5 * (((w - 0.3) ** 2).sum() + b ** 2 + 1)
t_loo, t_split, t_refit = [], [], []
for r in range(R):
    X = rng.standard_normal((n, d)); y = X @ np.full(d, .3) + rng.standard_normal(n)
    kl = int(np.argmin([loo(X, y, l) for l in lams]))
    f20 = [fit(X[:20], y[:20], l) for l in lams]; ks = int(np.argmin([np.mean((X[20:] @ w + b - y[20:]) ** 2) for w, b in f20]))
    t_loo.append(risk(*fit(X, y, lams[kl]))); t_split.append(risk(*f20[ks])); t_refit.append(risk(*fit(X, y, lams[ks])))
a, b_, c = map(np.array, (t_loo, t_split, t_refit)); se = lambda v: v.std(ddof=1) / R ** .5
print(f"(b) exact risk, R={R}: LOO {a.mean():.3f} +- {se(a):.3f}; split fit on 20 {b_.mean():.3f}, worse by {(b_-a).mean():.3f} +- {se(b_-a):.3f};"
      f" split's lambda refit on 30: worse by {(c-a).mean():.3f} +- {se(c-a):.3f}")

rng = np.random.default_rng(5); X = rng.standard_normal((60, 200)); y = X @ np.full(200, .01) + .01 * rng.standard_normal(60)
Xs = rng.standard_normal((1000, 200)); ys = Xs @ np.full(200, .01) + .01 * rng.standard_normal(1000); w0 = rng.standard_normal(200)
wT = w0 + np.linalg.pinv(X) @ (y - X @ w0); Pn = np.eye(200) - np.linalg.pinv(X) @ X
print(f"(c) n=60: null dims {200 - np.linalg.matrix_rank(X)}, ||P_null w|| {np.linalg.norm(Pn @ wT):.3g} (sqrt(140) = {140**.5:.3g}),"
      f" test {np.mean((Xs @ wT - ys) ** 2 / 2):.3g}; from 0: {np.mean((Xs @ (np.linalg.pinv(X) @ y) - ys) ** 2 / 2):.3g}, predict 0: {np.mean(ys**2/2):.3g}")
