"""Exercises 04.1-04.5: worked solutions vs independent derivations (edge cases), and wrong answers vs the
visible check and the hidden graded cases (args copied from the notebook's hidden-test cells)."""
import re, json, math, io, contextlib, sys, torch, numpy as np
torch.set_num_threads(1); sys.path.insert(0, '/work/main')
import d2lmini as d2l
from d2lmini.checks import grader
F64 = torch.float64
nb = json.load(open('/work/main/notebooks/04_constrained_vs_penalized.ipynb'))
hidden = {}
for c in nb['cells']:
    src = ''.join(c['source'])
    for line in src.splitlines():
        if line.startswith("_wdlab_graded("):
            args = eval("(" + re.sub(r"^_wdlab_graded\('([0-9.]+)', \w+,", r"'\1', None,", line))
            hidden[args[0]] = (args[2], args[3])
def run(label, fn):
    chk = {'04.1': d2l.checks.nb04.check_lambda_isotropic, '04.2': d2l.checks.nb04.check_lasso_diagonal,
           '04.3': d2l.checks.nb04.check_box_constrained, '04.4': d2l.checks.nb04.check_elastic_net_prox,
           '04.5': d2l.checks.nb04.check_steps_to_match}[label]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out): chk(fn)
        v = "ACCEPT"
    except Exception as e: v = "reject"
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()): grader.grade(label, fn, *hidden[label])
        h = "ACCEPT"
    except BaseException as e: h = "reject"
    return v, h
soft = lambda v, t: torch.sign(v) * torch.clamp(v.abs() - t, min=0)
def pgd_box(q, c, tol=1e-14):
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max()); w = torch.zeros_like(q.b)
    for _ in range(100000):
        wn = torch.clamp(w - eta*q.grad(w), -c, c)
        if float((wn-w).abs().max()) <= tol: return wn
        w = wn
def box_eta_half(q, c):   # correct method, lazier tolerance 1e-9 (a student's plausible choice)
    return pgd_box(q, c, tol=1e-9)
def box_one_pass(q, c):
    w = torch.clamp(torch.linalg.solve(q.H, q.b), -c, c); free = w.abs() < c
    if free.any():
        A = q.H[free][:, free]; rhs = q.b[free] - q.H[free][:, ~free] @ w[~free]; w = w.clone(); w[free] = torch.linalg.solve(A, rhs)
    return w
cands = {
 '04.1': {"solution": lambda h, b, th: max(float(b.norm())/th**0.5 - h, 0.0),
          "no max(.,0)": lambda h, b, th: float(b.norm())/th**0.5 - h,
          "theta as radius": lambda h, b, th: max(float(b.norm())/th - h, 0.0),
          "lambda/2 convention (2x)": lambda h, b, th: 2*max(float(b.norm())/th**0.5 - h, 0.0),
          "summed-loss convention": lambda h, b, th: max(float(b.norm())/th**0.5 - h, 0.0)*1.0001,
          "abs instead of max": lambda h, b, th: abs(float(b.norm())/th**0.5 - h)},
 '04.2': {"solution": lambda h, b, l: soft(b, l)/h,
          "soft(b/h, l)": lambda h, b, l: soft(b/h, l),
          "soft(b, l/h)/h": lambda h, b, l: soft(b, l/h)/h,
          "soft(b,l) no /h": lambda h, b, l: soft(b, l),
          "ridge b/(h+l)": lambda h, b, l: b/(h+l),
          "hard threshold": lambda h, b, l: torch.where(b.abs() > l, b/h, torch.zeros_like(b)),
          "soft(b, 2l)/h": lambda h, b, l: soft(b, 2*l)/h},
 '04.3': {"solution": pgd_box, "tol 1e-9": box_eta_half, "one pass": box_one_pass,
          "clip w_hat": lambda q, c: torch.clamp(torch.linalg.solve(q.H, q.b), -c, c),
          "ball ||w||<=c": lambda q, c: (lambda w: w*min(1, c/float(w.norm())))(torch.linalg.solve(q.H, q.b)),
          "zeros": lambda q, c: torch.zeros_like(q.b)},
 '04.4': {"solution": lambda v, e, l1, l2: soft(v, e*l1)/(1+e*l2),
          "shrink first": lambda v, e, l1, l2: soft(v/(1+e*l2), e*l1),
          "no eta on l2": lambda v, e, l1, l2: soft(v, e*l1)/(1+l2),
          "no eta on l1": lambda v, e, l1, l2: soft(v, l1)/(1+e*l2),
          "half l2": lambda v, e, l1, l2: soft(v, e*l1)/(1+e*l2/2),
          "grad step l2": lambda v, e, l1, l2: soft(v, e*l1)*(1-e*l2),
          "threshold scaled by 1+el2": lambda v, e, l1, l2: soft(v, e*l1/(1+e*l2))/(1+e*l2)},
 '04.5': {"solution": lambda h, e, l: math.log(l/(h+l))/math.log(1-e*h),
          "1/(eta l)": lambda h, e, l: 1/(e*l),
          "linear log": lambda h, e, l: math.log(l/(h+l))/(-e*h),
          "wrong fraction": lambda h, e, l: math.log(h/(h+l))/math.log(1-e*h),
          "log1p(-eh) (same)": lambda h, e, l: math.log(l/(h+l))/math.log1p(-e*h),
          "ceil (integer steps)": lambda h, e, l: math.ceil(math.log(l/(h+l))/math.log(1-e*h)),
          "-log(1+h/l)/log(1-eh)": lambda h, e, l: -math.log1p(h/l)/math.log(1-e*h)},
}
for label, fs in cands.items():
    for name, fn in fs.items():
        v, h = run(label, fn); print(f"{label} {name:<28} visible check: {v:<7} hidden grader: {h}")
