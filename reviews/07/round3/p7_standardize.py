"""Probe 7 (own numpy code): design 3 of cell 21 (3 weights of 2.5 on the smallest-scale inputs). Does standardizing
the columns (by their sample std, as a practitioner would) rescue the evidence? Fresh seed, 500 draws."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np
rng = np.random.default_rng(99); n, d, sigma, R = 40, 20, 1.0, 500
scale = np.logspace(0.5, -0.5, d); lams = np.logspace(-3, 3, 121)
X = rng.standard_normal((R, n, d)) * scale; signs = rng.integers(0, 2, (R, 3)) * 2 - 1.0
w = np.zeros((R, d)); w[:, -3:] = 2.5 * signs; y = np.einsum('rnd,rd->rn', X, w) + sigma * rng.standard_normal((R, n))
def run(Z):   # ridge on Z, test loss measured for the original model (weights mapped back to X's units)
    sd = Z.std(1, ddof=1, keepdims=True) if Z is not X else np.ones((R, 1, d))
    Zs = Z / sd; U, s, Vt = np.linalg.svd(Zs, full_matrices=False); uy = np.einsum('rnk,rn->rk', U, y)
    c = (s * uy)[:, :, None] / (s[:, :, None]**2 + n * lams); wz = np.einsum('rkd,rkK->rdK', Vt, c) / sd.transpose(0, 2, 1)
    test = 0.5 * (((wz - w[:, :, None]) * scale[None, :, None])**2).sum(1) + 0.5
    ratio = s[:, :, None]**2 / (n * lams); quad = (uy[:, :, None]**2 / (1 + ratio)).sum(1) + ((y**2).sum(1) - (uy**2).sum(1))[:, None]
    ev = -0.5 * (n * np.log(quad / n) + np.log1p(ratio).sum(1)); r = np.arange(R)
    keep = n * lams / (s[:, :, None]**2 + n * lams); e = (y - np.einsum('rnk,rk->rn', U, uy))[:, :, None] + np.einsum('rnk,rkK->rnK', U, keep * uy[:, :, None])
    gcv = (e**2).mean(1) / ((n - d + keep.sum(1)) / n)**2
    return test[r, ev.argmax(1)] - test.min(1), test[r, gcv.argmin(1)] - test.min(1)
for lab, Z in [("raw inputs", X), ("standardized inputs", X)]:
    ev, g = run(Z if lab == "raw inputs" else Z.copy())
    print(f"{lab:20s}: evidence excess over oracle {ev.mean():.3f} ± {ev.std(ddof=1)/np.sqrt(R):.3f}, GCV {g.mean():.3f} ± {g.std(ddof=1)/np.sqrt(R):.3f}")
