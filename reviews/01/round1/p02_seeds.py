"""Seed-to-seed behaviour of the notebook's headline numbers (20 independent seeds of R = 400 sets each)."""
import numpy as np
from common import *

Xt, ft = features(x_test, DEG), f(x_test)
Xt4 = features(x_test, 4)
sel = [0, 12, 17, 20]                         # lambda = 1e-5, 0.01, 0.178, 1
tot_small, argmins, diffs, dse, b2 = [], [], [], [], {j: [] for j in sel}
jk = {j: [] for j in sel}


def unb(c):                                   # unbiased bias^2 from fits c (R, T)
    return (((c.mean(0) - ft) ** 2) - c.var(0, ddof=1) / c.shape[0]).mean()


for seed in range(20):
    x, y = draw(f, R, N, SIGMA, seed)
    X = features(x, DEG)
    err = np.stack([((ridge(X, y, l) @ Xt.T - ft) ** 2).mean(-1) for l in LAMBDAS])   # (25, R)
    tot = err.mean(-1) + SIGMA**2
    k = int(np.argmin(tot))
    tot_small.append(tot[0]); argmins.append(LAMBDAS[k])
    e4 = ((ridge(features(x, 4), y, 1e-5) @ Xt4.T - ft) ** 2).mean(-1)                # degree 4, lambda 1e-5
    d = err[k] - e4                                                                   # paired, same sets
    diffs.append(d.mean()); dse.append(d.std(ddof=1) / np.sqrt(R))
    for j in sel:
        c = ridge(X, f(x), LAMBDAS[j]) @ Xt.T
        b2[j].append(unb(c))
        if seed < 3:                                                                  # explicit jackknife
            loo = np.array([unb(np.delete(c, i, 0)) for i in range(R)])
            jk[j].append(np.sqrt((R - 1) / R * ((loo - loo.mean()) ** 2).sum()))

tot_small = np.array(tot_small)
print(f"expected test error at lambda = 1e-5 over 20 seeds: median {np.median(tot_small):.3g}, min {tot_small.min():.3g}, "
      f"max {tot_small.max():.3g}; seed 0: {tot_small[0]:.4g}")
print("grid argmin of the expected test error over 20 seeds:", {v: argmins.count(v) for v in sorted(set(argmins))})
diffs, dse = np.array(diffs), np.array(dse)
print(f"(degree 12 at its best lambda) - (degree 4 at lambda 1e-5), paired over the same 400 sets: mean over seeds "
      f"{diffs.mean():.4f} (seed-to-seed sd {diffs.std(ddof=1):.4f}); seed 0: {diffs[0]:.4f} +- {dse[0]:.4f}; "
      f"positive in {int((diffs > 0).sum())}/20 seeds")
for j in sel:
    v = np.array(b2[j])
    print(f"lambda {LAMBDAS[j]:g}: noise-averaged bias2 over 20 seeds: mean {v.mean():.3g}, seed-to-seed sd {v.std(ddof=1):.2g}; "
          f"explicit jackknife s.e. (seeds 0-2) {', '.join(f'{s:.2g}' for s in jk[j])}; range {v.min():.3g}..{v.max():.3g}")
