"""Probe 6: feed the five exercise checks right and wrong answers; a wrong answer that PASSES is a defect."""
import io, math, contextlib
import torch
import d2lmini as d2l
from d2lmini.checks import nb04 as C
torch.set_num_threads(1)
F64 = torch.float64
soft = lambda v, t: torch.sign(v) * torch.clamp(v.abs() - t, min=0)

def run(check, name, fn, expect_pass):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            check(fn)
        res, msg = "PASS", buf.getvalue().strip()
    except AssertionError as e:
        res, msg = "FAIL", str(e).split("Hint:")[-1].strip()[:110]
    except Exception as e:          # a crash is not a verdict
        res, msg = "CRASH", repr(e)[:110]
    flag = "" if (res == "PASS") == expect_pass else "   <-- UNEXPECTED"
    print(f"  [{res}] {name:<58} {msg[:110]}{flag}")

print("Exercise 1 (lambda_isotropic)")
E1 = {
    "correct": (lambda h, b, th: max(float(b.norm()) / th**0.5 - h, 0.0), True),
    "numerical bisection (allowed)": (None, True),
    "no clamp": (lambda h, b, th: float(b.norm()) / th**0.5 - h, False),
    "abs instead of clamp": (lambda h, b, th: abs(float(b.norm()) / th**0.5 - h), False),
    "theta as radius": (lambda h, b, th: max(float(b.norm()) / th - h, 0.0), False),
    "factor 2 (penalty lam||w||^2 without 1/2)": (lambda h, b, th: max((float(b.norm()) / th**0.5 - h) / 2, 0.0), False),
    "L1 norm of b": (lambda h, b, th: max(float(b.abs().sum()) / th**0.5 - h, 0.0), False),
    "returns 0": (lambda h, b, th: 0.0, False),
}
def bisect(h, b, th):
    if float(b @ b) / h**2 <= th: return 0.0
    lo, hi = 0.0, float(b.norm()) / th**0.5
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if float(b @ b) / (h + mid) ** 2 > th else (lo, mid)
    return (lo + hi) / 2
E1["numerical bisection (allowed)"] = (bisect, True)
for k, (f, ok) in E1.items(): run(C.check_lambda_isotropic, k, f, ok)

print("Exercise 2 (lasso_diagonal)")
E2 = {
    "correct": (lambda h, b, l: soft(b, l) / h, True),
    "soft(b/h, lam/h) (same thing)": (lambda h, b, l: soft(b / h, l / h), True),
    "soft(b/h, lam)": (lambda h, b, l: soft(b / h, l), False),
    "threshold 2*lam": (lambda h, b, l: soft(b, 2 * l) / h, False),
    "threshold lam*h": (lambda h, b, l: soft(b, l * h) / h, False),
    "ridge b/(h+lam)": (lambda h, b, l: b / (h + l), False),
    "hard threshold": (lambda h, b, l: (b / h) * (b.abs() > l), False),
    "returns input b": (lambda h, b, l: b, False),
}
for k, (f, ok) in E2.items(): run(C.check_lasso_diagonal, k, f, ok)

print("Exercise 3 (box_constrained)")
def pgd(q, c, steps=100000, eta=None, w0=None, tol=1e-14):
    eta = eta or 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b) if w0 is None else w0.clone()
    for _ in range(steps):
        w_next = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((w_next - w).abs().max()) <= tol: return w_next
        w = w_next
    return w
def clip_resolve_clip(q, c):          # a plausible wrong 'active set without release': clip, re-solve free coords, repeat
    H, b = q.H, q.b
    fixed = torch.zeros_like(b, dtype=torch.bool); w = torch.linalg.solve(H, b)
    for _ in range(10):
        newly = (w.abs() > c) & ~fixed
        if not newly.any(): break
        fixed |= newly
        w = torch.where(fixed, torch.clamp(w, -c, c), w)
        free = ~fixed
        if free.any():
            rhs = b[free] - H[free][:, fixed] @ w[fixed]
            w[free] = torch.linalg.solve(H[free][:, free], rhs)
    return w
def coord_descent(q, c):              # a correct alternative: exact coordinate minimisation with clipping
    w = torch.zeros_like(q.b)
    for _ in range(20000):
        for j in range(len(w)):
            r = q.b[j] - q.H[j] @ w + q.H[j, j] * w[j]
            w[j] = torch.clamp(r / q.H[j, j], -c, c)
    return w
E3 = {
    "correct (PGD + clamp)": (lambda q, c: pgd(q, c), True),
    "coordinate descent + clip (correct alt.)": (coord_descent, True),
    "PGD started at w_hat": (lambda q, c: pgd(q, c, w0=q.minimizer()), True),
    "clip w_hat": (lambda q, c: torch.clamp(q.minimizer(), -c, c), False),
    "clip, re-solve free, repeat (no release)": (clip_resolve_clip, False),
    "PGD only 20 steps": (lambda q, c: pgd(q, c, steps=20), False),
    "PGD 300 steps": (lambda q, c: pgd(q, c, steps=300), None),
    "all weights = c*sign(b)": (lambda q, c: c * torch.sign(q.b), False),
}
for k, (f, ok) in E3.items(): run(C.check_box_constrained, k, f, True if ok is None else ok)

print("Exercise 4 (elastic_net_prox)")
E4 = {
    "correct": (lambda v, e, l1, l2: soft(v, e * l1) / (1 + e * l2), True),
    "soft(v/(1+e l2), e l1/(1+e l2)) (same)": (lambda v, e, l1, l2: soft(v / (1 + e * l2), e * l1 / (1 + e * l2)), True),
    "threshold e*l1/2": (lambda v, e, l1, l2: soft(v, e * l1 / 2) / (1 + e * l2), False),
    "threshold 2*e*l1": (lambda v, e, l1, l2: soft(v, 2 * e * l1) / (1 + e * l2), False),
    "divide by (1 + 2 e l2)": (lambda v, e, l1, l2: soft(v, e * l1) / (1 + 2 * e * l2), False),
    "multiply by exp(-e l2)": (lambda v, e, l1, l2: soft(v, e * l1) * math.exp(-e * l2), False),
}
for k, (f, ok) in E4.items(): run(C.check_elastic_net_prox, k, f, ok)

print("Exercise 5 (steps_to_match)")
E5 = {
    "correct": (lambda h, e, l: math.log(l / (h + l)) / math.log(1 - e * h), True),
    "log1p form (same)": (lambda h, e, l: -math.log1p(h / l) / math.log1p(-e * h), True),
    "h and lam swapped in the ratio": (lambda h, e, l: math.log(h / (h + l)) / math.log(1 - e * h), False),
    "log(1 - e*lam) in the denominator": (lambda h, e, l: math.log(l / (h + l)) / math.log(1 - e * l), False),
    "ceil of the right t": (lambda h, e, l: math.ceil(math.log(l / (h + l)) / math.log(1 - e * h)), False),
    "round of the right t": (lambda h, e, l: round(math.log(l / (h + l)) / math.log(1 - e * h)), False),
}
for k, (f, ok) in E5.items(): run(C.check_steps_to_match, k, f, ok)

# Exercise 3's cases: what is the answer vs the tempting one on the problem the task names (c = 0.5)?
for q, c in C._box_cases():
    right = C._reference_box(q, c)
    print(f"box case c = {c}, d = {len(q.b)}: answer {[round(v, 4) for v in right.tolist()]}, clip(w_hat) "
          f"{[round(v, 4) for v in torch.clamp(q.minimizer(), -c, c).tolist()]}, clip-resolve {[round(v, 4) for v in clip_resolve_clip(q, c).tolist()]}")