# 04.1 independent: isotropic, bisection on ||b/(h+λ)||^2 = θ
b = torch.tensor([0.3, -1.2, 0.5], dtype=F64); hh = 0.7
for th in [0.05, 1.0, float(b@b)/hh**2, 10.0]:
    from scipy.optimize import brentq
    f = lambda l: float(b@b)/(hh+l)**2 - th
    ref = 0.0 if f(0) <= 0 else brentq(f, 0, 1e6, xtol=1e-14)
    print(f"04.1 θ={th:.4g}: solution {cands['04.1']['solution'](hh, b, th):.6g} brentq {ref:.6g}")
# 04.2 independent: brute-force 1-D minimization on a fine grid, including |b|==λ edge
hv = torch.tensor([0.5, 2.0, 1.0, 1.0], dtype=F64); bv = torch.tensor([1.0, -0.3, 0.8, -0.8], dtype=F64); l = 0.8
grid = torch.linspace(-5, 5, 2000001, dtype=F64)
bf = torch.stack([grid[(hv[j]/2*grid**2 - bv[j]*grid + l*grid.abs()).argmin()] for j in range(4)])
print("04.2 solution", cands['04.2']['solution'](hv, bv, l).tolist(), " brute force", bf.tolist())
# 04.4 independent brute force
v = torch.tensor([1.3, -0.2, -2.0], dtype=F64); e, l1, l2 = 0.5, 1.0, 3.0
bf = torch.stack([grid[((grid - v[j])**2/(2*e) + l1*grid.abs() + l2/2*grid**2).argmin()] for j in range(3)])
print("04.4 solution", cands['04.4']['solution'](v, e, l1, l2).tolist(), " brute force", bf.tolist())
# 04.5 independent: GD fraction at the returned t
for h_, e_, l_ in [(0.5, 0.1, 0.2), (0.05, 1.0, 0.01)]:
    t = cands['04.5']['solution'](h_, e_, l_); print(f"04.5 t={t:.5g}: 1-(1-ηh)^t={1-(1-e_*h_)**t:.10f} h/(h+λ)={h_/(h_+l_):.10f}")
# Exercise 3's prediction question on the notebook's own data, c = 0.5
S = d2l.nb04.SETUP; X, y = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed); q = d2l.nb04.Quadratic.from_data(X, y)
print("04.3 notebook data c=0.5: clip(w_hat) =", torch.clamp(torch.linalg.solve(q.H, q.b), -.5, .5).tolist(), " box minimizer =", pgd_box(q, 0.5).tolist())
