"""Probe 6: sections 2-3 (cells 7-13). Own loops, same data/init/minibatch order as the notebook.
Exact gaps behind 'agree 1000 times more closely', the null-space story at wd = 3, zero-init and mean baselines."""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
torch.set_num_threads(1)
torch.manual_seed(0)
d, n, B, lr, epochs = 200, 20, 5, 0.003, 100
X = torch.normal(0.0, 1.0, (220, d)); y = X @ (torch.ones(d, 1) * 0.01) + 0.05; y += 0.01 * torch.randn(y.shape)
Xtr, ytr, Xte, yte = X[:n], y[:n], X[120:], y[120:]
loader = DataLoader(TensorDataset(Xtr, ytr), B, shuffle=True)
Vt = torch.linalg.svd(Xtr.double(), full_matrices=True)[2]
Pn = Vt[n:].T @ Vt[n:]

def init(zero=False):
    torch.manual_seed(1)
    w0 = torch.normal(0.0, 1.0, size=(d, 1))
    return torch.zeros_like(w0) if zero else w0

def scratch(lam, zero=False):
    w = init(zero).requires_grad_(True); b = torch.zeros(1, requires_grad=True)
    for _ in range(epochs):
        for xb, yb in loader:
            l = ((xb @ w + b - yb) ** 2 / 2 + lam * (w ** 2).sum() / 2).sum()
            l.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= lr * p.grad / B; p.grad.zero_()
    return w.detach().reshape(-1), b.detach()

def concise(loss_fn, lr_t, wd, zero=False):
    net = nn.Linear(d, 1)
    w0 = init(zero)
    with torch.no_grad():
        net.weight.copy_(w0.T); net.bias.zero_()
    opt = torch.optim.SGD([{"params": [net.weight], "weight_decay": wd}, {"params": [net.bias], "weight_decay": 0.0}], lr=lr_t)
    for _ in range(epochs):
        for xb, yb in loader:
            opt.zero_grad(); loss_fn(net(xb), yb).backward(); opt.step()
    return net.weight.detach().reshape(-1), net.bias.detach()

half_mean = lambda a, b: ((a - b) ** 2 / 2).mean()
w_ref, b_ref = scratch(3.0)
for name, (fn, lr_t, wd) in {"squared_loss mean, lr, wd=3": (half_mean, lr, 3.0),
                             "MSELoss mean, lr/2, wd=6": (nn.MSELoss(), lr / 2, 6.0),
                             "MSELoss sum, lr/10, wd=30": (nn.MSELoss(reduction="sum"), lr / (2 * B), 30.0),
                             "MSELoss mean, lr, wd=3 (naive)": (nn.MSELoss(), lr, 3.0),
                             "MSELoss mean, lr/2, wd=3 (forgot 2x on wd)": (nn.MSELoss(), lr / 2, 3.0)}.items():
    w, _ = concise(fn, lr_t, wd)
    print(f"{name:44s}: max|w - scratch(3)| = {(w - w_ref).abs().max():.2e}")
w0_s, _ = scratch(0.0)
w0_c, _ = concise(half_mean, lr, 0.0)
print(f"{'lambda = 0, concise vs scratch':44s}: max|w - scratch(0)| = {(w0_c - w0_s).abs().max():.2e}  (notebook tolerance 1e-2)")

def test_loss(w, b):
    return float(((Xte @ w.reshape(-1, 1) + b - yte) ** 2 / 2).mean())
w3 = w_ref.double()
print(f"\nwd=3, 400 steps: ||w|| = {w_ref.norm():.4g}, null-space part {float((Pn @ w3).norm()):.3g}, test loss {test_loss(w_ref, b_ref):.3g};  0.991^400 = {0.991**400:.4f}")
print(f"predict the training mean: test loss {float(((ytr.mean() - yte) ** 2 / 2).mean()):.3g}")
for lam in (0.0, 3.0):
    wz, bz = scratch(lam, zero=True)
    print(f"ZERO init, lambda = {lam:g}, same 400 steps: ||w|| = {wz.norm():.3g}, test loss {test_loss(wz, bz):.3g}")
