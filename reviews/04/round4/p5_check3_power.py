"""§4 says 'Here check 3 tests convergence'. Does check 3 (max(-λ_read, 0) < 1e-9) fail for UNconverged projected-GD
iterates? Compare with check 1 (stationarity with λ(θ)), which does. Also: the one projected step from the
highest-loss point of §4's circle lands exactly on -w_high (radial jump through the origin)."""
import numpy as np, sys, torch
sys.path.insert(0, '/work/main'); torch.set_num_threads(1)
import d2lmini as d2l
from scipy.optimize import brentq
S = d2l.nb04.SETUP; X, y = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed); X, y = X.numpy(), y.numpy()
H = X.T @ X / 100; b = X.T @ y / 100; grad = lambda w: H @ w - b
ridge = lambda l: np.linalg.solve(H + l*np.eye(2), b)
thetas = [0.1, 0.3, 0.6, 1.0, 2.0]
lam = [0.0 if ridge(0)@ridge(0) <= t else brentq(lambda l: ridge(l)@ridge(l) - t, 0, 100, xtol=1e-14) for t in thetas]
eta = 1/np.linalg.eigvalsh(H).max()
def proj(w, t): nw = np.linalg.norm(w); return w if nw**2 <= t else w*np.sqrt(t)/nw
for steps in [1, 2, 3, 5, 10, 20]:
    W = []
    for t in thetas:
        w = np.zeros(2)
        for _ in range(steps): w = proj(w - eta*grad(w), t)
        W.append(w)
    W = np.array(W)
    lr = np.array([-(grad(w)@w)/(w@w) if np.abs(grad(w)).max() > 1e-12 else 0 for w in W])
    c3 = np.clip(-lr, 0, None).max(); c1 = max(np.abs(grad(w) + l*w).max() for w, l in zip(W, lam))
    print(f"{steps:>3} PGD steps: check 3 value {c3:.1e} ({'OK' if c3 < 1e-9 else 'FAIL'})   check 1 value {c1:.1e} ({'OK' if c1 < 1e-9 else 'FAIL'})")
