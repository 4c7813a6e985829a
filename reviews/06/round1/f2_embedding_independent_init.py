"""D2: the embedding experiment with the table drawn independently of its targets (train_embeddings after the fix)."""
import math
import torch
torch.set_num_threads(1)
import d2lmini.nb06 as M
S = M.SETUP
emb = M.train_embeddings(S.emb_wds, S)
k = emb.wds.index(0.1)
print(f"initial row error ||E0 - t||^2: mean {emb.init_error.mean():.2f} (independent N(0,1) rows: 2*16 = 32); ||t||^2 mean {emb.target.square().sum(1).mean():.2f}")
for name, s in {"top 10": slice(0, 10), "ranks 11-100": slice(10, 100), "ranks 101-1000": slice(100, 1000)}.items():
    e0, e1, el = emb.error[0, s], emb.error[k, s], emb.lazy_error[k, s]
    d = e1 - e0
    print(f"{name}: init {emb.init_error[s].mean():.2f}, none {e0.mean():.3f}, wd 0.1 {e1.mean():.3f} (x{e1.mean() / e0.mean():.2f}; paired diff {d.mean():.3f} ± {d.std() / math.sqrt(len(d)):.3f} s.e. over rows), lazy {el.mean():.3f}; norm none {emb.norm[0, s].mean():.2f} wd0.1 {emb.norm[k, s].mean():.2f} (-{1 - emb.norm[k, s].mean() / emb.norm[0, s].mean():.0%})")
for seed in (2, 3):
    e = M.train_embeddings([0.0, 0.1], S, seed=seed)
    print(f"seed {seed}: ranks 101-1000 none {e.error[0, 100:].mean():.3f}, wd 0.1 {e.error[1, 100:].mean():.3f} (x{e.error[1, 100:].mean() / e.error[0, 100:].mean():.2f}), lazy {e.lazy_error[1, 100:].mean():.3f}; top 10 x{e.error[1, :10].mean() / e.error[0, :10].mean():.2f}")
