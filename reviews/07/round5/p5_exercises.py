"""Feed wrong answers to the four exercise checks (d2l.checks.nb07.check_*) and see which are accepted."""
import torch, math, io, contextlib
import d2lmini as d2l
torch.set_num_threads(1)
C = d2l.checks.nb07
def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf): check(fn)
        res = buf.getvalue().strip().splitlines()
    except BaseException as e:
        res = (buf.getvalue().strip().splitlines() or ['']) + [f'raised {type(e).__name__}: {str(e)[:150]}']
    verdict = 'ACCEPTED' if any('correct' in l and 'not' not in l.split('correct')[0][-5:] for l in res[:1]) else 'rejected'
    print(f"[{verdict}] {label}: {res[0][:170] if res else ''} | {res[-1][:150] if len(res) > 1 else ''}")
# 07.1
run(C.check_laplace_l1_strength, lambda s, b, n: s**2/(n*b), "07.1 right: s^2/(n b)")
for lab, f in [("2 s^2/(n b)", lambda s, b, n: 2*s**2/(n*b)), ("s^2/(2 n b)", lambda s, b, n: s**2/(2*n*b)),
               ("s^2/b (summed)", lambda s, b, n: s**2/b), ("s^2/(n b^2)", lambda s, b, n: s**2/(n*b*b)),
               ("s/(n b)", lambda s, b, n: s/(n*b)), ("s^2 n / b", lambda s, b, n: s**2*n/b), ("0", lambda s, b, n: 0.0)]:
    run(C.check_laplace_l1_strength, f, "07.1 wrong: " + lab)
# 07.2
def gcv_ok(X, y, lambdas, df_extra=1, center=True, half=True, denom_n=None):
    n = X.shape[0]; Xc, yc = (X - X.mean(0), y - y.mean()) if center else (X, y)
    lam = torch.as_tensor(lambdas, dtype=X.dtype); out = []
    for l in lam:
        H = Xc @ torch.linalg.solve(Xc.T @ Xc + n*l*torch.eye(X.shape[1], dtype=X.dtype), Xc.T)
        e = yc - H @ yc; df = torch.trace(H) + df_extra
        out.append(e.pow(2).mean()/(2 if half else 1)/(1 - df/n)**2)
    return torch.stack(out)
run(C.check_gcv_with_intercept, gcv_ok, "07.2 right (explicit hat matrix, df+1)")
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_ok(X, y, l, df_extra=0), "07.2 wrong: df without the intercept")
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_ok(X, y, l, half=False), "07.2 wrong: no 1/2")
run(C.check_gcv_with_intercept, lambda X, y, l: gcv_ok(X, y, l, df_extra=2), "07.2 wrong: df + 2")
def gcv_loo(X, y, lambdas):
    n = X.shape[0]; Xc, yc = X - X.mean(0), y - y.mean(); out = []
    for l in torch.as_tensor(lambdas, dtype=X.dtype):
        H = Xc @ torch.linalg.solve(Xc.T @ Xc + n*l*torch.eye(X.shape[1], dtype=X.dtype), Xc.T) + 1/n
        e = yc - (H - 1/n) @ yc; out.append(((e/(1 - H.diagonal()))**2).mean()/2)
    return torch.stack(out)
run(C.check_gcv_with_intercept, gcv_loo, "07.2 wrong: LOO with intercept instead of GCV")
# 07.3
def map_ok(X, y, w0, s, sw):
    lam = s**2/(X.shape[0]*sw**2); return w0 + d2l.ridge(X, y - X@w0, lam)
run(C.check_map_with_prior_mean, map_ok, "07.3 right")
run(C.check_map_with_prior_mean, lambda X, y, w0, s, sw: d2l.ridge(X, y, s**2/(X.shape[0]*sw**2)), "07.3 wrong: ignore w0")
run(C.check_map_with_prior_mean, lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y, s**2/(X.shape[0]*sw**2)), "07.3 wrong: shift after")
run(C.check_map_with_prior_mean, lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X@w0, s**2/sw**2), "07.3 wrong: summed lambda")
run(C.check_map_with_prior_mean, lambda X, y, w0, s, sw: w0 + d2l.ridge(X, y - X@w0, s/(X.shape[0]*sw)), "07.3 wrong: std not var")
run(C.check_map_with_prior_mean, lambda X, y, w0, s, sw: w0.clone(), "07.3 wrong: return w0")
# 07.4
def rin(X, y, s, power=2, scale=1.0):
    n = X.shape[0]; return torch.linalg.solve(X.T@X/n + scale*torch.diag(s**power), X.T@y/n)
run(C.check_ridge_for_input_noise, rin, "07.4 right")
run(C.check_ridge_for_input_noise, lambda X, y, s: rin(X, y, s, power=1), "07.4 wrong: diag(s)")
run(C.check_ridge_for_input_noise, lambda X, y, s: rin(X, y, s, scale=0.5), "07.4 wrong: diag(s^2)/2")
run(C.check_ridge_for_input_noise, lambda X, y, s: d2l.ridge(X, y, float((s**2).mean())), "07.4 wrong: one lambda = mean s^2")
run(C.check_ridge_for_input_noise, lambda X, y, s: torch.linalg.solve(X.T@X + torch.diag(s**2), X.T@y), "07.4 wrong: summed loss")
