"""Probe 4 (section 4): double descent with random ReLU features, re-derived with own numpy code.
Part A: NEW draws (own seed), own features, own min-norm (lstsq), ridge, GCV/LOO (explicit formulas), GD budgets;
        tuned ridge is tuned on one test set and SCORED on a second, independent one (no test-set reuse).
Part B: the notebook's own draws (data generator d2l.nb07.feature_matrices only), own GCV/LOO at p = n:
        which λ do GCV/LOO pick on the draws where they lose a factor >= 1.5?"""
import sys
import numpy as np

n, d0, sigma, R = 100, 20, 0.5, 100
P = [10, 20, 40, 60, 80, 90, 95, 100, 105, 110, 120, 150, 200, 300, 500, 1000]
lams = np.array([0.0] + [float(f"{v:.3g}") for v in np.logspace(-6, 1, 57)])
budgets, eta = [100, 1000, 10_000, 100_000], 2.0


def run(seed=None, data=None, m_test=200):
    rng = np.random.default_rng(seed)
    out = {k: np.full((R, len(P), len(lams)), np.nan) for k in ["test", "test2", "gcv", "loo"]}
    out["gd"] = np.zeros((R, len(P), len(budgets))); out["clean"] = np.zeros((R, len(P))); out["smin"] = np.zeros((R, len(P)))
    for r in range(R):
        if data is None:
            beta = rng.standard_normal(d0); beta /= np.linalg.norm(beta)
            X = rng.standard_normal((n, d0)); Xt = rng.standard_normal((m_test, d0)); Xt2 = rng.standard_normal((m_test, d0))
            f = X @ beta; y = f + sigma * rng.standard_normal(n)
            W = rng.standard_normal((max(P), d0)) / np.sqrt(d0)
        else:
            X, y, Xt, yt_, W, f = (a[r] for a in data); Xt2 = Xt; beta = None
        for j, p in enumerate(P):
            F = np.maximum(X @ W[:p].T, 0) / np.sqrt(p)
            Ft = np.maximum(Xt @ W[:p].T, 0) / np.sqrt(p)
            Ft2 = np.maximum(Xt2 @ W[:p].T, 0) / np.sqrt(p)
            yt = Xt @ beta if beta is not None else yt_
            yt2 = Xt2 @ beta if beta is not None else yt_
            U, s, Vt = np.linalg.svd(F, full_matrices=False)
            keep = s > 1e-12 * s[0]
            U, s, Vt = U[:, keep], s[keep], Vt[keep]
            out["smin"][r, j] = s[-1]
            uy = U.T @ y
            for k, lam in enumerate(lams):
                if lam == 0:
                    w = np.linalg.lstsq(F, y, rcond=None)[0]           # minimum norm, independent of the SVD path
                else:
                    w = Vt.T @ (s * uy / (s**2 + n * lam))
                    sh = s**2 / (s**2 + n * lam)
                    e = y - U @ (sh * uy)
                    h = (U**2) @ sh
                    out["loo"][r, j, k] = 0.5 * np.mean((e / (1 - h)) ** 2)
                    out["gcv"][r, j, k] = 0.5 * np.mean(e**2) / (1 - sh.sum() / n) ** 2
                out["test"][r, j, k] = 0.5 * np.mean((Ft @ w - yt) ** 2) + sigma**2 / 2
                out["test2"][r, j, k] = 0.5 * np.mean((Ft2 @ w - yt2) ** 2) + sigma**2 / 2
            h_c = s**2 / n
            for b, T in enumerate(budgets):               # GD from 0 on ½‖Fw-y‖²/n, real iterations for T=100, formula else
                if T == 100:
                    w = np.zeros(p)
                    for _ in range(T):
                        w -= eta * F.T @ (F @ w - y) / n
                else:
                    w = Vt.T @ ((1 - (1 - eta * h_c) ** T) * uy / s)
                out["gd"][r, j, b] = 0.5 * np.mean((Ft @ w - yt) ** 2) + sigma**2 / 2
            wc = np.linalg.lstsq(F, f, rcond=None)[0]
            out["clean"][r, j] = 0.5 * np.mean((Ft @ wc - yt) ** 2) + sigma**2 / 2
    return out


