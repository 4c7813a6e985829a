"""Fixer's probe for the round-3 review of notebook 03: re-measures D2 and D3 (run from the repo root:
PYTHONPATH=. OMP_NUM_THREADS=1 .venv/bin/python reviews/03/round3/fix_probe.py)."""
import json

import torch
from torch import nn

from d2lmini.checks import nb03 as public
from grading import nb03 as grading

torch.set_num_threads(1)
nb = json.load(open("notebooks/03_weight_decay_concise.ipynb"))
solution = "".join(next(c for c in nb["cells"] if c.get("id") == "c056")["source"])
env = {"torch": torch, "nn": nn}
exec(solution, env)
new_l2 = env["l2_term"]
old_l2 = grading.MISTAKES["03.1"]["tied_table_decayed"]          # the round-2 worked solution, written as a mistake

# D2: the review's example, a 6 x 4 table of ones tied to the output layer, lambda = 1, decay_embeddings=False
for head_first in (False, True):
    emb, head = nn.Embedding(6, 4), nn.Linear(4, 6, bias=False)
    with torch.no_grad():
        emb.weight.fill_(1.0)
    head.weight = emb.weight
    model = nn.Sequential(head, emb) if head_first else nn.Sequential(emb, head)
    print(f"D2 tied 6x4 ones, λ = 1, flag False, {'head first' if head_first else 'embedding first'}: "
          f"round-2 solution {float(old_l2(model, 1.0, False).detach()):.4g}, new solution {float(new_l2(model, 1.0, False).detach()):.4g}, "
          f"flag True (new) {float(new_l2(model, 1.0, True).detach()):.4g}")
for c in [case for case in public.L2_TERM.cases if case["model"] == "tied"] + \
         [case for case in grading.HIDDEN["03.1"] if case["model"] == "tied"]:
    ref = grading.l2_reference(c)[0]
    vals = {k: float(f(public.probe_model(c), c["lambd"], c["flag"]).detach()) for k, f in
            [("new solution", new_l2), ("round-2 solution", old_l2),
             ("flag_ignored", grading.MISTAKES["03.1"]["flag_ignored"]),
             ("tied_twice", grading.MISTAKES["03.1"]["tied_twice"])]}
    print(f"D2 case {c}: reference {ref:.6g}; " + ", ".join(f"{k} {v:.6g}" for k, v in vals.items()))

# D3: hand-written SGDW with tau = 1 (beta = 0.9): the weight goes to 0, i.e. lambda = infinity
for tau in (0.5, 1.0):
    w = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9, dampening=tau)
    for _ in range(3000):
        opt.zero_grad()
        ((w - 3.0) ** 2 / 2).sum().backward()     # L(w) = (w - 3)^2 / 2: ridge(λ) ends at 3 / (1 + λ)
        with torch.no_grad():
            w.mul_(1 - 0.1 * 0.5)                  # wd = 0.5
        opt.step()
    lam = 3.0 / float(w.detach()) - 1 if float(w.detach()) != 0 else float("inf")
    print(f"D3 SGDW wd 0.5, β 0.9, τ {tau}: end w = {float(w.detach()):.4g}, the λ with ridge end 3/(1+λ): {lam:.4g}")
exec("".join(next(c for c in nb["cells"] if c.get("id") == "c062")["source"]), env)
print(f"D3 sgdw_lambda(0.5, 0.9, 0.5) = {env['sgdw_lambda'](0.5, 0.9, 0.5):.4g}; "
      f"sgdw_lambda(0.5, 0.9, 1.0) = {env['sgdw_lambda'](0.5, 0.9, 1.0)}")
