"""Exercises: my own derivations against torch.optim.SGD / refitting / training, then plausible wrong (and
right-but-different) answers fed to the public checks. One thread."""
import math, io, contextlib, torch, numpy as np
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb02
def verdict(check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf): check(fn)
        return "ACCEPTED"
    except AssertionError as e: return "rejected: " + str(e).split("Hint:")[1][:90].strip()
    except Exception as e: return f"error {type(e).__name__}: {e}"[:120]

# ---------------- 02.1
def sgd_true(lr, lam, beta, t, dtype=torch.float64):
    w = torch.ones(1, dtype=dtype, requires_grad=True); o = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=lam)
    for _ in range(t):
        o.zero_grad(); (w * 0).sum().backward(); o.step()
    return float(w)
def rec(lr, lam, beta, t):                      # my own recurrence, python floats
    w, v = 1.0, 0.0
    for _ in range(t): v = beta * v + lam * w; w = w - lr * v
    return w
for c in [(0.003, 3.0, 0.9, 40), (0.1, 2.0, 0.9, 30), (0.3, 1.5, 0.8, 12), (0.02, 5.0, 0.95, 25)]:
    print("02.1 own recurrence vs torch.optim.SGD float64:", c, f"{rec(*c):.12g} {sgd_true(*c):.12g}")
nb_sol = lambda lr, lambd, momentum, t: float(torch.linalg.matrix_power(torch.tensor([[1 - lr*lambd, -lr*momentum], [lambd, momentum]], dtype=torch.float64), t)[0, 0])
cands1 = {
    "worked solution (notebook)": nb_sol,
    "own python-float recurrence": rec,
    "same matrix power in float32 (torch default dtype)": lambda lr, l, b, t: float(torch.linalg.matrix_power(torch.tensor([[1 - lr*l, -lr*b], [l, b]]), t)[0, 0]),
    "simulate torch.optim.SGD itself, float32 default": lambda lr, l, b, t: sgd_true(lr, l, b, t, torch.float32),
    "plain (1-lr*l)^t": lambda lr, l, b, t: (1 - lr*l) ** t,
    "steady (1-lr*l/(1-b))^t": lambda lr, l, b, t: (1 - lr*l/(1-b)) ** t,
    "off by one (t-1)": lambda lr, l, b, t: rec(lr, l, b, t - 1),
    "off by one (t+1)": lambda lr, l, b, t: rec(lr, l, b, t + 1),
    "dampening (1-b)": lambda lr, l, b, t: (lambda: [None for _ in []])() or _damp(lr, l, b, t),
    "return 1": lambda lr, l, b, t: 1.0,
    "old buffer": lambda lr, l, b, t: _old(lr, l, b, t),
}
def _damp(lr, l, b, t):
    w, v = 1.0, 0.0
    for _ in range(t): v = b * v + (1 - b) * l * w; w -= lr * v
    return w
def _old(lr, l, b, t):
    w, v = 1.0, 0.0
    for _ in range(t): w_new = w - lr * v; v = b * v + l * w; w = w_new
    return w
for k, f in cands1.items(): print(f"02.1 {k:<52} {verdict(C.check_null_space_factor, f)}")
c = (0.003, 3.0, 0.9, 40)
print(f"   float32 matrix power relative error on a public case: {abs(cands1['same matrix power in float32 (torch default dtype)'](*c)/rec(*c)-1):.1e} (check rel = 1e-8)")

# ---------------- 02.2
def own_null(X, w0, lr, lam, steps):
    U, S, Vt = np.linalg.svd(X.numpy(), full_matrices=True); r = int((S > 1e-10).sum())
    return abs(1 - lr*lam) ** steps * np.linalg.norm(Vt[r:] @ w0.numpy())
def train_null(X, w0, lr, lam, steps, y=None):
    y = torch.randn(X.shape[0], dtype=X.dtype) if y is None else y; w = w0.clone()
    for _ in range(steps): w = w - lr * (X.T @ (X @ w - y) / X.shape[0] + lam * w)
    P = torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return float((P @ w).norm())
g = torch.Generator().manual_seed(0); X = torch.randn(8, 30, generator=g, dtype=torch.float64); w0 = torch.randn(30, generator=g, dtype=torch.float64)
print(f"\n02.2 own SVD prediction vs training (labels random, lr=0.01, lam=2, 150 steps): {own_null(X, w0, 0.01, 2.0, 150):.10g} {train_null(X, w0, 0.01, 2.0, 150):.10g}")
nb2 = lambda X, w_init, lr, lambd, steps: float((1 - lr*lambd) ** steps * ((torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X) @ w_init).norm())
# edge case: lr*lambda > 1 (still a convergent decay if < 2), odd number of steps
print(f"02.2 edge case lr=0.5, lam=3 (1 - lr*lam = -0.5), 3 steps: worked solution {nb2(X, w0, 0.5, 3.0, 3):.4g}, "
      f"own |.|^T {own_null(X, w0, 0.5, 3.0, 3):.4g}, training (null part only; data part lr tiny enough?) ")
