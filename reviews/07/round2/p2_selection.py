# Probe 2: own numpy re-implementation of section 3's comparison (oracle, Bayes, evidence, GCV, LOO, 30/10 split),
# then (a) does the chosen λ move in step with the oracle λ? (b) the split without the 30/40 rescaling,
# (c) the cell-23 claim "the evidence also wins when w is not drawn from its prior, so the prior being right is not
#     the reason": with isotropic X a fixed w is the same as a w uniform on a sphere (≈ the prior). A real
#     misspecification needs anisotropic X: inputs with decaying variances, w concentrated on low-variance inputs.
import numpy as np
rng = np.random.default_rng(2024)
lams = np.logspace(-3, 3, 121); x = np.log(lams); step = x[1] - x[0]

def refine(V):  # argmin over the last axis, parabola in log λ
    k = V.argmin(-1); kc = np.clip(k, 1, len(lams) - 2); r = np.arange(len(V))
    f0, f1, f2 = V[r, kc-1], V[r, kc], V[r, kc+1]; cv = f0 - 2*f1 + f2
    dl = np.where(cv > 0, 0.5*(f0-f2)/np.where(cv > 0, cv, 1), 0).clip(-1, 1)
    return np.exp(np.where((k > 0) & (k < len(lams)-1), x[kc] + dl*step, x[k]))

def study(X, y, w, Sigma, sigma, n_val=10):
    R, n, d = X.shape
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    uy = np.einsum('rnk,rn->rk', U, y)
    def W(lam):  # ridge weights (R, d, K) for the grid
        c = (s*uy)[..., None] / (s[..., None]**2 + n*lam)
        return np.einsum('rkd,rkK->rdK', Vt, c)
    def risk(Wh):  # exact test loss with x ~ N(0, Sigma)
        D = Wh - w[..., None]; return 0.5*np.einsum('rdK,de,reK->rK', D, Sigma, D) + sigma**2/2
    curves = risk(W(lams))
    keep = n*lams / (s[..., None]**2 + n*lams)
    e = (y - np.einsum('rnk,rk->rn', U, uy))[..., None] + np.einsum('rnk,rkK->rnK', U, keep*uy[..., None])
    omh = (1 - (U**2).sum(-1))[..., None] + np.einsum('rnk,rkK->rnK', U**2, keep)
    loo = 0.5*((e/omh)**2).mean(1); gcv = 0.5*(e**2).mean(1)/((n - s.shape[1] + keep.sum(1))/n)**2
    ratio = s[..., None]**2/(n*lams); uy2 = uy**2
    quad = (uy2[..., None]/(1+ratio)).sum(1) + ((y**2).sum(1) - uy2.sum(1))[:, None]
    ev = -0.5*(n*np.log(2*np.pi*quad/n) + np.log1p(ratio).sum(1) + n)
    nf = n - n_val; U2, s2, V2 = np.linalg.svd(X[:, :nf], full_matrices=False)
    c2 = (s2*np.einsum('rnk,rn->rk', U2, y[:, :nf]))[..., None]/(s2[..., None]**2 + nf*lams)
    Wf = np.einsum('rkd,rkK->rdK', V2, c2); val = 0.5*((np.einsum('rnd,rdK->rnK', X[:, nf:], Wf) - y[:, nf:, None])**2).mean(1)
    ch = {"oracle": refine(curves), "evidence": refine(-ev), "GCV": refine(gcv), "LOO": refine(loo),
          "split": refine(val)*nf/n, "split (no rescale)": refine(val)}
    # exact risk at per-draw λ
    def risk_at(lv):
        c = (s*uy)/(s**2 + n*lv[:, None]); Wh = np.einsum('rkd,rk->rd', Vt, c); D = Wh - w
        return 0.5*np.einsum('rd,de,re->r', D, Sigma, D) + sigma**2/2
    out = {k: risk_at(v) for k, v in ch.items()}
    out["least squares"] = risk_at(np.zeros(R))
    return ch, out

def report(title, ch, out):
    print(f"--- {title}")
    o = out["oracle"]
    for k, v in out.items():
        dd = v - o; print(f"{k:>20}: loss {v.mean():.4f} ± {v.std()/np.sqrt(len(v)):.4f}; above oracle {dd.mean():.4f} ± {dd.std()/np.sqrt(len(v)):.4f}")
    for a, b in [("LOO", "GCV"), ("GCV", "evidence"), ("LOO", "evidence"), ("split", "LOO"), ("split (no rescale)", "split")]:
        dd = out[a] - out[b]; print(f"  {a} minus {b}: {dd.mean():+.4f} ± {dd.std()/np.sqrt(len(dd)):.4f} ({dd.mean()/(dd.std()/np.sqrt(len(dd))):+.1f} s.e.)")
    lo = np.log(ch["oracle"])
    for k in ["evidence", "GCV", "LOO", "split"]:
        print(f"  corr(log λ_{k}, log λ_oracle) = {np.corrcoef(np.log(ch[k]), lo)[0,1]:+.2f}; IQR ratio of λ {np.subtract(*np.quantile(ch[k], [.75,.25]))/np.subtract(*np.quantile(ch['oracle'], [.75,.25])):.2f}")

R, n, d, sigma = 2000, 40, 20, 1.0
# A: the notebook's model (w from the prior, isotropic X)
w = 0.3*rng.standard_normal((R, d)); X = rng.standard_normal((R, n, d)); y = np.einsum('rnd,rd->rn', X, w) + sigma*rng.standard_normal((R, n))
report("A: notebook's setting, w ~ N(0, 0.09 I), x ~ N(0, I)", *study(X, y, w, np.eye(d), sigma))
# B: w uniform on the sphere of radius sqrt(d)*0.3 (what 'fixed w' is equivalent to under isotropic X)
w = rng.standard_normal((R, d)); w = 0.3*np.sqrt(d)*w/np.linalg.norm(w, axis=1, keepdims=True)
X = rng.standard_normal((R, n, d)); y = np.einsum('rnd,rd->rn', X, w) + sigma*rng.standard_normal((R, n))
report("B: w uniform on the sphere |w| = 0.3*sqrt(20) (≡ the notebook's fixed w under isotropic X)", *study(X, y, w, np.eye(d), sigma))
# C: misspecified: input std decays 3 -> 0.3 (log), w sparse: 3 nonzero weights on the LOW-variance inputs, same E|x^T w|^2 scale
sd = np.logspace(0.5, -0.5, d); Sigma = np.diag(sd**2)
w = np.zeros((R, d)); w[:, -3:] = rng.choice([-1, 1], (R, 3))*1.2
X = rng.standard_normal((R, n, d))*sd; y = np.einsum('rnd,rd->rn', X, w) + sigma*rng.standard_normal((R, n))
print(f"(C: signal variance E(x'w)^2 = {np.mean(np.einsum('rd,d->r', w**2, sd**2)):.3f}, noise 1)")
report("C: misspecified: x std 3 -> 0.3, w = ±1.2 on the 3 lowest-variance inputs", *study(X, y, w, Sigma, sigma))
# D: misspecified the other way: sparse w on HIGH-variance inputs
w = np.zeros((R, d)); w[:, :3] = rng.choice([-1, 1], (R, 3))*0.4
y = np.einsum('rnd,rd->rn', X, w) + sigma*rng.standard_normal((R, n))
report("D: x std 3 -> 0.3, w = ±0.4 on the 3 highest-variance inputs", *study(X, y, w, Sigma, sigma))
