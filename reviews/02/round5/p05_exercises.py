"""Exercise checks: the worked solutions vs my own references, and wrong / ruled-out answers against the public checks."""
import sys, io, contextlib, numpy as np, torch
sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb02
def run(label, check, fn):
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(err):
            check(fn)
        print(f"  {label:<58} PASSES" + (" (stderr: " + err.getvalue().strip()[:60] + ")" if err.getvalue() else ""))
    except AssertionError as e:
        print(f"  {label:<58} rejected: {str(e)[:110]}")

# ---------- 02.1: solution vs real torch.optim.SGD (float64), incl. oscillating settings
def sgd_sim(lr, lambd, beta, t):
    w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=lambd)
    for _ in range(t):
        opt.zero_grad(); (w * 0).sum().backward(); opt.step()
    return float(w)
def sol1(lr, lambd, momentum, t):
    A = torch.tensor([[1 - lr * lambd, -lr * momentum], [lambd, momentum]], dtype=torch.float64)
    return float((torch.linalg.matrix_power(A, t) @ torch.tensor([1.0, 0.0], dtype=torch.float64))[0])
worst = 0
for lr, lam, b, t in [(0.003, 3, 0.9, 40), (0.3, 1.5, 0.8, 12), (0.5, 3, 0.9, 25), (1.0, 1.9, 0.0, 7), (0.1, 2, 0.99, 200)]:
    s, r = sol1(lr, lam, b, t), sgd_sim(lr, lam, b, t); worst = max(worst, abs(s - r) / max(abs(r), 1e-300))
    print(f"02.1 lr={lr} lam={lam} beta={b} t={t}: solution {s:.6g}, torch.optim.SGD {r:.6g}")
print(f"02.1 worst relative gap {worst:.1e}")
print("02.1 wrong answers:")
run("plain (1-lr*lam)^t", C.check_null_space_factor, lambda lr, l, m, t: (1 - lr * l) ** t)
run("steady state (1-lr*lam/(1-b))^t", C.check_null_space_factor, lambda lr, l, m, t: (1 - lr * l / (1 - m)) ** t)
run("off by one (t-1 steps)", C.check_null_space_factor, lambda lr, l, m, t: sol1(lr, l, m, t - 1))
run("dampening (1-beta)", C.check_null_space_factor,
    lambda lr, l, m, t: float((torch.linalg.matrix_power(torch.tensor([[1 - lr * l * (1 - m), -lr * m], [(1 - m) * l, m]], dtype=torch.float64), t) @ torch.tensor([1.0, 0.0], dtype=torch.float64))[0]))
def nest(lr, l, m, t):
    w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=m, weight_decay=l, nesterov=True)
    for _ in range(t): opt.zero_grad(); (w * 0).sum().backward(); opt.step()
    return float(w)
run("Nesterov momentum (torch nesterov=True)", C.check_null_space_factor, nest)
run("solution in float32", C.check_null_space_factor, lambda lr, l, m, t: float(
    (torch.linalg.matrix_power(torch.tensor([[1 - lr * l, -lr * m], [l, m]]), t) @ torch.tensor([1.0, 0.0]))[0]))

# ---------- 02.2
print("02.2 wrong / ruled-out answers:")
def pn(X): return torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
run("worked solution", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l) ** T * (pn(X) @ w).norm()))
run("signed (no abs)", C.check_predict_null_norm, lambda X, w, lr, l, T: float((1 - lr * l) ** T * (pn(X) @ w).norm()))
run("lambda/2 convention", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l / 2) ** T * (pn(X) @ w).norm()))
run("exp(-lr*lam*T)", C.check_predict_null_norm, lambda X, w, lr, l, T: float(np.exp(-lr * l * T) * (pn(X) @ w).norm()))
def train_loop_elementwise(X, w, lr, l, T):   # training, T steps, no matmul inside the loop (labels: zeros)
    n = X.shape[0]
    for _ in range(T):
        r = (X * w).sum(1)                       # X w, elementwise
        w = w - lr * ((X * r[:, None]).sum(0) / n + l * w)
    return float((pn(X) @ w).norm())
run("a TRAINING LOOP (elementwise products, not matmul)", C.check_predict_null_norm, train_loop_elementwise)
def train_loop_numpy(X, w, lr, l, T):
    A, v = X.numpy(), w.numpy().copy(); n = A.shape[0]
    for _ in range(T): v = v - lr * (A.T @ (A @ v) / n + l * v)
    P = np.eye(A.shape[1]) - np.linalg.pinv(A) @ A
    return float(np.linalg.norm(P @ v))
run("a TRAINING LOOP in numpy", C.check_predict_null_norm, train_loop_numpy)

# ---------- 02.3
print("02.3 wrong / ruled-out answers:")
def loo_ref(X, y, lambdas, pen_bias=False, gcv=False, scale=1.0):
    n = X.shape[0]; Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1)
    D = torch.eye(Z.shape[1], dtype=X.dtype); D[0, 0] = 1.0 if pen_bias else 0.0
    out = []
    for l in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + scale * n * l * D, Z.T); e = y - H @ y
        h = torch.diagonal(H).mean().expand(n) if gcv else torch.diagonal(H)
        out.append(((e / (1 - h)) ** 2 / 2).mean())
    return torch.stack(out)
run("my own LOO (hat matrix)", C.check_loo_errors, loo_ref)
run("GCV", C.check_loo_errors, lambda X, y, L: loo_ref(X, y, L, gcv=True))
run("bias penalized", C.check_loo_errors, lambda X, y, L: loo_ref(X, y, L, pen_bias=True))
run("penalty (n-1) lambda", C.check_loo_errors, lambda X, y, L: loo_ref(X, y, L, scale=(X.shape[0] - 1) / X.shape[0]))
def loo_refit_numpy(X, y, lambdas):        # the ruled-out method: refit n times (numpy solves)
    A, t = X.numpy(), y.numpy(); n = A.shape[0]; Z = np.hstack([np.ones((n, 1)), A]); D = np.eye(Z.shape[1]); D[0, 0] = 0
    out = []
    for l in lambdas:
        errs = []
        for i in range(n):
            m = np.arange(n) != i
            th = np.linalg.lstsq(Z[m].T @ Z[m] + n * l * D, Z[m].T @ t[m], rcond=None)[0]
            errs.append((Z[i] @ th - t[i]) ** 2 / 2)
        out.append(np.mean(errs))
    return torch.tensor(out, dtype=torch.float64)
run("REFIT n times (numpy)", C.check_loo_errors, loo_refit_numpy)

# ---------- 02.4
print("02.4 wrong / ruled-out answers:")
run("worked solution", C.check_end_point, lambda X, y, w: w + torch.linalg.pinv(X) @ (y - X @ w))
run("min-norm pinv(X) y", C.check_end_point, lambda X, y, w: torch.linalg.pinv(X) @ y)
def gd_numpy(X, y, w):
    A, t, v = X.numpy(), y.numpy(), w.numpy().copy(); n = A.shape[0]
    lr = 1.0 / np.linalg.norm(A, 2) ** 2 * n
    for _ in range(20000): v = v - lr * A.T @ (A @ v - t) / n
    return torch.tensor(v)
run("TRAINING to convergence (numpy GD)", C.check_end_point, gd_numpy)
