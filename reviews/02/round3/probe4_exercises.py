"""Exercises: (1) the worked solutions against my own ground truth (real torch.optim.SGD, real training, real
refitting); (2) wrong answers against the public checks and the hidden graded cases."""
import torch, numpy as np
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import grader

# ---------- 02.1 ground truth: real torch.optim.SGD on a null-space coordinate (data gradient 0)
def sgd_factor(lr, lambd, beta, t):
    w = torch.nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
    opt = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=lambd)
    for _ in range(t):
        opt.zero_grad(); w.grad = torch.zeros_like(w); opt.step()
    return float(w)
def sol1(lr, lambd, momentum, t):
    A = torch.tensor([[1 - lr * lambd, -lr * momentum], [lambd, momentum]], dtype=torch.float64)
    return float((torch.linalg.matrix_power(A, t) @ torch.tensor([1.0, 0.0], dtype=torch.float64))[0])
for c in [(0.003, 3.0, 0.9, 40), (0.1, 2.0, 0.9, 30), (0.01, 1.0, 0.5, 50), (0.05, 0, 0.9, 10), (0.02, 5.0, 0.95, 25),
          (0.3, 1.5, 0.8, 12), (0.001, 10.0, 0.99, 70), (0.5, 1.0, 0.9, 0), (0.5, 1.0, 0.0, 5)]:
    print("02.1", c, "torch.optim.SGD", f"{sgd_factor(*c):.10g}", "solution", f"{sol1(*c):.10g}")

def try_check(label, check, fn):
    try:
        import io, contextlib
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            check(fn)
        return "ACCEPTED: " + buf.getvalue().strip()[:90]
    except AssertionError as e:
        return "rejected: " + str(e)[:110]
    except Exception as e:
        return f"raised {type(e).__name__}: {str(e)[:80]}"

def try_hidden(label, fn, cases, expect):
    try:
        grader.grade(label, fn, cases, expect); return "hidden: ACCEPTED"
    except BaseException as e:
        return "hidden: rejected"

H1 = ([{'lr': 0.02, 'lambd': 5.0, 'beta': 0.95, 't': 25}, {'lr': 0.3, 'lambd': 1.5, 'beta': 0.8, 't': 12}, {'lr': 0.001, 'lambd': 10.0, 'beta': 0.99, 't': 70}], [{'m': 1, 'v': [['log', 4e-05, 0.337, 'd77e504a6b5406cf']]}, {'m': 1, 'v': [['log', 4e-05, 0.223, '5a900982530e3885']]}, {'m': 1, 'v': [['log', 4e-05, 0.778, 'e6644d94bb380925']]}])
wrong1 = {
    "solution": sol1,
    "real SGD itself": lambda lr, l, b, t: sgd_factor(lr, l, b, t),
    "float32 solution": lambda lr, l, b, t: float(torch.linalg.matrix_power(torch.tensor([[1 - lr*l, -lr*b], [l, b]]), t)[0, 0]),
    "plain (1-lr*l)^t": lambda lr, l, b, t: (1 - lr*l)**t,
    "steady (1-lr*l/(1-b))^t": lambda lr, l, b, t: (1 - lr*l/(1-b))**t,
    "off by one t-1": lambda lr, l, b, t: sol1(lr, l, b, t-1),
    "off by one t+1": lambda lr, l, b, t: sol1(lr, l, b, t+1),
    "dampening=beta": lambda lr, l, b, t: (lambda A: float(torch.linalg.matrix_power(A, t)[0, 0]))(torch.tensor([[1-lr*l*(1-b), -lr*b], [l*(1-b), b]], dtype=torch.float64)),
    "old buffer (w uses v_{t-1})": lambda lr, l, b, t: (lambda A: float(torch.linalg.matrix_power(A, t)[0, 0]))(torch.tensor([[1.0, -lr], [l, b]], dtype=torch.float64)),
    "nesterov": lambda lr, l, b, t: sgd_nesterov(lr, l, b, t),
    "abs of solution": lambda lr, l, b, t: abs(sol1(lr, l, b, t)),
}
def sgd_nesterov(lr, lambd, beta, t):
    w = torch.nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
    opt = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=lambd, nesterov=True)
    for _ in range(t):
        w.grad = torch.zeros_like(w); opt.step()
    return float(w)
for name, fn in wrong1.items():
    print(f"02.1 {name:<30}", try_check("02.1", d2l.checks.nb02.check_null_space_factor, fn), "|", try_hidden("02.1", fn, *H1))

