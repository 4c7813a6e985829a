"""(a) Where does the heavily penalized end go: predict-0 or predict-the-mean? (cell 23's reason)
(b) Steep target (cells 59-63) re-derived, and the baseline the text does not print: low-degree least squares."""
import numpy as np
from common import *
x, y, _ = draw(); X, XtF, fT = feats(x), feats(XT), f(XT)
def free(X, y, lam):
    n, d = X.shape[-2:]; D = np.eye(d); D[0, 0] = 0
    return np.linalg.solve(np.swapaxes(X, -1, -2) @ X + n * lam * D, (np.swapaxes(X, -1, -2) @ y[..., None]))[..., 0]
for lam in [10, 100, 1e4]:
    e1 = ((ridge(X, y, lam) @ XtF.T - fT)**2).mean() + .09
    e2 = ((free(X, y, lam) @ XtF.T - fT)**2).mean() + .09
    print(f"(a) λ={lam:g}: P_0 penalized {e1:.4f}; P_0 free {e2:.4f}   (predict 0: {(fT**2).mean()+.09:.4f}; "
          f"predict each set's mean: {((y.mean(1,keepdims=True)-fT)**2).mean()+.09:.4f})")
# (b) steep target exp(2x), same sets/noise as the notebook (seed 0)
fe = lambda t: np.exp(2 * t)
xs, ys, _ = draw(fun=fe); Xs = feats(xs); fTe = fe(XT)
res = []
for lam in LAMS:
    Pn = ridge(Xs, ys, lam) @ XtF.T; Cl = ridge(Xs, fe(xs), lam) @ XtF.T
    tot = ((Pn - fTe)**2).mean() + .09
    b2 = ((Cl.mean(0) - fTe)**2 - Cl.var(0, ddof=1) / R).mean()
    res.append((tot, b2, Pn.var(0, ddof=1).mean(), Cl.var(0, ddof=1).mean()))
k = int(np.argmin([r[0] for r in res])); t, b2, v, vc = res[k]
print(f"(b) exp(2x): best λ {LAMS[k]}, total {t:.4g} = bias² {b2:.3g} + var {v:.3g} + 0.09; variance of noise-free fits {vc:.3g} "
      f"({vc/v:.0%} of the variance)")
for deg in [3, 4, 5, 6, 7, 8]:
    Xd, Xtd = feats(xs, deg), feats(XT, deg)
    P = ridge(Xd, ys, 0.0) @ Xtd.T
    per = ((P - fTe)**2).mean(1) + .09
    print(f"(b) exp(2x), least squares degree {deg}: expected test error {per.mean():.4f} ± {per.std(ddof=1)/R**.5:.4f}")
