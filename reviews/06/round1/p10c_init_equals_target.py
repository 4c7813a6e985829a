"""Does d2l.nb06.train_embeddings start every row AT its target? target = randn(V, D, generator=Generator().manual_seed(seed)),
E0 = nn.Embedding(V, D).weight right after torch.manual_seed(seed): compare the two tensors."""
import torch
from torch import nn
for seed in (1, 11):
    target = torch.randn(1000, 16, generator=torch.Generator().manual_seed(seed))
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        E0 = nn.Embedding(1000, 16).weight.detach()
    print(f"seed {seed}: max |E0 - target| = {(E0 - target).abs().max():.3g}; initial mean row error ‖E0 - t‖² = {(E0 - target).square().sum(1).mean():.3g} "
          f"(independent N(0,1) rows would give 2·16 = 32)")
