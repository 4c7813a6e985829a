"""Independent re-derivation (numpy) of section 4: random ReLU features, n = 100, σ = 0.5, unit-norm linear teacher.
Minimum-norm (pinv) vs tuned ridge vs GCV-ridge vs GD budgets (real GD iterations for T=100, 1000), 60 fresh draws,
2000 test points per draw (the notebook uses 200)."""
import numpy as np, time
t0 = time.process_time()
rng = np.random.default_rng(777)
n, d0, sig, R, m = 100, 20, 0.5, 60, 2000
Ps = [40, 90, 95, 100, 105, 110, 200, 1000]
lams = np.concatenate([[0.0], np.logspace(-6, 1, 57)])
res = {p: {"mn": [], "ridge": [], "gcv": [], "gd": [], "smin": []} for p in Ps}
for r in range(R):
    beta = rng.normal(size=d0); beta /= np.linalg.norm(beta)
    X = rng.normal(size=(n, d0)); Xt = rng.normal(size=(m, d0))
    y = X @ beta + sig * rng.normal(size=n); yt = Xt @ beta
    W = rng.normal(size=(1000, d0)) / np.sqrt(d0)
    for p in Ps:
        F = np.maximum(X @ W[:p].T, 0) / np.sqrt(p); Ft = np.maximum(Xt @ W[:p].T, 0) / np.sqrt(p)
        U, s, Vt = np.linalg.svd(F, full_matrices=False)
        keep = s > s[0] * 1e-12
        U, s, Vt = U[:, keep], s[:, ], Vt[keep]; s = s[keep]
        uy = U.T @ y; A = Ft @ Vt.T
        tl = lambda coef: ((A @ coef - yt[:, None])**2).mean(0)/2 + sig**2/2
        coef = (s*uy)[:, None] / (s[:, None]**2 + n*lams[None, 1:])
        test = tl(coef)
        mn = tl((uy/s)[:, None])[0]
        f = s[:, None]**2/(s[:, None]**2 + n*lams[None, 1:])
        e = (y - U @ uy)[:, None] + U @ ((1-f)*uy[:, None])
        gcv = (e**2).mean(0)/2/((n - f.sum(0))/n)**2
        # real gradient descent on the mean loss ½‖Fw - y‖²/n from w = 0, η = 2, T = 100 and 1000
        w = np.zeros(p); gd = []
        for T in range(1, 1001):
            w -= 2.0 * F.T @ (F @ w - y) / n
            if T in (100, 1000): gd.append(((Ft @ w - yt)**2).mean()/2 + sig**2/2)
        R_ = res[p]; R_["mn"].append(mn); R_["ridge"].append(test); R_["gcv"].append(test[gcv.argmin()])
        R_["gd"].append(gd); R_["smin"].append(s[-1] if p != n else s.min())
print(f"{'p':>5} {'min-norm median':>16} {'tuned ridge mean':>17} {'λ':>8} {'GCV ridge mean':>15} {'GD T=100 med':>13} {'GD T=1000 med':>14} {'s_min med':>10}")
for p in Ps:
    Rr = res[p]; ridge = np.array(Rr["ridge"]); k = ridge.mean(0).argmin()
    gd = np.array(Rr["gd"])
    print(f"{p:5d} {np.median(Rr['mn']):16.4g} {ridge[:, k].mean():11.4f}±{ridge[:, k].std()/np.sqrt(R):.4f} {lams[1+k]:8.3g} "
          f"{np.mean(Rr['gcv']):9.4f}±{np.std(Rr['gcv'])/np.sqrt(R):.4f} {np.median(gd[:, 0]):13.4f} {np.median(gd[:, 1]):14.4f} {np.median(Rr['smin']):10.3g}")
mn100 = np.median(res[100]["mn"])
print(f"median min-norm ratio p=n to p=95/105: {mn100/np.median(res[95]['mn']):.1f}, {mn100/np.median(res[105]['mn']):.1f}; to p=90/110: "
      f"{mn100/np.median(res[90]['mn']):.1f}, {mn100/np.median(res[110]['mn']):.1f}")
print(f"worst p = n on {sum(int(np.argmax([res[p]['mn'][r] for p in Ps]) == Ps.index(100)) for r in range(R))} of {R} draws")
print(f"CPU time {time.process_time()-t0:.1f} s")
