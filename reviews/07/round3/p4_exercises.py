"""Probe 4: do the public exercise checks reject plausible wrong answers? (runs each check with a wrong function)"""
import os, io, contextlib; os.environ["OMP_NUM_THREADS"] = "1"
import torch; torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.linreg import ridge
C = d2l.checks.nb07
def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf): check(fn)
        res = "ACCEPTED"
    except BaseException as e:  # noqa
        res = f"rejected ({type(e).__name__})"
    out = buf.getvalue().strip().replace("\n", " | ")
    verdict = "ACCEPTED" if ("correct" in out and "not" not in out.split("correct")[0][-20:]) else res
    print(f"{label:55s} -> {verdict:22s} {out[:150]}")
# 07.1
run(C.check_laplace_l1_strength, lambda s, b, n: s**2 / (n * b), "07.1 reference σ²/(nb)")
for lab, f in [("σ²/(2nb)", lambda s, b, n: s**2 / (2 * n * b)), ("2σ²/(nb)", lambda s, b, n: 2 * s**2 / (n * b)),
               ("σ²/b (summed)", lambda s, b, n: s**2 / b), ("σ/(nb)", lambda s, b, n: s / (n * b)),
               ("σ²/(nb²)", lambda s, b, n: s**2 / (n * b * b)), ("Gaussian-analogue σ²/(n b²)·2", lambda s, b, n: 2 * s**2 / (n * b**2))]:
    run(C.check_laplace_l1_strength, f, "07.1 wrong: " + lab)
# 07.2
def gcv_int(X, y, lambdas, plus=1, center=True, half=True, loo=False):
    n = X.shape[0]; lam = torch.as_tensor(lambdas, dtype=X.dtype)
    Xc, yc = (X - X.mean(0), y - y.mean()) if center else (X, y)
    H = Xc @ torch.linalg.solve(Xc.T @ Xc + n * lam[:, None, None] * torch.eye(X.shape[1], dtype=X.dtype), Xc.T)
    if plus: H = H + 1.0 / n
    e = (y[None] - (H @ y[..., None]).squeeze(-1)) if plus else (yc[None] - (H @ yc[..., None]).squeeze(-1))
    if loo: v = (e / (1 - H.diagonal(dim1=-2, dim2=-1)))**2; v = v.mean(-1)
    else: v = (e**2).mean(-1) / (1 - H.diagonal(dim1=-2, dim2=-1).sum(-1) / n)**2
    return v / 2 if half else v
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_int(X, y, l), "07.2 own explicit-hat-matrix answer")
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_int(X, y, l, plus=0), "07.2 wrong: df without the intercept")
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_int(X, y, l, half=False), "07.2 wrong: no ½")
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_int(X, y, l, loo=True), "07.2 wrong: LOO instead of GCV")
def gcv_pen(X, y, l):   # column of ones appended and penalized
    n = X.shape[0]; Z = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1); lam = torch.as_tensor(l, dtype=X.dtype)
    H = Z @ torch.linalg.solve(Z.T @ Z + n * lam[:, None, None] * torch.eye(Z.shape[1], dtype=X.dtype), Z.T)
    e = y[None] - (H @ y[..., None]).squeeze(-1)
    return (e**2).mean(-1) / 2 / (1 - H.diagonal(dim1=-2, dim2=-1).sum(-1) / n)**2
run(C.check_gcv_with_intercept, gcv_pen, "07.2 wrong: penalized intercept")
# 07.3
ref3 = lambda X, y, w0, s, sw: w0 + ridge(X, y - X @ w0, s**2 / (X.shape[0] * sw**2))
run(C.check_map_with_prior_mean, ref3, "07.3 reference")
for lab, f in [("toward zero", lambda X, y, w0, s, sw: ridge(X, y, s**2 / (X.shape[0] * sw**2))),
               ("shift after", lambda X, y, w0, s, sw: w0 + ridge(X, y, s**2 / (X.shape[0] * sw**2))),
               ("summed λ", lambda X, y, w0, s, sw: w0 + ridge(X, y - X @ w0, s**2 / sw**2)),
               ("std not var", lambda X, y, w0, s, sw: w0 + ridge(X, y - X @ w0, s / (X.shape[0] * sw))),
               ("λ/2 convention", lambda X, y, w0, s, sw: w0 + ridge(X, y - X @ w0, s**2 / (2 * X.shape[0] * sw**2)))]:
    run(C.check_map_with_prior_mean, f, "07.3 wrong: " + lab)
# 07.4
ref4 = lambda X, y, s: torch.linalg.solve(X.T @ X / X.shape[0] + torch.diag(s**2), X.T @ y / X.shape[0])
run(C.check_ridge_for_input_noise, ref4, "07.4 reference")
for lab, f in [("one λ = mean s²", lambda X, y, s: ridge(X, y, float((s**2).mean()))),
               ("std not variance", lambda X, y, s: torch.linalg.solve(X.T @ X / X.shape[0] + torch.diag(s), X.T @ y / X.shape[0])),
               ("times n", lambda X, y, s: torch.linalg.solve(X.T @ X / X.shape[0] + X.shape[0] * torch.diag(s**2), X.T @ y / X.shape[0])),
               ("half", lambda X, y, s: torch.linalg.solve(X.T @ X / X.shape[0] + torch.diag(s**2) / 2, X.T @ y / X.shape[0])),
               ("no penalty", lambda X, y, s: torch.linalg.lstsq(X, y).solution)]:
    run(C.check_ridge_for_input_noise, f, "07.4 wrong: " + lab)
