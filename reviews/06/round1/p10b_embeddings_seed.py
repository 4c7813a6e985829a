"""Why does p10 find a no-decay rare-row error near 1.5 where the notebook prints 0.43? Run the notebook's
d2l.nb06.train_embeddings (seed 1 = the notebook's, and seeds 11, 12) and p10's own AdamW code on the notebook's exact
stream (target and tokens from Generator(1), E0 from torch.manual_seed(1))."""
import sys, torch
from torch import nn
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
M, S = d2l.nb06, d2l.nb06.SETUP
bins = {"top 10": slice(0, 10), "ranks 11-100": slice(10, 100), "ranks 101-1000": slice(100, 1000)}
for seed in (1, 11, 12):
    emb = M.train_embeddings((0.0, 0.1), S, seed=seed)
    for k, wd in enumerate(emb.wds):
        print(f"d2l train_embeddings seed {seed:2d}, wd {wd:<4g}" + "".join(f"  {n}: norm {emb.norm[k, s].mean():.2f} error {emb.error[k, s].mean():6.3f}" for n, s in bins.items()), flush=True)
V, D = 1000, 16
p = M.zipf(V)
def own(wd, seed=1, steps=2000):
    g = torch.Generator().manual_seed(seed)
    target = torch.randn(V, D, generator=g)
    torch.manual_seed(seed)
    emb = nn.Embedding(V, D)
    opt = torch.optim.AdamW(emb.parameters(), lr=0.01, weight_decay=wd)
    for _ in range(steps):
        tok = torch.multinomial(p, 128, replacement=True, generator=g)
        eps = torch.randn(128, D, generator=g)
        loss = 0.5 * (emb(tok) - target[tok] - eps).square().sum(1).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    E = emb.weight.detach()
    return E.norm(dim=1), (E - target).square().sum(1)
for wd in (0.0, 0.1):
    n, e = own(wd)
    print(f"own AdamW code, notebook's stream (seed 1), wd {wd:<4g}" + "".join(f"  {k}: norm {n[s].mean():.2f} error {e[s].mean():6.3f}" for k, s in bins.items()), flush=True)
