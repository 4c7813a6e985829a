"""Probe C: do the two 05.4 variants that the public check accepts also pass the hidden graded cases
(arguments copied from the notebook's hidden-test cell)? And is there any table of the check's own family where they differ?"""
import math, io, contextlib, json
import torch
import d2lmini as d2l
from d2lmini.checks import grader
torch.set_num_threads(1)
nb = json.load(open("/work/main/notebooks/05_weight_decay_real_data.ipynb"))
src = "".join(nb["cells"][52]["source"])
line = next(l for l in src.splitlines() if l.startswith("_wdlab_graded('05.4'"))
args = eval(line[len("_wdlab_graded("):-1], {"choose_one_se": None})
def sol4(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se[best])
def pooled_se(lambdas, acc):
    mean = acc.mean(1); se = (acc.std(1) / math.sqrt(acc.shape[1])).mean(); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se)
def contiguous(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax()); k = best
    while k + 1 < len(lambdas) and mean[k + 1] >= mean[best] - se[best]: k += 1
    return lambdas[k]
for nm, f in [("worked solution", sol4), ("s.e. averaged over all λ", pooled_se), ("walk up from the best λ", contiguous)]:
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            grader.grade(args[0], f, args[2], args[3])
        print(f"hidden 05.4, '{nm}': passed -> {buf.getvalue().strip()[:120]}")
    except AssertionError as e:
        print(f"hidden 05.4, '{nm}': FAILED -> {str(e)[:120]}")
# a table where the rules differ (the sweep of this notebook, section 3, rounded, with a plateau dip)
grid = [0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1]
g = torch.Generator().manual_seed(0)
diff = {"pooled": 0, "contig": 0}
for t in range(2000):
    acc = 0.97 + 0.004 * torch.randn(8, 5, generator=g, dtype=torch.float64) * torch.rand(8, 1, generator=g, dtype=torch.float64) * 2
    acc[-1] -= 0.03
    r = sol4(grid, acc)
    diff["pooled"] += pooled_se(grid, acc) != r; diff["contig"] += contiguous(grid, acc) != r
print(f"random sweep-like tables (8 λ x 5 seeds, heteroscedastic): pooled-s.e. rule differs in {diff['pooled']}/2000, walk-up rule in {diff['contig']}/2000")
# control: a plainly wrong answer must fail the hidden cases (so 'passed' above means something)
try:
    grader.grade(args[0], lambda lambdas, acc: lambdas[0], args[2], args[3]); print("control 'return the first λ': passed (grader is blind!)")
except AssertionError as e:
    print("control 'return the first λ': FAILED as it should ->", str(e)[:100])
