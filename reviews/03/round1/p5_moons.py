"""Probe 5: section 8 (two noisy moons). Own training loop (plain torch.optim.SGD with hand-made groups), the notebook's
data generator and initial weights only. Bayes ceiling, sweep reproduction, error bars incl. the test set's own
sampling error, paired vs unpaired, and the step budget at lambda = 0."""
import math, time, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini.nb03 as M
S = M.SETUP
t0 = time.time()

# ---- Bayes ceiling (exact class densities by quadrature over t, prior 1/2)
def log_lik(X, label, sd=S.moons_noise, K=4000):
    t = (torch.arange(K, dtype=torch.float64) + 0.5) / K * math.pi
    mu = torch.stack([torch.cos(t), torch.sin(t)], 1) if label == 0 else torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], 1)
    d2 = ((X[:, None, :] - mu[None]) ** 2).sum(-1)
    return torch.logsumexp(-d2 / (2 * sd ** 2), 1)
Xb, yb = M.make_moons(40000, S.moons_noise, 0.0, seed=999)
Xb = Xb.double()
bayes = (log_lik(Xb, 1) > log_lik(Xb, 0)).double()
A = float((bayes == yb.double()).double().mean())
print(f"Bayes rule accuracy on clean labels {A:.3f} (+-{math.sqrt(A*(1-A)/len(yb)):.3f}); with 10% flips: {0.9*A + 0.1*(1-A):.3f}  (notebook: 'no classifier can expect more than about 90%')")

# ---- data exactly as the notebook
X_val, y_val = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
X_te, y_te = M.make_moons(S.moons_test, S.moons_noise, S.moons_flip, seed=11)
acc = lambda net, X, y: float(((net(X).reshape(-1) > 0).float() == y).float().mean())

def train(r, lam, steps=S.moons_steps):
    X, y = M.make_moons(S.moons_train, S.moons_noise, S.moons_flip, seed=100 + r)
    net = M.mlp(S.moons_hidden, 2, seed=200 + r)
    W = [m.weight for m in net if isinstance(m, nn.Linear)]; B = [m.bias for m in net if isinstance(m, nn.Linear)]
    opt = torch.optim.SGD([{"params": W, "weight_decay": lam}, {"params": B, "weight_decay": 0.0}], lr=S.moons_lr, momentum=S.momentum)
    hist = {}
    for s in range(1, steps + 1):
        loss = nn.functional.binary_cross_entropy_with_logits(net(X).reshape(-1), y)
        opt.zero_grad(); loss.backward(); opt.step()
        if s in (250, 500, 1000, 2000, 4000):
            with torch.no_grad():
                hist[s] = (acc(net, X, y), acc(net, X_val, y_val))
    return net, X, y, hist

grid = [0.0, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 0.1]
R = 5
tr = torch.zeros(R, len(grid)); va = torch.zeros(R, len(grid)); correct_te = torch.zeros(R, len(grid), len(y_te)); correct_va = torch.zeros(R, len(grid), len(y_val))
with torch.no_grad():
    pass
for r in range(R):
    for k, lam in enumerate(grid):
        net, X, y, _ = train(r, lam)
        with torch.no_grad():
            tr[r, k] = acc(net, X, y); va[r, k] = acc(net, X_val, y_val)
            correct_te[r, k] = ((net(X_te).reshape(-1) > 0).float() == y_te).float()
            correct_va[r, k] = ((net(X_val).reshape(-1) > 0).float() == y_val).float()
print("\nown re-run of the sweep (mean over 5 seeds): lambda, train, validation +- s.e.")
for k, lam in enumerate(grid):
    print(f"   {lam:<8g} train {tr[:, k].mean():6.1%}  validation {va[:, k].mean():6.1%} +- {va[:, k].std() / math.sqrt(R):.1%}")
kb = int(va.mean(0).argmax())
print(f"chosen lambda = {grid[kb]}")

# ---- error bars
te = correct_te[:, kb].mean(1)
print(f"\ntest accuracy at chosen lambda: {te.mean():.2%}; seed-to-seed s.e. {te.std() / math.sqrt(R):.2%}")
gen = torch.Generator().manual_seed(0)
boot = torch.stack([correct_te[:, kb][:, torch.randint(0, len(y_te), (len(y_te),), generator=gen)].mean() for _ in range(2000)])
print(f"   test-set sampling s.e. of that mean (bootstrap over the 2000 test points, seeds fixed): {boot.std():.2%};  "
      f"binomial sqrt(p(1-p)/2000) = {math.sqrt(float(te.mean()) * (1 - float(te.mean())) / 2000):.2%}")
print(f"   combined s.e. (seeds + test sample) ~ {math.sqrt(float(te.std() / math.sqrt(R)) ** 2 + float(boot.std()) ** 2):.2%}")
gain = va[:, kb] - va[:, 0]
unpaired = math.sqrt(float(va[:, kb].var() + va[:, 0].var()) / R)
print(f"\nvalidation gain over lambda = 0: {gain.mean():.2%} +- {gain.std() / math.sqrt(R):.2%} paired; unpaired s.e. would be {unpaired:.2%}; "
      f"variance removed by pairing: {1 - float(gain.var()) / (float(va[:, kb].var() + va[:, 0].var())):.0%}")
dv = (correct_va[:, kb] - correct_va[:, 0]).mean(0)  # per validation point, mean over seeds
boot_g = torch.stack([dv[torch.randint(0, len(dv), (len(dv),), generator=gen)].mean() for _ in range(2000)])
print(f"   validation-set sampling s.e. of the gain (bootstrap over 1000 val points): {boot_g.std():.2%}")

# ---- flipped labels fitted at lambda = 0 (seed 0), and the step budget
Xc0, yc0 = M.make_moons(S.moons_train, S.moons_noise, 0.0, seed=100)
net0, X0, y0, _ = train(0, 0.0)
flipped = (y0 != yc0)
with torch.no_grad():
    pred = (net0(X0).reshape(-1) > 0).float()
print(f"\nseed 0, lambda = 0, 1000 steps: {int(flipped.sum())} flipped training labels, {int((pred[flipped] == y0[flipped]).sum())} of them fitted; train acc {float((pred == y0).float().mean()):.0%}")
print("step budget (mean over 5 seeds): steps -> (train, validation)")
for lam in (0.0, 3.16e-3):
    hs = [train(r, lam, steps=4000)[3] for r in range(R)]
    print(f"   lambda = {lam:<7g}: " + ",  ".join(f"{s}: ({sum(h[s][0] for h in hs)/R:.1%}, {sum(h[s][1] for h in hs)/R:.1%})" for s in (250, 500, 1000, 2000, 4000)))
print(f"\n[{time.time() - t0:.0f} s]")
