"""Section 2, cells 12-14 + summary: 'only the largest λ moves the accuracy measurably (about a point)', with 3 seeds.
Own loop (the notebook's train_one recipe, which cell 7 shows equals train_bn), seeds 1-12, λ in {0, 0.01, 0.1};
paired differences with the seed-to-seed s.e. and the test-set (per-example, paired) s.e."""
import torch, sys, time
from torch import nn
from torch.nn import functional as F
torch.set_num_threads(1)
sys.path.insert(0, "/work/main")
import d2lmini as d2l
S = d2l.nb06.SETUP
Xtr, ytr, Xte, yte = d2l.nb06.teacher_data(S)
def train(seed, lambd):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64, affine=False), nn.ReLU(), nn.Linear(64, 2))
    opt = torch.optim.SGD([{"params": [net[0].weight], "weight_decay": lambd}, {"params": net[3].parameters(), "weight_decay": 0.0}],
                          lr=S.lr, momentum=S.momentum)
    g = torch.Generator().manual_seed(1000 + seed); t = 0
    while t < S.steps:
        for idx in torch.randperm(512, generator=g).split(64):
            if t == S.steps: break
            loss = F.cross_entropy(net(Xtr[idx]), ytr[idx]); opt.zero_grad(); loss.backward(); opt.step(); t += 1
    net.eval()
    with torch.no_grad():
        return (net(Xte).argmax(1) == yte).float()          # per-example correctness
t0 = time.time()
seeds, lams = list(range(1, 13)), [0.0, 0.01, 0.1]
C = torch.stack([torch.stack([train(s, l) for s in seeds]) for l in lams])   # (λ, seed, example)
acc = C.mean(-1)
for k, l in enumerate(lams[1:], 1):
    d = acc[k] - acc[0]
    ex = (C[k] - C[0]).mean(0)                                               # per-example difference, averaged over seeds
    print(f"λ = {l:<5g} minus λ = 0: seeds 1-3 {d[:3].mean():+.4f} ± {d[:3].std()/3**0.5:.4f};  seeds 1-12 {d.mean():+.4f} ± {d.std()/12**0.5:.4f} "
          f"(seed-to-seed), test-set s.e. {ex.std()/len(yte)**0.5:.4f};  per seed {[round(float(x),3) for x in d]}")
print("mean test accuracy, 12 seeds:", [round(float(a), 4) for a in acc.mean(1)])
print(f"({time.time()-t0:.0f} s)")
