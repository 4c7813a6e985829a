"""Feed the four exercise checks the worked solution and a set of plausible wrong answers; record pass/fail.
A wrong answer that passes is a defect of the check."""
import io, contextlib, math, torch
import d2lmini as d2l
torch.set_num_threads(1)
C = d2l.checks.nb01

def run(label, check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        res = "PASS"
    except AssertionError as e:
        res = "fail: " + str(e).splitlines()[0][:110]
    except Exception as e:  # noqa
        res = f"error {type(e).__name__}: {str(e)[:100]}"
    print(f"{label:62s} {res}")
    return buf.getvalue()

eps = torch.finfo(torch.float64).eps
# ---------------- 01.1
def df_ok(s, n, l):
    keep = s > s.max() * len(s) * eps
    return float(torch.where(keep, s / (s + n * l), torch.zeros_like(s)).sum())
def df_nocut(s, n, l):  return float((s / (s + n * l)).sum())
def df_abs(s, n, l):    return float(torch.where(s > 1e-10, s / (s + n * l), 0 * s).sum())
def df_abs_tiny(s, n, l): return float(torch.where(s > 1e-20, s / (s + n * l), 0 * s).sum())
def df_rel8(s, n, l):   return float(torch.where(s > 1e-8 * s.max(), s / (s + n * l), 0 * s).sum())
def df_minnd(s, n, l):  return float(min(n, len(s))) if l == 0 else float((s / (s + n * l)).sum())
def df_summed(s, n, l): return df_ok(s, 1, l)
def df_nan0(s, n, l):   # 0/0 -> nan dropped via nansum at λ=0 (keeps ±1e-15 as full 1)
    return float(torch.nansum(s / (s + n * l)))
run("01.1 worked solution", C.check_df_from_eigenvalues, df_ok)
for name, fn in [("no cut-off (null eigenvalues count 1 at λ=0)", df_nocut), ("absolute cut-off 1e-10", df_abs),
                 ("absolute cut-off 1e-20", df_abs_tiny), ("relative cut-off 1e-8·s_max (legit)", df_rel8),
                 ("min(n, d) at λ = 0", df_minnd), ("summed-loss convention (λ not nλ)", df_summed),
                 ("nansum", df_nan0)]:
    run("01.1 " + name, C.check_df_from_eigenvalues, fn)

# ---------------- 01.2
def H_of(X, l):
    n, d = X.shape
    return X @ torch.linalg.solve(X.T @ X + n * l * torch.eye(d, dtype=X.dtype), X.T)
def loo_ok(X, y, l):
    H = H_of(X, l); r = (y - H @ y) / (1 - H.diagonal()); return float((r**2).mean())
def loo_gcv(X, y, l):
    H = H_of(X, l); r = (y - H @ y) / (1 - H.diagonal().mean()); return float((r**2).mean())
def loo_train(X, y, l):
    H = H_of(X, l); return float(((y - H @ y) ** 2).mean())
def loo_nminus1(X, y, l):   # shortcut, but penalty (n-1)λ scaled: hat matrix with (n-1)λ
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + (n - 1) * l * torch.eye(d, dtype=X.dtype), X.T)
    r = (y - H @ y) / (1 - H.diagonal()); return float((r**2).mean())
def loo_brute_batched(X, y, l):  # brute force refits in ONE batched solve
    n, d = X.shape
    idx = torch.stack([torch.cat([torch.arange(i), torch.arange(i + 1, n)]) for i in range(n)])
    Xi, yi = X[idx], y[idx]
    W = torch.linalg.solve(Xi.mT @ Xi + n * l * torch.eye(d, dtype=X.dtype), (Xi.mT @ yi.unsqueeze(-1))).squeeze(-1)
    return float(((y - (X * W).sum(1)) ** 2).mean())
def loo_brute_sm(X, y, l):   # brute force via Sherman-Morrison downdates of one inverse (no refit solves)
    n, d = X.shape
    Ainv = torch.linalg.inv(X.T @ X + n * l * torch.eye(d, dtype=X.dtype)); b = X.T @ y; out = []
    for i in range(n):
        xi = X[i]; u = Ainv @ xi
        Ai = Ainv + torch.outer(u, u) / (1 - xi @ u)
        out.append(float((y[i] - xi @ (Ai @ (b - xi * y[i]))) ** 2))
    return sum(out) / n
