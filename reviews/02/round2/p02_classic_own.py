"""Classic setup (n=20, d=200) re-derived with my own code (torch/numpy, not the notebook's helpers except to
confirm the data are the same). One thread."""
import numpy as np, torch
torch.set_num_threads(1)
from torch.utils.data import TensorDataset, DataLoader

# --- data exactly as the notebook draws it (seed 0, torch.normal then randn)
torch.manual_seed(0)
d, n, nv, nt = 200, 20, 100, 100
w_true = torch.full((d, 1), 0.01)
X = torch.normal(0.0, 1.0, (n + nv + nt, d)); y = X @ w_true + 0.05; y += 0.01 * torch.randn(y.shape)
Xtr, Xva, Xte = X.split([n, nv, nt]); ytr, yva, yte = y.split([n, nv, nt])
import d2lmini as d2l
d2l.set_seed(0); Xd, yd = d2l.synthetic_data(w_true, 0.05, 220, noise=0.01)
print("same data as the notebook:", torch.equal(Xd, X), torch.equal(yd, y))

def L(w, b, Xs, ys): return float((((Xs @ w + b) - ys) ** 2 / 2).mean())
base = float(((yte - ytr.mean()) ** 2 / 2).mean())
print(f"baseline (predict mean train label) test loss {base:.4g}; population value 0.5*(||w||^2+s^2)*(1+1/n)+"
      f" = {0.5*(0.02+1e-4)*(1+1/20):.4g}")

# --- my own minibatch SGD loop, same RNG protocol as train(): seed 1, w~N(0,1), DataLoader shuffle
def my_train(lam, epochs=100, lr=0.003, eval_every=None, zero=False, seed=1):
    torch.manual_seed(seed)
    w = torch.normal(0.0, 1.0, size=(d, 1))
    if zero: w = torch.zeros(d, 1)
    b = torch.zeros(1)
    it = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=True)
    ev = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=False)
    for ep in range(epochs):
        for xb, yb in it:
            r = xb @ w + b - yb
            gw = xb.T @ r / xb.shape[0] + lam * w      # mean loss gradient + lambda w
            gb = r.mean(0)
            w = w - lr * gw; b = b - lr * gb
        if eval_every and (ep + 1) % eval_every == 0:
            for _ in ev: pass                          # what the Animator's evaluation does: iterate two loaders
            for _ in ev: pass
    return w, b

for lam in (0.0, 3.0):
    w, b = my_train(lam, eval_every=5)
    print(f"lambda={lam}: ||w||={w.norm():.3g} train {L(w,b,Xtr,ytr):.2g} test {L(w,b,Xte,yte):.3g}")
w3a, b3a = my_train(3.0, eval_every=5); w3n, b3n = my_train(3.0, eval_every=None)
print(f"lambda=3, with vs without evaluation loaders iterated every 5 epochs: max|dw| = {(w3a-w3n).abs().max():.2e},"
      f" test {L(w3a,b3a,Xte,yte):.4g} vs {L(w3n,b3n,Xte,yte):.4g}")
# compare with the notebook's own train() via d2l in this process (animate replaced by the eval loop above)

# --- null space
Xn = Xtr.double().numpy()
P_row = np.linalg.pinv(Xn) @ Xn; P_null = np.eye(d) - P_row
torch.manual_seed(1); w_init = torch.normal(0.0, 1.0, size=(d, 1)).double().numpy()
for lam in (0.0, 3.0):
    w, b = my_train(lam, eval_every=5); wn = w.double().numpy(); bn = float(b)
    full = L(torch.tensor(wn), bn, Xte.double(), yte.double()); row = L(torch.tensor(P_row @ wn), bn, Xte.double(), yte.double())
    ratio = np.linalg.norm(P_null @ wn) / np.linalg.norm(P_null @ w_init)
    print(f"lambda={lam}: full {full:.4g}, row part alone {row:.4g}, share {1-row/full:.4%}; null shrink {ratio:.5g}"
          f" vs (1-lr*lam)^400 = {(1-0.003*lam)**400:.5g}")

# --- closed-form ridge with free bias (my numpy), test loss at lambda=3 and validation curve over the grid
def ridge_b(Xa, ya, lam):
    Xa = Xa.double().numpy(); ya = ya.double().numpy().ravel(); m = Xa.mean(0); c = ya.mean()
    Xc = Xa - m; nn = len(ya)
    if lam == 0: w = np.linalg.pinv(Xc) @ (ya - c)
    else: w = Xc.T @ np.linalg.solve(Xc @ Xc.T + nn * lam * np.eye(nn), ya - c)
    return w, c - m @ w
def Ln(w, b, Xs, ys): return float((((Xs.double().numpy() @ w + b) - ys.double().numpy().ravel()) ** 2 / 2).mean())
w, b = ridge_b(Xtr, ytr, 3.0); print(f"closed-form ridge lambda=3: test {Ln(w,b,Xte,yte):.4g}")
grid = [0.0] + list(np.logspace(-3, 2, 21))
vals = [Ln(*ridge_b(Xtr, ytr, l), Xva, yva) for l in grid]
for l, v in zip(grid, vals): print(f"  converged lambda={l:<9.3g} val {v:.5g}")
print("argmin lambda (converged):", grid[int(np.argmin(vals))])

# --- does long minibatch SGD at lambda=3 reach the closed form? (own shuffling with randperm; 20000 steps)
for epochs in (100, 1000, 5000):
    torch.manual_seed(1); wl = torch.normal(0.0, 1.0, size=(d, 1)).double(); bl = torch.zeros(1).double()
    Xt, yt = Xtr.double(), ytr.double()
    g = torch.Generator().manual_seed(5)
    for ep in range(epochs):
        perm = torch.randperm(n, generator=g)
        for k in range(4):
            idx = perm[5*k:5*k+5]; xb, yb = Xt[idx], yt[idx]
            r = xb @ wl + bl - yb
            wl = wl - 0.003 * (xb.T @ r / 5 + 3.0 * wl); bl = bl - 0.003 * r.mean(0)
    print(f"minibatch SGD lambda=3, {epochs} epochs: test {Ln(wl.numpy().ravel(), float(bl), Xte, yte):.4g}, "
          f"max|w - ridge| {np.abs(wl.numpy().ravel()-w).max():.2e}, b {float(bl):.4f} vs ridge b {b:.4f}")

# --- the bias of the lambda=17.8 model after 100 epochs: is (1-lr)^T = 0.30 the explanation?
torch.manual_seed(1); wq = torch.normal(0.0, 1.0, size=(d, 1)); bq = torch.zeros(1)
it = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=True); lam = 17.8; traj = []
wr, br = ridge_b(Xtr, ytr, lam)
for ep in range(100):
    for xb, yb in it:
        r = xb @ wq + bq - yb
        wq = wq - 0.003 * (xb.T @ r / 5 + lam * wq); bq = bq - 0.003 * r.mean(0)
    traj.append(float(bq))
print(f"lambda=17.8 bias after epochs 1,2,5,10,25,50,100: {[round(traj[e-1],4) for e in (1,2,5,10,25,50,100)]};"
      f" ridge target b = {br:.4f}, mean train label {float(ytr.mean()):.4f}")
print(f"  if b had started at 0 and only relaxed at rate (1-lr): {br*(1-0.997**400):.4f}")
