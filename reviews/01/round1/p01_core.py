"""Re-derive the notebook's key numbers (sections 2-7) with plain numpy, independent of d2lmini."""
import numpy as np
from common import *

# Legendre scaling: mean square 1 on [-1,1] (Gauss-Legendre quadrature, exact for these degrees)
gx, gw = np.polynomial.legendre.leggauss(40)
print("mean square of scaled P_k on [-1,1]:", np.round((features(gx, 12) ** 2 * gw[:, None]).sum(0) / 2, 12))

x, y = draw(f, R, N, SIGMA, 0)
X, Xt, ft = features(x, DEG), features(x_test, DEG), f(x_test)
preds = np.stack([ridge(X, y, l) @ Xt.T for l in LAMBDAS])         # (25, R, T)
clean = np.stack([ridge(X, f(x), l) @ Xt.T for l in LAMBDAS])
err = ((preds - ft) ** 2).mean(-1)                                   # (25, R) per-set error without noise
total = err.mean(-1) + SIGMA**2
se_total = err.std(-1, ddof=1) / np.sqrt(R)
fbar = clean.mean(1)
bias2 = (((fbar - ft) ** 2) - clean.var(1, ddof=1) / R).mean(-1)
plain = ((preds.mean(1) - ft) ** 2).mean(-1)
var_plain = preds.var(1).mean(-1)
variance = total - SIGMA**2 - bias2
k = int(np.argmin(total))
print(f"best lambda {LAMBDAS[k]:.4g}, total {total[k]:.5g} +- {se_total[k]:.2g} (s.e. of the SUM column, "
      f"noise-free per-set errors)")
for j in [0, 8, 12, k, 20, 24]:
    print(f"  lam {LAMBDAS[j]:8.3g}: total {total[j]:.4g} +- {se_total[j]:.2g}; plain bias2 {plain[j]:.3g}; var/R "
          f"{var_plain[j]/R:.3g}; bias2 (noise-avg, unbiased) {bias2[j]:.3g}; variance {variance[j]:.4g}")

# s.e. of the 'fresh labels' column (notebook's printed one) vs the s.e. of the sum itself
gen = np.random.default_rng(1)
lab = ft + SIGMA * gen.standard_normal((R, T))
fresh = ((preds - lab) ** 2).mean(-1)
print("s.e. fresh-label estimate vs s.e. of sum:")
for j in [0, 12, k, 20, 24]:
    print(f"  lam {LAMBDAS[j]:8.3g}: fresh s.e. {fresh[j].std(ddof=1)/np.sqrt(R):.2g}   sum s.e. {se_total[j]:.2g}")

# monotonicity claims (cell 21)
print("bias2 nondecreasing in lambda:", bool(np.all(np.diff(bias2) > 0)),
      "| variance nonincreasing:", bool(np.all(np.diff(variance) < 0)))
# where does the variance at lambda = 1e-5 come from (cell 21: 'mostly from the two ends')
vx = preds[0].var(0)
for edge in [0.9, 0.8]:
    m = np.abs(x_test) >= edge
    print(f"lam 1e-5: share of variance from |x| >= {edge} ({m.mean():.0%} of test points): {vx[m].sum()/vx.sum():.1%}")
# per-set heavy tail at lambda = 1e-5
e0 = np.sort(err[0])[::-1]
print(f"lam 1e-5: top 1% of sets (4) carry {e0[:4].sum()/e0.sum():.0%} of sum_D E_x (f_D - f)^2; top 10% carry "
      f"{e0[:40].sum()/e0.sum():.0%}; median per-set error {np.median(err[0]):.3g} vs mean {err[0].mean():.3g}")

# baselines
print(f"predict zero: {np.mean(ft**2) + SIGMA**2:.4f}; predict each set's mean label: "
      f"{(((y.mean(1)[:, None]) - ft) ** 2).mean() + SIGMA**2:.4f}; lambda = 10: {total[24]:.4f}")

# df for set 0 and mean (cell 31)
def df(Xs, lam):
    s = np.linalg.eigvalsh(np.swapaxes(Xs, -1, -2) @ Xs)
    return (s / (s + N * lam)).sum(-1)
print(f"df at best lambda: set 0 {df(X[0], LAMBDAS[k]):.4g}, mean {df(X, LAMBDAS[k]).mean():.4g}")
dfs = np.array([df(X, l).mean() for l in LAMBDAS])
for j in range(25):
    if 9 <= dfs[j] <= 13:
        print(f"  lam {LAMBDAS[j]:8.3g} df {dfs[j]:.2f} total {total[j]:.4g}")

# one learner (cell 33)
W0 = np.stack([ridge(X[0], y[0], l) for l in LAMBDAS])
tr = ((W0 @ X[0].T - y[0]) ** 2).mean(1)
te = ((W0 @ Xt.T - ft) ** 2).mean(1) + SIGMA**2
b0 = int(np.argmin(te))
print(f"set 0: training error nondecreasing in lambda: {bool(np.all(np.diff(tr) >= 0))}; best lambda {LAMBDAS[b0]:.3g} "
      f"test {te[b0]:.4g}; lam 1e-5 train {tr[0]:.4g} test {te[0]:.4g}; lam 1 train {tr[20]:.4g} test {te[20]:.4g}")

# LOO on set 0 (exercise 2's success line)
def loo(Xs, ys, lam):
    n, d = Xs.shape
    H = Xs @ np.linalg.solve(Xs.T @ Xs + n * lam * np.eye(d), Xs.T)
    return np.mean(((ys - H @ ys) / (1 - np.diag(H))) ** 2)
L = [loo(X[0], y[0], l) for l in LAMBDAS]
kl = int(np.argmin(L))
print(f"LOO on set 0 picks lambda {LAMBDAS[kl]:.3g}; its expected test error {te[kl]:.4g}; best for set 0 {te.min():.4g}")
