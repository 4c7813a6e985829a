"""Probe 4 (section 6): the grokking claims on seeds the notebook did not run, with a plain nn.Module loop and
torch.optim.AdamW (not the notebook's stacked trainer). Same data split (modular_pairs), same hyperparameters."""
import sys, time
import torch
from torch import nn
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
S = d2l.nb06.SETUP
a, b, y, tr = d2l.nb06.modular_pairs(S)
mask = torch.zeros(len(y), dtype=torch.bool); mask[tr] = True
te = (~mask).nonzero().squeeze(1)

class MLP(nn.Module):
    def __init__(s):
        super().__init__(); s.embed = nn.Embedding(41, 16); s.hidden = nn.Linear(32, 48); s.out = nn.Linear(48, 41)
    def forward(s, a, b):
        return s.out(torch.relu(s.hidden(torch.cat([s.embed(a), s.embed(b)], -1))))

def run(seed, wd, steps=1500):
    torch.manual_seed(seed)
    m = MLP()
    dec = [m.embed.weight, m.hidden.weight, m.out.weight]
    opt = torch.optim.AdamW([{"params": dec, "weight_decay": wd}, {"params": [m.hidden.bias, m.out.bias], "weight_decay": 0.0}], lr=0.02)
    hist = []
    for t in range(1, steps + 1):
        loss = nn.functional.cross_entropy(m(a[tr], b[tr]), y[tr]); opt.zero_grad(); loss.backward(); opt.step()
        if t % 25 == 0:
            with torch.no_grad():
                tra = (m(a[tr], b[tr]).argmax(-1) == y[tr]).float().mean().item()
                tea = (m(a[te], b[te]).argmax(-1) == y[te]).float().mean().item()
                nrm = torch.sqrt(sum(p.square().sum() for p in dec)).item()
            hist.append((t, tra, tea, nrm))
    return hist

t0 = time.time()
for wd, seeds in ((1.0, range(11, 17)), (0.0, range(11, 14))):
    for s in seeds:
        h = run(s, wd)
        first = lambda k: next((t for t, *v in h if v[k] >= 0.99), None)
        peak = max(h, key=lambda r: r[3])
        # test accuracy at the norm's peak, and at the end
        print(f"wd {wd:g} seed {s}: train≥99% at {first(0)}, test≥99% at {first(1)}, final test {h[-1][2]:.3f}, "
              f"norm peak {peak[3]:.1f} at step {peak[0]} (test acc there {peak[2]:.3f}), final norm {h[-1][3]:.1f}; "
              f"min test acc after step 200 {min(r[2] for r in h if r[0] >= 200):.3f}", flush=True)
print(f"chance 1/41 = {1/41:.3f}; time {time.time()-t0:.0f}s")
