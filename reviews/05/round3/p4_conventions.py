"""Library conventions the notebook states: (a) sklearn LogisticRegression(C) <-> mean CE + lam/2 ||W||^2 with
C = 1/(n lam), checked by fitting both (own torch L-BFGS); (b) torch Adam vs AdamW weight_decay in the installed source;
(c) torch SGD weight_decay = (1 - lr*lam) factor on a zero-gradient weight."""
import inspect, numpy as np, torch
torch.set_num_threads(1)
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
X, y = load_digits(return_X_y=True)
X = (X[:300] - X[:300].mean(0)) / np.where(X[:300].std(0) > 0, X[:300].std(0), 1); y = y[:300]
n, lam = len(y), 0.01
m = LogisticRegression(C=1 / (n * lam), tol=1e-10, max_iter=10000).fit(X, y)
Xt, yt = torch.tensor(X), torch.tensor(y)
W = torch.zeros(64, 10, dtype=torch.float64, requires_grad=True); b = torch.zeros(10, dtype=torch.float64, requires_grad=True)
opt = torch.optim.LBFGS([W, b], max_iter=5000, tolerance_grad=1e-12, tolerance_change=1e-15, line_search_fn="strong_wolfe")
def closure():
    opt.zero_grad(); L = torch.nn.functional.cross_entropy(Xt @ W + b, yt) + lam / 2 * W.square().sum(); L.backward(); return L
for _ in range(5): opt.step(closure)
gap = np.abs(m.coef_ - W.detach().numpy().T).max()
gap_half = np.abs(LogisticRegression(C=1 / (2 * n * lam), tol=1e-10, max_iter=10000).fit(X, y).coef_ - W.detach().numpy().T).max()
print(f"(a) digits n={n}, lam={lam}: max |coef| = {np.abs(m.coef_).max():.3f}; C=1/(n lam): max coef gap {gap:.1e}; "
      f"C=1/(2 n lam): gap {gap_half:.2e}")
import torch.optim.adam as A
src = inspect.getsource(A)
for key in ["param.mul_(1 - lr * weight_decay)", "grad = grad.add(param, alpha=weight_decay)"]:
    print(f"(b) torch/optim/adam.py contains {key!r}: {key in src}")
print("    AdamW sets decoupled_weight_decay=True:", "decoupled_weight_decay=True" in inspect.getsource(torch.optim.AdamW))
w = torch.ones(1, requires_grad=True); o = torch.optim.SGD([w], lr=0.1, weight_decay=0.01)
for _ in range(640): w.grad = torch.zeros_like(w); o.step()
print(f"(c) SGD lr=0.1 wd=0.01, 640 zero-gradient steps: w = {w.item():.6f}; (1-0.001)^640 = {0.999**640:.6f}")
