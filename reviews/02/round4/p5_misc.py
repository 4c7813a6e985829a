"""Probe 5: (a) does a NON-shuffling DataLoader iterator draw from the global generator (cell 8's claim)?
(b) cell 16's tolerance 1e-3 vs the nearest wrong conventions (penalty without 1/2, penalty lambda/2)."""
import inspect, torch
from torch.utils import data
torch.set_num_threads(1)
dl = data.DataLoader(data.TensorDataset(torch.arange(10.0)), 5, shuffle=False)
torch.manual_seed(0); a = torch.rand(1); torch.manual_seed(0); iter(dl); b = torch.rand(1)
print(f"(a) rand after seeding {a.item():.6f}; after seeding + one non-shuffling iterator {b.item():.6f} -> "
      f"{'iterator consumed the generator' if a.item() != b.item() else 'no draw'}")
src = inspect.getsource(data.dataloader._BaseDataLoaderIter.__init__)
print("    _BaseDataLoaderIter.__init__ line:", [l.strip() for l in src.splitlines() if "_base_seed" in l][:1])
# (b) one step as in cell 16: batch of 5 from N(0,1) data, w_start ~ N(0,1), lr 0.003, lambda 3
torch.manual_seed(0); X = torch.randn(220, 200); y = X @ torch.full((200, 1), 0.01) + 0.05
torch.manual_seed(2); w0 = torch.randn(200, 1)
Xb, yb = X[:5], y[:5]; lr, lam = 0.003, 3.0
g = Xb.T @ (Xb @ w0 - yb) / 5
right = (1 - lr * lam) * w0 - lr * g
for name, fac in [("penalty sum(w^2) (no 1/2): decay 1-2*lr*lam", 2.0), ("penalty lam/4 ||w||^2: decay 1-lr*lam/2", 0.5)]:
    wrong = (1 - fac * lr * lam) * w0 - lr * g
    print(f"(b) {name}: max |diff| from the right step {float((wrong - right).abs().max()):.2e} (cell 16 tol 1e-3)")
