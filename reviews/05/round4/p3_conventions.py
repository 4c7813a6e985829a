"""Library conventions: LogisticRegression(C = 1/(n λ)) vs a direct minimization of mean CE + λ/2 ||W||² (intercept free);
torch AdamW/Adam/SGD decay lines in the installed source; Ridge alpha = n λ with own closed form."""
import inspect, re, warnings
import numpy as np, torch, sklearn
from sklearn.datasets import load_digits, load_diabetes
from sklearn.linear_model import LogisticRegression, Ridge
torch.set_num_threads(1)
print("sklearn", sklearn.__version__, "torch", torch.__version__)
X, y = load_digits(return_X_y=True)
X = (X - X.mean(0)) / np.where(X.std(0) > 0, X.std(0), 1)
X, y = X[:500], y[:500]; n = len(y)
for lam in (0.01, 0.1):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = LogisticRegression(C=1 / (n * lam), tol=1e-12, max_iter=20000).fit(X, y)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    W = torch.zeros(64, 10, dtype=torch.float64, requires_grad=True); b = torch.zeros(10, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], max_iter=5000, tolerance_grad=1e-12, tolerance_change=1e-15, line_search_fn="strong_wolfe")
    def closure():
        opt.zero_grad(); L = torch.nn.functional.cross_entropy(Xt @ W + b, yt) + lam / 2 * W.square().sum(); L.backward(); return L
    for _ in range(5): opt.step(closure)
    Wsk = torch.tensor(m.coef_.T)
    print(f"lam={lam}: max|W_torch - W_sklearn(C=1/(n lam))| = {(W.detach() - Wsk).abs().max():.2e} (max |W| {Wsk.abs().max():.3f});"
          f" predictions agree on {(m.predict(X) == (Xt @ W + b).argmax(1).numpy()).mean():.3f}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m2 = LogisticRegression(C=2 / (n * lam), tol=1e-12, max_iter=20000).fit(X, y)
    print(f"   the factor-2 answer C=2/(n lam): max diff {(W.detach() - torch.tensor(m2.coef_.T)).abs().max():.2e}")
for cls in (torch.optim.AdamW, torch.optim.Adam):
    src = inspect.getsource(inspect.getmodule(cls))
    print(cls.__name__, [l.strip() for l in src.splitlines() if "mul_(1 - lr * weight_decay)" in l or "add(param, alpha=weight_decay)" in l][:3])
src = inspect.getsource(inspect.getmodule(torch.optim.SGD))
print("SGD", [l.strip() for l in src.splitlines() if "weight_decay" in l and "add" in l][:3])
Xd, yd = load_diabetes(return_X_y=True); nd = len(yd)
Xc, yc = Xd - Xd.mean(0), yd - yd.mean()
for lam in (1e-3, 0.1):
    w = np.linalg.solve(Xc.T @ Xc / nd + lam * np.eye(10), Xc.T @ yc / nd)
    print(f"Ridge lam={lam}: max|own - Ridge(alpha=n lam)| = {np.abs(w - Ridge(alpha=nd * lam).fit(Xd, yd).coef_).max():.1e}")
