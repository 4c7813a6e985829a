"""Exercises 1-4: the worked solutions against my own brute force, and wrong answers against the public checks
and the hidden graded cases (the notebook's own arguments)."""
import json, re, io, contextlib, math
import numpy as np
import torch
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import grader
from numpy.linalg import solve as np_solve_prebound      # bound BEFORE the check patches numpy.linalg

nb = json.load(open('/work/main/notebooks/01_bias_variance.ipynb'))['cells']
graded = {}
for c in nb:
    s = ''.join(c['source'])
    m = re.search(r"_wdlab_graded\((.*)\)\ndel _wdlab_graded", s)
    if m:
        head, rest = m.group(1).split(', ', 2)[0], m.group(1).split(', ', 2)[2]
        args = eval('(' + head + ', None, ' + rest + ')')
        graded[args[0]] = args
sol = {}
for c in nb:
    s = ''.join(c['source'])
    if s.startswith('def ') and 'BEGIN SOLUTION' in s:
        exec(s, globals()); sol[s.split('(')[0][4:]] = globals()[s.split('(')[0][4:]]

def run(label, check, fn, name):
    out = []
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            check(fn)
        out.append("public: PASS")
    except AssertionError as e:
        out.append("public: fail (" + str(e).split('Hint:')[0].strip()[:70] + ")")
    except Exception as e:
        out.append(f"public: raised {type(e).__name__}")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            grader.grade(*[graded[label][0], fn, *graded[label][2:]])
        out.append("hidden: PASS")
    except BaseException as e:
        out.append("hidden: fail")
    print(f"  {label} {name:55s} {'; '.join(out)}")

C = d2l.checks.nb01
E = lambda d, dt=torch.float64: torch.eye(d, dtype=dt)

print("Exercise 1 (df from eigenvalues)")
run('01.1', C.check_df_from_eigenvalues, sol['df_from_eigenvalues'], "worked solution")
def v(fn): return lambda s, n, l: float(fn(s, n, l))
run('01.1', C.check_df_from_eigenvalues, v(lambda s, n, l: (s / (s + l)).sum()), "summed convention s/(s+λ)")
run('01.1', C.check_df_from_eigenvalues, v(lambda s, n, l: torch.nan_to_num(s / (s + n * l)).sum()), "no cut-off")
run('01.1', C.check_df_from_eigenvalues, v(lambda s, n, l: torch.where(s > 1e-10, s / (s + n * l), 0 * s).sum()), "absolute cut-off 1e-10")
run('01.1', C.check_df_from_eigenvalues, v(lambda s, n, l: torch.where(s > 1e-6 * s.max(), s / (s + n * l), 0 * s).sum()), "relative cut-off 1e-6 (defensible)")
run('01.1', C.check_df_from_eigenvalues, v(lambda s, n, l: min(float((s / (s + n * l)).sum()), min(n, len(s)))), "clamp to min(n, d)")
run('01.1', C.check_df_from_eigenvalues, v(lambda s, n, l: torch.where(s > 1e-6 * s.max(), s / (s + n * l), 0 * s).sum() if l > 0 else (s > 1e-6 * s.max()).sum()), "rank at λ=0 else ratio")
# my own df from X for one check case
X = C.df_design({"n": 8, "d": 12, "seed": 3}); n = 8
for lam in [0.0, 0.1]:
    H = X @ torch.linalg.pinv(X.T @ X + n * lam * E(12)) @ X.T
    print(f"  own df via pinv, n=8,d=12, λ={lam}: {H.trace():.6f}; worked solution {sol['df_from_eigenvalues'](torch.linalg.eigvalsh(X.T @ X).abs(), n, lam):.6f}")

print("Exercise 2 (LOO)")
def loo_brute(X, y, lam, mult):
    n, d = X.shape; r = []
    for i in range(n):
        k = torch.arange(n) != i
        w = torch.tensor(np_solve_prebound((X[k].T @ X[k] + mult(n) * lam * E(d)).numpy(), (X[k].T @ y[k]).numpy()))
        r.append(float(y[i] - X[i] @ w))
    return float(np.mean(np.square(r)))
