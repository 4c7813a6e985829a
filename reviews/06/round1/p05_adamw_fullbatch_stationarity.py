"""Section 4.3, full batch: is the AdamW end point after 300 steps at its stationary point (ridge with per-coordinate
penalty lam*sqrt(v_hat_j)), or short of it (early stopping from w = 0)? Same data recipe as the notebook
(torch.Generator seed 0: X ~ N(0,1) (200, 20), y = X 0.3 + N(0,1)), own code, torch.optim."""
import math
import numpy as np
import torch
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(0)
n, d = 200, 20
X = torch.randn(n, d, generator=gen); y = X @ torch.full((d,), 0.3) + torch.randn(n, generator=gen)
Xn, yn = X.double().numpy(), y.double().numpy()
A, bvec = Xn.T @ Xn / n, Xn.T @ yn / n
grid = np.logspace(-4, 1, 201)
path = np.stack([np.linalg.solve(A + l * np.eye(d), bvec) for l in grid])
nearest = lambda w: grid[((path - w) ** 2).sum(1).argmin()]
w_ls = np.linalg.solve(A, bvec)
def run(cls, T, wd, sched=True, betas=(0.9, 0.999)):
    w = torch.zeros(d, requires_grad=True)
    opt = cls([w], lr=0.01, weight_decay=wd, betas=betas)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, (lambda t: 0.5 * (1 + math.cos(math.pi * t / T)) if t < T else 0.0) if sched else (lambda t: 1.0))
    for t in range(T):
        loss = ((X @ w - y) ** 2).mean() / 2
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    st = opt.state[w]
    rv = (st["exp_avg_sq"] / (1 - betas[1] ** float(st["step"]))).sqrt().double().numpy()
    return w.detach().double().numpy(), rv
print(f"least squares ‖w_LS‖ = {np.linalg.norm(w_ls):.4f}")
for T in (300, 2000):
    w, rv = run(torch.optim.AdamW, T, 0.1)
    w_stat = np.linalg.solve(A + np.diag(0.1 * rv), bvec)                     # where lam*sqrt(v_hat) says it should be
    grad = A @ w - bvec
    w0, rv0 = run(torch.optim.Adam, T, 0.0)                                    # the same budget, NO decay at all
    print(f"AdamW full batch, {T} steps: nearest ridge λ {nearest(w):.3g}; λ·median √v̂ {0.1 * np.median(rv):.3g}; "
          f"‖w_end - w_stationary(λ√v̂)‖ = {np.linalg.norm(w - w_stat):.3g}, ‖w_end - w_LS‖ = {np.linalg.norm(w - w_ls):.3g}; "
          f"‖∇L(w_end)‖ = {np.linalg.norm(grad):.3g}, ‖λ√v̂·w_end‖ = {np.linalg.norm(0.1 * rv * w):.3g}")
    print(f"   Adam with weight_decay = 0, same {T}-step cosine budget: nearest ridge λ {nearest(w0):.3g}, ‖w_end - w_LS‖ = {np.linalg.norm(w0 - w_ls):.3g}")
w, rv = run(torch.optim.AdamW, 20000, 0.1, sched=False)
print(f"AdamW full batch, constant lr, 20000 steps: nearest ridge λ {nearest(w):.3g}; λ·median √v̂ {0.1 * np.median(rv):.3g}")
