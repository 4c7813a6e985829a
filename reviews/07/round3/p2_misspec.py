"""Probe 2 (own numpy code): section 3's misspecified designs (unequal input scales, 3 nonzero weights), fresh seed.
Is the evidence's failure in design 3 (2.5 on the smallest-scale inputs) real, and is it a local-maximum / grid artefact?"""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np
rng = np.random.default_rng(777)
n, d, sigma, R = 40, 20, 1.0, 1000
scale = np.logspace(0.5, -0.5, d); lams = np.logspace(-3, 3, 121)
X = rng.standard_normal((R, n, d)) * scale; signs = rng.integers(0, 2, (R, 3)) * 2 - 1.0; noise = sigma * rng.standard_normal((R, n))
U, s, Vt = np.linalg.svd(X, full_matrices=False)
def fit(y, lam):  # (R,n),(K,) or (R,1) -> (R,d,K)
    lam = np.asarray(lam); lam = lam if lam.ndim == 2 else lam[None]
    uy = np.einsum('rnk,rn->rk', U, y); c = (s * uy)[:, :, None] / (s[:, :, None]**2 + n * lam[:, None, :])
    return np.einsum('rkd,rkK->rdK', Vt, c)
def loss(wh, w): return 0.5 * (((wh - w[:, :, None]) * scale[None, :, None])**2).sum(1) + 0.5 * sigma**2
def logev(y):
    uy = np.einsum('rnk,rn->rk', U, y); ratio = s[:, :, None]**2 / (n * lams)
    quad = (uy[:, :, None]**2 / (1 + ratio)).sum(1) + ((y**2).sum(1) - (uy**2).sum(1))[:, None]
    return -0.5 * (n * np.log(2 * np.pi * quad / n) + np.log1p(ratio).sum(1) + n)
def gcv(y):
    uy = np.einsum('rnk,rn->rk', U, y); keep = n * lams / (s[:, :, None]**2 + n * lams)
    e = (y - np.einsum('rnk,rk->rn', U, uy))[:, :, None] + np.einsum('rnk,rkK->rnK', U, keep * uy[:, :, None])
    return 0.5 * (e**2).mean(1) / ((n - d + keep.sum(1)) / n)**2
se = lambda a: a.std(ddof=1) / np.sqrt(len(a))
for lab, cols, size in [("0.4 on largest-scale", slice(0, 3), 0.4), ("1.2 on smallest-scale", slice(d-3, d), 1.2), ("2.5 on smallest-scale", slice(d-3, d), 2.5)]:
    w = np.zeros((R, d)); w[:, cols] = size * signs; y = np.einsum('rnd,rd->rn', X, w) + noise
    curves = loss(fit(y, lams), w); ev = logev(y); g = gcv(y)
    k_or, k_ev, k_g = curves.argmin(1), ev.argmax(1), g.argmin(1)
    r = np.arange(R); L = lambda k: curves[r, k]
    nloc = ((ev[:, 1:-1] > ev[:, :-2]) & (ev[:, 1:-1] > ev[:, 2:])).sum(1)
    print(f"{lab}: excess over oracle (grid λ): evidence {np.mean(L(k_ev)-L(k_or)):.3f} ± {se(L(k_ev)-L(k_or)):.3f}, GCV {np.mean(L(k_g)-L(k_or)):.3f}, "
          f"least squares {np.mean(loss(fit(y, np.zeros((R,1))), w)[:,0]-L(k_or)):.3f}, predict 0 {np.mean(0.5*((w*scale)**2).sum(1)+0.5-L(k_or)):.3f}; "
          f"median λ oracle {np.median(lams[k_or]):.3g}, evidence {np.median(lams[k_ev]):.3g}, GCV {np.median(lams[k_g]):.3g}; "
          f"draws where the log evidence has >1 interior local max: {(nloc>1).mean():.0%}; evidence at grid end: {(k_ev==120).mean():.0%}")
    if size == 2.5:
        # the evidence model's implied σ_w² at its max vs the true mean square of w, and sample prior misfit
        lam_ev = lams[k_ev]; uy = np.einsum('rnk,rn->rk', U, y); ratio = s**2 / (n * lam_ev[:, None])
        s2 = ((uy**2 / (1 + ratio)).sum(1) + (y**2).sum(1) - (uy**2).sum(1)) / n
        print(f"   evidence max: median σ̂ = {np.median(np.sqrt(s2)):.2f} (true 1), median σ̂_w = {np.median(np.sqrt(s2/(n*lam_ev))):.3f} (true rms weight {np.sqrt((w**2).mean()):.3f})")
