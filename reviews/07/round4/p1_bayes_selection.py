"""Independent re-derivation (numpy only) of sections 1-3: Bayes λ, scaling with n, rule comparison,
and whether the per-draw oracle λ is predictable from the training data."""
import numpy as np
rng = np.random.default_rng(12345)
n, d, sig, sw = 40, 20, 1.0, 0.3
lams = np.logspace(-2, 2, 81)

def draws(R, n, sw, fixed=None):
    w = rng.normal(0, sw, (R, d)) if fixed is None else np.full((R, d), fixed)
    X = rng.normal(size=(R, n, d)); y = np.einsum('rnd,rd->rn', X, w) + sig * rng.normal(size=(R, n))
    return w, X, y

def risk(w, X, y, lam):  # exact 1/2(|w_hat-w|^2+σ²), lam (K,) or (R,K)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    uy = np.einsum('rnk,rn->rk', U, y); vw = np.einsum('rkd,rd->rk', Vt, w)
    lam = np.broadcast_to(lam, (X.shape[0], np.size(lam) if np.ndim(lam) == 1 else lam.shape[-1]))
    c = (s * uy)[:, :, None] / (s[:, :, None] ** 2 + X.shape[1] * lam[:, None, :])
    return ((c - vw[:, :, None]) ** 2).sum(1) / 2 + sig**2 / 2

def refine(vals, grid):
    x = np.log(grid); k = vals.argmin(-1); kc = np.clip(k, 1, len(grid) - 2)
    f0, f1, f2 = [np.take_along_axis(vals, (kc + j)[..., None], -1)[..., 0] for j in (-1, 0, 1)]
    cv = f0 - 2 * f1 + f2; dl = np.where(cv > 0, 0.5 * (f0 - f2) / np.maximum(cv, 1e-300), 0).clip(-1, 1)
    inside = (k > 0) & (k < len(grid) - 1)
    return np.exp(np.where(inside, x[kc] + dl * (x[1] - x[0]), x[k]))

print("== section 1: best λ of the average risk vs σ²/(nσ_w²), 2000 fresh draws each")
for s_w in [0.15, 0.3, 0.6]:
    w, X, y = draws(2000, n, s_w); c = risk(w, X, y, lams)
    boots = [refine(c[rng.integers(0, 2000, 2000)].mean(0), lams) for _ in range(200)]
    print(f"σ_w={s_w}: best {refine(c.mean(0), lams):.4g}, formula {sig**2/(n*s_w**2):.4g}, boot s.e. of log10 {np.std(np.log10(boots)):.4f}")

print("== section 2: n·λ* (prior) and n·λ* (fixed w=0.3), 1000 draws")
for N in [40, 80, 160, 320]:
    w, X, y = draws(1000, N, sw); a = refine(risk(w, X, y, lams).mean(0), lams)
    w, X, y = draws(1000, N, sw, fixed=0.3); b = refine(risk(w, X, y, lams).mean(0), lams)
    print(f"n={N}: n·λ* prior {N*a:.3g}, fixed {N*b:.3g} (σ²/σ_w² = {sig**2/sw**2:.3g})")

print("== section 3: selection rules, own implementation, 2000 draws, n=40")
R = 2000
w, X, y = draws(R, n, sw)
U, s, Vt = np.linalg.svd(X, full_matrices=False)
uy = np.einsum('rnk,rn->rk', U, y)
curves = risk(w, X, y, lams)
loo = np.empty((R, len(lams))); gcv = np.empty_like(loo); ev = np.empty_like(loo)
for k, lam in enumerate(lams):
    f = s**2 / (s**2 + n*lam)                                   # (R, r)
    Hm = np.einsum('rik,rk,rjk->rij', U, f, U)
    e = y - np.einsum('rij,rj->ri', Hm, y)
    hii = np.einsum('rii->ri', Hm)
    loo[:, k] = ((e / (1 - hii))**2).mean(1) / 2
    gcv[:, k] = (e**2).mean(1) / 2 / (1 - hii.sum(1)/n)**2
    # evidence with σ² profiled: C = I + XXᵀ/(nλ)
    ev_ratio = s**2 / (n*lam)
    quad = (uy**2 / (1 + ev_ratio)).sum(1) + (y**2).sum(1) - (uy**2).sum(1)
    ev[:, k] = -0.5*(n*np.log(2*np.pi*quad/n) + np.log1p(ev_ratio).sum(1) + n)
nf = 30
Uf, sf, Vtf = np.linalg.svd(X[:, :nf], full_matrices=False)
uyf = np.einsum('rnk,rn->rk', Uf, y[:, :nf])
cf = (sf*uyf)[:, :, None] / (sf[:, :, None]**2 + nf*lams)
wf = np.einsum('rkd,rkK->rdK', Vtf, cf)
val = ((np.einsum('rnd,rdK->rnK', X[:, nf:], wf) - y[:, nf:, None])**2).mean(1)/2
chosen = {"oracle": refine(curves, lams), "Bayes": np.full(R, sig**2/(n*sw**2)), "evidence": refine(-ev, lams),
          "GCV": refine(gcv, lams), "LOO": refine(loo, lams), "split": refine(val, lams)*nf/n,
          "split (no 30/40 rescale)": refine(val, lams), "least squares": np.zeros(R)}
test = {k: risk(w, X, y, v[:, None])[:, 0] for k, v in chosen.items()}
test["predict 0"] = ((w**2).sum(1) + sig**2)/2
for k, v in test.items():
    ex = v - test["oracle"]
    print(f"{k:>26}: loss {v.mean():.4f} ± {v.std()/np.sqrt(R):.4f}, above oracle {ex.mean():.4f} ± {ex.std()/np.sqrt(R):.4f}")
for a, b in [("GCV", "evidence"), ("LOO", "GCV"), ("split", "LOO"), ("split (no 30/40 rescale)", "split")]:
    dd = test[a]-test[b]; print(f"{a} - {b}: {dd.mean():+.4f} ± {dd.std()/np.sqrt(R):.4f}")

print("== is the per-draw oracle λ predictable from the data / from ‖w‖?")
lo = np.log10(chosen["oracle"])
def corr(a, b): return np.corrcoef(a, b)[0, 1]
for k in ["evidence", "GCV", "LOO", "split"]:
    print(f"corr(log λ_{k}, log λ_oracle) = {corr(np.log10(chosen[k]), lo):+.3f}")
print(f"corr(log λ_oracle, log ‖w‖²) = {corr(lo, np.log10((w**2).sum(1))):+.3f}   (unknowable: true w)")
# data-only estimate of ‖w‖² : (‖y‖²/n - σ̂²) with σ̂² from the evidence
wn_hat = (y**2).mean(1)
print(f"corr(log λ_oracle, -log(mean y²)) = {corr(lo, -np.log10(wn_hat)):+.3f}   (training data only)")
print(f"corr(log λ_evidence, log ‖w‖²) = {corr(np.log10(chosen['evidence']), np.log10((w**2).sum(1))):+.3f}")
# best-possible data-only predictor: regress log λ_oracle on a few data features (in-sample R², 2000 draws)
feats = np.column_stack([np.ones(R), np.log10(chosen['evidence']), np.log10(chosen['GCV']), np.log10(wn_hat), np.log10((uy**2).sum(1))])
beta, *_ = np.linalg.lstsq(feats, lo, rcond=None); r2 = 1 - ((lo - feats@beta)**2).mean()/lo.var()
print(f"R² of log λ_oracle on data-only features (evidence, GCV, mean y², ‖Uᵀy‖²): {r2:.3f}")