if sys.argv[1:] == ["B"]:
    import torch
    import d2lmini as d2l
    torch.set_num_threads(1)
    data = [t.numpy() for t in d2l.nb07.feature_matrices(d2l.nb07.SETUP.features)]

    P[:] = [100]
    o = run(data=data)
    k_best = np.nanargmin(o["test"][:, 0, 1:], 1) + 1
    best = o["test"][np.arange(R), 0, k_best]
    for name in ["gcv", "loo"]:
        kc = np.nanargmin(o[name][:, 0, 1:], 1) + 1
        ratio = o["test"][np.arange(R), 0, kc] / best
        bad = np.where(ratio > 1.5)[0]
        print(f"notebook draws, p = n, {name.upper()}: median ratio {np.median(ratio):.4f}, mean {ratio.mean():.3f}; "
              f"draws with ratio > 1.5: {list(bad)}, their chosen λ {[lams[kc[i]] for i in bad]}, ratios "
              f"{[round(float(ratio[i]), 2) for i in bad]}, oracle λ there {[lams[k_best[i]] for i in bad]}")
        print(f"   share of draws where {name.upper()} picks λ <= 1e-4: {(lams[kc] <= 1e-4).mean():.2f}; picks the grid's smallest λ>0 (1e-6): {(lams[kc] == 1e-6).sum()}")
    sys.exit()

o = run(seed=11)
mn = o["test"][:, :, 0]
med = np.median(mn, 0)
print("Part A: new draws (seed 11), R = 100")
print(f"{'p':>5} {'s_min med':>9} {'min-norm med':>12} {'mean':>9} {'worst%':>7} {'clean med':>9} | {'tuned(2nd test set)':>20} {'λ':>8} | {'GCV ridge':>16} | GD medians T=1e2,1e3,1e4,1e5")
k_t = np.argmin(o["test"][:, :, 1:].mean(0), 1) + 1          # tuned on test set 1 (mean over draws)
tuned2 = o["test2"][:, np.arange(len(P)), k_t]                 # scored on test set 2
kg = np.nanargmin(o["gcv"][:, :, 1:], 2) + 1
gcvl = np.take_along_axis(o["test2"], kg[:, :, None], 2)[:, :, 0]
gdmed = np.median(o["gd"], 0)
for j, p in enumerate(P):
    print(f"{p:5d} {np.median(o['smin'][:, j]):9.3g} {med[j]:12.4g} {mn[:, j].mean():9.4g} {mn[:, j].max()/mn[:, j].sum():7.0%} "
          f"{np.median(o['clean'][:, j]):9.4g} | {tuned2[:, j].mean():10.4f} ± {tuned2[:, j].std()/10:.4f} {lams[k_t[j]]:8.3g} | "
          f"{gcvl[:, j].mean():7.4f} ± {gcvl[:, j].std()/10:.4f} | " + " ".join(f"{v:.4g}" for v in gdmed[j]))
worst = np.array(P)[mn.argmax(1)]
print(f"median min-norm peaks at p = {P[int(med.argmax())]}; p = n is the worst p on {(worst == 100).sum()} of {R} draws")
k100 = P.index(100)
print(f"peak ratios (medians): p=100 / p=95 {med[k100]/med[k100-1]:.1f}, / p=105 {med[k100]/med[k100+1]:.1f}, "
      f"/ p=90 {med[k100]/med[k100-2]:.1f}, / p=110 {med[k100]/med[k100+2]:.1f}")
print(f"min-norm at p=1000 {med[-1]:.4f} vs best min-norm with p<n {med[:k100].min():.4f}")
st = tuned2[:, 1:] - tuned2[:, :-1]
z = st.mean(0) / (st.std(0) / np.sqrt(R))
print(f"tuned ridge (scored on an independent test set): steps to the next p all negative? {bool((st.mean(0) < 0).all())}; "
      f"z from {z.max():.1f} to {z.min():.1f}")
for b, T in enumerate(budgets):
    g = gdmed[:, b]
    mono = bool(np.all(np.diff(g) < 0))
    print(f"GD T={T:>6}: median curve strictly decreasing in p: {mono}; worst p {P[int(g.argmax())]}; at p=100 {g[k100]:.4f} "
          f"vs tuned ridge median {np.median(tuned2[:, k100]):.4f} ({100*(g[k100]/np.median(tuned2[:, k100])-1):+.0f}%)")
print(f"median λ=1e-3 curve: worst p {P[int(np.median(o['test'][:, :, list(lams).index(0.001)], 0).argmax())]}")
