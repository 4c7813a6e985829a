"""Exercises: the worked solutions against my own computations, and wrong answers through the public checks."""
import math, io, contextlib, numpy as np, torch
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import nb05 as C

def run(check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf): check(fn)
        return "ACCEPTED: " + buf.getvalue().strip()[:90]
    except Exception as e:
        return "rejected: " + str(e)[:150]

# ---------------- 05.1
def sol1(lr, lambd, n, B):
    steps = math.ceil(math.log(0.5) / math.log(1 - lr * lambd)); return math.ceil(steps / math.ceil(n / B))
def brute(lr, lambd, n, B, dtype):
    p = torch.nn.Parameter(torch.ones(1, dtype=dtype)); o = torch.optim.SGD([p], lr=lr, weight_decay=lambd)
    spe = math.ceil(n / B); e = 0
    while True:
        e += 1
        for _ in range(spe):
            p.grad = torch.zeros_like(p); o.step()
        if p.item() <= 0.5: return e
for c in C.EPOCHS_TO_HALVE.cases + [dict(lr=1 - 2**-0.5, lambd=1.0, n=64, B=64), dict(lr=0.5, lambd=1.0, n=10, B=3)]:
    a = (c["lr"], c["lambd"], c["n"], c["B"])
    print("05.1", c, "solution", sol1(*a), "SGD float32", brute(*a, torch.float32), "float64", brute(*a, torch.float64))
wrong1 = {
    "steps not epochs": lambda lr, l, n, B: math.ceil(math.log(.5) / math.log(1 - lr * l)),
    "n//B steps/epoch": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n // B)),
    "exp approx": lambda lr, l, n, B: math.ceil(math.ceil(math.log(2) / (lr * l)) / math.ceil(n / B)),
    "λ/2": lambda lr, l, n, B: sol1(lr, l / 2, n, B),
    "floor epochs": lambda lr, l, n, B: math.ceil(math.log(.5) / math.log(1 - lr * l)) // math.ceil(n / B),
    "n/B float": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n / B)),
    "floor steps, ceil epochs": lambda lr, l, n, B: math.ceil(math.floor(math.log(.5) / math.log(1 - lr * l)) / math.ceil(n / B)),
    "epochs = ceil(ln2/(ηλ·ceil(n/B)))": lambda lr, l, n, B: math.ceil(math.log(2) / (lr * l * math.ceil(n / B))),
}
print("05.1 solution:", run(C.check_epochs_to_halve, sol1))
for k, f in wrong1.items(): print(f"05.1 wrong '{k}':", run(C.check_epochs_to_halve, f))

# ---------------- 05.2
def sol2(Xt, yt, Xv, yv, lambdas, center="train", intercept=True, score="val", alpha_as_lambda=False):
    if center == "all": xm, ym = torch.cat([Xt, Xv]).mean(0), torch.cat([yt, yv]).mean()
    else: xm, ym = Xt.mean(0), yt.mean()
    if not intercept: xm, ym = 0 * xm, 0 * ym
    lam = torch.tensor(lambdas, dtype=Xt.dtype) / (len(yt) if alpha_as_lambda else 1)
    W = d2l.ridge(Xt - xm, yt - ym, lam); b = ym - W @ xm
    if center == "val_own": b = yv.mean() - W @ Xv.mean(0)
    Xs, ys = (Xv, yv) if score == "val" else (Xt, yt)
    return lambdas[int(((Xs @ W.T + b - ys[:, None]) ** 2).mean(0).argmin())]
def penalized_intercept(Xt, yt, Xv, yv, lambdas):   # a column of ones, penalized like the weights
    A = torch.cat([Xt, torch.ones(len(Xt), 1, dtype=Xt.dtype)], 1); Av = torch.cat([Xv, torch.ones(len(Xv), 1, dtype=Xv.dtype)], 1)
    W = d2l.ridge(A, yt, lambdas); return lambdas[int(((Av @ W.T - yv[:, None]) ** 2).mean(0).argmin())]
def sklearn_own(Xt, yt, Xv, yv, lambdas):   # independent: sklearn Ridge(alpha = n λ)
    from sklearn.linear_model import Ridge
    losses = [np.mean((Ridge(alpha=len(yt) * l).fit(Xt.numpy(), yt.numpy()).predict(Xv.numpy()) - yv.numpy()) ** 2) for l in lambdas]
    return lambdas[int(np.argmin(losses))]
