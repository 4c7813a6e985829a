"""Probe 1b: is the bias b = -0.068 of the lambda=0 run 'slow' (cell 19), or where lambda=0 training ends?
Own numpy code; data and initial weights drawn as the notebook draws them."""
import numpy as np, torch
torch.set_num_threads(1)
torch.manual_seed(0)
X = torch.normal(0.0, 1.0, (220, 200)); y = X @ torch.full((200, 1), 0.01) + 0.05; y += 0.01 * torch.randn(y.shape)
X = X.double().numpy(); y = y.double().numpy().ravel()
Xtr, Xte, ytr, yte = X[:20], X[120:], y[:20], y[120:]
torch.manual_seed(1); w_init = torch.normal(0.0, 1.0, size=(200, 1)).double().numpy().ravel()
n, d = 20, 200
L = lambda w, b: float(np.mean((Xte @ w + b - yte) ** 2 / 2))
Z = np.hstack([Xtr, np.ones((n, 1))])
th0 = np.r_[w_init, 0.0]
th_end = th0 + np.linalg.pinv(Z) @ (ytr - Z @ th0)          # where lambda=0 GD/SGD from (w_init, 0) converges
print(f"lambda=0 end point (projection of (w_init, 0) on the interpolating set): b = {th_end[-1]:.4f}")

def sgd(lam, epochs, w0, seed=0, lr=0.003, bs=5, log=()):
    rng = np.random.default_rng(seed); w, b = w0.copy(), 0.0
    for e in range(epochs):
        idx = rng.permutation(n)
        for s in range(0, n, bs):
            B = idx[s:s + bs]; r = Xtr[B] @ w + b - ytr[B]
            w = w - lr * (Xtr[B].T @ r / bs + lam * w); b = b - lr * r.mean()
        if e + 1 in log: print(f"   lam={lam:g} epoch {e+1}: b = {b:.4f}, test {L(w, b):.4g}, row-part test "
                               f"{L(P_row @ w, b):.4g}")
    return w, b
P_row = np.linalg.pinv(Xtr) @ Xtr
print("lambda=0, random start: b over epochs (does it 'move back'?)")
sgd(0.0, 3000, w_init, log=(10, 50, 100, 300, 1000, 3000))
print("lambda=3, random start:")
sgd(3.0, 3000, w_init, log=(100, 300, 1000, 3000))
print("lambda=17.8, from w=0 (cell 39: 'b relaxing alone ... would reach 0.027'; run ends at 0.021):")
sgd(17.8, 3000, np.zeros(d), log=(100, 300, 1000, 3000))
# effective curvature of the slowest row-space mode (Hessian of mean loss + lam/2||w||^2 in (w, b))
for lam in (0.0, 3.0, 17.8):
    H = Z.T @ Z / n + lam * np.diag([1.0] * d + [0.0]); ev, V = np.linalg.eigh(H)
    keep = ev > 1e-8; k = np.argmin(np.where(keep, ev, np.inf))
    print(f"lam={lam:g}: slowest nonzero Hessian eigenvalue {ev[k]:.3f} (b-weight of its eigenvector {V[-1,k]**2:.2f}); "
          f"relaxed fraction after 400 steps {1-(1-0.003*ev[k])**400:.2f}; null-space factor per step {1-0.003*lam:.4f}")
