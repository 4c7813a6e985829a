"""Fixer's probe for D1 (exercise 02.1): relative error of CORRECT answers computed in float32 (torch's default
dtype) on every public and hidden case, against the relative gap of every WRONG answer the checks know (the
typical mistakes of grading/nb02.py and the battery's 02.1 entries). A tolerance rel must lie between them."""
import math
import torch

torch.set_num_threads(1)
from d2lmini.checks import nb02 as public
from grading import nb02 as grading
from grading import battery

CASES = [("public", c) for c in public.MOMENTUM_FACTOR.cases] + [("hidden", c) for c in grading.HIDDEN["02.1"]]


def args(c):
    return c["lr"], c["lambd"], c["beta"], c["t"]


def ref(c):
    return grading.momentum_by_sgd(c)[0]


def matpow32(lr, l, b, t):
    A = torch.tensor([[1 - lr * l, -lr * b], [l, b]])
    return float((torch.linalg.matrix_power(A, t) @ torch.tensor([1.0, 0.0]))[0])


def loop32(lr, l, b, t):
    w, v = torch.tensor(1.0), torch.tensor(0.0)
    for _ in range(t):
        v = b * v + l * w
        w = w - lr * v
    return float(w)


def sgd32(lr, l, b, t):
    w = torch.ones(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=b, weight_decay=l)
    for _ in range(t):
        w.grad = torch.zeros_like(w)
        opt.step()
    return float(w.detach())


def eig32(lr, l, b, t):   # closed form by the eigenvalues of A, float32 complex
    A = torch.tensor([[1 - lr * l, -lr * b], [l, b]])
    ev, V = torch.linalg.eig(A)
    return float((V @ torch.diag(ev ** t) @ torch.linalg.inv(V))[0, 0].real)


RIGHT = {"matrix power, float32": matpow32, "loop, float32 tensors": loop32, "torch.optim.SGD, float32": sgd32,
         "eigendecomposition, float32": eig32}
WRONG = dict(battery.battery()["02.1"])    # grading/nb02.py's typical mistakes + the battery's entries
WRONG["off by one (t + 1)"] = lambda lr, l, b, t: grading._recurrence(lr, l, b, t + 1)


def rel(x, r):
    return abs(x / r - 1) if r != 0 else abs(x)


print(f"{'case':<46} {'worst right (float32)':>22} {'nearest wrong':>14}")
worst_right, right_rows = 0.0, []
for kind, c in CASES:
    r = ref(c)
    errs = {k: rel(f(*args(c)), r) for k, f in RIGHT.items()}
    k_max = max(errs, key=errs.get)
    worst_right = max(worst_right, errs[k_max])
    gaps = {k: rel(f(*args(c)), r) for k, f in WRONG.items()}
    gaps = {k: g for k, g in gaps.items() if g > 0}
    k_min = min(gaps, key=gaps.get) if gaps else None
    print(f"{kind} {str(args(c)):<39} {errs[k_max]:>10.1e} ({k_max[:9]}) "
          f"{(gaps[k_min] if k_min else float('nan')):>9.1e} ({k_min})")
print(f"\nworst relative error of a right float32 answer over all cases: {worst_right:.1e}")
for kind in ("public", "hidden"):
    best = {k: max(rel(f(*args(c)), ref(c)) for kd, c in CASES if kd == kind) for k, f in WRONG.items()}
    k = min(best, key=best.get)
    print(f"{kind} cases: every wrong answer is off by at least {best[k]:.1e} on one case (the closest: {k})")
