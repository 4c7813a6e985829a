"""Probe 7 (section 6): the notebook's own grokking runs (d2l.nb06.train_grokking, its seeds): when does the test accuracy
pass 0.1 and 0.5, against the printed 'test accuracy >= 99%' steps?  Is there a long plateau at chance after the fit?"""
import sys, torch
sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
g = d2l.nb06.train_grokking(S)
def first(acc, lv):
    hit = (acc >= lv).nonzero()
    return int(g.steps[hit[0]]) if len(hit) else None
for m, seed in enumerate(g.seeds):
    if not g.decayed[m]: continue
    acc = g.test_acc[:, m]
    print(f"seed {seed}: train ≥99% at {first(g.train_acc[:, m], .99)}; test ≥0.1 at {first(acc, .1)}, ≥0.5 at {first(acc, .5)}, "
          f"≥0.9 at {first(acc, .9)}, ≥0.99 at {first(acc, .99)}; test acc at steps 200/300/500: "
          f"{[round(float(acc[(g.steps == s).nonzero()[0]]), 3) for s in (200, 300, 500)]}", flush=True)
