"""Section 2's accuracy claims with more seeds (own plain loop of p02): test accuracy of lam in {0.01, 0.0316, 0.1}
minus lam = 0, paired by seed, 12 seeds (the notebook uses 3), with the seed-to-seed s.e. and the test set's own
sampling s.e. of the paired difference (sd of per-point differences / sqrt(4096))."""
import math, time
import torch
from p02_bn_equilibrium import train, Xtr, ytr, Xte, yte
torch.set_num_threads(1)
seeds = range(1, 13)
lams = (0.0, 0.01, 0.0316, 0.1)
correct, train_acc = {}, {}
t0 = time.time()
for lam in lams:
    for s in seeds:
        net, _, _ = train(0.05, lam, 0.9, s, 1500)
        with torch.no_grad():
            correct[lam, s] = (net(Xte).argmax(1) == yte).double()
            train_acc[lam, s] = (net(Xtr).argmax(1) == ytr).double().mean().item()
print(f"({time.time() - t0:.0f} s for {len(lams) * len(seeds)} runs)")
for lam in lams:
    a = torch.tensor([correct[lam, s].mean().item() for s in seeds])
    tr = torch.tensor([train_acc[lam, s] for s in seeds])
    print(f"λ = {lam:<6g}: test acc {a.mean():.4f} ± {a.std() / math.sqrt(len(a)):.4f} (12 seeds; first 3: {a[:3].mean():.3f}); "
          f"train acc {tr.mean():.3f}; per seed {[round(float(x), 3) for x in a]}")
for lam in lams[1:]:
    d = torch.tensor([(correct[lam, s] - correct[0.0, s]).mean().item() for s in seeds])
    per_point = torch.stack([correct[lam, s] - correct[0.0, s] for s in seeds]).mean(0)   # average over seeds, per test point
    se_test = per_point.std() / math.sqrt(len(per_point))
    se_seed = d.std() / math.sqrt(len(d))
    # 3-seed blocks: how variable is a 3-seed s.e.?
    blocks = [d[i:i + 3] for i in range(0, 12, 3)]
    txt = ", ".join(f"{b.mean():+.3f} ± {b.std() / math.sqrt(3):.3f}" for b in blocks)
    print(f"λ = {lam:<6g} minus λ = 0: {d.mean():+.4f}, seed-to-seed s.e. {se_seed:.4f}, test-set s.e. of the seed-averaged "
          f"difference {se_test:.4f}; t = {d.mean() / math.hypot(se_seed, se_test):.1f}; four 3-seed blocks: {txt}")
