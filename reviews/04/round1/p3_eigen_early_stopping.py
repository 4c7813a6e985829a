"""Probe 3: §8 eigen view and §10 early stopping vs ridge, in numpy."""
import numpy as np, torch
torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
chol = torch.tensor([[1.0, 0.0], [0.8, 0.6]], dtype=torch.float64)
X = (torch.randn(100, 2, generator=g, dtype=torch.float64) @ chol.T)
y = X @ torch.tensor([1.0, 0.3], dtype=torch.float64) + 0.5 * torch.randn(100, generator=g, dtype=torch.float64)
X, y = X.numpy(), y.numpy(); n = len(y); H, b = X.T @ X / n, X.T @ y / n
w_hat = np.linalg.solve(H, b)
h, Q = np.linalg.eigh(H)
print("h =", h.round(4), " eigvecs (cols):", Q.T.round(4).tolist())
c = Q.T @ w_hat
for lam in [0.03, 0.1, 0.3, 1.0, 3.0]:
    w = np.linalg.solve(H + lam * np.eye(2), b)
    print(f"lam={lam}: measured {(Q.T @ w / c).round(4)}  formula {(h / (h + lam)).round(4)}")
# path direction: angle of w(lam) relative to the steep eigenvector along the path
for lam in [0, 0.1, 0.3, 1, 3, 10, 100]:
    w = np.linalg.solve(H + lam * np.eye(2), b)
    cosang = abs(w @ Q[:, 1]) / np.linalg.norm(w)
    print(f"lam={lam:<5}: |cos angle(w(lam), steep axis)| = {cosang:.4f}")

# §10 curves
el = 0.01; t = 100
r = np.logspace(-2, 2, 401)
gd = 1 - (1 - el * r) ** t; rf = r / (1 + r); d = gd - rf
k = np.abs(d).argmax()
print(f"\nmax gap {d[k]:.4f} at h/lam = {r[k]:.3g}; min gap {d.min():.2e} (GD never keeps less)")
cl = r[np.abs(d) <= 0.02]
print(f"within 0.02: h/lam <= {cl[cl < 1].max():.3g} and >= {cl[cl > 1].min():.3g};  contiguous? low block is r[0..] : {np.all(np.abs(d[r<=cl[cl<1].max()])<=0.02)}")
print(f"max |gd - (1-exp(-r))| = {np.abs(gd - (1 - np.exp(-r))).max():.2g}")
# finer grid: the true max gap location (continuous)
rr = np.logspace(-2, 2, 400001); dd = 1 - (1 - el*rr)**t - rr/(1+rr)
print(f"fine grid: max gap {dd.max():.4f} at h/lam = {rr[dd.argmax()]:.4g}")
# §1 data at lam = 0.3, eta = 0.01/0.3, 100 GD steps from 0
lam1 = 0.3; eta = el / lam1; w = np.zeros(2)
for _ in range(t):
    w = w - eta * (H @ w - b)
print("h/lam =", (h / lam1).round(3), " kept by GD =", (Q.T @ w / c).round(4), " ridge =", (h / (h + lam1)).round(4))
# the text: 'For large h both tend to 1' -- only while eta*h < 2 (GD stability); at t = 1/(eta lam) and eta*lam = 0.01:
for rho in [100, 150, 199, 201, 300]:
    print(f"h/lam = {rho}: eta*h = {el*rho:.2f}, GD kept fraction 1-(1-eta h)^t = {1 - (1 - el*rho)**t:.4g}")