for c in C.CHOOSE_RIDGE_LAMBDA.cases:
    args = C.diabetes_split(c)
    print("05.2 case", c["seed"], "by", c["by"], ": solution", sol2(*args), "sklearn-own", sklearn_own(*args), "| center_all", sol2(*args, center="all"),
          "| penalized intercept", penalized_intercept(*args), "| train loss", sol2(*args, score="train"), "| alpha=λ", sol2(*args, alpha_as_lambda=True))
print("05.2 solution:", run(C.check_choose_ridge_lambda, sol2))
for k, kw in {"center_all": dict(center="all"), "center_val_own": dict(center="val_own"), "no_intercept": dict(intercept=False),
              "train loss": dict(score="train"), "alpha=λ (λ/n)": dict(alpha_as_lambda=True)}.items():
    print(f"05.2 wrong '{k}':", run(C.check_choose_ridge_lambda, lambda *a, kw=kw: sol2(*a, **kw)))
print("05.2 wrong 'penalized intercept column':", run(C.check_choose_ridge_lambda, penalized_intercept))

# ---------------- 05.3 (numerical: sklearn LogisticRegression(C=1/(nλ)) vs own minimizer of mean CE + λ/2||W||²)
from sklearn.linear_model import LogisticRegression
from common import data
(Xtr, ytr), _, _ = data()
Xd = Xtr.double(); n = len(ytr); lam = 0.02
W = torch.zeros(64, 10, dtype=torch.float64, requires_grad=True); b = torch.zeros(10, dtype=torch.float64, requires_grad=True)
opt = torch.optim.LBFGS([W, b], lr=1, max_iter=2000, tolerance_grad=1e-12, tolerance_change=1e-15, history_size=50, line_search_fn="strong_wolfe")
def closure():
    opt.zero_grad(); L = torch.nn.functional.cross_entropy(Xd @ W + b, ytr) + lam / 2 * W.square().sum(); L.backward(); return L
for _ in range(5): opt.step(closure)
for name, Cval in [("C = 1/(nλ)", 1 / (n * lam)), ("C = 2/(nλ)", 2 / (n * lam)), ("C = 1/λ", 1 / lam)]:
    m = LogisticRegression(C=Cval, tol=1e-12, max_iter=20000).fit(Xd.numpy(), ytr.numpy())
    # multinomial softmax parametrization is only identified up to a shift across classes; both penalized fits pick the centered one
    print(f"05.3 {name}: max|coef - own| = {np.abs(m.coef_.T - W.detach().numpy()).max():.2e} (own max|W| {W.abs().max():.2f})")
print("05.3 solution:", run(C.check_C_for_lambda, lambda l, n: 1 / (n * l)))
for k, f in {"2/(nλ)": lambda l, n: 2 / (n * l), "1/λ": lambda l, n: 1 / l, "nλ": lambda l, n: n * l, "1/(2nλ)": lambda l, n: 1 / (2 * n * l)}.items():
    print(f"05.3 wrong '{k}':", run(C.check_C_for_lambda, f))

# ---------------- 05.4
def one_se(lambdas, acc, se_kind="sample", band="best", pick="largest", stop_first=False):
    R = acc.shape[1]; mean = acc.mean(1)
    sd = acc.std(1, unbiased=(se_kind != "pop")); se = sd / math.sqrt(R - 1 if se_kind == "r-1" else R)
    if se_kind == "pooled": se = torch.full_like(se, se.mean().item())
    if se_kind == "sd": se = sd
    best = int(mean.argmax())
    ok = [k for k in range(len(lambdas)) if (mean[k] + se[k] if band == "own" else mean[k]) >= mean[best] - se[best]]
    if stop_first:
        k = best
        while k + 1 < len(lambdas) and (k + 1) in ok: k += 1
        return lambdas[k]
    return (max if pick == "largest" else min)(lambdas[k] for k in ok)
print("05.4 solution:", run(C.check_choose_one_se, one_se))
for k, kw in {"population sd": dict(se_kind="pop"), "sqrt(R-1)": dict(se_kind="r-1"), "pooled se": dict(se_kind="pooled"), "sd not se": dict(se_kind="sd"),
              "own band": dict(band="own"), "smallest": dict(pick="smallest"), "stop at first gap": dict(stop_first=True)}.items():
    print(f"05.4 wrong '{k}':", run(C.check_choose_one_se, lambda l, a, kw=kw: one_se(l, a, **kw)))