Xc = C.design(15, 6, 4); g = torch.Generator().manual_seed(5)
yc = Xc @ torch.randn(6, generator=g, dtype=torch.float64) + 0.5 * torch.randn(15, generator=g, dtype=torch.float64)
print(f"  worked solution {sol['loo_error'](Xc, yc, 0.3):.8f}; brute force, penalty nλ {loo_brute(Xc, yc, 0.3, lambda n: n):.8f}; "
      f"penalty (n−1)λ (mean loss of the n−1 points) {loo_brute(Xc, yc, 0.3, lambda n: n - 1):.8f}")
run('01.2', C.check_loo_error, sol['loo_error'], "worked solution")
def gcv(X, y, l):
    n, d = X.shape; H = X @ torch.linalg.solve(X.T @ X + n * l * E(d), X.T)
    return float((((y - H @ y) / (1 - H.trace() / n)) ** 2).mean())
run('01.2', C.check_loo_error, gcv, "GCV")
run('01.2', C.check_loo_error, lambda X, y, l: loo_brute(X, y, l, lambda n: n), "brute-force refits, numpy solve bound at import")
def brute_torch(X, y, l):
    n, d = X.shape; r = []
    for i in range(n):
        k = torch.arange(n) != i
        r.append(float(y[i] - X[i] @ torch.linalg.solve(X[k].T @ X[k] + n * l * E(d), X[k].T @ y[k])))
    return float(np.mean(np.square(r)))
run('01.2', C.check_loo_error, brute_torch, "brute-force refits, torch.linalg.solve")

print("Exercise 3 (free intercept)")
run('01.3', C.check_ridge_free_intercept, sol['ridge_free_intercept'], "worked solution")
def centring(X, y, l):
    n, d = X.shape[-2:]
    Xm, ym = X[..., 1:].mean(-2, keepdim=True), y.mean(-1, keepdim=True)
    w = d2l.ridge(X[..., 1:] - Xm, y - ym, l)
    w0 = ((ym - (Xm @ w.unsqueeze(-1)).squeeze(-1)) / X[..., :1].mean(-2)).squeeze(-1)
    return torch.cat([w0.unsqueeze(-1), w], -1)
run('01.3', C.check_ridge_free_intercept, centring, "centring the other columns")
run('01.3', C.check_ridge_free_intercept, d2l.ridge, "d2l.ridge (all penalized)")
def summed(X, y, l):
    d = X.shape[-1]; D = E(d); D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X + l * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
run('01.3', C.check_ridge_free_intercept, summed, "λ instead of nλ")
# my own check: gradient of the objective at the worked solution, random first column
Xr = torch.randn(3, 11, 5, dtype=torch.float64) + 2; yr = torch.randn(3, 11, dtype=torch.float64) + 4
w = sol['ridge_free_intercept'](Xr, yr, 0.7).requires_grad_(True)
obj = (((Xr @ w.unsqueeze(-1)).squeeze(-1) - yr) ** 2 / 2).mean(-1).sum() + 0.7 / 2 * (w[..., 1:] ** 2).sum()
obj.backward(); print(f"  gradient of the exercise's objective at the worked solution: max {w.grad.abs().max():.1e}")

print("Exercise 4 (expected training error)")
run('01.4', C.check_expected_training_error, sol['expected_training_error'], "worked solution")
def make(kind):
    def fn(X, w, s, l):
        n, d = X.shape; H = X @ torch.linalg.solve(X.T @ X + n * l * E(d), X.T); M = E(n) - H
        b = float(((M @ X @ w) ** 2).sum() / n)
        return {"projection": b + s**2 * float(M.trace()) / n, "no_bias": s**2 * float((M @ M).trace()) / n,
                "lambda0": s**2 * (1 - d / n), "sigma": b + s * float((M @ M).trace()) / n}[kind]
    return fn
for k in ["projection", "no_bias", "lambda0", "sigma"]:
    run('01.4', C.check_expected_training_error, make(k), k)
# own Monte Carlo of one case
Xe = C.design(20, 8, 91); ws = torch.randn(8, dtype=torch.float64) * 2
eps = torch.randn(50000, 20, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
Y = Xe @ ws + 0.4 * eps
Hh = Xe @ torch.linalg.solve(Xe.T @ Xe + 20 * 0.1 * E(8), Xe.T)
err = ((Y - Y @ Hh.T) ** 2).mean(1)
print(f"  own MC (50000 draws) {err.mean():.5f} ± {err.std() / 50000**0.5:.5f}; worked solution {sol['expected_training_error'](Xe, ws, 0.4, 0.1):.5f}")
