"""How stable is the 'test accuracy >= 99% at step N' of section 6? Same seed, same setup, own torch.optim.AdamW
loop; perturb only float rounding: float32 vs float64, and the notebook's own batched trainer (train_grokking)."""
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

def own(seed, dtype, perturb=0.0):
    torch.manual_seed(seed)
    net = d2l.nb06.ModularMLP(S.modulus, 16, 48).to(dtype)
    if perturb:
        g = torch.Generator().manual_seed(99)
        with torch.no_grad():
            for p in net.parameters():
                p.mul_(1 + perturb * torch.randn(p.shape, generator=g, dtype=dtype))
    dec = [net.embed.weight, net.hidden.weight, net.out.weight]
    opt = torch.optim.AdamW([{"params": dec, "weight_decay": 1.0},
                             {"params": [net.hidden.bias, net.out.bias], "weight_decay": 0.0}], lr=S.grok_lr)
    h50 = h99 = None
    for step in range(1, 1501):
        loss = F.cross_entropy(net(a[train], b[train]), y[train])
        opt.zero_grad(); loss.backward(); opt.step()
        if step % 25 == 0:
            with torch.no_grad():
                te = (net(a[test], b[test]).argmax(-1) == y[test]).float().mean().item()
            h50 = h50 or (step if te >= 0.5 else None)
            h99 = h99 or (step if te >= 0.99 else None)
    return h50, h99

t0 = time.time()
g = d2l.nb06.train_grokking(S)
for m, seed in enumerate(g.seeds[:4]):
    f = lambda acc, lv: next((int(g.steps[i]) for i in range(len(acc)) if acc[i] >= lv), None)
    print(f"notebook helper train_grokking, seed {seed}: test≥50% at {f(g.test_acc[:, m], 0.5)}, ≥99% at {f(g.test_acc[:, m], 0.99)}")
print(f"[{time.time()-t0:.0f}s]")
for seed in (1, 2, 3, 4):
    r32, r64, rp = own(seed, torch.float32), own(seed, torch.float64), own(seed, torch.float32, 1e-6)
    print(f"own loop seed {seed}: float32 (50%, 99%) = {r32}, float64 = {r64}, float32 with init × (1 + 1e-6·N(0,1)) = {rp}  [{time.time()-t0:.0f}s]", flush=True)
