"""Cell 14's untested reading: 'the half point lost at small λ comes from the larger final step'. Same nets and seeds as p1,
1500 steps, but the learning rate (both groups) annealed linearly to 0 over the last 300 steps. If the reading is right, the
gap between λ > 0 and λ = 0 shrinks. 8 seeds, paired differences with the seed-to-seed s.e."""
import math, sys, time
import torch
exec(open("p1_bn_stats_accuracy.py").read().split("def acc(")[0].replace("def train(", "def train_const("))
def train(lam, seed, steps=1500, lr=0.05, mom=0.9, anneal=300):
    torch.manual_seed(seed)
    net = bn_mlp()
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lam},
                           {"params": net[3].parameters(), "weight_decay": 0.0}], lr=lr, momentum=mom)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1.0 if t < steps - anneal else (steps - t) / anneal)
    g = torch.Generator().manual_seed(1000 + seed); step = 0
    while step < steps:
        perm = torch.randperm(512, generator=g)
        for k in range(0, 512, 64):
            if step >= steps: break
            idx = perm[k:k + 64]
            loss = F.cross_entropy(net(X_tr[idx]), y_tr[idx])
            opt.zero_grad(); loss.backward(); opt.step(); sched.step(); step += 1
    return net.eval()
lams, seeds = [0.0, 1e-3, 1e-2], list(range(1, 9))
acc = torch.zeros(len(lams), len(seeds), dtype=torch.float64); tr = torch.zeros_like(acc); t0 = time.time()
for a, lam in enumerate(lams):
    for b, s in enumerate(seeds):
        net = train(lam, s)
        with torch.no_grad():
            acc[a, b] = (net(X_te).argmax(-1) == y_te).float().mean(); tr[a, b] = (net(X_tr).argmax(-1) == y_tr).float().mean()
    print(f"annealed, λ={lam:g}: test acc {acc[a].mean():.4f}, train acc {tr[a].mean():.4f}  [{time.time()-t0:.0f}s]", flush=True)
for a in (1, 2):
    d = acc[a] - acc[0]
    print(f"annealed: λ={lams[a]:g} − λ=0: {d.mean():+.4f} ± {d.std()/math.sqrt(len(d)):.4f} (seeds)   [constant lr, p1, same seeds: λ=0.001 −0.0029 ± 0.0023, λ=0.01 −0.0097 ± 0.0050]")
