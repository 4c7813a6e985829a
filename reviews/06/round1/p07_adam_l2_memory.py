"""Section 4.4, own loop with torch.optim: notebook 02's data (n = 20, d = 200, w0 ~ N(0,1)), lam = 3, lr 0.01,
batch 5, 400 steps; Adam + L2 (beta2 0.999 / 0.9) vs AdamW, over 5 minibatch orders (my own sampler) and 2 inits.
Also: Adam + L2 with beta2 = 0.999 given 4000 steps (is it only slow?), and ridge(lam = 3) / predict-the-mean."""
import math, torch
torch.set_num_threads(1)
torch.manual_seed(0)
true_w = torch.ones(200) * 0.01
X = torch.normal(0.0, 1.0, (220, 200)); yall = X @ true_w + 0.05; yall += 0.01 * torch.randn(220)
Xtr, ytr, Xte, yte = X[:20], yall[:20], X[120:], yall[120:]
def run(cls, beta2, seed, init_seed, steps=400):
    torch.manual_seed(init_seed)
    w, b = torch.randn(200, requires_grad=True), torch.zeros(1, requires_grad=True)
    opt = cls([{"params": [w], "weight_decay": 3.0}, {"params": [b], "weight_decay": 0.0}], lr=0.01, betas=(0.9, beta2))
    g = torch.Generator().manual_seed(seed)
    for t in range(steps):
        idx = torch.randperm(20, generator=g)[:5]
        loss = ((Xtr[idx] @ w + b - ytr[idx]) ** 2 / 2).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    return float(((Xte @ w.detach() + b.detach() - yte) ** 2 / 2).mean()), float(w.detach().norm())
for name, cls, b2, steps in [("Adam + L2, β₂ = 0.999", torch.optim.Adam, 0.999, 400), ("Adam + L2, β₂ = 0.9", torch.optim.Adam, 0.9, 400),
                             ("AdamW,     β₂ = 0.999", torch.optim.AdamW, 0.999, 400), ("Adam + L2, β₂ = 0.999, 4000 steps", torch.optim.Adam, 0.999, 4000)]:
    res = [run(cls, b2, s, i, steps) for i in (1, 2) for s in range(5)]
    tl = torch.tensor([r[0] for r in res]); wn = torch.tensor([r[1] for r in res])
    print(f"{name:34}: test loss median {tl.median():.3g} [min {tl.min():.3g}, max {tl.max():.3g}] over 10 runs; ‖w‖ median {wn.median():.3g}")
# closed-form references: ridge (mean loss/2 + lam/2 ||w||^2, bias free) and the mean
Xc = Xtr - Xtr.mean(0); yc = ytr - ytr.mean()
wr = Xc.T @ torch.linalg.solve(Xc @ Xc.T + 20 * 3.0 * torch.eye(20), yc)
br = ytr.mean() - Xtr.mean(0) @ wr
print(f"ridge λ = 3 (closed form, bias free): test loss {((Xte @ wr + br - yte) ** 2 / 2).mean():.3g}, ‖w‖ {wr.norm():.3g}; "
      f"predict the training mean: {((yte - ytr.mean()) ** 2 / 2).mean():.3g}")
