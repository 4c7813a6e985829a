"""Probe 4: do the exercise checks accept wrong answers? Each candidate runs through the public check."""
import torch
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb02
def run(name, check, fn):
    try:
        import contextlib, io
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf): check(fn)
        print(f"ACCEPTED  {name}")
    except AssertionError as e:
        print(f"rejected  {name}: {str(e)[:110]}")
    except Exception as e:
        print(f"ERROR     {name}: {type(e).__name__} {str(e)[:100]}")

# ---- 02.1
def nsf_true(lr, lam, beta, t):
    w, v = 1.0, 0.0
    for _ in range(t): v = beta * v + lam * w; w = w - lr * v
    return w
def nsf_sim(lr, lam, beta, t):      # allowed by the statement (simulate torch)
    p = torch.nn.Parameter(torch.ones(1, dtype=torch.float64)); o = torch.optim.SGD([p], lr=lr, momentum=beta, weight_decay=lam)
    for _ in range(t): o.zero_grad(); p.grad = torch.zeros_like(p); o.step()
    return float(p)
run("02.1 own recurrence (right)", C.check_null_space_factor, nsf_true)
run("02.1 torch simulation (allowed)", C.check_null_space_factor, nsf_sim)
run("02.1 plain (1-lr*lam)^t", C.check_null_space_factor, lambda lr, l, b, t: (1 - lr * l) ** t)
run("02.1 steady state (1-lr*lam/(1-b))^t", C.check_null_space_factor, lambda lr, l, b, t: (1 - lr * l / (1 - b)) ** t)
run("02.1 t-1 steps", C.check_null_space_factor, lambda lr, l, b, t: nsf_true(lr, l, b, t - 1))
run("02.1 t+1 steps", C.check_null_space_factor, lambda lr, l, b, t: nsf_true(lr, l, b, t + 1))
def nsf_old_v(lr, lam, beta, t):    # w update with the OLD buffer
    w, v = 1.0, 0.0
    for _ in range(t): w, v = w - lr * v, beta * v + lam * w
    return w
run("02.1 w uses old buffer", C.check_null_space_factor, nsf_old_v)
def nsf_damp(lr, lam, beta, t):     # dampening (1-beta)
    w, v = 1.0, 0.0
    for _ in range(t): v = beta * v + (1 - beta) * lam * w; w = w - lr * v
    return w
run("02.1 dampening 1-beta", C.check_null_space_factor, nsf_damp)
def nsf_half(lr, lam, beta, t): return nsf_true(lr, lam / 2, beta, t)
run("02.1 lambda/2", C.check_null_space_factor, nsf_half)
def nsf_abs(lr, lam, beta, t): return abs(nsf_true(lr, lam, beta, t))
run("02.1 abs() of the factor (sign lost)", C.check_null_space_factor, nsf_abs)
def nsf_f32(lr, lam, beta, t):
    w, v = torch.tensor(1.0), torch.tensor(0.0)
    for _ in range(t): v = beta * v + lam * w; w = w - lr * v
    return float(w)
run("02.1 float32 recurrence (right)", C.check_null_space_factor, nsf_f32)

# ---- 02.2
def P_null(X): return torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
run("02.2 right", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l) ** T * (P_null(X) @ w).norm()))
run("02.2 signed (no abs)", C.check_predict_null_norm, lambda X, w, lr, l, T: float((1 - lr * l) ** T * (P_null(X) @ w).norm()))
run("02.2 whole norm", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l) ** T * w.norm()))
run("02.2 T-1", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l) ** (T - 1) * (P_null(X) @ w).norm()))
run("02.2 exp(-lr*lam*T)", C.check_predict_null_norm, lambda X, w, lr, l, T: float(torch.exp(torch.tensor(-lr * l * T)) * (P_null(X) @ w).norm()))
run("02.2 lam/2", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l / 2) ** T * (P_null(X) @ w).norm()))
run("02.2 row space", C.check_predict_null_norm, lambda X, w, lr, l, T: float(abs(1 - lr * l) ** T * ((torch.eye(X.shape[1], dtype=X.dtype) - P_null(X)) @ w).norm()))
run("02.2 no decay", C.check_predict_null_norm, lambda X, w, lr, l, T: float((P_null(X) @ w).norm()))
def train_loop(X, w, lr, l, T):     # the ruled-out method: train with made-up labels (labels don't matter)
    w = w.clone(); y = torch.zeros(X.shape[0], dtype=X.dtype)
    for _ in range(T): w = w - lr * (X.T @ (X @ w - y) / X.shape[0] + l * w)
    return float((P_null(X) @ w).norm())
