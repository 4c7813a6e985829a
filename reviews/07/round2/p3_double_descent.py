# Probe 3: own numpy re-derivation of section 4 on fresh draws (R = 40, own generator, same recipe):
# random ReLU features relu(Wx)/sqrt(p), W ~ N(0, 1/20), n = 100, sigma = 0.5, unit-norm linear teacher.
# (a) minimum-norm median test loss around p = n, (b) tuned ridge, (c) GD budgets T = 100, 1000 (exact formula,
# checked against real steps), (d) is the T = 100 / 1000 median curve monotone in p ("falls smoothly")?
# (e) test-set size: n_test = 200 points -> how large is the test-set sampling error vs the seed-to-seed s.e.?
import numpy as np
rng = np.random.default_rng(777)
R, n, d0, sig, m = 40, 100, 20, 0.5, 2000
P = [10, 20, 40, 60, 80, 90, 95, 100, 105, 110, 120, 150, 200, 300, 500, 1000]
lams = np.concatenate([[0.0], np.logspace(-6, 1, 57)])
Ts = [100, 1000, 10000]; lr = 2.0
mn = np.zeros((R, len(P))); rid = np.zeros((R, len(P), len(lams))); gd = np.zeros((R, len(P), len(Ts)))
mn200 = np.zeros((R, len(P)))
for r in range(R):
    beta = rng.standard_normal(d0); beta /= np.linalg.norm(beta)
    X = rng.standard_normal((n, d0)); Xt = rng.standard_normal((m, d0))
    y = X @ beta + sig*rng.standard_normal(n); yt = Xt @ beta
    W = rng.standard_normal((1000, d0))/np.sqrt(d0)
    for j, p in enumerate(P):
        F = np.maximum(X @ W[:p].T, 0)/np.sqrt(p); Ft = np.maximum(Xt @ W[:p].T, 0)/np.sqrt(p)
        U, s, Vt = np.linalg.svd(F, full_matrices=False); uy = U.T @ y; A = Ft @ Vt.T
        c = (s*uy)[:, None]/(s[:, None]**2 + n*lams)
        c[:, 0] = np.where(s > 1e-12*s[0], uy/s, 0)
        err = (A @ c - yt[:, None])**2
        rid[r, j] = err.mean(0)/2 + sig**2/2; mn[r, j] = rid[r, j, 0]
        mn200[r, j] = err[:200, 0].mean()/2 + sig**2/2
        h = s**2/n; assert lr*h.max() < 2
        for b, T in enumerate(Ts):
            kept = 1 - (1 - lr*h)**T; gd[r, j, b] = ((A @ (kept*uy/s) - yt)**2).mean()/2 + sig**2/2
        if r == 0 and p == 100:   # real GD steps for T = 100
            w = np.zeros(p)
            for _ in range(100): w -= lr*F.T @ (F @ w - y)/n
            print(f"draw 0, p = 100: real GD T=100 test loss {((Ft@w-yt)**2).mean()/2+sig**2/2:.6f} vs formula {gd[0, j, 0]:.6f}")
med = np.median(mn, 0)
print("p     min-norm median   tuned ridge mean (λ)      GD T=100 / 1000 / 1e4 medians")
k_t = rid[:, :, 1:].mean(0).argmin(-1) + 1
for j, p in enumerate(P):
    t = rid[:, j, k_t[j]]
    print(f"{p:5d} {med[j]:10.4g} {t.mean():10.4f} ± {t.std()/np.sqrt(R):.4f} ({lams[k_t[j]]:.3g})   "
          + " ".join(f"{np.median(gd[:, j, b]):.4f}" for b in range(len(Ts))))
k = P.index(100)
print(f"median ratio p=n / p=95: {med[k]/med[P.index(95)]:.1f}, / p=105: {med[k]/med[P.index(105)]:.1f}, / p=90: {med[k]/med[P.index(90)]:.1f}, / p=110: {med[k]/med[P.index(110)]:.1f}")
for b, T in enumerate(Ts):
    mg = np.median(gd[:, :, b], 0); print(f"T={T}: median curve monotone decreasing in p: {bool((np.diff(mg) < 0).all())}; argmax p = {P[int(mg.argmax())]}")
# (e) test-set error: with 200 test points, the spread of the test loss of one fixed fit from test-set resampling
j = P.index(1000); t_all = rid[:, j, k_t[j]]
print(f"p=1000 min-norm: test loss on 2000 test pts vs first 200 pts, mean |diff| = {np.abs(mn[:, j]-mn200[:, j]).mean():.4f}; seed-to-seed s.e. of tuned-ridge mean {t_all.std()/np.sqrt(R):.4f}")
