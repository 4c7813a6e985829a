"""Do two checks have teeth?
(a) §9 'ridge at λ = 1e-8 vs pinv(X)·y' (tolerance 1e-5): which λ would it also accept?
(b) §4 check 3 (dual feasibility of the multiplier read off projected GD): can a converged projected-GD point ever
    give a negative multiplier? A fixed point w = P(w - η∇L(w)) on the sphere means w - η∇L(w) = c·w with c >= 1,
    so -∇L = ((c-1)/η) w with (c-1)/η >= 0. Demonstrated: start projected GD AT the loss maximum of the circle."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np, torch
torch.set_num_threads(1)
import d2lmini as d2l
# (a)
S02 = d2l.nb02.SETUP["classic"]; d2l.set_seed(S02.data_seed)
tw = torch.ones((S02.num_inputs, 1)) * S02.w_value
X, y = d2l.synthetic_data(tw, S02.b, S02.n_train + S02.n_val + S02.n_test, noise=S02.sigma)
X = X[:20].double().numpy(); y = y[:20].double().numpy().reshape(-1)
Xc, yc = X - X.mean(0), y - y.mean(); n, d = Xc.shape
w_mn = np.linalg.pinv(Xc) @ yc
print(f"typical |entry| of w_mn: median {np.median(np.abs(w_mn)):.2g}, max {np.abs(w_mn).max():.2g}")
for lam in [1e-8, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2]:
    w = np.linalg.solve(Xc.T @ Xc + n * lam * np.eye(d), Xc.T @ yc)
    gap = np.abs(w - w_mn).max()
    print(f"  lam={lam:g}: max|w(lam) - w_mn| = {gap:.2e}  accepted by tol 1e-5: {gap < 1e-5}   "
          f"relative to max|w_mn|: {gap / np.abs(w_mn).max():.1e}")
# (b)
S = d2l.nb04.SETUP
Xt, yt = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed)
Xn, yn = Xt.numpy(), yt.numpy(); H = Xn.T @ Xn / 100; b = Xn.T @ yn / 100
theta = 0.3; r = theta ** 0.5
phi = np.linspace(0, 2 * np.pi, 200001)
W = r * np.stack([np.cos(phi), np.sin(phi)], 1)
Ls = 0.5 * np.einsum("ki,ij,kj->k", W, H, W) - W @ b
w = W[Ls.argmax()].copy()
eta = 1 / np.linalg.eigvalsh(H).max()
g = H @ w - b; print(f"(b) start at loss max w={w.round(4)}, mu = {-(g @ w) / theta:.4g}")
for k in range(1, 4):
    v = w - eta * (H @ w - b); w = v * min(1, r / np.linalg.norm(v))
    print(f"  after {k} projected-GD step(s): w={w.round(4)}  L={0.5 * w @ H @ w - b @ w:.4g}")
for _ in range(10000):
    v = w - eta * (H @ w - b); w = v * min(1, r / np.linalg.norm(v))
g = H @ w - b; print(f"  converged: w={w.round(4)}, read-off multiplier {-(g @ w) / theta:.4g} (>= 0 by construction)")