run("01.2 worked solution", C.check_loo_error, loo_ok)
for name, fn in [("GCV", loo_gcv), ("training error", loo_train), ("hat matrix with (n-1)λ", loo_nminus1),
                 ("brute-force refits, one batched solve", loo_brute_batched),
                 ("brute-force via Sherman-Morrison (1 inverse, legit-ish)", loo_brute_sm)]:
    run("01.2 " + name, C.check_loo_error, fn)

# ---------------- 01.3
def fi_ok(X, y, l):
    n, d = X.shape[-2:]; D = torch.eye(d, dtype=X.dtype); D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X + n * l * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
def fi_center(X, y, l):   # centre the other columns and y, ridge, recover intercept (right only for constant col 0)
    n, d = X.shape[-2:]
    Z = X[..., 1:] - X[..., 1:].mean(-2, keepdim=True); yc = y - y.mean(-1, keepdim=True)
    w = d2l.ridge(Z, yc, l)
    w0 = (y.mean(-1) - (X[..., 1:].mean(-2) * w).sum(-1)) / X[..., :, 0].mean(-1)
    return torch.cat([w0.unsqueeze(-1), w], -1)
def fi_aug(X, y, l):      # augmented least squares: legit alternative
    n, d = X.shape[-2:]; D = torch.eye(d, dtype=X.dtype)[1:] * math.sqrt(n * l)
    Xa = torch.cat([X, D.expand(*X.shape[:-2], d - 1, d)], -2)
    ya = torch.cat([y, torch.zeros(*y.shape[:-1], d - 1, dtype=y.dtype)], -1)
    return torch.linalg.lstsq(Xa, ya.unsqueeze(-1)).solution.squeeze(-1)
def fi_non(X, y, l):
    d = X.shape[-1]; D = torch.eye(d, dtype=X.dtype); D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X + l * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
run("01.3 worked solution", C.check_ridge_free_intercept, fi_ok)
for name, fn in [("centring (the text says it is not enough)", fi_center), ("augmented lstsq (legit)", fi_aug),
                 ("λ instead of nλ", fi_non), ("d2l.ridge (all penalized)", d2l.ridge)]:
    run("01.3 " + name, C.check_ridge_free_intercept, fn)

# ---------------- 01.4
def te_parts(X, w, s, l):
    n, d = X.shape; H = H_of(X, l); M = torch.eye(n, dtype=X.dtype) - H
    return float(((M @ X @ w) ** 2).sum() / n), float(M.trace() / n), float((M @ M).trace() / n)
def te_ok(X, w, s, l):  b, t1, t2 = te_parts(X, w, s, l); return b + s**2 * t2
def te_proj(X, w, s, l): b, t1, t2 = te_parts(X, w, s, l); return b + s**2 * t1
def te_nobias(X, w, s, l): b, t1, t2 = te_parts(X, w, s, l); return s**2 * t2
def te_sim(X, w, s, l):   # a big simulation instead of the derivation
    n, d = X.shape; g = torch.Generator().manual_seed(5)
    y = X @ w + s * torch.randn(200000, n, generator=g, dtype=X.dtype); H = H_of(X, l)
    return float(((y - y @ H.T) ** 2).mean())
out = run("01.4 worked solution", C.check_expected_training_error, te_ok)
print("   success line:", out.strip()[:200])
for name, fn in [("tr(I-H) instead of tr(I-H)^2", te_proj), ("no bias term", te_nobias),
                 ("Monte Carlo, 2e5 draws", te_sim)]:
    run("01.4 " + name, C.check_expected_training_error, fn)
# exact value of the case the success line simulates (n 16, d 6, seed 9, σ 0.7, λ 0.05)
X, w, s, l = C._train_inputs(C.TRAINING_ERROR.cases[1])
print(f"01.4 exact value for the simulated case: {te_ok(X, w, s, l):.4f}; simulation {C._simulated(C.TRAINING_ERROR.cases[1])}")
