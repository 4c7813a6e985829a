"""Probe 3: do the exercise checks (public cases + the hidden graded cases in the notebook) reject wrong answers?"""
import math, io, contextlib, json, re, torch, numpy as np
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import grader
F64 = torch.float64
nb = json.load(open("/work/main/notebooks/04_constrained_vs_penalized.ipynb"))
hidden = {}
for c in nb["cells"]:
    s = "".join(c["source"])
    m = re.search(r"_wdlab_graded\('(04\.\d)', \w+, (.*)\)\ndel _wdlab_graded", s)
    if m:
        hidden[m.group(1)] = eval("[" + m.group(2) + "]")

def verdict(label, check, fn):
    out = []
    try:
        with contextlib.redirect_stdout(io.StringIO()) as so, contextlib.redirect_stderr(io.StringIO()):
            check(fn)
        out.append("public PASS")
    except AssertionError as e:
        hint = str(e).split("Hint: ")[-1][:70]
        out.append(f"public FAIL ({hint})")
    except Exception as e:
        out.append(f"public ERROR {type(e).__name__}: {e}"[:90])
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            grader.grade(label, fn, *hidden[label])
        out.append("hidden PASS")
    except AssertionError as e:
        out.append("hidden FAIL")
    except Exception as e:
        out.append(f"hidden ERROR {type(e).__name__}: {str(e)[:60]}")
    return "; ".join(out)

def run(label, check, variants):
    print(f"=== {label}")
    for name, fn in variants:
        print(f"  {name:<40} {verdict(label, check, fn)}")

C = d2l.checks.nb04
# 04.1
run("04.1", C.check_lambda_isotropic, [
    ("correct max(|b|/sqrt(t)-h,0)", lambda h, b, t: max(float(b.norm()) / t**0.5 - h, 0.0)),
    ("no max (negative when inactive)", lambda h, b, t: float(b.norm()) / t**0.5 - h),
    ("abs instead of max", lambda h, b, t: abs(float(b.norm()) / t**0.5 - h)),
    ("theta not squared |b|/t-h", lambda h, b, t: max(float(b.norm()) / t - h, 0.0)),
    ("squared |b|^2/t-h", lambda h, b, t: max(float(b @ b) / t - h, 0.0)),
    ("no h", lambda h, b, t: float(b.norm()) / t**0.5),
    ("plus h", lambda h, b, t: float(b.norm()) / t**0.5 + h),
    ("|b|/(h sqrt t) - 1", lambda h, b, t: max(float(b.norm()) / (h * t**0.5) - 1, 0.0)),
    ("half-lambda convention 2(|b|/sqrt t-h)", lambda h, b, t: max(2 * (float(b.norm()) / t**0.5 - h), 0.0)),
    ("zero", lambda h, b, t: 0.0),
    ("bisection (another valid method)", lambda h, b, t: (lambda f: 0.0 if f(0) <= 0 else
        __import__("scipy.optimize", fromlist=["brentq"]).brentq(f, 0, 1e6, xtol=1e-15, rtol=1e-15))(
        lambda l: float(b @ b) / (h + l) ** 2 - t)),
])
# 04.2
sgn = torch.sign
run("04.2", C.check_lasso_diagonal, [
    ("correct soft(b,l)/h", lambda h, b, l: sgn(b) * torch.clamp(b.abs() - l, min=0) / h),
    ("threshold after dividing", lambda h, b, l: sgn(b) * torch.clamp(b.abs() / h - l, min=0)),
    ("threshold by l/h after dividing (=correct)", lambda h, b, l: sgn(b) * torch.clamp(b.abs() / h - l / h, min=0)),
    ("hard threshold", lambda h, b, l: torch.where(b.abs() > l, b / h, torch.zeros_like(b))),
    ("ridge b/(h+l)", lambda h, b, l: b / (h + l)),
    ("no division", lambda h, b, l: sgn(b) * torch.clamp(b.abs() - l, min=0)),
    ("half threshold", lambda h, b, l: sgn(b) * torch.clamp(b.abs() - l / 2, min=0) / h),
    ("double threshold", lambda h, b, l: sgn(b) * torch.clamp(b.abs() - 2 * l, min=0) / h),
    ("sign lost", lambda h, b, l: torch.clamp(b.abs() - l, min=0) / h),
    ("unpenalized b/h", lambda h, b, l: b / h),
    ("zeros", lambda h, b, l: torch.zeros_like(b)),
    ("threshold by l*h", lambda h, b, l: sgn(b) * torch.clamp(b.abs() - l * h, min=0) / h),
])
# 04.3
def pgd_box(q, c, tol=1e-14, eta_scale=1.0):
    eta = eta_scale / float(torch.linalg.eigvalsh(q.H).max()); w = torch.zeros_like(q.b)
    for _ in range(200_000):
        wn = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((wn - w).abs().max()) <= tol: return wn
        w = wn
    return wn
