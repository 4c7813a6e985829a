"""Exercises 2-4: wrong answers fed to the checks; exercise 3's LOO-vs-validation comparison redone with own code,
including the comparison its motivation ('a validation split costs data') calls for."""
import sys
import numpy as np
import torch

sys.dont_write_bytecode = True
torch.set_num_threads(1)
import d2lmini.checks.nb02 as C


def run(check, name, f):
    try:
        check(f)
    except AssertionError as e:
        print(f"  {name}: REJECTED ({str(e)[:120]}...)")
    except Exception as e:  # noqa: BLE001
        print(f"  {name}: CRASH {type(e).__name__}: {str(e)[:100]}")


print("Exercise 2 (predict_null_norm):")
def pn(X):
    return torch.eye(X.shape[1], dtype=X.dtype) - torch.linalg.pinv(X) @ X
run(C.check_null_norm, "right answer", lambda X, w, lr, l, T: float((1 - lr * l) ** T * (pn(X) @ w).norm()))
run(C.check_null_norm, "right idea, float32 eye copied from section 5",
    lambda X, w, lr, l, T: float((1 - lr * l) ** T * ((torch.eye(X.shape[1]) - torch.linalg.pinv(X) @ X) @ w).norm()))
run(C.check_null_norm, "exp(-lr*lambda*T) approximation", lambda X, w, lr, l, T: float(np.exp(-lr * l * T) * (pn(X) @ w).norm()))
run(C.check_null_norm, "T-1 steps", lambda X, w, lr, l, T: float((1 - lr * l) ** (T - 1) * (pn(X) @ w).norm()))
run(C.check_null_norm, "return 0", lambda X, w, lr, l, T: 0.0)
run(C.check_null_norm, "(1-lr*l)^T * sqrt((d-n)/d)*|w|",
    lambda X, w, lr, l, T: float((1 - lr * l) ** T * np.sqrt((X.shape[1] - X.shape[0]) / X.shape[1]) * w.norm()))

print("\nExercise 3 (loo_errors):")
def hat_loo(X, y, lambdas, scale=lambda n: n, half=True, bias_pen=False, mean=True):
    n = X.shape[0]
    Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1)
    D = torch.eye(Z.shape[1], dtype=X.dtype)
    if not bias_pen:
        D[0, 0] = 0
    out = []
    for l in lambdas:
        H = Z @ torch.linalg.solve(Z.T @ Z + scale(n) * l * D, Z.T)
        e = (y - H @ y) / (1 - torch.diagonal(H))
        v = e**2 / 2 if half else e**2
        out.append(v.mean() if mean else v.sum())
    return torch.stack(out)
run(C.check_loo, "right answer (own)", hat_loo)
run(C.check_loo, "penalty lambda instead of n*lambda", lambda X, y, L: hat_loo(X, y, L, scale=lambda n: 1))
run(C.check_loo, "sum instead of mean", lambda X, y, L: hat_loo(X, y, L, mean=False))
run(C.check_loo, "no 1/2", lambda X, y, L: hat_loo(X, y, L, half=False))

def refit(X, y, lambdas):          # brute force: the method the exercise says is unnecessary
    n = len(y)
    out = []
    for l in lambdas:
        errs = []
        for i in range(n):
            m = torch.ones(n, dtype=torch.bool); m[i] = False
            Xi, yi = X[m], y[m]
            xm, ym = Xi.mean(0), yi.mean()
            w = torch.linalg.solve((Xi - xm).T @ (Xi - xm) + n * l * torch.eye(X.shape[1], dtype=X.dtype), (Xi - xm).T @ (yi - ym))
            errs.append(((X[i] - xm) @ w + ym - y[i]) ** 2 / 2)
        out.append(torch.stack(errs).mean())
    return torch.stack(out)
run(C.check_loo, "brute-force refitting n times", refit)

# own comparison, more data sets and the fair variant
from d2lmini.nb02 import SETUP, draw  # data generator only (same draws as the check)
S = SETUP["noisy"]
LAM = [0.0, 0.01, 0.1, 0.316, 1.0, 10.0]
FINE = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]


def ridge_fb(X, y, l):
    xm, ym = X.mean(0), y.mean()
    w = torch.linalg.solve((X - xm).T @ (X - xm) + len(y) * l * torch.eye(X.shape[1], dtype=X.dtype), (X - xm).T @ (y - ym))
    return w, ym - xm @ w


def tl(X, y, wb):
    return float(((X @ wb[0] + wb[1] - y) ** 2 / 2).mean())


for R, seed, grid in [(20, 2300, LAM), (400, 777, LAM), (400, 777, FINE)]:
    (Xt, yt), (Xv, yv), (Xs, ys) = draw(S, seed=seed, num_sets=R)
    Xt, yt, Xv, yv, Xs, ys = (a.double() for a in (Xt, yt, Xv, yv, Xs, ys))
    t_loo, t_val, t_loo130, t_val_refit = [], [], [], []
    for r in range(R):
        fits = [ridge_fb(Xt[r], yt[r], l) for l in grid]
        kl = int(hat_loo(Xt[r], yt[r], grid).argmin())
        kv = int(np.argmin([tl(Xv[r], yv[r], f) for f in fits]))
        t_loo.append(tl(Xs[r], ys[r], fits[kl])); t_val.append(tl(Xs[r], ys[r], fits[kv]))
        Xa, ya = torch.cat([Xt[r], Xv[r]]), torch.cat([yt[r], yv[r]])       # all 130 labelled examples
        ka = int(hat_loo(Xa, ya, grid).argmin())
        t_loo130.append(tl(Xs[r], ys[r], ridge_fb(Xa, ya, grid[ka])))
        t_val_refit.append(tl(Xs[r], ys[r], ridge_fb(Xa, ya, grid[kv])))
    a, b, c, e = map(np.array, (t_loo, t_val, t_loo130, t_val_refit))
    se = lambda v: v.std(ddof=1) / np.sqrt(len(v))
    print(f"\nR={R} seed={seed} grid of {len(grid)}: test loss, lambda by LOO on 30: {a.mean():.3g}+-{se(a):.2g}; by 100-ex "
          f"val split: {b.mean():.3g}+-{se(b):.2g}; paired diff {np.mean(a-b):.2g}+-{se(a-b):.2g}")
    print(f"   same 130 labelled examples, LOO on all 130 then fit on 130: {c.mean():.3g}+-{se(c):.2g}  "
          f"(val-split lambda, refit on 130: {e.mean():.3g}+-{se(e):.2g}; LOO130 minus 30/100 split {np.mean(c-b):.3g}+-{se(c-b):.2g})")
