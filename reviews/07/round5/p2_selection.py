"""Own numpy re-derivation of section 3's selection study (n=40, d=20, sigma=1, sigma_w=0.3, 81-lambda grid 0.01..100),
on independent draws, plus a missing baseline: 5-fold and 10-fold CV (the notebook's 'split' is ONE fixed 30/10 split)."""
import numpy as np
rng = np.random.default_rng(7)
n, d, sigma, sw, R = 40, 20, 1.0, 0.3, 2000
lams = np.logspace(-2, 2, 81); x = np.log(lams); step = x[1] - x[0]
def refine(vals):  # parabola in log lambda through grid min and neighbours (like the notebook's argmin_refined)
    k = vals.argmin(-1); kc = np.clip(k, 1, len(lams) - 2); i = np.arange(vals.shape[0])
    f0, f1, f2 = vals[i, kc-1], vals[i, kc], vals[i, kc+1]; curv = f0 - 2*f1 + f2
    delta = np.where(curv > 0, 0.5*(f0 - f2)/np.maximum(curv, 1e-300), 0).clip(-1, 1)
    inside = (k > 0) & (k < len(lams) - 1)
    return np.exp(np.where(inside, x[kc] + delta*step, x[k]))
W = sw*rng.standard_normal((R, d)); X = rng.standard_normal((R, n, d)); y = np.einsum('rnd,rd->rn', X, W) + sigma*rng.standard_normal((R, n))
def ridge(Xa, ya, lam):  # lam (R,) or (K,) -> weights (R, d, K) ; mean-loss convention (X'X/n + lam) w = X'y/n
    m = Xa.shape[1]; U, s, Vt = np.linalg.svd(Xa, full_matrices=False); uy = np.einsum('rnk,rn->rk', U, ya)
    lam = np.atleast_1d(lam); lamb = lam[None, None, :] if lam.ndim == 1 and lam.shape[0] != Xa.shape[0] else lam.reshape(-1, 1, 1)
    c = (s*uy)[:, :, None] / (s[:, :, None]**2 + m*lamb)
    return np.einsum('rkd,rkK->rdK', Vt, c)
def test_loss(What): return ((What - W[:, :, None])**2).sum(1)/2 + sigma**2/2
curves = test_loss(ridge(X, y, lams))
# LOO and GCV by explicit hat matrices (no SVD tricks)
G = np.einsum('rnd,rne->rde', X, X)
loo = np.empty((R, len(lams))); gcv = np.empty_like(loo); ev = np.empty_like(loo)
XXt = np.einsum('rnd,rmd->rnm', X, X)
for j, lam in enumerate(lams):
    H = X @ np.linalg.solve(G + n*lam*np.eye(d), np.transpose(X, (0, 2, 1)))
    e = y - np.einsum('rnm,rm->rn', H, y); h = np.diagonal(H, axis1=1, axis2=2)
    loo[:, j] = ((e/(1-h))**2).mean(1)/2; gcv[:, j] = (e**2).mean(1)/2/(1 - h.sum(1)/n)**2
    C = np.eye(n) + XXt/(n*lam); s2 = np.einsum('rn,rn->r', y, np.linalg.solve(C, y[..., None])[..., 0])/n
    ev[:, j] = -0.5*(n*np.log(2*np.pi*s2) + np.linalg.slogdet(C)[1] + n)
def kfold(K):
    idx = np.arange(n); err = np.zeros((R, len(lams)))
    for f in range(K):
        te = idx[f::K]; tr = np.setdiff1d(idx, te)
        Wf = ridge(X[:, tr], y[:, tr], lams)
        err += ((np.einsum('rnd,rdK->rnK', X[:, te], Wf) - y[:, te, None])**2).sum(1)/2
    return err/n
n_fit = 30
Wf = ridge(X[:, :n_fit], y[:, :n_fit], lams)
val = ((np.einsum('rnd,rdK->rnK', X[:, n_fit:], Wf) - y[:, n_fit:, None])**2).mean(1)/2
chosen = {"oracle": refine(curves), "Bayes": np.full(R, sigma**2/(n*sw**2)), "evidence": refine(-ev), "GCV": refine(gcv),
          "LOO": refine(loo), "split 30/10": refine(val)*n_fit/n,
          "5-fold CV": refine(kfold(5))*(n - n//5)/n, "10-fold CV": refine(kfold(10))*(n - n//10)/n,
          "split, no 30/40 rescale": refine(val), "least squares": np.zeros(R)}
loss = {k: test_loss(ridge(X, y, v))[np.arange(R), np.arange(R)] if False else None for k, v in chosen.items()}
for k, v in chosen.items():
    U, s, Vt = np.linalg.svd(X, full_matrices=False); uy = np.einsum('rnk,rn->rk', U, y)
    c = s*uy/(s**2 + n*v[:, None]); loss[k] = ((np.einsum('rkd,rk->rd', Vt, c) - W)**2).sum(1)/2 + sigma**2/2
loss["predict 0"] = (W**2).sum(1)/2 + sigma**2/2
o = loss["oracle"]
print(f"{'rule':>24} {'median lam':>10} {'test loss':>16} {'above oracle (paired)':>22}")
for k, v in loss.items():
    m = v.mean(); se = v.std(ddof=1)/np.sqrt(R); ex = (v-o).mean(); exse = (v-o).std(ddof=1)/np.sqrt(R)
    med = np.median(chosen[k]) if k in chosen else np.inf
    print(f"{k:>24} {med:10.3g} {m:8.4f} ± {se:.4f} {ex:12.4f} ± {exse:.4f}")
for a, b in [("split 30/10", "LOO"), ("LOO", "GCV"), ("GCV", "evidence"), ("evidence", "Bayes"), ("5-fold CV", "LOO"), ("10-fold CV", "LOO"), ("split 30/10", "5-fold CV"), ("split, no 30/40 rescale", "split 30/10")]:
    dd = loss[a] - loss[b]; print(f"{a} minus {b}: {dd.mean():+.4f} ± {dd.std(ddof=1)/np.sqrt(R):.4f} ({dd.mean()/(dd.std(ddof=1)/np.sqrt(R)):+.1f} s.e.)")
lo = np.log10(chosen["oracle"]); lw = np.log10((W**2).sum(1))
for k in ["evidence", "GCV", "LOO", "split 30/10", "5-fold CV"]:
    l = np.log10(chosen[k]); print(f"{k:>12}: corr(log lam, oracle) {np.corrcoef(l, lo)[0,1]:+.3f}, corr with log||w||^2 {np.corrcoef(l, lw)[0,1]:+.3f}, IQR {np.subtract(*np.percentile(l,[75,25])):.2f} dec")
print(f"oracle: corr with log||w||^2 {np.corrcoef(lo, lw)[0,1]:+.3f}, IQR {np.subtract(*np.percentile(lo,[75,25])):.2f} dec")
