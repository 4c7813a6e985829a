"""Section 5.2: does the table start at its targets? And the decay-vs-none error ratios with an independent init.
Own AdamW (closed-form gradient, torch.optim.Adam + decoupled shrink, the PyTorch AdamW order), 1000 x 16, 2000 steps."""
import torch, sys
torch.set_num_threads(1)
sys.path.insert(0, "/work/main")
import d2lmini as d2l
S = d2l.nb06.SETUP
# 1) The notebook's construction, lines 336-340 of nb06.py: target from Generator(seed), E0 from torch.manual_seed(seed)
seed = 1
target = torch.randn(S.vocab, S.emb_dim, generator=torch.Generator().manual_seed(seed))
torch.manual_seed(seed); E0 = torch.nn.Embedding(S.vocab, S.emb_dim).weight.detach()
print(f"notebook construction: max|E0 - target| = {(E0 - target).abs().max():.3g}; initial mean row error {((E0 - target)**2).sum(1).mean():.3g} "
      f"(independent N(0,1) rows: 2*16 = 32)")
run = d2l.nb06.train_embeddings([0.0], S, steps=1)
print(f"train_embeddings after 1 step: rank 101-1000 mean error {run.error[0,100:].mean():.3g}")
# 2) own training, init independent of the target vs init = target
def train(E_init, target, wds, seed_stream=1, steps=S.emb_steps, lazy=False):
    gen = torch.Generator().manual_seed(seed_stream)
    p = 1 / torch.arange(1, S.vocab + 1, dtype=torch.float64); p = (p / p.sum()).float()
    K = len(wds)
    E = E_init.expand(K, *E_init.shape).clone().requires_grad_()
    opt = torch.optim.Adam([E], lr=S.emb_lr)
    shrink = torch.tensor([1 - S.emb_lr * w for w in wds]).reshape(K, 1, 1)
    for _ in range(steps):
        tok = torch.multinomial(p, S.emb_batch, replacement=True, generator=gen)
        noise = S.emb_noise * torch.randn(S.emb_batch, S.emb_dim, generator=gen)
        with torch.no_grad():
            E.grad = torch.zeros_like(E).index_add_(1, tok, (E[:, tok] - target[tok] - noise) / S.emb_batch)
            if lazy:
                seen = torch.zeros(S.vocab, 1, dtype=torch.bool); seen[tok] = True
                E.mul_(torch.where(seen, shrink, torch.ones(())))
            else:
                E.mul_(shrink)
        opt.step()
    return ((E.detach() - target) ** 2).sum(-1)
bins = {"top 10": slice(0, 10), "11-100": slice(10, 100), "101-1000": slice(100, 1000)}
torch.manual_seed(12345); E_ind = torch.nn.Embedding(S.vocab, S.emb_dim).weight.detach()
for name, init in (("init = target (notebook)", E0), ("init independent N(0,1)", E_ind)):
    err = train(init, target, [0.0, 0.1])
    lz = train(init, target, [0.1], lazy=True)
    row = "; ".join(f"{b}: none {err[0, s].mean():.3f}, wd 0.1 {err[1, s].mean():.3f} (x{err[1, s].mean()/err[0, s].mean():.1f}), lazy {lz[0, s].mean():.3f}"
                    for b, s in bins.items())
    print(f"{name:26}: {row}")
