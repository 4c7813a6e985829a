"""Cell 13/14 re-derived with my own training loop (p1's `train`, eval-mode BN as in the notebook): seeds 1-16 for
λ = 0, 0.01, 0.1. Per-seed test accuracies, paired differences with the seed-to-seed s.e. and the test-set s.e., and the
two halves (seeds 1-8, 9-16) separately."""
import math, sys, time
import torch
exec(open("p1_bn_stats_accuracy.py").read().split("t0 = time.time()")[0])
lams, seeds = [0.0, 0.01, 0.1], list(range(1, 17))
correct = torch.zeros(len(lams), len(seeds), len(y_te))
t0 = time.time()
for a, lam in enumerate(lams):
    for b, s in enumerate(seeds):
        net, _ = train(lam, s)
        net.eval()
        with torch.no_grad():
            correct[a, b] = (net(X_te).argmax(-1) == y_te).float()
    print(f"λ={lam:g}: per-seed test acc " + " ".join(f"{v:.3f}" for v in correct[a].mean(-1).tolist()) + f"  [{time.time()-t0:.0f}s]", flush=True)
acc = correct.mean(-1)
def paired(i, j, sl=slice(None)):
    d = acc[i, sl] - acc[j, sl]
    test_se = (correct[i, sl] - correct[j, sl]).mean(0).std() / math.sqrt(len(y_te))
    se = d.std() / math.sqrt(len(d))
    return f"{d.mean():+.4f} ± {se:.4f} (seeds) ± {test_se:.4f} (test set); combined z = {d.mean() / math.sqrt(se**2 + test_se**2):+.1f}"
for sl, name in ((slice(None), "seeds 1-16"), (slice(0, 8), "seeds 1-8 "), (slice(8, 16), "seeds 9-16")):
    print(f"{name}: λ=0.01 − λ=0: {paired(1, 0, sl)} | λ=0.1 − λ=0: {paired(2, 0, sl)} | λ=0.1 − λ=0.01: {paired(2, 1, sl)}")
