"""Ex 04.3 hidden cases: the exact box-constrained minimizer by enumerating active sets (independent of any
iteration), compared with the worked solution; and the hidden grader's verdict on exact solvers and on the
wrong answers the success line says are rejected."""
import itertools, json, io, contextlib, torch, numpy as np
torch.set_num_threads(1)
from d2lmini.checks import nb04 as C, grader
nb = json.load(open("/work/main/notebooks/04_constrained_vs_penalized.ipynb"))
src = "".join(nb["cells"][60]["source"]); line = [l for l in src.splitlines() if l.startswith("_wdlab_graded('04.3'")][0]
hidden_cases, hidden_fp = eval(line[len("_wdlab_graded('04.3', box_constrained, "):-1])
def exact(q, c):
    H, b = q.H.numpy(), q.b.numpy(); d = len(b); best = None
    for pattern in itertools.product((-1, 0, 1), repeat=d):       # -1/+1: at -c/+c, 0: free
        w = np.array([p * c for p in pattern], float); free = [j for j in range(d) if pattern[j] == 0]
        if free:
            fixed = [j for j in range(d) if pattern[j] != 0]
            w[free] = np.linalg.solve(H[np.ix_(free, free)], b[free] - H[np.ix_(free, fixed)] @ w[fixed])
        if np.all(np.abs(w) <= c + 1e-12):
            L = 0.5 * w @ H @ w - b @ w
            if best is None or L < best[0]: best = (L, w)
    return torch.tensor(best[1])
def worked(q, c):   # the notebook's worked solution, verbatim
    eta = 1 / float(torch.linalg.eigvalsh(q.H).max())
    w = torch.zeros_like(q.b)
    for _ in range(100_000):
        w_next = torch.clamp(w - eta * q.grad(w), -c, c)
        if float((w_next - w).abs().max()) <= 1e-14:
            return w_next
        w = w_next
    raise RuntimeError("not converged")
for label, cases in [("public", C.BOX.cases), ("hidden", hidden_cases)]:
    for case in cases:
        q, c = C.box_case(case); we, ww = exact(q, c), worked(q, c)
        print(f"{label} seed {case['seed']}: exact {np.round(we.numpy(), 6)}  worked {np.round(ww.numpy(), 6)}  max diff {float((we - ww).abs().max()):.1e}"
              f"  clip(w_hat) {np.round(torch.clamp(torch.linalg.solve(q.H, q.b), -c, c).numpy(), 4)}")
def clip_resolve(q, c, reclip):
    w = torch.clamp(torch.linalg.solve(q.H, q.b), -c, c)
    fixed = w.abs() >= c; free = ~fixed
    if free.any():
        w[free] = torch.linalg.solve(q.H[free][:, free], q.b[free] - q.H[free][:, fixed] @ w[fixed])
    return torch.clamp(w, -c, c) if reclip else w
for name, f in [("exact (active sets)", exact), ("worked solution", worked),
                ("clip w_hat", lambda q, c: torch.clamp(torch.linalg.solve(q.H, q.b), -c, c)),
                ("clip, re-solve once", lambda q, c: clip_resolve(q, c, False)),
                ("clip, re-solve once, re-clip", lambda q, c: clip_resolve(q, c, True))]:
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            grader.grade("04.3", f, hidden_cases, hidden_fp)
        print(f"hidden grader: {name:<30} full marks")
    except AssertionError as e:
        print(f"hidden grader: {name:<30} {str(e)[:80]}")
