"""Section 4.3, own code: torch.optim.Adam(weight_decay) vs torch.optim.AdamW on y = X w* + noise (n = 200, d = 20,
w* = 0.3, sigma = 1), lam = 0.1, lr 0.01 with a cosine LambdaLR to 0, start 0; my own minibatch sampler and seeds
(not d2l's), my own ridge path in numpy. Reports the nearest-ridge lambda (40 per decade) and lam * median sqrt(v_hat)."""
import math, time
import numpy as np
import torch
torch.set_num_threads(1)
g = torch.Generator().manual_seed(12345)
n, d = 200, 20
X = torch.randn(n, d, generator=g); y = X @ torch.full((d,), 0.3) + torch.randn(n, generator=g)
Xn, yn = X.double().numpy(), y.double().numpy()
grid = np.logspace(-4, 1, 201)
A, bvec = Xn.T @ Xn / n, Xn.T @ yn / n
path = np.stack([np.linalg.solve(A + l * np.eye(d), bvec) for l in grid])
def nearest(w):
    return grid[((path - w) ** 2).sum(1).argmin()]
def run(decoupled, T, B, seed):
    w = torch.zeros(d, requires_grad=True)
    opt = (torch.optim.AdamW if decoupled else torch.optim.Adam)([w], lr=0.01, weight_decay=0.1)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 0.5 * (1 + math.cos(math.pi * t / T)) if t < T else 0.0)
    gs = torch.Generator().manual_seed(777 + seed)
    for t in range(T):
        idx = torch.arange(n) if B == n else torch.randperm(n, generator=gs)[:B]
        loss = ((X[idx] @ w - y[idx]) ** 2).mean() / 2
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    st = opt.state[w]
    vhat = st["exp_avg_sq"] / (1 - 0.999 ** float(st["step"]))
    return w.detach().double().numpy(), vhat.sqrt().median().item()
t0 = time.time()
print(f"{'batch':>5} {'steps':>5} {'Adam+L2 eff λ (median [min,max])':>34} {'AdamW eff λ':>28} {'λ·med √v̂':>10}")
for B in (200, 40, 10):
    for T in (300, 2000):
        res = {}
        for dec in (False, True):
            effs, rv = [], []
            for s in range(1 if B == n else 8):
                w, r = run(dec, T, B, s)
                effs.append(nearest(w)); rv.append(r)
            res[dec] = (np.median(effs), min(effs), max(effs), np.median(rv))
        a, w_ = res[False], res[True]
        print(f"{B:>5} {T:>5} {a[0]:>14.3g} [{a[1]:.3g}, {a[2]:.3g}] {w_[0]:>14.3g} [{w_[1]:.3g}, {w_[2]:.3g}] {0.1 * w_[3]:>10.3g}", flush=True)
print(f"({time.time() - t0:.0f} s)")
