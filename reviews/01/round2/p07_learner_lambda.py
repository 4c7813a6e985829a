"""Missing baseline: what a learner who must PICK λ from its one training set gets (LOO on the grid), vs the oracle best λ."""
import numpy as np
from common import *
x, y, _ = draw(); X, XtF, fT = feats(x), feats(XT), f(XT)
G = np.swapaxes(X, 1, 2) @ X
test = np.zeros((len(LAMS), R)); loo = np.zeros((len(LAMS), R))
for k, lam in enumerate(LAMS):
    A = G + N * lam * np.eye(13)
    H = X @ np.linalg.solve(A, np.swapaxes(X, 1, 2))
    res = y - np.einsum('rij,rj->ri', H, y)
    loo[k] = (((res / (1 - np.diagonal(H, axis1=1, axis2=2)))**2)).mean(1)
    test[k] = ((ridge(X, y, lam) @ XtF.T - fT)**2).mean(1) + .09
pick = loo.argmin(0); chosen = test[pick, np.arange(R)]
kb = int(test.mean(1).argmin())
d = chosen - test[kb]
print(f"oracle best λ {LAMS[kb]}: expected test error {test[kb].mean():.4f} ± {test[kb].std(ddof=1)/R**.5:.4f}")
print(f"λ picked by LOO on each set's own 20 points: {chosen.mean():.4f} ± {chosen.std(ddof=1)/R**.5:.4f}; "
      f"paired excess over the oracle {d.mean():.4f} ± {d.std(ddof=1)/R**.5:.4f}")
print(f"per-set oracle (best λ for each set, not attainable): {test.min(0).mean():.4f}")
print("LOO picks (λ: count):", {LAMS[i]: int((pick == i).sum()) for i in np.unique(pick)})
X4 = feats(x, 4); XT4 = feats(XT, 4)
t4 = ((ridge(X4, y, 0.0) @ XT4.T - fT)**2).mean(1) + .09
print(f"for comparison, degree 4 least squares: {t4.mean():.4f}; mean-label baseline 0.7241; LS degree 12: 2.639")
print(f"LOO-picked: median per-set test error {np.median(chosen):.4f} (oracle λ: {np.median(test[kb]):.4f}); "
      f"sets with λ_LOO ≤ 0.00316: {(pick <= LAMS.index(0.00316)).sum()}, they carry {np.sort(d)[::-1][:20].sum()/d.sum():.0%} of the excess (top 20 sets)")
