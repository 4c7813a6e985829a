"""Response to D1: correlation of each rule's log λ with the oracle's log λ, and of both with log ‖w‖², over 10 sets
of 2000 draws (the notebook's selection_study; seed 1 is the notebook's own). ‖w‖² = 2·(predict-0 loss) − σ²."""
import dataclasses
import math

import torch

import d2lmini as d2l

torch.set_num_threads(1)
B = d2l.nb07.SETUP.bayes
rules = ["evidence", "GCV", "LOO", "split"]
res = {r: [] for r in rules}
resw = {r: [] for r in ["oracle"] + rules}


def corr(a, b):
    return float(torch.corrcoef(torch.stack([a, b]))[0, 1])


for seed in range(1, 11):
    sel = d2l.nb07.selection_study(dataclasses.replace(B, seed=seed))
    lo = sel.chosen["oracle"].log10()
    lw = (2 * sel.test["predict 0"] - B.sigma**2).log10()
    line = []
    for r in rules:
        res[r].append(corr(sel.chosen[r].log10(), lo))
        line.append(f"{r} {res[r][-1]:+.3f}")
    for r in ["oracle"] + rules:
        resw[r].append(corr(sel.chosen[r].log10(), lw))
    print(f"seed {seed:2d}: corr with the oracle's log λ: " + ", ".join(line)
          + "; with log‖w‖²: " + ", ".join(f"{r} {resw[r][-1]:+.2f}" for r in resw))
print()
for r in rules:
    t = torch.tensor(res[r])
    print(f"corr({r} log λ, oracle log λ): mean {t.mean():+.3f} ± {t.std() / math.sqrt(len(t)):.3f}, "
          f"range [{t.min():+.3f}, {t.max():+.3f}], max |corr| {t.abs().max():.3f}")
for r in resw:
    t = torch.tensor(resw[r])
    print(f"corr({r} log λ, log‖w‖²): mean {t.mean():+.3f} ± {t.std() / math.sqrt(len(t)):.3f}")
