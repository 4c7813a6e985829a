"""Own numpy re-derivation of section 4 (random ReLU features, n=100, d0=20, sigma=0.5, unit-norm linear teacher):
(a) on the notebook's own draws (data only, from d2l.nb07.feature_matrices), my own min-norm / ridge / GCV / LOO at p = n:
    how often GCV/LOO pick lambda <= 1e-4 and lose a factor >= 1.5 vs the draw's best grid lambda;
(b) on independent draws (numpy, 100 draws) the min-norm median peak ratios and tuned ridge at p in {90,95,100,105,110}."""
import numpy as np, torch, math
import d2lmini as d2l
torch.set_num_threads(1)
Fs = d2l.nb07.SETUP.features
lams = np.array(Fs.lambdas[1:])          # lambda > 0 grid (eighths of a decade 1e-6..10)
def study(X, y, Xt, yt, W, ps, sigma=0.5):
    out = {}
    for p in ps:
        F = np.maximum(X@W[:, :p].transpose(0, 2, 1), 0)/math.sqrt(p); Ft = np.maximum(Xt@W[:, :p].transpose(0, 2, 1), 0)/math.sqrt(p)
        R, n = y.shape
        mn = np.empty(R); rid = np.empty((R, len(lams))); g = np.empty_like(rid); lo = np.empty_like(rid); smin = np.empty(R)
        for r in range(R):
            U, s, Vt = np.linalg.svd(F[r], full_matrices=False); smin[r] = s[-1]
            wmn = np.linalg.pinv(F[r])@y[r]; mn[r] = np.mean((Ft[r]@wmn - yt[r])**2)/2 + sigma**2/2
            for j, lam in enumerate(lams):
                A = F[r].T@F[r] + n*lam*np.eye(p) if p <= n else None
                w = np.linalg.solve(A, F[r].T@y[r]) if p <= n else F[r].T@np.linalg.solve(F[r]@F[r].T + n*lam*np.eye(n), y[r])
                H_diag = np.einsum('ij,ji->i', F[r], np.linalg.solve(F[r].T@F[r] + n*lam*np.eye(p), F[r].T)) if p <= n else \
                         np.diag(F[r]@F[r].T@np.linalg.inv(F[r]@F[r].T + n*lam*np.eye(n)))
                e = y[r] - F[r]@w
                rid[r, j] = np.mean((Ft[r]@w - yt[r])**2)/2 + sigma**2/2
                g[r, j] = np.mean(e**2)/2/(1 - H_diag.sum()/n)**2; lo[r, j] = np.mean((e/(1 - H_diag))**2)/2
        out[p] = dict(mn=mn, rid=rid, gcv=g, loo=lo, smin=smin)
    return out
# (a) notebook's draws, p = n only
X, y, Xt, yt, W, _ = (t.numpy() for t in d2l.nb07.feature_matrices(Fs))
a = study(X, y, Xt, yt, W, [100])[100]
best = a['rid'].min(1)
for name in ['gcv', 'loo']:
    k = a[name].argmin(1); lam_c = lams[k]; ratio = a['rid'][np.arange(len(k)), k]/best
    print(f"notebook draws, p=n, {name.upper()}: median ratio to draw's best {np.median(ratio):.4f}, mean {ratio.mean():.3f} ± {ratio.std(ddof=1)/10:.3f}, "
          f"draws with ratio>1.5: {(ratio > 1.5).sum()}, draws with chosen lambda <= 1e-4: {(lam_c <= 1e-4).sum()}, "
          f"lambdas of the ratio>1.5 draws: {lam_c[ratio > 1.5]}")
print(f"notebook draws, p=n: median min-norm {np.median(a['mn']):.4g}, median s_min {np.median(a['smin']):.3g}")
# (b) independent draws
rng = np.random.default_rng(11); R, n, m, d0 = 60, 100, 200, 20
beta = rng.standard_normal((R, d0)); beta /= np.linalg.norm(beta, axis=1, keepdims=True)
X = rng.standard_normal((R, n, d0)); Xt = rng.standard_normal((R, m, d0)); y = np.einsum('rnd,rd->rn', X, beta) + 0.5*rng.standard_normal((R, n))
yt = np.einsum('rnd,rd->rn', Xt, beta); W = rng.standard_normal((R, 110, d0))/math.sqrt(d0)
b = study(X, y, Xt, yt, W, [90, 95, 100, 105, 110])
med = {p: np.median(v['mn']) for p, v in b.items()}
print("independent draws (60): median min-norm test loss " + ", ".join(f"p={p}: {v:.3g}" for p, v in med.items()))
print(f"  ratio p=100 / p=95,105: {med[100]/med[95]:.1f}, {med[100]/med[105]:.1f}; / p=90,110: {med[100]/med[90]:.1f}, {med[100]/med[110]:.1f}")
print("  tuned ridge (mean-best grid lambda, mean loss): " + ", ".join(f"p={p}: {v['rid'].mean(0).min():.4f} (lam {lams[v['rid'].mean(0).argmin()]:.3g})" for p, v in b.items()))
print("  worst p per draw = 100 on", int((np.argmax(np.stack([b[p]['mn'] for p in b]), 0) == 2).sum()), "of", R, "draws")
