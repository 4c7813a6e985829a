"""Feed the five exercise checks right answers written independently and typical wrong ones; a wrong one
that prints 'correct' is a defect of the check."""
import math, io, contextlib, torch
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb04
def run(check, fn, name):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf): check(fn)
        res = "ACCEPTED"
    except AssertionError as e:
        res = "rejected: " + str(e).split("Hint:")[1].strip()[:90]
    except Exception as e:
        res = f"error {type(e).__name__}: {e}"[:100]
    print(f"  {name:<44} {res}")
soft = lambda v, t: torch.sign(v) * torch.clamp(v.abs() - t, min=0)
print("04.1 lambda_isotropic")
for name, f in {
    "RIGHT max(|b|/sqrt(th) - h, 0)": lambda h, b, th: max(float(b.norm()) / th**.5 - h, 0.0),
    "RIGHT by bisection": None,
    "no max (negative when inactive)": lambda h, b, th: float(b.norm()) / th**.5 - h,
    "theta as the norm: |b|/th - h": lambda h, b, th: max(float(b.norm()) / th - h, 0.0),
    "squared: |b|^2/th - h": lambda h, b, th: max(float(b @ b) / th - h, 0.0),
    "no h": lambda h, b, th: float(b.norm()) / th**.5,
    "+h": lambda h, b, th: float(b.norm()) / th**.5 + h,
    "penalty lam|w|^2 (no 1/2): /2": lambda h, b, th: max((float(b.norm()) / th**.5 - h) / 2, 0.0),
    "abs instead of max": lambda h, b, th: abs(float(b.norm()) / th**.5 - h),
    "zero": lambda h, b, th: 0.0,
}.items():
    if f is None:
        def f(h, b, th):
            lo, hi = 0.0, float(b.norm()) / th**.5
            if float(b @ b) / h**2 <= th: return 0.0
            for _ in range(200):
                m = (lo + hi) / 2
                lo, hi = (m, hi) if float(b @ b) / (h + m) ** 2 > th else (lo, m)
            return (lo + hi) / 2
    run(C.check_lambda_isotropic, f, name)
print("04.2 lasso_diagonal")
for name, f in {
    "RIGHT soft(b, lam)/h": lambda h, b, l: soft(b, l) / h,
    "RIGHT soft(b/h, lam/h)": lambda h, b, l: soft(b / h, l / h),
    "threshold after dividing soft(b/h, lam)": lambda h, b, l: soft(b / h, l),
    "ridge b/(h+lam)": lambda h, b, l: b / (h + l),
    "no division": lambda h, b, l: soft(b, l),
    "hard threshold": lambda h, b, l: torch.where(b.abs() > l, b / h, torch.zeros_like(b)),
    "half threshold soft(b, lam/2)/h": lambda h, b, l: soft(b, l / 2) / h,
    "double threshold soft(b, 2lam)/h": lambda h, b, l: soft(b, 2 * l) / h,
    "sign lost": lambda h, b, l: torch.clamp(b.abs() - l, min=0) / h,
    "unpenalized b/h": lambda h, b, l: b / h,
    "zeros": lambda h, b, l: torch.zeros_like(b),
}.items():
    run(C.check_lasso_diagonal, f, name)
print("04.3 box_constrained")
def pgd_box(q, c, steps=100_000, tol=1e-14, eta=None):
    eta = eta or 1 / float(torch.linalg.eigvalsh(q.H).max()); w = torch.zeros_like(q.b)
    for _ in range(steps):
        wn = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((wn - w).abs().max()) <= tol: return wn
        w = wn
    return w
def cd_box(q, c):   # own coordinate descent
    w = torch.zeros_like(q.b)
    for _ in range(100000):
        old = w.clone()
        for j in range(len(w)):
            r = q.b[j] - q.H[j] @ w + q.H[j, j] * w[j]
            w[j] = torch.clamp(r / q.H[j, j], -c, c)
        if float((w - old).abs().max()) < 1e-15: break
    return w
