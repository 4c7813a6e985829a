"""The same question with the notebook's own batched trainer (d2l.nb06.train_bn), seeds 1-12, lam in {0, 0.01, 0.1}:
is the 3-seed 'λ = 0.1 costs 0.014 ± 0.003' stable when seeds are added?"""
import math, torch, sys
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
M, S = d2l.nb06, d2l.nb06.SETUP
data = M.teacher_data(S)
runs = [M.Run(S.lr, lam, S.momentum) for lam in (0.0, 0.01, 0.1)]
sw = M.train_bn(runs, list(range(1, 13)), data)
acc = sw.test_acc.double()
for k, lam in enumerate((0.01, 0.1), start=1):
    d = acc[k] - acc[0]
    print(f"train_bn, λ = {lam:g} minus λ = 0: seeds 1-3 {d[:3].mean():+.4f} ± {d[:3].std() / math.sqrt(3):.4f}; "
          f"seeds 1-12 {d.mean():+.4f} ± {d.std() / math.sqrt(12):.4f}; per seed {[round(float(x), 3) for x in d]}")
print("train_bn test acc means (12 seeds):", [round(float(a), 4) for a in acc.mean(1)])
