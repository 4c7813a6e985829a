"""Section 5.2, own code: nn.Embedding(1000, 16) trained with torch.optim.AdamW (lr 0.01, dense gradients through
autograd), Zipf(1) tokens, batch 128, 2000 steps, loss 1/2 ||E[v] - t_v - eps||^2 averaged over the batch; 'lazy' =
torch.optim.Adam plus a manual (1 - lr wd) shrink of the rows present in the batch. Two stream seeds."""
import math, torch
from torch import nn
torch.set_num_threads(1)
V, D = 1000, 16
p = 1.0 / torch.arange(1, V + 1, dtype=torch.float64); p = (p / p.sum()).float()
bins = {"top 10": slice(0, 10), "ranks 11-100": slice(10, 100), "ranks 101-1000": slice(100, 1000)}
def run(wd, lazy, seed, steps=2000):
    g = torch.Generator().manual_seed(seed)
    target = torch.randn(V, D, generator=g)
    torch.manual_seed(100 + seed)
    emb = nn.Embedding(V, D)
    opt = (torch.optim.Adam if lazy else torch.optim.AdamW)(emb.parameters(), lr=0.01, **({} if lazy else {"weight_decay": wd}))
    for _ in range(steps):
        tok = torch.multinomial(p, 128, replacement=True, generator=g)
        eps = torch.randn(128, D, generator=g)
        loss = 0.5 * (emb(tok) - target[tok] - eps).square().sum(1).mean()
        opt.zero_grad(); loss.backward()
        if lazy and wd:
            with torch.no_grad():
                seen = torch.zeros(V, dtype=torch.bool); seen[tok] = True
                emb.weight[seen] *= (1 - 0.01 * wd)
        opt.step()
    E = emb.weight.detach()
    return E.norm(dim=1), (E - target).square().sum(1)
for seed in (11, 12):
    print(f"stream seed {seed}")
    for wd, lazy in ((0.0, False), (0.1, False), (0.1, True), (1.0, False), (1.0, True)):
        n, e = run(wd, lazy, seed)
        print(f"  weight_decay {wd:<4g} {'lazy' if lazy else '    '}" + "".join(f"  {k}: norm {n[s].mean():.2f} error {e[s].mean():6.3f}" for k, s in bins.items()), flush=True)
