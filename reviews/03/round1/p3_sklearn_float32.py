"""Probe 3: (g) scikit-learn SGDRegressor(alpha) = reference lambda = alpha, tested by fitting it (the notebook only
evaluates HalfSquaredError at one point); and the float32 drift explanation of cells 39-40."""
import numpy as np, torch, warnings
from sklearn.linear_model import SGDRegressor
torch.set_num_threads(1)
torch.manual_seed(0)
d, n = 200, 20
X = torch.normal(0.0, 1.0, (220, d)); y = X @ (torch.ones(d, 1) * 0.01) + 0.05; y += 0.01 * torch.randn(y.shape)
Xtr = X[:n].double().numpy(); ytr = y[:n].double().numpy().reshape(-1)
Xc, yc = Xtr - Xtr.mean(0), ytr - ytr.mean()
ridge = lambda lam: np.linalg.solve(Xc.T @ Xc / n + lam * np.eye(d), Xc.T @ yc / n)

print("(g) SGDRegressor(alpha=3, penalty='l2'), constant small step, many epochs, vs closed-form ridge(lambda):")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    m = SGDRegressor(alpha=3.0, penalty="l2", learning_rate="constant", eta0=1e-3, max_iter=20000, tol=None,
                     shuffle=True, random_state=0, average=False).fit(Xtr, ytr)
w = m.coef_
for lam in (1.5, 3.0, 6.0):
    print(f"   max|coef - ridge({lam:g})| = {np.abs(w - ridge(lam)).max():.2e}   (max|ridge(3)| = {np.abs(ridge(3)).max():.2e})")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    m2 = SGDRegressor(alpha=3.0, penalty="l2", learning_rate="constant", eta0=1e-4, max_iter=100000, tol=None,
                      shuffle=True, random_state=0, average=True).fit(Xtr, ytr)
print(f"   averaged SGD, eta0 1e-4: max|coef - ridge(3)| = {np.abs(m2.coef_ - ridge(3)).max():.2e}, vs ridge(1.5) {np.abs(m2.coef_ - ridge(1.5)).max():.2e}, vs ridge(6) {np.abs(m2.coef_ - ridge(6)).max():.2e}")

print("\nfloat32 drift, cells 39-40: AdamW with zero gradient, 1000 steps of p *= (1 - lr*wd)")
for lr in (1e-3, 1e-2):
    f_exact = 1 - lr * 0.01
    f32 = float(np.float32(f_exact))
    exact = f_exact ** 1000
    # (i) torch float32 run
    p = torch.ones(3, requires_grad=True)
    opt = torch.optim.AdamW([p], lr=lr)
    for _ in range(1000):
        p.grad = torch.zeros_like(p); opt.step()
    run32 = float(p.detach()[0])
    # (ii) the factor rounded to float32 once, then EXACT multiplications (float64): representation error only
    rep_only = f32 ** 1000
    # (iii) exact factor, each product rounded to float32: per-multiplication rounding only
    v = np.float32(1.0)
    for _ in range(1000):
        v = np.float32(np.float64(v) * f_exact)
    mult_only = float(v)
    print(f"   lr={lr:g}: float32(1 - lr*wd) - (1 - lr*wd) = {f32 - f_exact:.2e};  torch float32 run off by {run32 - exact:+.2e};  "
          f"factor rounding alone: {rep_only - exact:+.2e};  per-product rounding alone: {mult_only - exact:+.2e}")
