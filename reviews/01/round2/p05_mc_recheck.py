"""Section 8 re-check with more draws (my 20000-draw run gave max|z| 3.07 over 13 weights); and exercise 3's centring route."""
import numpy as np, torch
from common import *
from d2lmini.checks import nb01 as C
x, y, _ = draw(); P = feats(x)[0]; XtF = feats(XT); ws = np.linalg.lstsq(XtF, f(XT), rcond=None)[0]
n, d, lam = 20, 13, 0.178
Ai = np.linalg.inv(P.T @ P + n * lam * np.eye(d)); bias = -n * lam * Ai @ ws; cov = SIGMA**2 * Ai @ P.T @ P @ Ai
for seed in [8, 9]:
    E = np.random.default_rng(seed).normal(size=(200000, n))
    W = (Ai @ P.T @ (P @ ws + SIGMA * E).T).T
    z = (W.mean(0) - ws - bias) / np.sqrt(np.diag(cov) / 200000)
    print(f"seed {seed}, 200000 draws: max|z| bias {np.abs(z).max():.2f}; max|var ratio − 1| {np.abs(W.var(0, ddof=1)/np.diag(cov) - 1).max():.4f} (s.e. {np.sqrt(2/199999):.4f})")
# exercise 3: centring route equals the worked solution when column 0 is constant (the problem as posed: P_0 = 1)
def rfi(X, y, l):
    D = torch.eye(X.shape[-1], dtype=X.dtype); D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X + X.shape[-2] * l * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
def centred(X, y, l):
    nn_, dd = X.shape[-2:]
    xm, ym = X[..., 1:].mean(-2, keepdim=True), y.mean(-1, keepdim=True)
    Z = X[..., 1:] - xm
    w1 = torch.linalg.solve(Z.mT @ Z + nn_ * l * torch.eye(dd - 1, dtype=X.dtype), Z.mT @ (y - ym).unsqueeze(-1)).squeeze(-1)
    w0 = (ym.squeeze(-1) - (xm.squeeze(-2) * w1).sum(-1)) / X[..., 0, 0]
    return torch.cat([w0.unsqueeze(-1), w1], -1)
xs, ys = C.training_sets(C._steep, 3, 5); Xs = C.legendre(xs)
print("centring route vs worked solution on Legendre designs (P_0 constant): max diff",
      float((centred(Xs, ys, 0.1) - rfi(Xs, ys, 0.1)).abs().max()))
Xc, yc, lc = C._free_inputs(C.FREE_INTERCEPT.cases[0])
print("the check's case-1 design: is column 0 constant?", bool((Xc[..., 0] == Xc[..., :1, 0]).all()),
      "| column 0 of set 0:", [round(v, 2) for v in Xc[0, :4, 0].tolist()])
