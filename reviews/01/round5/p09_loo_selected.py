"""Teacher addition: λ chosen by leave-one-out on each of the 400 sets (what one learner can do) vs the oracle λ."""
import numpy as np
from common import *
x, y, _ = sets_torch(0)
X = feats(x, DEG); XT_ = feats(XT, DEG); ft = f(XT)
per = np.empty((len(LAMS), R)); loo = np.empty((len(LAMS), R))
for k, lam in enumerate(LAMS):
    A = np.swapaxes(X, 1, 2) @ X + N * lam * np.eye(13)
    H = X @ np.linalg.solve(A, np.swapaxes(X, 1, 2))
    r = (y - (H @ y[..., None])[..., 0]) / (1 - np.diagonal(H, axis1=1, axis2=2))
    loo[k] = (r ** 2).mean(1)
    per[k] = ((ridge(X, y, lam) @ XT_.T - ft) ** 2).mean(1)
pick = loo.argmin(0); sel = per[pick, np.arange(R)]
oracle = per.mean(1).argmin()
d = sel - per[oracle]
print(f"LOO-selected λ per set: expected test error {sel.mean() + SIGMA**2:.4f} ± {sel.std(ddof=1)/20:.4f}; "
      f"fixed best λ {LAMS[oracle]:.3g}: {per[oracle].mean() + SIGMA**2:.4f}; paired excess {d.mean():.4f} ± {d.std(ddof=1)/20:.4f}")
print(f"per-set oracle (best λ for each set, not achievable): {per.min(0).mean() + SIGMA**2:.4f}; "
      f"median LOO-picked λ {np.median(LAMS[pick]):.3g}, 10-90% {np.quantile(LAMS[pick], 0.1):.3g}..{np.quantile(LAMS[pick], 0.9):.3g}")
