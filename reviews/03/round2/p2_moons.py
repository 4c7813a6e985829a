"""Probe 2: section 8 with my own training loop (torch.optim.SGD + weight_decay groups), my own Bayes rule,
paired test comparisons, and the Bayes rule scored on the very same validation/test points."""
import math, time, numpy as np, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini as d2l
M, S = d2l.nb03, d2l.nb03.SETUP
t0 = time.time()
Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
Xs, ys = M.make_moons(S.moons_test, S.moons_noise, S.moons_flip, seed=11)

# --- my Bayes rule: posterior by a fine Riemann sum over t (2000 points), logsumexp
def post1(X, sig=S.moons_noise, m=2000):
    X = np.asarray(X, dtype=np.float64); t = (np.arange(m) + 0.5) / m * np.pi
    c0 = np.c_[np.cos(t), np.sin(t)]; c1 = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    def lp(c):
        d2 = ((X[:, None, :] - c[None]) ** 2).sum(-1) / (2 * sig ** 2)
        a = -d2; mx = a.max(1, keepdims=True); return (mx[:, 0] + np.log(np.exp(a - mx).sum(1)))
    return 1 / (1 + np.exp(lp(c0) - lp(c1)))
# direct Monte Carlo with noisy labels, my own sampler (numpy), 100k points
rng = np.random.default_rng(7); nmc = 100000
lab = rng.integers(0, 2, nmc); t = rng.random(nmc) * np.pi
pts = np.where(lab[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)]) + 0.25 * rng.standard_normal((nmc, 2))
noisy = np.where(rng.random(nmc) < 0.1, 1 - lab, lab)
right_mc = ((np.concatenate([post1(c) for c in np.array_split(pts, 50)]) > 0.5) == noisy)
print(f"Bayes accuracy, direct MC on 100k noisy-label points: {right_mc.mean():.4f} +- {right_mc.std()/math.sqrt(nmc):.4f}")
bayes_val = ((post1(Xv.numpy()) > 0.5) == yv.numpy()).mean()
bayes_test_right = torch.tensor((post1(Xs.numpy()) > 0.5) == ys.numpy()).float()
print(f"Bayes rule on THIS validation set (1000): {bayes_val:.4f};  on THIS test set (2000): {bayes_test_right.mean():.4f}")

# --- my own training: 5 seeds x 8 lambdas, SGD(momentum) with weight_decay on weights only
grid = [0.0] + [float(v) for v in 10 ** np.linspace(-4, -1, 7)]
R, ck = 5, list(range(50, 1001, 50))
val = torch.zeros(R, len(grid), len(ck)); test_right = torch.zeros(R, len(grid), len(ck), len(ys)); flipfit = {}
for r in range(R):
    Xr, yr = M.make_moons(S.moons_train, S.moons_noise, S.moons_flip, seed=100 + r)
    _, clean = M.make_moons(S.moons_train, S.moons_noise, 0.0, seed=100 + r)
    for k, lam in enumerate(grid):
        net = M.mlp(32, 2, seed=200 + r)
        W = [p for n_, p in net.named_parameters() if n_.endswith("weight")]; B = [p for n_, p in net.named_parameters() if n_.endswith("bias")]
        opt = torch.optim.SGD([{"params": W, "weight_decay": lam}, {"params": B, "weight_decay": 0.0}], lr=0.1, momentum=0.9)
        for step in range(1, 1001):
            loss = nn.functional.binary_cross_entropy_with_logits(net(Xr).reshape(-1), yr)
            opt.zero_grad(); loss.backward(); opt.step()
            if step % 50 == 0:
                with torch.no_grad():
                    c = step // 50 - 1
                    val[r, k, c] = ((net(Xv).reshape(-1) > 0).float() == yv).float().mean()
                    test_right[r, k, c] = ((net(Xs).reshape(-1) > 0).float() == ys).float()
        if r == 0:
            with torch.no_grad():
                fl = yr != clean; fit = (net(Xr).reshape(-1) > 0).float() == yr
                flipfit[lam] = (int(fl.sum()), int(fit[fl].sum()))
print("seed 0 flipped labels fitted (n_flipped, n_fitted):", {f"{l:g}": v for l, v in flipfit.items() if l in (0.0, grid[4])})
vm = val.mean(0)
print("mean val acc at 1000 steps per lambda:", [f"{x:.3f}" for x in vm[:, -1].tolist()])
kb = int(vm[:, -1].argmax()); ces = int(vm[0].argmax()); kj, cj = divmod(int(vm.argmax()), len(ck))
ch = {"none": (0, len(ck) - 1), "wd@1000": (kb, len(ck) - 1), "ES": (0, ces), "both": (kj, cj)}
print("choices (lambda, T):", {n_: (grid[k], ck[c]) for n_, (k, c) in ch.items()})
def acc(name): k, c = ch[name]; return test_right[:, k, c]        # (R, 2000)
for name in ch: print(f"test {name:8s}: {acc(name).mean():.4f}")
def paired(a, b):   # a, b: (R, n) right/wrong; s.e. of the mean difference: seeds part and test-set part
    d = a - b; dseed = d.mean(1); dpt = d.mean(0)
    s1, s2 = dseed.std() / math.sqrt(a.shape[0]), dpt.std() / math.sqrt(a.shape[1])
    return f"{d.mean():+.4f} +- (seeds {s1:.4f}, test points {s2:.4f}; comb {math.hypot(s1, s2):.4f})"
print("test wd@1000 - none :", paired(acc("wd@1000"), acc("none")))
print("test wd@1000 - ES   :", paired(acc("wd@1000"), acc("ES")))
print("test both - ES      :", paired(acc("both"), acc("ES")))
bt = bayes_test_right.expand(R, -1)
for name in ["wd@1000", "ES", "both"]:
    print(f"test {name} - Bayes rule on the same test points:", paired(acc(name), bt))
# selection optimism of the validation max for ES vs fixed T
for name in ch:
    k, c = ch[name]; print(f"{name:8s} val {val[:, k, c].mean():.4f}  test {acc(name).mean():.4f}")
print(f"elapsed {time.time()-t0:.1f}s")
