"""Exercise 04.3: where do the public and hidden cases' box solutions lie (how many weights strictly inside)?
How many PGD steps does each need? Does a 'corner guess' pass?"""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import io, contextlib, itertools, torch
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import grader
from d2lmini.checks.nb04 import BOX, box_case

HIDDEN_CASES = [{'seed': 31, 'n': 80, 'w_true': [2.0, -0.5], 'mix': 1.2, 'sigma': 0.4, 'c': 0.7},
                {'seed': 32, 'n': 50, 'w_true': [0.8, 1.4, -1.1], 'mix': 0.6, 'sigma': 0.2, 'c': 0.9}]
def exact(q, c):
    d = len(q.b); best = None
    for pat in itertools.product([-1, 0, 1], repeat=d):
        pat = torch.tensor(pat, dtype=torch.float64); free = pat == 0; w = pat * c
        if free.any():
            w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, ~free] @ w[~free])
        if (w.abs() <= c + 1e-12).all():
            L = 0.5 * w @ q.H @ w - q.b @ w
            if best is None or L < best[0]: best = (float(L), w)
    return best[1]
for kind, cases in [("public", BOX.cases), ("hidden", HIDDEN_CASES)]:
    for case in cases:
        q, c = box_case(case)
        w = exact(q, c); what = torch.linalg.solve(q.H, q.b)
        eta = 1 / float(torch.linalg.eigvalsh(q.H).max()); v = torch.zeros_like(q.b); k = 0
        while float((v - w).abs().max()) > 1e-12 and k < 10 ** 6:
            v = torch.clamp(v - eta * q.grad(v), -c, c); k += 1
        ev = torch.linalg.eigvalsh(q.H)
        print(f"{kind} {case}: c={c} w_box={[round(x, 4) for x in w.tolist()]} free={int((w.abs() < c - 1e-9).sum())}/{len(w)} "
              f"w_hat={[round(x, 3) for x in what.tolist()]} clip(w_hat)={[round(x, 3) for x in what.clamp(-c, c).tolist()]} "
              f"PGD steps to 1e-12: {k}  cond(H)={float(ev[-1] / ev[0]):.3g}")