Xs = X / 10   # smaller data curvature so that lr = 0.5 is stable in the data directions too
print(f"   scaled X: training gives {train_null(Xs, w0, 0.5, 3.0, 3):.4g}; worked solution {nb2(Xs, w0, 0.5, 3.0, 3):.4g}")
P = lambda X: torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
cands2 = {"worked solution": nb2, "own SVD (abs)": lambda X, w, lr, l, s: own_null(X, w, lr, l, s),
          "half (1-lr*l/2)^T": lambda X, w, lr, l, s: float((1 - lr*l/2) ** s * (P(X) @ w).norm()),
          "exp(-lr*l*T)": lambda X, w, lr, l, s: float(math.exp(-lr*l*s) * (P(X) @ w).norm()),
          "T-1 steps": lambda X, w, lr, l, s: float((1 - lr*l) ** (s-1) * (P(X) @ w).norm()),
          "whole norm": lambda X, w, lr, l, s: float((1 - lr*l) ** s * w.norm()),
          "float32 projector": lambda X, w, lr, l, s: float((1 - lr*l) ** s * (P(X.float()) @ w.float()).norm())}
for k, f in cands2.items(): print(f"02.2 {k:<52} {verdict(C.check_predict_null_norm, f)}")

# ---------------- 02.3
def loo_refit(X, y, lam):
    n = len(y); errs = []
    for i in range(n):
        m = np.ones(n, bool); m[i] = False; Xi, yi = X[m], y[m]; mu, c = Xi.mean(0), yi.mean(); Xc = Xi - mu
        A = Xc.T @ Xc + n * lam * np.eye(X.shape[1])      # penalty n*lambda on the summed loss, as the task states
        w = np.linalg.lstsq(A, Xc.T @ (yi - c), rcond=None)[0]; errs.append(0.5 * (y[i] - X[i] @ w - (c - mu @ w)) ** 2)
    return np.mean(errs)
rng = np.random.default_rng(3); Xn = rng.standard_normal((18, 8)); yn = Xn @ np.full(8, .5) + 2 * rng.standard_normal(18)
def nb3(X, y, lambdas):
    n = X.shape[0]; Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1); D = torch.eye(Z.shape[1], dtype=X.dtype); D[0, 0] = 0
    out = []
    for l in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + n * l * D, Z.T); e = y - H @ y; out.append(((e / (1 - torch.diagonal(H))) ** 2 / 2).mean())
    return torch.stack(out)
print("\n02.3 worked solution vs my refitting:", [f"{float(a):.8g}/{loo_refit(Xn, yn, l):.8g}" for a, l in zip(nb3(torch.tensor(Xn), torch.tensor(yn), [0.0, 0.02, 0.2, 2.0]), [0.0, 0.02, 0.2, 2.0])])
def variant(kind):
    def f(X, y, lambdas):
        n = X.shape[0]; Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1); D = torch.eye(Z.shape[1], dtype=X.dtype)
        if kind != "bias_pen": D[0, 0] = 0
        out = []
        for l in lambdas:
            pen = (n - 1) if kind == "n-1" else n
            H = Z @ torch.linalg.solve(Z.T @ Z + pen * l * D, Z.T); e = y - H @ y; h = torch.diagonal(H)
            if kind == "gcv": h = h.mean().expand_as(h)
            if kind == "train": h = torch.zeros_like(h)
            r = (e / (1 - h)) ** 2 / 2
            out.append(r.mean() * (2 if kind == "double" else 1))
        return torch.stack(out)
    return f
for kind in ["gcv", "train", "bias_pen", "n-1", "double"]:
    print(f"02.3 {kind:<52} {verdict(C.check_loo_errors, variant(kind))}")

# ---------------- 02.4
def train_end(X, y, w0, steps=20000):
    w = w0.clone(); lr = 1.0 / float(torch.linalg.matrix_norm(X, 2) ** 2 / X.shape[0])
    for _ in range(steps): w = w - lr * X.T @ (X @ w - y) / X.shape[0]
    return w
g = torch.Generator().manual_seed(1); X = torch.randn(6, 15, generator=g, dtype=torch.float64); y = torch.randn(6, generator=g, dtype=torch.float64); w0 = torch.randn(15, generator=g, dtype=torch.float64)
nb4 = lambda X, y, w: w + torch.linalg.pinv(X) @ (y - X @ w)
print(f"\n02.4 worked solution vs my GD to convergence: max diff {(nb4(X, y, w0) - train_end(X, y, w0)).abs().max():.1e}")
cands4 = {"worked solution": nb4, "min-norm pinv(X) y": lambda X, y, w: torch.linalg.pinv(X) @ y, "return w_init": lambda X, y, w: w.clone(),
          "row-space part of w_init + pinv y": lambda X, y, w: torch.linalg.pinv(X) @ X @ w + torch.linalg.pinv(X) @ y,
          "lstsq (min-norm)": lambda X, y, w: torch.linalg.lstsq(X, y.unsqueeze(-1), driver="gelsd").solution.squeeze(-1)}
for k, f in cands4.items(): print(f"02.4 {k:<52} {verdict(C.check_end_point, f)}")
