"""Exercise checks: the worked solutions, plus wrong variants (convention, factor-2, sign, missing case, return-input,
zeros, the ruled-out method, an unconverged iteration). Each is run through the public check and the hidden grader
cases copied from the notebook's hidden-test cells."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import math, io, contextlib, torch
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import grader
HIDDEN = {
 "04.1": ([{'h': 0.4, 'd': 6, 'share': 0.2, 'seed': 4141}, {'h': 3.0, 'd': 2, 'share': 2.5, 'seed': 4142}, {'h': 1.1, 'd': 8, 'share': 0.6, 'seed': 4143}], [{'m': 1, 'v': [['log', 2e-06, 0.812, '4cb030443f8a8ff3']]}, {'m': 1, 'v': [['lin', 2e-12, 0.5, 'f108408d92c69dae']]}, {'m': 1, 'v': [['log', 2e-06, 0.046, '99ac8f4ae3b19df4']]}]),
 "04.2": ([{'d': 9, 'seed': 21, 'scale': 1.5, 'lambd': 0.8}, {'d': 5, 'seed': 22, 'scale': 4.0, 'lambd': 3.0}], [{'m': 9, 'v': [['lin', 2e-06, 0.193, '15172e9a58546b9c'], ['lin', 2e-06, 0.036, '2adf2116092a2090'], ['lin', 2e-06, 0.442, '09e3e0f3bea803e5']], 'z': '27d4675f0c7876a1', 'zt': 1e-09}, {'m': 5, 'v': [['lin', 2e-07, 0.664, '48ddd7c219b3719d'], ['lin', 2e-07, 0.235, '0295efd779fa27e3'], ['lin', 2e-07, 0.085, 'c67d21896969aa3e']], 'z': '1c63b31db583f4b1', 'zt': 1e-09}]),
 "04.3": ([{'seed': 31, 'n': 80, 'w_true': [2.0, -0.5], 'mix': 1.2, 'sigma': 0.4, 'c': 0.7}, {'seed': 32, 'n': 50, 'w_true': [0.8, 1.4, -1.1], 'mix': 0.6, 'sigma': 0.2, 'c': 0.9}], [{'m': 2, 'v': [['log', 2e-06, 0.028, '848a5d4ee7637687'], ['log', 2e-06, 0.028, '4a182d23167ee508']]}, {'m': 3, 'v': [['log', 2e-06, 0.171, '726bd63c032745e4'], ['log', 2e-06, 0.242, '4a379cd3cb7effda'], ['log', 2e-06, 0.242, 'c3a2ac06a251160b']]}]),
 "04.4": ([{'seed': 41, 'd': 9, 'scale': 2.5, 'eta': 0.8, 'l1': 0.7, 'l2': 2.0}, {'seed': 42, 'd': 6, 'scale': 1.0, 'eta': 0.1, 'l1': 5.0, 'l2': 10.0}], [{'m': 9, 'v': [['lin', 2e-06, 0.436, 'a9c0d6cd61dc77c2'], ['lin', 2e-06, 0.742, '5220cbda5d61acf6'], ['lin', 2e-06, 0.494, '8a83ed3823bd4840']], 'z': '66e5cb176f54e794', 'zt': 1e-09}, {'m': 6, 'v': [['lin', 2e-07, 0.047, '97e3a2b21fd96bf0'], ['lin', 2e-07, 0.737, '2bcf7e9369a2f119'], ['lin', 2e-07, 0.772, 'f30d43a31a644bd4']], 'z': '24434eae7feb96d1', 'zt': 1e-09}]),
 "04.5": ([{'h': 1.5, 'eta': 0.2, 'lambd': 0.3}, {'h': 0.01, 'eta': 5.0, 'lambd': 0.002}, {'h': 4.0, 'eta': 0.1, 'lambd': 8.0}], [{'m': 1, 'v': [['log', 2e-06, 0.757, 'b93681b43d674aa0']]}, {'m': 1, 'v': [['log', 2e-06, 0.165, 'fcf68c9b68bac3ba']]}, {'m': 1, 'v': [['log', 2e-06, 0.768, 'adae70536a620946']]}]),
}
CHECK = {"04.1": d2l.checks.nb04.check_lambda_isotropic, "04.2": d2l.checks.nb04.check_lasso_diagonal,
         "04.3": d2l.checks.nb04.check_box_constrained, "04.4": d2l.checks.nb04.check_elastic_net_prox,
         "04.5": d2l.checks.nb04.check_steps_to_match}

def run(label, name, fn):
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            CHECK[label](fn)
        pub = "PASS"
    except AssertionError as e:
        pub = "fail: " + str(e).split("Hint:")[-1].strip()[:90]
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            grader.grade(label, fn, *HIDDEN[label])
        hid = "PASS"
    except AssertionError as e:
        hid = "fail"
    print(f"{label} {name:<42} public {pub:<100} hidden {hid}")

# 04.1
run("04.1", "worked solution", lambda h, b, t: max(float(b.norm()) / t**0.5 - h, 0.0))
run("04.1", "no max(.,0)", lambda h, b, t: float(b.norm()) / t**0.5 - h)
run("04.1", "theta as radius", lambda h, b, t: max(float(b.norm()) / t - h, 0.0))
run("04.1", "factor 2 (penalty lam||w||^2 convention)", lambda h, b, t: max(float(b.norm()) / t**0.5 - h, 0.0) / 2)
run("04.1", "clamp to tiny instead of 0", lambda h, b, t: max(float(b.norm()) / t**0.5 - h, 1e-9))
run("04.1", "bisection (generic, ruled-out)", lambda h, b, t: (lambda f: f(f, 0.0, float(b.norm()) / t**0.5))(
    lambda f, lo, hi: lo if float((b / (h + lo)).pow(2).sum()) <= t else (lo + hi) / 2 if hi - lo < 1e-14 else
    (f(f, (lo + hi) / 2, hi) if float((b / (h + (lo + hi) / 2)).pow(2).sum()) > t else f(f, lo, (lo + hi) / 2))))
# 04.2
st = lambda v, a: torch.sign(v) * torch.clamp(v.abs() - a, min=0)
run("04.2", "worked solution", lambda h, b, l: st(b, l) / h)
run("04.2", "threshold b/h by lam", lambda h, b, l: st(b / h, l))
run("04.2", "threshold b/h by lam/h (equivalent)", lambda h, b, l: st(b / h, l / h))
run("04.2", "ridge b/(h+lam)", lambda h, b, l: b / (h + l))
run("04.2", "half threshold", lambda h, b, l: st(b, l / 2) / h)
run("04.2", "hard threshold", lambda h, b, l: torch.where(b.abs() > l, b / h, torch.zeros_like(b)))
run("04.2", "return zeros", lambda h, b, l: torch.zeros_like(b))
run("04.2", "ISTA 200 steps (approximate zeros?)", lambda h, b, l: (lambda eta: __import__('functools').reduce(
    lambda w, _: st(w - eta * (h * w - b), eta * l), range(200), torch.zeros_like(b)))(1 / float(h.max())))
# 04.3
def pgd_box(q, c, steps=100_000, tol=1e-14, eta_scale=1.0):
    eta = eta_scale / float(torch.linalg.eigvalsh(q.H).max()); w = torch.zeros_like(q.b)
    for _ in range(steps):
        wn = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((wn - w).abs().max()) <= tol: return wn
        w = wn
    return w
def clip_resolve_once(q, c):
    w = torch.clamp(torch.linalg.solve(q.H, q.b), -c, c); free = w.abs() < c
    if free.any():
        fixed = ~free
        w = w.clone(); w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, fixed] @ w[fixed])
    return w
def exact_active_set(q, c):
    """Enumerate all 3^d faces of the box and keep the KKT point (exact solution, d <= 3)."""
    import itertools
    d = len(q.b); best = None
    for pat in itertools.product([-1, 0, 1], repeat=d):
        pat = torch.tensor(pat, dtype=torch.float64); free = pat == 0; w = pat * c
        if free.any():
            w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, ~free] @ w[~free])
        if (w.abs() <= c + 1e-12).all():
            L = 0.5 * w @ q.H @ w - q.b @ w
            if best is None or L < best[0]: best = (float(L), w)
    return best[1]
run("04.3", "worked solution", pgd_box)
run("04.3", "exact (enumerate faces)", exact_active_set)
run("04.3", "clip w_hat", lambda q, c: torch.clamp(torch.linalg.solve(q.H, q.b), -c, c))
run("04.3", "clip, re-solve free once", clip_resolve_once)
run("04.3", "ball projection", lambda q, c: (lambda w: w * min(1.0, c / float(w.norm())))(torch.linalg.solve(q.H, q.b)))
run("04.3", "PGD only 50 steps", lambda q, c: pgd_box(q, c, steps=50))
run("04.3", "PGD only 300 steps", lambda q, c: pgd_box(q, c, steps=300))
run("04.3", "PGD tol 1e-6", lambda q, c: pgd_box(q, c, tol=1e-6))
# 04.4
run("04.4", "worked solution", lambda v, e, l1, l2: st(v, e * l1) / (1 + e * l2))
run("04.4", "shrink first then threshold by eta*l1", lambda v, e, l1, l2: st(v / (1 + e * l2), e * l1))
run("04.4", "shrink, threshold by eta*l1/(1+eta*l2) (equiv)", lambda v, e, l1, l2: st(v / (1 + e * l2), e * l1 / (1 + e * l2)))
run("04.4", "no eta", lambda v, e, l1, l2: st(v, l1) / (1 + l2))
run("04.4", "gradient step on L2 part", lambda v, e, l1, l2: st(v, e * l1) * (1 - e * l2))
run("04.4", "half l2", lambda v, e, l1, l2: st(v, e * l1) / (1 + e * l2 / 2))
run("04.4", "identity", lambda v, e, l1, l2: v)
# 04.5
run("04.5", "worked solution", lambda h, e, l: math.log(l / (h + l)) / math.log(1 - e * h))
run("04.5", "1/(eta*lam)", lambda h, e, l: 1 / (e * l))
run("04.5", "log2 both (equivalent)", lambda h, e, l: math.log2(l / (h + l)) / math.log2(1 - e * h))
run("04.5", "wrong fraction h/(h+l)", lambda h, e, l: math.log(h / (h + l)) / math.log(1 - e * h))
run("04.5", "linearised log", lambda h, e, l: math.log(l / (h + l)) / (-e * h))
run("04.5", "ceil (integer steps)", lambda h, e, l: math.ceil(math.log(l / (h + l)) / math.log(1 - e * h)))
run("04.5", "log(1+h/l)/(eta h)", lambda h, e, l: math.log(1 + h / l) / (e * h))
