"""Probe 2: feed plausible WRONG answers to the exercise checks of notebook 01; also check the worked
solutions on edge cases the checks do not cover."""
import io, contextlib, torch
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb01

def run(name, check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        print(f"  ACCEPTED  {name}")
    except Exception as e:
        print(f"  rejected  {name}: {type(e).__name__}: {str(e).splitlines()[0][:110]}")

# --- Exercise 1
def sol1(s, n, lambd):
    keep = s > s.max() * len(s) * torch.finfo(s.dtype).eps
    return float(torch.where(keep, s / (s + n * lambd), torch.zeros_like(s)).sum())
print("Exercise 1")
run("worked solution", C.check_df_from_eigenvalues, sol1)
run("summed convention s/(s+λ)", C.check_df_from_eigenvalues, lambda s, n, l: float((s / (s + l)).nan_to_num().sum()))
run("naive nansum", C.check_df_from_eigenvalues, lambda s, n, l: float((s / (s + n * l)).nansum()))
run("naive, clamped at min(n, d)", C.check_df_from_eigenvalues,
    lambda s, n, l: float((s / (s + n * l)).nan_to_num().sum().clamp(max=min(n, len(s)))))
run("absolute threshold s > 1e-8", C.check_df_from_eigenvalues,
    lambda s, n, l: float(torch.where(s > 1e-8, s / (s + n * l), torch.zeros_like(s)).sum()))
# Edge cases for the two that pass: rank-deficient design with n > d (duplicate column), and a scaled design
g = torch.Generator().manual_seed(0)
Xa = torch.randn(30, 4, generator=g, dtype=torch.float64); Xr = torch.cat([Xa, Xa[:, :1]], 1)   # rank 4, d = 5
s = torch.linalg.eigvalsh(Xr.T @ Xr).clamp(min=0)
H0 = Xr @ torch.linalg.pinv(Xr)
print(f"  rank-deficient 30 x 5 (rank 4), λ = 0: true df = tr(pinv hat) = {H0.trace():.4f}; solution {sol1(s, 30, 0.0):.4f}; "
      f"clamped-at-min(n,d) {float((s / s).nan_to_num().sum().clamp(max=5)):.4f}; eigenvalues {s.tolist()}")
Xs = torch.randn(8, 12, generator=g, dtype=torch.float64) * 1e-6
s2 = torch.linalg.eigvalsh(Xs.T @ Xs).clamp(min=0)
print(f"  tiny-scale 8 x 12 design (entries ~1e-6), λ = 0: solution {sol1(s2, 8, 0.0):.4f} (true 8); "
      f"abs-threshold 1e-8 answer {float(torch.where(s2 > 1e-8, s2 / s2, torch.zeros_like(s2)).sum()):.4f}")

# --- Exercise 2
print("Exercise 2")
def H_of(X, lam, scale=True):
    n, d = X.shape
    return X @ torch.linalg.solve(X.T @ X + (n if scale else 1) * lam * torch.eye(d, dtype=X.dtype), X.T)
def loo(X, y, l):
    H = H_of(X, l); return float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean())
run("worked solution", C.check_loo_error, loo)
run("GCV", C.check_loo_error, lambda X, y, l: float((((y - H_of(X, l) @ y) / (1 - H_of(X, l).trace() / len(y))) ** 2).mean()))
run("summed convention", C.check_loo_error, lambda X, y, l: float((((y - H_of(X, l, False) @ y) / (1 - H_of(X, l, False).diagonal())) ** 2).mean()))
def brute(X, y, l):
    n = len(y); out = []
    for i in range(n):
        m = torch.arange(n) != i
        w = torch.linalg.solve(X[m].T @ X[m] + n * l * torch.eye(X.shape[1], dtype=X.dtype), X[m].T @ y[m])
        out.append(float((y[i] - X[i] @ w) ** 2))
    return sum(out) / n
run("brute-force refits (ruled out by the task)", C.check_loo_error, brute)
def brute_pinv(X, y, l):   # refits without torch.linalg solve/inv: normal equations via numpy
    import numpy as np
    Xn, yn = X.numpy(), y.numpy(); n, d = Xn.shape; out = []
    for i in range(n):
        m = np.arange(n) != i
        w = np.linalg.solve(Xn[m].T @ Xn[m] + n * l * np.eye(d), Xn[m].T @ yn[m]); out.append((yn[i] - Xn[i] @ w) ** 2)
    return float(np.mean(out))
run("brute-force refits done in numpy (ruled out by the task)", C.check_loo_error, brute_pinv)

# --- Exercise 3
print("Exercise 3")
def free(X, y, l):
    n, d = X.shape[-2:]; D = torch.eye(d, dtype=X.dtype); D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X + n * l * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
run("worked solution", C.check_ridge_free_intercept, free)
run("penalize all (d2l.ridge)", C.check_ridge_free_intercept, d2l.ridge)
def centred(X, y, l):
    n, d = X.shape[-2:]
    Xc = X[..., 1:] - X[..., 1:].mean(-2, keepdim=True); yc = y - y.mean(-1, keepdim=True)
    w = d2l.ridge(Xc, yc, l)
    w0 = ((y.mean(-1) - (X[..., 1:].mean(-2) * w).sum(-1)) / X[..., 0].mean(-1))
    return torch.cat([w0.unsqueeze(-1), w], -1)
run("centre the other columns", C.check_ridge_free_intercept, centred)

# --- Exercise 4
print("Exercise 4")
def M_of(X, l):
    return torch.eye(X.shape[0], dtype=X.dtype) - H_of(X, l)
def et(X, w, s, l):
    M = M_of(X, l); n = X.shape[0]
    return float(((M @ X @ w) ** 2).sum() / n + s**2 * (M @ M).trace() / n)
run("worked solution", C.check_expected_training_error, et)
run("tr(I-H) instead of tr((I-H)^2)", C.check_expected_training_error,
    lambda X, w, s, l: float(((M_of(X, l) @ X @ w) ** 2).sum() / X.shape[0] + s**2 * M_of(X, l).trace() / X.shape[0]))
run("no bias term", C.check_expected_training_error,
    lambda X, w, s, l: float(s**2 * (M_of(X, l) @ M_of(X, l)).trace() / X.shape[0]))
run("with the 1/2", C.check_expected_training_error, lambda X, w, s, l: et(X, w, s, l) / 2)