run("02.2 training loop (ruled out)", C.check_predict_null_norm, train_loop)
def train_loop_fused(X, w, lr, l, T):   # a training loop written with einsum instead of @ (products counted?)
    w = w.clone(); y = torch.zeros(X.shape[0], dtype=X.dtype)
    for _ in range(T): w = w - lr * (torch.einsum('nd,n->d', X, torch.einsum('nd,d->n', X, w) - y) / X.shape[0] + l * w)
    return float((P_null(X) @ w).norm())
run("02.2 training loop via einsum (ruled out)", C.check_predict_null_norm, train_loop_fused)

# ---- 02.3
def loo(X, y, lambdas, pen_bias=False, nfac=None, gcv=False, half=True):
    n = X.shape[0]; Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1); D = torch.eye(Z.shape[1], dtype=X.dtype)
    if not pen_bias: D[0, 0] = 0
    out = []
    for l in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + (nfac if nfac is not None else n) * l * D, Z.T); e = y - H @ y
        h = torch.diagonal(H).mean().expand(n) if gcv else torch.diagonal(H)
        out.append(((e / (1 - h)) ** 2 / (2 if half else 1)).mean())
    return torch.stack(out)
run("02.3 right", C.check_loo_errors, loo)
run("02.3 bias penalized", C.check_loo_errors, lambda X, y, L: loo(X, y, L, pen_bias=True))
run("02.3 penalty lambda (not n*lambda)", C.check_loo_errors, lambda X, y, L: loo(X, y, L, nfac=1))
run("02.3 penalty (n-1)*lambda", C.check_loo_errors, lambda X, y, L: loo(X, y, L, nfac=X.shape[0] - 1))
run("02.3 GCV", C.check_loo_errors, lambda X, y, L: loo(X, y, L, gcv=True))
run("02.3 no 1/2", C.check_loo_errors, lambda X, y, L: loo(X, y, L, half=False))
def loo_refit(X, y, lambdas):       # the ruled-out method: n refits
    n = X.shape[0]; out = []
    for l in lambdas:
        errs = []
        for i in range(n):
            m = torch.arange(n) != i; Xi, yi = X[m], y[m]; xm, ym = Xi.mean(0), yi.mean()
            A = (Xi - xm).T @ (Xi - xm) + n * l * torch.eye(X.shape[1], dtype=X.dtype)
            w = torch.linalg.lstsq(A, ((Xi - xm).T @ (yi - ym)).unsqueeze(-1)).solution.squeeze(-1)
            errs.append((X[i] @ w + ym - xm @ w - y[i]) ** 2 / 2)
        out.append(torch.stack(errs).mean())
    return torch.stack(out)
run("02.3 refit n times (ruled out)", C.check_loo_errors, loo_refit)

# ---- 02.4
run("02.4 right", C.check_end_point, lambda X, y, w: w + torch.linalg.pinv(X) @ (y - X @ w))
run("02.4 min-norm from 0", C.check_end_point, lambda X, y, w: torch.linalg.pinv(X) @ y)
run("02.4 return the start", C.check_end_point, lambda X, y, w: w.clone())
run("02.4 null part only", C.check_end_point, lambda X, y, w: w - torch.linalg.pinv(X) @ X @ w)
run("02.4 row-projected start + min-norm", C.check_end_point, lambda X, y, w: torch.linalg.pinv(X) @ X @ w + torch.linalg.pinv(X) @ y)
