# Probe 4: the exercise checks against the worked solutions and typical wrong answers (factor 2, n convention,
# std vs variance, df without the intercept, LOO instead of GCV, penalized intercept, shift-after, one λ, ...).
import io, contextlib, math, torch, sys
sys.path.insert(0, '/work/main')
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb07
F64 = torch.float64

def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        res = buf.getvalue().strip().splitlines()
    except Exception as e:
        res = buf.getvalue().strip().splitlines() + [f"EXC {type(e).__name__}: {e}"]
    first = res[0] if res else ''
    print(f"[{label}] -> {first[:170]}")

# 07.1
run(C.check_laplace_l1_strength, lambda s, b, n: s**2/(n*b), "07.1 solution σ²/(nb)")
for lab, f in [("σ²/(2nb)", lambda s,b,n: s**2/(2*n*b)), ("2σ²/(nb)", lambda s,b,n: 2*s**2/(n*b)), ("σ²/b (summed)", lambda s,b,n: s**2/b),
               ("σ/(nb)", lambda s,b,n: s/(n*b)), ("σ²/(nb²)", lambda s,b,n: s**2/(n*b*b)), ("σ²n/b", lambda s,b,n: s**2*n/b)]:
    run(C.check_laplace_l1_strength, f, "07.1 wrong " + lab)

# 07.2
def gcv_sol(X, y, lambdas, df_plus=1, half=True, loo=False, penal=False):
    n = X.shape[0]
    if penal:
        Xc, yc = torch.cat([torch.ones(n, 1, dtype=X.dtype), X], 1), y
    else:
        Xc, yc = X - X.mean(0), y - y.mean()
    lam = torch.as_tensor(lambdas, dtype=F64)
    out = []
    for l in lam:
        H = Xc @ torch.linalg.solve(Xc.T @ Xc + n*l*torch.eye(Xc.shape[1], dtype=F64), Xc.T)
        if not penal: H = H + torch.ones(n, n, dtype=F64)/n
        e = y - (H @ y if penal else (H - torch.ones(n, n, dtype=F64)/n) @ yc + y.mean())
        if loo:
            v = ((e/(1-H.diagonal()))**2).mean()
        else:
            df = H.diagonal().sum() - (0 if df_plus else 1)
            v = (e**2).mean()/(1-df/n)**2
        out.append(v/2 if half else v)
    return torch.stack(out)
run(C.check_gcv_with_intercept, gcv_sol, "07.2 explicit hat-matrix GCV (own)")
run(C.check_gcv_with_intercept, lambda X,y,l: gcv_sol(X,y,l,df_plus=0), "07.2 wrong: df without the intercept")
run(C.check_gcv_with_intercept, lambda X,y,l: gcv_sol(X,y,l,half=False), "07.2 wrong: no ½")
run(C.check_gcv_with_intercept, lambda X,y,l: gcv_sol(X,y,l,loo=True), "07.2 wrong: LOO")
run(C.check_gcv_with_intercept, lambda X,y,l: gcv_sol(X,y,l,penal=True), "07.2 wrong: penalized intercept column")

# 07.3
def map_sol(X, y, w0, s, sw):
    n, d = X.shape; lam = s**2/(n*sw**2)
    return torch.linalg.solve(X.T@X/n + lam*torch.eye(d, dtype=F64), X.T@y/n + lam*w0)
run(C.check_map_with_prior_mean, map_sol, "07.3 own normal equations")
run(C.check_map_with_prior_mean, lambda X,y,w0,s,sw: w0 + d2l.ridge(X, y, s**2/(X.shape[0]*sw**2)), "07.3 wrong: shift after")
run(C.check_map_with_prior_mean, lambda X,y,w0,s,sw: w0 + d2l.ridge(X, y-X@w0, s**2/sw**2), "07.3 wrong: summed λ")
run(C.check_map_with_prior_mean, lambda X,y,w0,s,sw: w0 + d2l.ridge(X, y-X@w0, s/(X.shape[0]*sw)), "07.3 wrong: std not variance")

# 07.4
def noise_sol(X, y, sd):
    n = X.shape[0]; return torch.linalg.solve(X.T@X/n + torch.diag(sd**2), X.T@y/n)
run(C.check_ridge_for_input_noise, noise_sol, "07.4 solution")
run(C.check_ridge_for_input_noise, lambda X,y,sd: torch.linalg.solve(X.T@X/X.shape[0] + torch.diag(sd), X.T@y/X.shape[0]), "07.4 wrong: std not variance")
run(C.check_ridge_for_input_noise, lambda X,y,sd: torch.linalg.solve(X.T@X/X.shape[0] + torch.diag(sd**2)/2, X.T@y/X.shape[0]), "07.4 wrong: half")
run(C.check_ridge_for_input_noise, lambda X,y,sd: d2l.ridge(X, y, float((sd**2).mean())), "07.4 wrong: one λ = mean s²")
run(C.check_ridge_for_input_noise, lambda X,y,sd: torch.linalg.solve(X.T@X + torch.diag(sd**2), X.T@y), "07.4 wrong: summed (no n)")

# 07.2 edge: d > n after centering (rank n-1) with the worked solution from the notebook
import json
nb = json.load(open('/work/main/notebooks/07_choosing_lambda_double_descent.ipynb'))
src = ''.join(nb['cells'][54]['source']); ns = {'torch': torch}; exec(src, ns)
g = torch.Generator().manual_seed(5)
X = torch.randn(12, 20, generator=g, dtype=F64) + 3; y = X[:, 0] + 10 + torch.randn(12, generator=g, dtype=F64)
print("07.2 worked solution, n = 12 < d = 20: ", ns['gcv_with_intercept'](X, y, [1e-3, 1e-1]).tolist(), " own hat matrix:", gcv_sol(X, y, [1e-3, 1e-1]).tolist())