def clip_resolve(q, c, reclip):
    w = torch.clamp(torch.linalg.solve(q.H, q.b), -c, c)
    fixed = w.abs() >= c; free = ~fixed
    if free.any():
        rhs = q.b[free] - q.H[free][:, fixed] @ w[fixed]
        w[free] = torch.linalg.solve(q.H[free][:, free], rhs)
    return torch.clamp(w, -c, c) if reclip else w
def ball(q, c, sq):
    th = c if sq else c * c; w = torch.zeros_like(q.b); eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    for _ in range(100000):
        v = w - eta * q.grad(w); wn = v * min(1.0, th**.5 / float(v.norm()))
        if float((wn - w).abs().max()) <= 1e-14: return wn
        w = wn
    return w
for name, f in {
    "RIGHT projected GD": pgd_box,
    "RIGHT coordinate descent": cd_box,
    "clip the unconstrained minimizer": lambda q, c: torch.clamp(torch.linalg.solve(q.H, q.b), -c, c),
    "clip, re-solve free weights once": lambda q, c: clip_resolve(q, c, False),
    "clip, re-solve once, clip again": lambda q, c: clip_resolve(q, c, True),
    "ball |w| <= c": lambda q, c: ball(q, c, False),
    "ball |w|^2 <= c": lambda q, c: ball(q, c, True),
    "unconstrained": lambda q, c: torch.linalg.solve(q.H, q.b),
    "zeros": lambda q, c: torch.zeros_like(q.b),
    "projected GD, only 20 steps": lambda q, c: pgd_box(q, c, steps=20),
    "projected GD, only 100 steps": lambda q, c: pgd_box(q, c, steps=100),
    "projected GD, stops at change < 1e-6": lambda q, c: pgd_box(q, c, tol=1e-6),
}.items():
    run(C.check_box_constrained, f, name)
print("04.4 elastic_net_prox")
for name, f in {
    "RIGHT soft(v, e l1)/(1+e l2)": lambda v, e, l1, l2: soft(v, e * l1) / (1 + e * l2),
    "shrink first soft(v/(1+e l2), e l1)": lambda v, e, l1, l2: soft(v / (1 + e * l2), e * l1),
    "gradient step on L2: *(1 - e l2)": lambda v, e, l1, l2: soft(v, e * l1) * (1 - e * l2),
    "no eta": lambda v, e, l1, l2: soft(v, l1) / (1 + l2),
    "eta only on l1": lambda v, e, l1, l2: soft(v, e * l1) / (1 + l2),
    "half l2: /(1 + e l2/2)": lambda v, e, l1, l2: soft(v, e * l1) / (1 + e * l2 / 2),
    "threshold e l1/(1+e l2), then divide": lambda v, e, l1, l2: soft(v, e * l1 / (1 + e * l2)) / (1 + e * l2),
    "no l2": lambda v, e, l1, l2: soft(v, e * l1),
    "no l1": lambda v, e, l1, l2: v / (1 + e * l2),
    "identity": lambda v, e, l1, l2: v.clone(),
    "zeros": lambda v, e, l1, l2: torch.zeros_like(v),
}.items():
    run(C.check_elastic_net_prox, f, name)
print("04.5 steps_to_match")
for name, f in {
    "RIGHT log(lam/(h+lam))/log(1-eta h)": lambda h, e, l: math.log(l / (h + l)) / math.log(1 - e * h),
    "approximation 1/(eta lam)": lambda h, e, l: 1 / (e * l),
    "linear log": lambda h, e, l: -math.log(l / (h + l)) / (e * h),
    "wrong fraction log(h/(h+lam))": lambda h, e, l: math.log(h / (h + l)) / math.log(1 - e * h),
    "sign": lambda h, e, l: -math.log(l / (h + l)) / math.log(1 - e * h),
    "rounded up to an integer": lambda h, e, l: float(math.ceil(math.log(l / (h + l)) / math.log(1 - e * h))),
    "log(1+h/lam)/(eta h) (continuous time)": lambda h, e, l: math.log(1 + h / l) / (e * h),
}.items():
    run(C.check_steps_to_match, f, name)
