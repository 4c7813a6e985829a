"""Section 6, own code: nn.Module per network, torch.optim.AdamW with parameter groups (embedding and both weight
matrices weight_decay = 1, biases 0), full batch, lr 0.02, 1500 steps; the notebook's split recipe (randperm of 1681 with
Generator(0), first 840 train). Seeds 1-8 with decay, 1-2 without. When does the norm peak, and what is the test
accuracy then? Does the norm fall while test accuracy rises?"""
import math, time, torch
from torch import nn
import torch.nn.functional as F
torch.set_num_threads(1)
p = 41
a, b = torch.arange(p).repeat_interleave(p), torch.arange(p).repeat(p)
y = (a + b) % p
perm = torch.randperm(p * p, generator=torch.Generator().manual_seed(0))
tr, te = perm[:840], perm[840:]
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed, self.hidden, self.out = nn.Embedding(p, 16), nn.Linear(32, 48), nn.Linear(48, p)
    def forward(self, a, b):
        return self.out(torch.relu(self.hidden(torch.cat([self.embed(a), self.embed(b)], -1))))
def run(seed, wd, steps=1500):
    torch.manual_seed(seed)
    net = Net()
    dec = [net.embed.weight, net.hidden.weight, net.out.weight]
    opt = torch.optim.AdamW([{"params": dec, "weight_decay": wd}, {"params": [net.hidden.bias, net.out.bias], "weight_decay": 0.0}], lr=0.02)
    hist = []
    for step in range(1, steps + 1):
        loss = F.cross_entropy(net(a[tr], b[tr]), y[tr])
        opt.zero_grad(); loss.backward(); opt.step()
        if step % 25 == 0:
            with torch.no_grad():
                acc = [(net(a[i], b[i]).argmax(-1) == y[i]).float().mean().item() for i in (tr, te)]
                norm = math.sqrt(sum(float(t.square().sum()) for t in dec))
            hist.append((step, *acc, norm))
    return torch.tensor(hist)
t0 = time.time()
for wd, seeds in ((1.0, range(1, 9)), (0.0, (1, 2))):
    for s in seeds:
        h = run(s, wd)
        st, tra, tea, nrm = h.T
        first = lambda x: int(st[(x >= 0.99).nonzero()[0]]) if (x >= 0.99).any() else None
        k = int(nrm.argmax())
        # test accuracy at fixed steps, to see the shape of the curve
        at = {int(st[i]): round(float(tea[i]), 3) for i in range(len(st)) if int(st[i]) in (100, 200, 300, 500, 800, 1100, 1500)}
        print(f"wd {wd:g} seed {s}: train≥99% at {first(tra)}, test≥99% at {first(tea)}; final test {tea[-1]:.3f}, norm {nrm[-1]:.1f}; "
              f"norm peaks {nrm[k]:.1f} at step {int(st[k])} (test acc there {tea[k]:.3f}); test acc at steps {at}", flush=True)
print(f"({time.time() - t0:.0f} s)")
