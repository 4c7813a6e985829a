"""Probe 4 (section 6): when does the weight norm peak relative to the test-accuracy rise? The notebook says the norm
'first grows while the network memorizes, then shrinks while the test accuracy climbs'. Trains with the notebook's
helper (M.train_grokking, stacked ModularMLPs, AdamW lr 0.02, wd 1) and reads its recorded arrays."""
import sys, math
sys.path.insert(0, "/work/main")
import torch
torch.set_num_threads(1)
import d2lmini as d2l
M = d2l.nb06; S = M.SETUP
g = M.train_grokking(S)
steps = g.steps
for m, seed in enumerate(g.seeds):
    te, nr = g.test_acc[:, m], g.norm[:, m]
    k_peak = int(nr.argmax())
    def first(level):
        hit = (te >= level).nonzero()
        return int(steps[hit[0]]) if len(hit) else None
    print(f"seed {seed} decayed={bool(g.decayed[m])}: norm peak {float(nr.max()):.1f} at step {int(steps[k_peak])}; "
          f"test acc at the peak {float(te[k_peak]):.3f}; test acc first >= 0.1 / 0.5 / 0.99 at steps {first(0.1)} / {first(0.5)} / {first(0.99)}; "
          f"min test acc after step 100: {float(te[steps > 100].min()):.3f}; final norm {float(nr[-1]):.1f}")
n_test = 1681 - 840
for m in range(len(g.seeds)):
    if not g.decayed[m]:
        acc = float(g.test_acc[-1, m]); p = 1 / 41
        z = (acc - p) / math.sqrt(p * (1 - p) / n_test)
        print(f"no-decay seed {g.seeds[m]}: final test acc {acc:.4f} = {round(acc * n_test)} of {n_test}; chance 1/41 -> "
              f"expected {n_test * p:.1f}; z = {z:.1f} (binomial)")
