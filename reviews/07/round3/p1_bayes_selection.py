"""Probe 1 (own numpy code): section 1 best-λ claim and section 3 selection study, incl. the
'rules scatter but not in step with the oracle' claim and the split's n_fit/n rescaling."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np
rng = np.random.default_rng(12345)
n, d, sigma, sw, R = 40, 20, 1.0, 0.3, 2000
lams = np.logspace(-2, 2, 81)
W = sw * rng.standard_normal((R, d)); X = rng.standard_normal((R, n, d)); y = np.einsum('rnd,rd->rn', X, W) + sigma * rng.standard_normal((R, n))
U, s, Vt = np.linalg.svd(X, full_matrices=False)
uy = np.einsum('rnk,rn->rk', U, y); vw = np.einsum('rkd,rd->rk', Vt, W)
def risk(lam):  # lam (K,) or (R,1) -> (R,K)  exact test loss for x~N(0,I)
    lam = np.asarray(lam); lam = lam if lam.ndim == 2 else lam[None, :]
    c = (s * uy)[:, :, None] / (s[:, :, None]**2 + n * lam[:, None, :])
    return 0.5 * ((c - vw[:, :, None])**2).sum(1) + 0.5 * sigma**2
curves = risk(lams)
def refine(v, grid):  # parabola in log λ through argmin and neighbours
    x = np.log(grid); k = v.argmin(-1); kc = np.clip(k, 1, len(grid) - 2); r = np.arange(v.shape[0])
    f0, f1, f2 = v[r, kc - 1], v[r, kc], v[r, kc + 1]; curv = f0 - 2 * f1 + f2
    dl = np.where(curv > 0, 0.5 * (f0 - f2) / np.maximum(curv, 1e-300), 0).clip(-1, 1)
    out = np.where((k > 0) & (k < len(grid) - 1), x[kc] + dl * (x[1] - x[0]), x[k]); return np.exp(out)
star = refine(curves.mean(0)[None], lams)[0]
boot = [refine(curves[rng.integers(0, R, R)].mean(0)[None], lams)[0] for _ in range(200)]
print(f"best λ of the average curve (σ_w=0.3): {star:.4f}, bootstrap s.e. {100*(10**np.std(np.log10(boot))-1):.1f}%; Bayes {sigma**2/(n*sw**2):.4f}")
lb = sigma**2 / (n * sw**2)
near = risk(np.array([lb / 2, lb, 2 * lb]))
for j, lab in [(0, 'λ/2'), (2, '2λ')]:
    dd = near[:, j] - near[:, 1]; print(f"  loss at {lab} minus at Bayes λ: {dd.mean():+.4f} ± {dd.std(ddof=1)/np.sqrt(R):.4f}, {100*dd.mean()/near[:,1].mean():.1f}%")
# --- selection rules
keep = n * lams[None, None, :] / (s[:, :, None]**2 + n * lams[None, None, :])
outside = y - np.einsum('rnk,rk->rn', U, uy)
e = outside[:, :, None] + np.einsum('rnk,rkK->rnK', U, keep * uy[:, :, None])
omh = (1 - (U**2).sum(-1))[:, :, None] + np.einsum('rnk,rkK->rnK', U**2, keep)
loo = 0.5 * ((e / omh)**2).mean(1); gcv = 0.5 * (e**2).mean(1) / ((n - d + keep.sum(1)) / n)**2
ratio = s[:, :, None]**2 / (n * lams[None, None, :])
quad = (uy[:, :, None]**2 / (1 + ratio)).sum(1) + ((y**2).sum(1) - (uy**2).sum(1))[:, None]
logev = -0.5 * (n * np.log(2 * np.pi * quad / n) + np.log1p(ratio).sum(1) + n)
nf = 30; Uf, sf, Vtf = np.linalg.svd(X[:, :nf], full_matrices=False); uyf = np.einsum('rnk,rn->rk', Uf, y[:, :nf])
wf = np.einsum('rkd,rkK->rdK', Vtf, (sf * uyf)[:, :, None] / (sf[:, :, None]**2 + nf * lams))
val = 0.5 * ((np.einsum('rnd,rdK->rnK', X[:, nf:], wf) - y[:, nf:, None])**2).mean(1)
ch = {"oracle": refine(curves, lams), "Bayes": np.full(R, lb), "evidence": refine(-logev, lams), "GCV": refine(gcv, lams),
      "LOO": refine(loo, lams), "split": refine(val, lams) * nf / n, "split, no rescale": refine(val, lams), "least squares": np.zeros(R)}
T = {k: risk(v[:, None])[:, 0] for k, v in ch.items()}; T["predict 0"] = 0.5 * ((W**2).sum(1) + sigma**2)
se = lambda a: a.std(ddof=1) / np.sqrt(len(a))
print(f"{'rule':>18} {'median λ [IQR]':>24} {'loss':>8} {'above oracle':>16} {'corr(log λ, log λ_oracle)':>26}")
for k, v in T.items():
    lam = ch.get(k); q = np.quantile(lam, [.25, .5, .75]) if lam is not None else [np.inf]*3
    cor = np.corrcoef(np.log(lam), np.log(ch['oracle']))[0, 1] if (lam is not None and lam.std() > 0 and lam.min() > 0) else np.nan
    print(f"{k:>18} {q[1]:8.3g} [{q[0]:.3g}, {q[2]:.3g}] {v.mean():8.4f} {np.mean(v-T['oracle']):8.4f} ± {se(v-T['oracle']):.4f} {cor:26.2f}")
for a, b in [("split", "LOO"), ("LOO", "GCV"), ("GCV", "evidence"), ("evidence", "Bayes"), ("split, no rescale", "split")]:
    dd = T[a] - T[b]; print(f"{a} minus {b}: {dd.mean():+.4f} ± {se(dd):.4f} ({dd.mean()/se(dd):+.1f} s.e.)")
# IQR widths in decades
for k in ["oracle", "evidence", "GCV", "LOO", "split"]:
    q = np.quantile(np.log10(ch[k]), [.25, .75]); print(f"  IQR width of log10 λ, {k}: {q[1]-q[0]:.2f} decades")
