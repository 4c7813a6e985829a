"""(a) headings / duplicated cells / code fences in markdown; (b) the step size of cell 50 relative to the stability
limit of nn.MSELoss + weight decay; (c) the end-variance share and the λ = 1e4 value of cell 24, recomputed."""
import json, re, numpy as np, torch
from numpy.polynomial import legendre as L
nb = json.load(open('/work/main/notebooks/01_bias_variance.ipynb'))
src = [''.join(c['source']) for c in nb['cells']]
for i, c in enumerate(nb['cells']):
    if c['cell_type'] == 'markdown':
        for line in src[i].splitlines():
            if line.startswith('#'): print(f"[{i}] {line}")
        if '```' in src[i] or re.search(r'^\s*(import|def |print\()', src[i], re.M): print(f"[{i}] code-like text in markdown")
        if src[i].count('$$') % 2 or (src[i].replace('$$', '').count('$') % 2): print(f"[{i}] unbalanced $")
dups = [(i, j) for i in range(len(src)) for j in range(i + 1, len(src)) if src[i] == src[j] and src[i].strip()]
print("duplicated cells:", dups)
# (b)
g = torch.Generator().manual_seed(0); n = 20
x = (-1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(400, n, generator=g, dtype=torch.float64)) / n).numpy()[0]
P = L.legvander(x, 12) * np.sqrt(2 * np.arange(13) + 1)
s = np.linalg.eigvalsh(P.T @ P / n); lam = 0.1; lr = 1 / (s.max() + lam)
for name, c in [("our loss (½ mean)", 1.0), ("nn.MSELoss (mean, no ½)", 2.0)]:
    h = c * s + lam
    print(f"{name}: Hessian eigenvalues {h.min():.3g}..{h.max():.3g}; lr·max = {lr * h.max():.3f} (stable below 2); "
          f"slowest contraction per step {max(abs(1 - lr * h)):.4f}; after 600 steps {max(abs(1 - lr * h))**600:.1e}")
for wd in [0.1, 0.2, 0.3]:
    h = 2 * s + wd; lr2 = 1 / (s.max() + wd)
    print(f"  nn.MSELoss, weight_decay {wd}: lr·max with section 3's rule = {lr2 * h.max():.3f}")
# (c)
def f(x): return np.sin(3 * x) + 0.5 * np.cos(5 * x)
g = torch.Generator().manual_seed(0)
xs = (-1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(400, n, generator=g, dtype=torch.float64)) / n)
ys = (f(xs.numpy()) + 0.3 * torch.randn(400, n, generator=g, dtype=torch.float64).numpy()); xs = xs.numpy()
X = L.legvander(xs, 12) * np.sqrt(2 * np.arange(13) + 1); xt = np.linspace(-1, 1, 201); Xt = L.legvander(xt, 12) * np.sqrt(2 * np.arange(13) + 1)
def fit(lam): return np.linalg.solve(np.swapaxes(X, 1, 2) @ X + n * lam * np.eye(13), np.swapaxes(X, 1, 2) @ ys[..., None])[..., 0] @ Xt.T
v = fit(1e-5).var(0, ddof=1); ends = np.abs(xt) >= 0.9
print(f"λ 1e-5: share of variance from |x| ≥ 0.9: {v[ends].sum() / v.sum():.1%} ({ends.mean():.0%} of points)")
print(f"λ 1e4: expected test error {((fit(1e4) - f(xt))**2).mean() + 0.09:.4g}")
