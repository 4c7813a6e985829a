"""Fixer's probe (round 2 of notebook 03): re-measures what each fix changes.
Run: PYTHONPATH=. OMP_NUM_THREADS=1 .venv/bin/python reviews/03/round2/fix_probe.py  (output: fix_probe.out)."""
import torch
from torch import nn

import d2lmini as d2l
from d2lmini.checks import nb03 as P
from grading import nb03 as G
from tests.notebook_source import taught_function

torch.set_num_threads(1)
NB = "03_weight_decay_concise.ipynb"
M, S = d2l.nb03, d2l.nb03.SETUP

# D1: the Bayes rule on the notebook's own validation and test points
Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
Xs, ys = M.make_moons(S.moons_test, S.moons_noise, S.moons_flip, seed=11)
print(f"D1 Bayes rule: validation points {(M.bayes_rule(Xv) == yv).float().mean():.4f}, test points "
      f"{(M.bayes_rule(Xs) == ys).float().mean():.4f}, fresh data {M.bayes_accuracy()[0]:.4f}; "
      f"grid 2000 vs 200 disagree on {(M.bayes_rule(Xs, grid=2000) != M.bayes_rule(Xs)).sum()} test points")

# D2: the tied model of cell 26 (40 entries of 1, λ = 1)
tied = nn.Sequential(nn.Embedding(10, 4), nn.Linear(4, 10, bias=False))
tied[1].weight = tied[0].weight
with torch.no_grad():
    tied[0].weight.fill_(1.0)
l2_term = taught_function(NB, "l2_term", {"nn": nn, "torch": torch})
print(f"D2 tied table, λ = 1: worked solution now {float(l2_term(tied, 1.0)):.1f} (λ/2 Σ‖W‖² = 20.0; the old one gave 40.0)")
for key in ("tied_twice", "bias_named"):
    for c in P.L2_TERM.cases[4:]:
        got = P.L2_TERM.results(G.MISTAKES["03.1"][key], c)[0]
        print(f"   mistake {key:11s} on the {c['model']} case: {got:.6g} vs reference {G.l2_reference(c)[0]:.6g}")

# D3: hand-written SGDW at β = 0 (the reference runs torch's SGD until it stops)
sgdw = taught_function(NB, "sgdw_lambda")
for wd, beta, tau in [(0.5, 0.0, 0.5), (1.0, 0.0, 0.9), (2.0, 0.9, 0.5)]:
    end = G.sgdw_reference({"wd": wd, "beta": beta, "tau": tau})[0]
    print(f"D3 wd={wd}, β={beta}, τ={tau}: SGDW ends at λ = {end:.6g}; solution {sgdw(wd, beta, tau):.6g}; "
          f"old formula {wd * (1 - beta) / (1 - tau):.6g}")

# D4: param_groups on attention with add_bias_kv=True
attn = nn.MultiheadAttention(4, 2, add_bias_kv=True)
names = {id(p): n for n, p in attn.named_parameters()}
for g in d2l.nb03.param_groups(attn, 0.5):
    print(f"D4 weight_decay={g['weight_decay']:g}: {[names[id(p)] for p in g['params']]}")

# D5: the new public sweep: mean and median pick different λ
for c in P.CHOOSE_AND_TEST.cases[3:]:
    lam, val, test = P.sweep_tables(c)
    km, kd = int(val.mean(0).argmax()), int(val.median(0).values.argmax())
    print(f"D5 mean picks λ = {lam[km]:g} (test {float(test[:, km].mean()):.4f}); median picks λ = {lam[kd]:g} "
          f"(test {float(test[:, kd].mean()):.4f})")
    for key in ("median_choice",):
        print(f"   check on the median rule: {P.CHOOSE_AND_TEST.results(G.MISTAKES['03.4'][key], c)}")
