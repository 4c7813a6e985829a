"""Probe 4: smaller claims: Adam(weight_decay) end point, float32 chaos claim for the moons, library source lines."""
import inspect, math, re, numpy as np, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini as d2l
N = d2l.nb02.SETUP["noisy"]
(Xt, yt), _, _ = d2l.nb02.draw(N, seed=N.data_seed)
X, y = Xt.double(), yt.double().reshape(-1)
Xc, yc = X - X.mean(0), y - y.mean()
def ridge(lam): return torch.linalg.solve(Xc.T @ Xc / len(y) + lam * torch.eye(X.shape[1], dtype=X.dtype), Xc.T @ yc / len(y))
# Adam(weight_decay=wd) on the centered problem, lr decayed so that it settles: does it end at ridge(wd)?
for wd in (0.316, 3.0):
    w = torch.zeros(20, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([w], lr=0.01, weight_decay=wd); sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1 / (1 + t / 500))
    for t in range(20000):
        opt.zero_grad(); (0.5 * ((Xc @ w - yc) ** 2).mean()).backward(); opt.step(); sch.step()
    print(f"Adam(weight_decay={wd}) after 20000 decaying steps: |w - ridge(wd)| = {(w.detach() - ridge(wd)).abs().max():.2g}, "
          f"|w - ridge(wd/2)| = {(w.detach() - ridge(wd/2)).abs().max():.2g}")
    w = torch.zeros(20, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.AdamW([w], lr=0.01, weight_decay=wd); sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1 / (1 + t / 500))
    for t in range(20000):
        opt.zero_grad(); (0.5 * ((Xc @ w - yc) ** 2).mean()).backward(); opt.step(); sch.step()
    g = Xc.T @ (Xc @ w.detach() - yc) / len(y)
    print(f"AdamW(weight_decay={wd}): |w - ridge(wd)| = {(w.detach() - ridge(wd)).abs().max():.2g}; wd*w/(-sign g) range "
          f"[{(wd * w.detach() * -torch.sign(g)).min():.3g}, {(wd * w.detach() * -torch.sign(g)).max():.3g}] (1 = sign-balance fixed point)")
# moons: one network, float32 vs float64, 200 and 1000 steps: how far apart do the logits drift?
M, S = d2l.nb03, d2l.nb03.SETUP
Xr, yr = M.make_moons(S.moons_train, S.moons_noise, S.moons_flip, seed=100)
Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
def train(dtype, steps, lam=1e-3, perturb=0.0):
    net = M.mlp(32, 2, seed=200).to(dtype)
    if perturb:
        with torch.no_grad(): net[0].weight.add_(perturb)
    W = [p for n, p in net.named_parameters() if n.endswith("weight")]; B = [p for n, p in net.named_parameters() if n.endswith("bias")]
    opt = torch.optim.SGD([{"params": W, "weight_decay": lam}, {"params": B, "weight_decay": 0}], lr=0.1, momentum=0.9)
    for _ in range(steps):
        l = nn.functional.binary_cross_entropy_with_logits(net(Xr.to(dtype)).reshape(-1), yr.to(dtype)); opt.zero_grad(); l.backward(); opt.step()
    with torch.no_grad(): return net(Xv.to(dtype)).reshape(-1).double()
for steps in (200, 1000):
    a, b = train(torch.float32, steps), train(torch.float64, steps)
    c = train(torch.float64, steps, perturb=1e-7)
    print(f"moons λ=1e-3, {steps} steps: float32 vs float64 logits max|diff| {(a-b).abs().max():.2g} (val preds differ on {int(((a>0)!=(b>0)).sum())} of 1000); "
          f"float64 with a 1e-7 weight perturbation: {(c-b).abs().max():.2g}")
# library sources
import sklearn.linear_model._sgd_fast as sf, os
src_dir = os.path.dirname(sf.__file__)
print("sklearn _sgd_fast files:", [f for f in os.listdir(src_dir) if f.startswith("_sgd_fast")])
from torch.optim import sgd as _sgd; src = inspect.getsource(_sgd._single_tensor_sgd)
print("torch SGD: dampening used only inside 'if momentum != 0':", bool(re.search(r"if momentum != 0:[\s\S]*dampening", src)),
      "| first step buf = clone(grad):", "torch.clone(grad).detach()" in src)
