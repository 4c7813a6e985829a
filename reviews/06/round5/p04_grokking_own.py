"""Grokking (section 6) with my own loop: nn.Module + torch.optim.AdamW param groups (decay on embedding and weight
matrices, biases 0), full batch, lr 0.02, 1500 steps. Records train/test accuracy every 25 steps. Questions:
(1) do the DECAYED networks pass through a below-chance memorization phase (summary: 'from memorization (test
accuracy below chance)')? (2) the step numbers quoted in the text; (3) no-decay stays below chance."""
import sys, time
import torch
from torch import nn
from torch.nn import functional as F
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
S = d2l.nb06.SETUP
a, b, y, train = d2l.nb06.modular_pairs(S)
mask = torch.ones(len(y), dtype=torch.bool); mask[train] = False
test = mask.nonzero().flatten()
chance = 1 / S.modulus

class ModularMLP(nn.Module):
    def __init__(self, p, e, h):
        super().__init__()
        self.embed, self.hidden, self.out = nn.Embedding(p, e), nn.Linear(2 * e, h), nn.Linear(h, p)
    def forward(self, a, b):
        return self.out(torch.relu(self.hidden(torch.cat([self.embed(a), self.embed(b)], -1))))

for seed, wd in [(1, 1.0), (3, 1.0), (1, 0.0)]:
    t0 = time.time()
    torch.manual_seed(seed)
    net = ModularMLP(S.modulus, 16, 48)
    dec = [net.embed.weight, net.hidden.weight, net.out.weight]
    opt = torch.optim.AdamW([{"params": dec, "weight_decay": wd},
                             {"params": [net.hidden.bias, net.out.bias], "weight_decay": 0.0}], lr=S.grok_lr)
    hist = []
    for step in range(1, 1501):
        loss = F.cross_entropy(net(a[train], b[train]), y[train])
        opt.zero_grad(); loss.backward(); opt.step()
        if step % 25 == 0:
            with torch.no_grad():
                tr = (net(a[train], b[train]).argmax(-1) == y[train]).float().mean().item()
                te = (net(a[test], b[test]).argmax(-1) == y[test]).float().mean().item()
                nrm = torch.sqrt(sum(p.square().sum() for p in dec)).item()
            hist.append((step, tr, te, nrm))
    fit = next((s for s, tr, te, n in hist if tr >= 0.99), None)
    h50 = next((s for s, tr, te, n in hist if te >= 0.5), None)
    h99 = next((s for s, tr, te, n in hist if te >= 0.99), None)
    mn = min(hist, key=lambda r: r[2])
    below = [s for s, tr, te, n in hist if te < chance]
    print(f"seed {seed}, wd {wd:g}: train≥99% at {fit}, test≥50% at {h50}, test≥99% at {h99}; final test {hist[-1][2]:.3f}, "
          f"norm {hist[-1][3]:.1f} (peak {max(r[3] for r in hist):.1f}); min test acc {mn[2]:.3f} at step {mn[0]}; "
          f"evaluations with test acc < chance ({chance:.3f}): {len(below)} (steps {below[:6]}{'...' if len(below) > 6 else ''})  [{time.time()-t0:.0f}s]")
    print("   test acc at steps 25..300:", [f"{te:.3f}" for s, tr, te, n in hist[:12]])