# ---------- 02.2 ground truth: train GD (mean loss + lambda/2 ||w||^2, with a bias) and measure
def train_null(X, w_init, lr, lambd, steps, y=None):
    n, d = X.shape
    y = torch.randn(n, dtype=X.dtype) if y is None else y
    w, b = w_init.clone(), torch.zeros((), dtype=X.dtype)
    for _ in range(steps):
        r = X @ w + b - y
        w, b = w - lr * (X.T @ r / n + lambd * w), b - lr * r.mean()
    Pn = torch.eye(d, dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return float((Pn @ w).norm())
def sol2(X, w_init, lr, lambd, steps):
    P_null = torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
    return float(abs(1 - lr * lambd) ** steps * (P_null @ w_init).norm())
g = torch.Generator().manual_seed(7)
for (n, d, lr, lambd, steps) in [(8, 30, 0.01, 2.0, 150), (4, 10, 0.5, 3.0, 3), (5, 12, 0.02, 1.0, 90)]:
    X = torch.randn(n, d, generator=g, dtype=torch.float64); w0 = torch.randn(d, generator=g, dtype=torch.float64)
    print(f"02.2 n={n} d={d}: trained {train_null(X, w0, lr, lambd, steps):.10g}, solution {sol2(X, w0, lr, lambd, steps):.10g}")
H2 = ([{'seed': 121, 'n': 5, 'd': 12, 'lr': 0.02, 'lambd': 1.0, 'steps': 90}, {'seed': 122, 'n': 25, 'd': 60, 'lr': 0.005, 'lambd': 4.0, 'steps': 40}, {'seed': 123, 'n': 6, 'd': 14, 'lr': 0.4, 'lambd': 4.5, 'steps': 5}], [{'m': 1, 'v': [['log', 2e-06, 0.31, '9cb44020a99c448a']]}, {'m': 1, 'v': [['log', 2e-06, 0.691, '14079f7f1f02dad4']]}, {'m': 1, 'v': [['log', 2e-06, 0.839, '70fca88f483eb8ed']]}])
def Pn(X): return torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
wrong2 = {
    "solution": sol2,
    "signed (1-lr l)^T": lambda X, w, lr, l, T: float((1 - lr*l)**T * (Pn(X) @ w).norm()),
    "exp(-lr l T)": lambda X, w, lr, l, T: float(np.exp(-lr*l*T) * (Pn(X) @ w).norm()),
    "half lambda": lambda X, w, lr, l, T: float(abs(1 - lr*l/2)**T * (Pn(X) @ w).norm()),
    "T-1 steps": lambda X, w, lr, l, T: float(abs(1 - lr*l)**(T-1) * (Pn(X) @ w).norm()),
    "no projection": lambda X, w, lr, l, T: float(abs(1 - lr*l)**T * w.norm()),
    "row space": lambda X, w, lr, l, T: float(abs(1 - lr*l)**T * ((torch.linalg.pinv(X) @ X) @ w).norm()),
    "initial null norm": lambda X, w, lr, l, T: float((Pn(X) @ w).norm()),
    "sqrt(d-n)/sqrt(d) * ||w|| * factor": lambda X, w, lr, l, T: float(abs(1 - lr*l)**T * w.norm() * ((X.shape[1]-X.shape[0])/X.shape[1])**0.5),
}
for name, fn in wrong2.items():
    print(f"02.2 {name:<34}", try_check("02.2", d2l.checks.nb02.check_predict_null_norm, fn), "|", try_hidden("02.2", fn, *H2))

# ---------- 02.3 ground truth: refit n times (numpy, own ridge with free bias, penalty n*lambda on summed loss)
def refit_loo(X, y, lambdas):
    X, y = X.numpy(), y.numpy(); n, d = X.shape; out = []
    for l in lambdas:
        errs = []
        for i in range(n):
            m = np.arange(n) != i; Z = np.c_[np.ones(m.sum()), X[m]]; D = np.eye(d + 1); D[0, 0] = 0
            theta = np.linalg.lstsq(Z.T @ Z + n * l * D, Z.T @ y[m], rcond=None)[0]
            errs.append((y[i] - theta[0] - X[i] @ theta[1:]) ** 2 / 2)
        out.append(np.mean(errs))
    return np.array(out)
def sol3(X, y, lambdas):
    n = X.shape[0]
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
    D = torch.eye(Z.shape[1], dtype=X.dtype); D[0, 0] = 0
    out = []
    for lambd in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + n * lambd * D, Z.T)
        e = y - H @ y
        out.append(((e / (1 - torch.diagonal(H))) ** 2 / 2).mean())
    return torch.stack(out)
