"""D3: test accuracy vs lambda with 16 seeds (the notebook's sweep seeds 1-3 + S.acc_seeds 4-16), the same code as cell 13.
Seed-to-seed s.e. and the paired test-set s.e. (per-example differences averaged over seeds)."""
import math, time
import torch
torch.set_num_threads(1)
import d2lmini.nb06 as M
S = M.SETUP
t0 = time.time()
data = M.teacher_data(S)
X_test, y_test = data[2], data[3]
runs = [M.Run(S.lr, lam, S.momentum) for lam in S.lambdas]
sweep = M.train_bn(runs, [*S.seeds, *S.acc_seeds], data)
with torch.no_grad():
    correct = (sweep.logits(X_test).argmax(-1) == y_test).float()      # (lambda, seed, example)
acc = correct.mean(-1)
print("mean test accuracy per lambda:", [round(float(a), 4) for a in acc.mean(1)])
for i in range(1, len(runs)):
    for j in ([0] if i < len(runs) - 1 else [0, 1, 3]):
        d, se = M.mean_se(acc[i] - acc[j])
        tse = (correct[i] - correct[j]).mean(0).std() / math.sqrt(len(y_test))
        print(f"lambda {runs[i].lambd:g} minus {runs[j].lambd:g}: {float(d):+.4f} ± {float(se):.4f} (seeds) ± {float(tse):.4f} (test set)")
d, se = M.mean_se(acc[3] - acc[1]); print(f"lambda 0.01 minus 0.001: {float(d):+.4f} ± {float(se):.4f}")
print(f"({time.time() - t0:.0f} s, loaded machine)")
