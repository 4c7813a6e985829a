"""Probe 2: section 8 (two moons) with my own training loop, my own Bayes rule, and 20 fresh seeds."""
import math, time, numpy as np, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini as d2l
M, S = d2l.nb03, d2l.nb03.SETUP
t0 = time.time()

def posterior1(X, noise=0.25, G=2000):      # P(class 1 | x), my own midpoint rule, numpy float64
    t = (np.arange(G) + 0.5) / G * np.pi
    c0 = np.stack([np.cos(t), np.sin(t)], 1); c1 = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)
    def logp(c):
        d2 = ((X[:, None, :] - c[None]) ** 2).sum(-1)
        a = -d2 / (2 * noise ** 2); m = a.max(1, keepdims=True)
        return (m[:, 0] + np.log(np.exp(a - m).sum(1)))
    return 1 / (1 + np.exp(logp(c0) - logp(c1)))

def my_moons(n, rng, noise=0.25, flip=0.1):
    t = rng.uniform(0, np.pi, n); lab = (np.arange(n) >= n // 2).astype(float)
    X = np.where(lab[:, None] == 0, np.stack([np.cos(t), np.sin(t)], 1), np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1))
    X = X + noise * rng.standard_normal((n, 2)); fl = rng.uniform(size=n) < flip
    return X, np.where(fl, 1 - lab, lab), lab

rng = np.random.default_rng(123)
Xb, yb, clean = my_moons(100000, rng)
pb = np.concatenate([posterior1(Xb[i:i + 5000]) for i in range(0, len(Xb), 5000)])
right = ((pb > 0.5) == yb)
print(f"Bayes rule on 100000 own fresh noisy points: {right.mean():.4f} +- {right.std()/np.sqrt(len(right)):.4f}; on clean labels {((pb > 0.5) == clean).mean():.4f}")

Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
Xs, ys = M.make_moons(S.moons_test, S.moons_noise, S.moons_flip, seed=11)
print(f"Bayes rule on the notebook's val / test points: {((posterior1(Xv.double().numpy())>0.5)==yv.numpy()).mean():.4f} / {((posterior1(Xs.double().numpy())>0.5)==ys.numpy()).mean():.4f}")

def train(X, y, lam, init_seed, steps=1000, every=50, evals=()):
    net = M.mlp(32, 2, seed=init_seed)
    W = [p for n_, p in net.named_parameters() if n_.endswith("weight")]; Bs = [p for n_, p in net.named_parameters() if n_.endswith("bias")]
    opt = torch.optim.SGD([{"params": W, "weight_decay": lam}, {"params": Bs, "weight_decay": 0.0}], lr=0.1, momentum=0.9)
    lf = nn.BCEWithLogitsLoss(); curves = []
    for s in range(1, steps + 1):
        l = lf(net(X).reshape(-1), y); opt.zero_grad(); l.backward(); opt.step()
        if s % every == 0:
            with torch.no_grad():
                curves.append([float(((net(Xe).reshape(-1) > 0).float() == ye).float().mean()) for Xe, ye in evals])
    return net, np.array(curves)   # (checkpoints, len(evals))

# (a) the notebook's seeds, my loop: lambda = 0 and 0.00316
grid = [0.0, 1e-3, 0.00316, 0.01]
acc = {}
for lam in grid:
    v = []
    for r in range(5):
        Xr, yr = M.make_moons(100, 0.25, 0.1, seed=100 + r)
        net, cur = train(Xr, yr, lam, 200 + r, evals=[(Xv, yv), (Xs, ys)])
        v.append(cur)
    acc[lam] = np.stack(v)   # (5, 20, 2)
    a = acc[lam][:, -1]
    print(f"notebook seeds, my loop, lambda={lam:<8g}: val {a[:,0].mean():.3f} +- {a[:,0].std(ddof=1)/5**.5:.3f}   test {a[:,1].mean():.3f}")
Xr, yr = M.make_moons(100, 0.25, 0.1, seed=100); _, cl = M.make_moons(100, 0.25, 0.0, seed=100); fl = yr != cl
for lam in (0.0, 0.00316):
    net, _ = train(Xr, yr, lam, 200)
    fit = ((net(Xr).reshape(-1) > 0).float() == yr)
    print(f"seed 0, lambda={lam}: {int(fl.sum())} flipped, fitted {int(fit[fl].sum())}")
vm0 = acc[0.0][:, :, 0].mean(0)
print("lambda=0 mean val curve (every 50 steps):", np.round(vm0 * 100, 1).tolist())
print("lambda=0.00316 mean val curve:", np.round(acc[0.00316][:, :, 0].mean(0) * 100, 1).tolist())
print(f"t={time.time()-t0:.0f}s")

# (b) 20 fresh seeds, my own data, a big fresh test set: is 'decay at T=1000 ~= early stopping' robust, and what is the s.e.?
R = 20; lams = [0.0, 0.001, 0.00316, 0.01]
Xte, yte, _ = my_moons(20000, np.random.default_rng(999)); Xte, yte = torch.tensor(Xte, dtype=torch.float32), torch.tensor(yte, dtype=torch.float32)
Xva, yva, _ = my_moons(1000, np.random.default_rng(998)); Xva, yva = torch.tensor(Xva, dtype=torch.float32), torch.tensor(yva, dtype=torch.float32)
C = np.zeros((R, len(lams), 20, 2))
for r in range(R):
    Xr, yr, _ = my_moons(100, np.random.default_rng(5000 + r)); Xr, yr = torch.tensor(Xr, dtype=torch.float32), torch.tensor(yr, dtype=torch.float32)
    for j, lam in enumerate(lams):
        C[r, j] = train(Xr, yr, lam, 7000 + r, evals=[(Xva, yva), (Xte, yte)])[1]
vmean = C[..., 0].mean(0)
kb = int(vmean[:, -1].argmax()); ces = int(vmean[0].argmax())
kj, cj = divmod(int(vmean.argmax()), vmean.shape[1])
def ms(x): return f"{x.mean():.3f} +- {x.std(ddof=1)/np.sqrt(len(x)):.3f}"
print(f"20 own seeds: chosen lambda at T=1000: {lams[kb]}, early stopping T={50*(ces+1)}, joint ({lams[kj]}, {50*(cj+1)})")
nr, wd_, es, jt = C[:, 0, -1, 1], C[:, kb, -1, 1], C[:, 0, ces, 1], C[:, kj, cj, 1]
print(f"test (20000 fresh pts): none {ms(nr)}, decay T=1000 {ms(wd_)}, early stop {ms(es)}, joint {ms(jt)}")
print(f"paired: decay - none {ms(wd_-nr)}, decay - early stop {ms(wd_-es)}, joint - early stop {ms(jt-es)}")
for j, lam in enumerate(lams):
    w = vmean[j, 4:]; print(f"lambda={lam}: mean val range over steps 250..1000: {w.max()-w.min():.3f}; per-step T=1000 test {C[:, j, -1, 1].mean():.3f}")
print(f"t={time.time()-t0:.0f}s")