g = torch.Generator().manual_seed(8)
X = torch.randn(30, 20, generator=g, dtype=torch.float64); y = X @ torch.full((20,), 0.3, dtype=torch.float64) + torch.randn(30, generator=g, dtype=torch.float64)
lams = [0.0, 0.01, 0.316, 10.0]
print("02.3 refit n times:", np.round(refit_loo(X, y, lams), 8), " solution:", np.round(sol3(X, y, lams).numpy(), 8))
H3 = ([{'seed': 131, 'n': 18, 'd': 8, 'sigma': 2.0, 'w': 0.5, 'lambdas': [0.0, 0.02, 0.2, 2.0]}, {'seed': 132, 'n': 25, 'd': 30, 'sigma': 1.0, 'w': 0.2, 'lambdas': [0.01, 0.1, 1.0]}], [{'m': 4, 'v': [['log', 2e-06, 0.906, '940cce7df8cb032c'], ['log', 2e-06, 0.335, '1e37736300b999ee'], ['log', 2e-06, 0.77, 'd26b4ae7ded114f2'], ['log', 2e-06, 0.48, 'aa36d8f42980e1f8']]}, {'m': 3, 'v': [['log', 2e-06, 0.743, '9e917c679b132e4a'], ['log', 2e-06, 0.486, 'ae3935dc78f6b6da'], ['log', 2e-06, 0.898, 'b279eb1979d5f6fb']]}])
def make3(pen_bias=False, nfac=1.0, gcv=False, loo_pen="n"):
    def f(X, y, lambdas):
        n = X.shape[0]
        Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], dim=1)
        D = torch.eye(Z.shape[1], dtype=X.dtype)
        if not pen_bias: D[0, 0] = 0
        out = []
        for l in lambdas:
            H = Z @ torch.linalg.solve(Z.T @ Z + nfac * n * l * D, Z.T)
            e = y - H @ y; h = torch.diagonal(H)
            if gcv: h = h.mean().expand_as(h)
            out.append(((e / (1 - h)) ** 2 / 2).mean())
        return torch.stack(out)
    return f
wrong3 = {"solution": sol3, "bias penalized": make3(pen_bias=True), "penalty lambda (not n*lambda)": make3(nfac=1/30),
          "GCV": make3(gcv=True), "(n-1)*lambda": None, "train error": None}
def nm1(X, y, lambdas):
    n = X.shape[0]; return make3(nfac=(n - 1) / n)(X, y, lambdas)
wrong3["(n-1)*lambda"] = nm1
def train_err(X, y, lambdas):
    n = X.shape[0]; Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1); D = torch.eye(Z.shape[1], dtype=X.dtype); D[0, 0] = 0
    return torch.stack([(((y - Z @ torch.linalg.solve(Z.T @ Z + n * l * D, Z.T @ y)) ** 2) / 2).mean() for l in lambdas])
wrong3["train error"] = train_err
for name, fn in wrong3.items():
    print(f"02.3 {name:<30}", try_check("02.3", d2l.checks.nb02.check_loo_errors, fn)[:140], "|", try_hidden("02.3", fn, *H3))

# ---------- 02.4 ground truth: full-batch GD at lambda=0 (no bias), many steps
def sol4(X, y, w_init):
    return w_init + torch.linalg.pinv(X) @ (y - X @ w_init)
g = torch.Generator().manual_seed(9)
X = torch.randn(9, 25, generator=g, dtype=torch.float64); y = torch.randn(9, generator=g, dtype=torch.float64); w0 = torch.randn(25, generator=g, dtype=torch.float64)
w = w0.clone(); lr = 1.0 / float(torch.linalg.eigvalsh(X.T @ X / 9).max())
for _ in range(20000):
    w = w - lr * X.T @ (X @ w - y) / 9
print(f"02.4 GD end point vs solution: max |diff| = {(w - sol4(X, y, w0)).abs().max():.2e}")
H4 = ([{'seed': 141, 'n': 9, 'd': 25, 'w': 0.2, 'sigma': 0.3}, {'seed': 142, 'n': 30, 'd': 80, 'w': 0.05, 'sigma': 0.05}], [{'m': 25, 'v': [['lin', 1.9999999999999998e-05, 0.111, '6720966d237b4a81'], ['lin', 1.9999999999999998e-05, 0.754, 'a2fb599ced42834d'], ['lin', 1.9999999999999998e-05, 0.241, 'ae450c3727d0ad65']]}, {'m': 80, 'v': [['lin', 1.9999999999999998e-05, 0.519, 'b8cffb52fddbc29e'], ['lin', 1.9999999999999998e-05, 0.723, '6ae8a72dfa7fc2b6'], ['lin', 1.9999999999999998e-05, 0.411, '438d37ab4b2d8ee2']]}])
wrong4 = {"solution": sol4, "min-norm pinv(X) y": lambda X, y, w: torch.linalg.pinv(X) @ y,
          "w_init + pinv y": lambda X, y, w: w + torch.linalg.pinv(X) @ y, "return w_init": lambda X, y, w: w,
          "row projection of w_init + pinv y": lambda X, y, w: torch.linalg.pinv(X) @ X @ w + torch.linalg.pinv(X) @ y,
          "null part + pinv y (= solution, other form)": lambda X, y, w: (torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X) @ w + torch.linalg.pinv(X) @ y,
          "lstsq (gelsd) min-norm": lambda X, y, w: torch.linalg.lstsq(X, y.unsqueeze(-1), driver="gelsd").solution.squeeze(-1)}
for name, fn in wrong4.items():
    print(f"02.4 {name:<44}", try_check("02.4", d2l.checks.nb02.check_end_point, fn)[:120], "|", try_hidden("02.4", fn, *H4))