def clip_hat(q, c): return torch.clamp(torch.linalg.solve(q.H, q.b), -c, c)
def ball(q, c):
    w = torch.zeros_like(q.b); eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    for _ in range(200_000):
        v = w - eta * q.grad(w); wn = v * min(1.0, c / float(v.norm()))
        if float((wn - w).abs().max()) <= 1e-14: return wn
        w = wn
    return wn
def active_set_once(q, c):      # clip ŵ, then re-solve the free weights once with the clipped ones fixed, clip again
    w = clip_hat(q, c); fixed = w.abs() >= c
    free = ~fixed
    if free.any():
        w = w.clone(); w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, fixed] @ w[fixed])
    return torch.clamp(w, -c, c)
def coord_descent(q, c):        # a valid different method: projected coordinate descent
    w = torch.zeros_like(q.b)
    for _ in range(20000):
        for j in range(len(w)):
            w[j] = float(torch.clamp((q.b[j] - q.H[j] @ w + q.H[j, j] * w[j]) / q.H[j, j], -c, c))
    return w
run("04.3", C.check_box_constrained, [
    ("correct projected GD (tol 1e-14)", pgd_box),
    ("projected GD, loose tol 1e-8", lambda q, c: pgd_box(q, c, tol=1e-8)),
    ("projected coordinate descent", coord_descent),
    ("clip unconstrained minimizer", clip_hat),
    ("ball ||w|| <= c", ball),
    ("unconstrained", lambda q, c: torch.linalg.solve(q.H, q.b)),
    ("zeros", lambda q, c: torch.zeros_like(q.b)),
    ("clip, re-solve free weights once, clip", active_set_once),
])
# 04.4
def soft(v, t): return sgn(v) * torch.clamp(v.abs() - t, min=0)
run("04.4", C.check_elastic_net_prox, [
    ("correct soft(v,e l1)/(1+e l2)", lambda v, e, a, b: soft(v, e * a) / (1 + e * b)),
    ("shrink first, then threshold", lambda v, e, a, b: soft(v / (1 + e * b), e * a)),
    ("threshold by e*l1/(1+e*l2) after shrink (=correct)", lambda v, e, a, b: soft(v / (1 + e * b), e * a / (1 + e * b))),
    ("gradient step on L2 part", lambda v, e, a, b: soft(v, e * a) * (1 - e * b)),
    ("no eta", lambda v, e, a, b: soft(v, a) / (1 + b)),
    ("eta only on l1", lambda v, e, a, b: soft(v, e * a) / (1 + b)),
    ("eta only on l2", lambda v, e, a, b: soft(v, a) / (1 + e * b)),
    ("no l2", lambda v, e, a, b: soft(v, e * a)),
    ("no l1", lambda v, e, a, b: v / (1 + e * b)),
    ("half l2", lambda v, e, a, b: soft(v, e * a) / (1 + e * b / 2)),
    ("identity", lambda v, e, a, b: v.clone()),
    ("zeros", lambda v, e, a, b: torch.zeros_like(v)),
    ("threshold by e*l1*(1+e*l2)", lambda v, e, a, b: soft(v, e * a * (1 + e * b)) / (1 + e * b)),
])
# 04.5
run("04.5", C.check_steps_to_match, [
    ("correct log(l/(h+l))/log(1-eh)", lambda h, e, l: math.log(l / (h + l)) / math.log(1 - e * h)),
    ("approximation 1/(e l)", lambda h, e, l: 1 / (e * l)),
    ("wrong fraction log(h/(h+l))", lambda h, e, l: math.log(h / (h + l)) / math.log(1 - e * h)),
    ("linear log: log((h+l)/l)/(e h)", lambda h, e, l: math.log((h + l) / l) / (e * h)),
    ("sign", lambda h, e, l: -math.log(l / (h + l)) / math.log(1 - e * h)),
    ("ceil of the exact t", lambda h, e, l: float(math.ceil(math.log(l / (h + l)) / math.log(1 - e * h)))),
    ("log(1+eh) in denominator", lambda h, e, l: math.log((h + l) / l) / math.log(1 + e * h)),
])
# Exercise 3's own question on the notebook's §1 problem, c = 0.5
S = d2l.nb04.SETUP
g = torch.Generator().manual_seed(S.seed)
chol = torch.tensor([[1.0, 0.0], [S.rho, (1 - S.rho**2) ** 0.5]], dtype=F64)
X = torch.randn(S.n, 2, generator=g, dtype=F64) @ chol.T
y = X @ torch.tensor(S.w_true, dtype=F64) + S.sigma * torch.randn(S.n, generator=g, dtype=F64)
q = d2l.nb04.Quadratic.from_data(X, y)
print("§1 problem, c = 0.5: box solution", pgd_box(q, 0.5).tolist(), " clipped ŵ", clip_hat(q, 0.5).tolist())
