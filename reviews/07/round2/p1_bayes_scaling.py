# Probe 1: own numpy re-derivation of sections 1-2: best λ of the AVERAGE exact test loss vs σ²/(nσ_w²),
# the cost of λ/2 and 2λ (paired), spread of single-draw best λ, and 1/n scaling (prior w and fixed w).
import numpy as np, os
os.environ["OMP_NUM_THREADS"] = "1"
rng = np.random.default_rng(12345)
d, sigma = 20, 1.0
lams = np.logspace(-2, 2, 161)

def curves(n, R, sw, fixed=None):
    w = sw * rng.standard_normal((R, d)) if fixed is None else np.full((R, d), fixed)
    X = rng.standard_normal((R, n, d)); y = np.einsum('rnd,rd->rn', X, w) + sigma * rng.standard_normal((R, n))
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    uy = np.einsum('rnk,rn->rk', U, y); vw = np.einsum('rkd,rd->rk', Vt, w)
    c = (s * uy)[..., None] / (s[..., None] ** 2 + n * lams)          # (R, k, K)
    return ((c - vw[..., None]) ** 2).sum(1) / 2 + sigma**2 / 2        # (R, K) exact test loss (x ~ N(0,I))

def best(C):
    m = C.mean(0); k = m.argmin(); x = np.log(lams)
    f0, f1, f2 = m[k-1], m[k], m[k+1]; dl = 0.5 * (f0 - f2) / (f0 - 2*f1 + f2)
    return np.exp(x[k] + dl * (x[1] - x[0]))

def boot_se(C, B=100):
    R = len(C); return np.std([np.log10(best(C[rng.integers(0, R, R)])) for _ in range(B)])

n = 40
for sw in [0.15, 0.3, 0.6]:
    C = curves(n, 2000, sw); b = sigma**2 / (n * sw**2); st = best(C); se = boot_se(C)
    print(f"sigma_w={sw}: Bayes λ {b:.4g}, best λ of average {st:.4g}, log10 ratio {np.log10(st/b):+.4f} = {np.log10(st/b)/se:+.2f} s.e.")
    if sw == 0.3:
        one = np.array([lams[i] for i in C.argmin(1)])
        print(f"  single-draw best λ quartiles {np.quantile(one, [0.25, 0.5, 0.75]).round(3)}")
# paired cost of λ/2, 2λ at σ_w=0.3, exact λ values
sw = 0.3; b = sigma**2/(n*sw**2)
lams_save = lams; lams = np.array([b/2, b, 2*b]); C = curves(n, 2000, sw); lams = lams_save
for j, lab in [(0, 'λ/2'), (2, '2λ')]:
    dd = C[:, j] - C[:, 1]; print(f"  {lab} minus Bayes λ: {dd.mean():+.4f} ± {dd.std()/np.sqrt(len(dd)):.4f}  ({100*dd.mean()/C[:,1].mean():.1f}% of {C[:,1].mean():.4f})")
# scaling
print("n, Bayes λ, best λ (prior w), n·λ*, best λ (fixed w=0.3), n·λ*")
for n in [40, 160]:
    a = best(curves(n, 1000, 0.3)); f = best(curves(n, 1000, 0.3, fixed=0.3))
    print(f"{n:4d} {1/(n*0.09):.4g} {a:.4g} {n*a:.3g} {f:.4g} {n*f:.3g}")
