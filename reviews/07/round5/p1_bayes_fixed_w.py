"""Own numpy check of section 1-2: (a) average test loss over draws from the prior is minimized at sigma^2/(n sigma_w^2);
(b) for x ~ N(0,I) the expected test loss is LINEAR in ||w||^2 (rotation invariance), so a fixed w with ||w||^2 = d sigma_w^2
has EXACTLY the same expected risk curve and best lambda at every finite n (not only 'about', asymptotically).
Shown with common random numbers: the same X and noise, w from the prior vs w rescaled / rotated."""
import numpy as np
rng = np.random.default_rng(123)
n, d, sigma, sw, R = 40, 20, 1.0, 0.3, 2000
lams = np.logspace(-2, 2, 81)
X = rng.standard_normal((R, n, d)); eps = sigma * rng.standard_normal((R, n))
W = sw * rng.standard_normal((R, d))
def risk(w):
    y = np.einsum('rnd,rd->rn', X, w) + eps
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    uy = np.einsum('rnk,rn->rk', U, y); vw = np.einsum('rkd,rd->rk', Vt, w)
    c = (s * uy)[:, :, None] / (s[:, :, None] ** 2 + n * lams)
    return ((c - vw[:, :, None]) ** 2).sum(1) / 2 + sigma ** 2 / 2
def best(curve):
    k = curve.argmin(); x = np.log(lams); f0, f1, f2 = curve[k-1:k+2]
    return float(np.exp(x[k] + 0.5 * (f0 - f2) / (f0 - 2*f1 + f2) * (x[1] - x[0])))
r_prior = risk(W)
w_fixed = np.full((R, d), 0.3)
r_fixed = risk(w_fixed)
print(f"Bayes lambda sigma^2/(n sw^2) = {sigma**2/(n*sw**2):.4f}")
print(f"best lambda of mean curve, w from prior : {best(r_prior.mean(0)):.4f}")
print(f"best lambda of mean curve, fixed w=0.3  : {best(r_fixed.mean(0)):.4f}")
# linearity in ||w||^2: regress per-draw risk at a given lambda on ||w||^2 using random rotations of one fixed w direction
k = np.argmin(abs(lams - 0.2778))
norms2 = (W ** 2).sum(1)
A = np.vstack([norms2, np.ones(R)]).T
coef, *_ = np.linalg.lstsq(A, r_prior[:, k], rcond=None)
print(f"at lambda={lams[k]:.3f}: E risk ~ a||w||^2 + b with a={coef[0]:.4f}, b={coef[1]:.4f}; "
      f"prediction at ||w||^2=1.8: {coef[0]*1.8+coef[1]:.4f}; fixed-w mean {r_fixed[:,k].mean():.4f} +- {r_fixed[:,k].std()/np.sqrt(R):.4f}")
# exact check: risk for fixed direction w, averaged over X, is a(l)||w||^2+b(l); compare two different fixed w of same norm
w2 = np.zeros((R, d)); w2[:, 0] = np.sqrt(1.8)   # all mass on one coordinate, same norm
r_spike = risk(w2)
diff = r_spike - r_fixed
print(f"spike w vs spread w (same norm, same X and noise): mean risk diff at lambda*: {diff[:,k].mean():+.4f} +- {diff[:,k].std()/np.sqrt(R):.4f}")
print(f"best lambda, spike w: {best(r_spike.mean(0)):.4f}")
