"""Probe 4: library claims of section 9 against the installed torch source, and the nn.MSELoss factor,
with plain gradient descent written here (no torch.optim), plus the section-3 step-size claim."""
import inspect, re, torch
torch.set_num_threads(1)
import torch.optim.sgd as sgdmod
src = inspect.getsource(sgdmod)
print("torch", torch.__version__)
for line in src.splitlines():
    if "weight_decay" in line and ("add" in line or "grad =" in line):
        print("  sgd.py:", line.strip())
g = torch.Generator().manual_seed(3)
n, d, wd, lr = 20, 6, 0.1, 0.05
X = torch.randn(n, d, generator=g, dtype=torch.float64); y = torch.randn(n, generator=g, dtype=torch.float64)
def ridge(lam):
    return torch.linalg.solve(X.T @ X + n * lam * torch.eye(d, dtype=X.dtype), X.T @ y)
for name, loss in [("mean ½(ŷ−y)²", lambda w: 0.5 * ((X @ w - y) ** 2).mean()),
                   ("nn.MSELoss", lambda w: torch.nn.MSELoss()(X @ w, y))]:
    w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
    for _ in range(5000):
        gr, = torch.autograd.grad(loss(w), w)
        with torch.no_grad():
            w -= lr * (gr + wd * w)          # what the source line says weight_decay does
    print(f"  {name}: |w - ridge(wd)| = {(w - ridge(wd)).abs().max():.2e}, |w - ridge(wd/2)| = {(w - ridge(wd / 2)).abs().max():.2e}")
print("  MSELoss default reduction:", torch.nn.MSELoss().reduction)
