"""Probe G (fixer): after the D1 fix, do the two wrong 1-s.e. rules of probe C (the s.e. averaged over all λ; walking
up from the best λ and stopping at the first λ outside the band) fail the public check AND the notebook's hidden
graded cases, each with its own hint? Control: the worked solution passes both."""
import contextlib
import io
import json
import math

import torch

from d2lmini.checks import grader
from d2lmini.checks import nb05 as public

torch.set_num_threads(1)
nb = json.load(open("notebooks/05_weight_decay_real_data.ipynb"))
cell = next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "nb05-ex4-check")
line = next(ln for ln in "".join(cell["source"]).splitlines() if ln.startswith("_wdlab_graded('05.4'"))
args = eval(line[len("_wdlab_graded("):-1], {"choose_one_se": None})


def sol4(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se[best])


def pooled_se(lambdas, acc):
    mean = acc.mean(1); se = (acc.std(1) / math.sqrt(acc.shape[1])).mean(); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se)


def contiguous(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax()); k = best
    while k + 1 < len(lambdas) and mean[k + 1] >= mean[best] - se[best]:
        k += 1
    return lambdas[k]


for name, fn in [("worked solution", sol4), ("s.e. averaged over all λ", pooled_se), ("walk up from the best λ", contiguous)]:
    for where, run in [("public", lambda f: public.check_choose_one_se(f)),
                       ("hidden", lambda f: grader.grade(args[0], f, args[2], args[3]))]:
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
                run(fn)
            print(f"{where:>6} 05.4, {name!r}: passed")
        except AssertionError as e:
            print(f"{where:>6} 05.4, {name!r}: FAILED -> {str(e).splitlines()[0][:150]}")
