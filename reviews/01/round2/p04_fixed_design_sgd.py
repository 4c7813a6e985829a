"""Sections 3, 6, 7, 8, 9 re-derived with numpy / an independent simulation; PyTorch's SGD source checked."""
import inspect
import numpy as np
import torch
from common import *

x, y, eps = draw()
X, XtF, fT = feats(x), feats(XT), f(XT)
P, yy = X[0], y[0]
# ---- section 3: Hessian eigenvalues
ev = np.linalg.eigvalsh(P.T @ P / N) + 0.1
print(f"s3: Hessian eig {ev.min():.3g}..{ev.max():.3g}, cond {ev.max()/ev.min():.3g}")
# ---- section 6: least-squares bias² (noise averaged, unbiased) for every degree: any negative (log-plot drop)?
X14, Xt14 = feats(x, 14), feats(XT, 14)
b2 = []
for d in range(15):
    Cc = ridge(X14[..., :d + 1], f(x), 0.0) @ Xt14[:, :d + 1].T
    b2.append(((Cc.mean(0) - fT)**2 - Cc.var(0, ddof=1) / R).mean())
print("s6: LS bias² by degree:", " ".join(f"{v:.2g}" for v in b2))
dfs = []
for lam in [0.178]:
    s = np.linalg.eigvalsh(np.swapaxes(X, 1, 2) @ X)
    dfs.append((s / (s + N * lam)).sum(1).mean())
print(f"s6b: mean df at λ=0.178: {dfs[0]:.4g}; set 0: {(np.linalg.eigvalsh(P.T@P)/(np.linalg.eigvalsh(P.T@P)+N*0.178)).sum():.4g}")
# ---- section 7: set 0, training error monotone in λ? and the σ²(1-d/n) explanation
fine = np.logspace(-6, 2, 400)
tr = [np.mean((P @ ridge(P, yy, l) - yy)**2) for l in fine]
print(f"s7: training error of set 0 nondecreasing in λ on 400-point grid: {bool(np.all(np.diff(tr) >= -1e-15))}")
W0 = np.stack([ridge(P, yy, l) for l in LAMS]); te = ((W0 @ XtF.T - fT)**2).mean(1) + .09
trn = ((W0 @ P.T - yy)**2).mean(1); k = int(np.argmin(te))
print(f"s7: λ=1e-5 train {trn[0]:.4g} test {te[0]:.4g}; best λ for set 0 {LAMS[k]} test {te[k]:.4g} train {trn[k]:.4g}")
pw = (eps**2).mean(1)                    # each set's own noise power
for deg in [8, 12, 14]:
    Xd = X14[..., :deg + 1]
    err = ((np.einsum('rnd,rd->rn', Xd, ridge(Xd, y, 0.0)) - y)**2).mean(1)
    cond = SIGMA**2 * (1 - (deg + 1) / N) * pw       # E[err | each set's ||ε||²] (isotropic noise, bias≈0)
    dz = err - cond
    print(f"s7: degree {deg}: measured {err.mean():.5f}, formula {SIGMA**2*(1-(deg+1)/N):.5f}, formula x each set's noise power "
          f"{cond.mean():.5f}; residual {dz.mean()/(dz.std(ddof=1)/R**.5):+.1f} s.e.")
# ---- section 8: fixed design
ws = np.linalg.lstsq(XtF, fT, rcond=None)[0]
print(f"s8: ||w*||² {ws@ws:.4g}; miss {np.mean((XtF@ws-fT)**2):.1e}")
def mom(Xd, w, lam):
    n, d = Xd.shape; Ai = np.linalg.inv(Xd.T @ Xd + n * lam * np.eye(d))
    return -n * lam * Ai @ w, SIGMA**2 * Ai @ Xd.T @ Xd @ Ai
rng = np.random.default_rng(7)                          # own draws, not the notebook's seed
E = rng.normal(size=(20000, N)); Y = P @ ws + SIGMA * E
Wmc = np.linalg.solve(P.T @ P + N * 0.178 * np.eye(13), P.T @ Y.T).T
b, C = mom(P, ws, 0.178)
z = (Wmc.mean(0) - ws - b) / np.sqrt(np.diag(C) / 20000)
print(f"s8: own 20000 draws at λ=0.178: max|z| bias {np.abs(z).max():.2f}; max|var ratio-1| {np.abs(Wmc.var(0, ddof=1)/np.diag(C)-1).max():.3f} (s.e. {np.sqrt(2/19999):.3f})")
print(f"s8: ||bias||² {b@b:.4g}, tr Cov {np.trace(C):.4g}")
# weight MSE: exact curves on a dense grid, crossing, best λ; degree 12 vs LS everywhere?
def wmse(Xd, w, lam):
    b, C = mom(Xd, w, lam); return b @ b + np.trace(C)
for deg in [5, 12]:
    Xd = P[:, :deg + 1]; wd = np.linalg.lstsq(XtF[:, :deg + 1], fT, rcond=None)[0]
    ols = SIGMA**2 * np.trace(np.linalg.inv(Xd.T @ Xd))
    g = np.logspace(-8, 8, 4001); m = np.array([wmse(Xd, wd, l) for l in g])
    wins = g[m < ols]
    print(f"s8: degree {deg}: s_min {np.linalg.eigvalsh(Xd.T@Xd/N)[0]:.2g}, OLS MSE {ols:.4g}, ||w*||² {wd@wd:.4g}; ridge wins on "
          f"{len(wins)}/{len(g)} grid pts, up to λ={wins.max():.4g}; best λ {g[m.argmin()]:.3g} (MSE {m.min():.4g}); max MSE on grid {m.max():.4g}")
# the weight MSE in the orthonormal Legendre basis is the integrated squared error of the fit (notebook does not say so):
Xd = P; fitErr = ((Wmc - ws) @ XtF.T)**2
print(f"s8: (aside) mean integrated squared error of the 20000 fits {fitErr.mean():.4g} vs weight MSE {((Wmc-ws)**2).sum(1).mean():.4g}")
# ---- section 9: PyTorch's SGD source and the MSELoss factor of 2
import torch.optim.sgd as S
src = inspect.getsource(S)
print("s9: torch", torch.__version__, "sgd.py contains 'grad.add(param, alpha=weight_decay)':", "grad.add(param, alpha=weight_decay)" in src,
      "| contains '_foreach_add(device_grads, device_params, alpha=weight_decay)':", "alpha=weight_decay" in src)
Pt, yt = torch.tensor(P), torch.tensor(yy)
for name, loss, lam_eq in [("mean ½(ŷ−y)²", lambda w: 0.5 * ((Pt @ w - yt)**2).mean(), 0.1), ("MSELoss", lambda w: torch.nn.MSELoss()(Pt @ w, yt), 0.05)]:
    w = torch.zeros(13, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.2, weight_decay=0.1)
    for _ in range(3000):
        opt.zero_grad(); loss(w).backward(); opt.step()
    print(f"s9: SGD(wd=0.1, lr=0.2, 3000 steps) with {name}: max|w − ridge(λ={lam_eq})| = {np.abs(w.detach().numpy() - ridge(P, yy, lam_eq)).max():.1e}")
