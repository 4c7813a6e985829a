"""Section 6, the notebook's own run (dumped by p00 from the re-executed copy): how long does test accuracy stay near
chance after the training set is fitted (the definition of grokking the notebook gives in section 6's intro)?"""
import torch
st = torch.load("/tmp/rev06/state.pt", weights_only=False)
g = st["grok"]
steps = g["steps"]
for m in range(len(g["seeds"])):
    tr, te = g["train_acc"][:, m], g["test_acc"][:, m]
    fit = int(steps[(tr >= 0.99).nonzero()[0]])
    above = lambda x: int(steps[(te >= x).nonzero()[0]]) if (te >= x).any() else None
    print(f"seed {g['seeds'][m]} decayed={bool(g['decayed'][m])}: train ≥ 99% at {fit}; test first ≥ 0.1 at {above(0.1)}, ≥ 0.5 at {above(0.5)}, "
          f"≥ 0.99 at {above(0.99)}; test acc at steps 100/200/300: {[round(float(te[(steps == s).nonzero()[0]]), 3) for s in (100, 200, 300)]}")
