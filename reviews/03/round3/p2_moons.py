# Probe 2: two-moons numbers. Own Bayes rule (numpy, finer grid, own RNG); own concise training loop
# (torch.optim.SGD with weight_decay in param groups, NOT the penalty-in-loss sweep) on the notebook's data and inits.
import sys, time, numpy as np, torch
from torch import nn
sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
M, S = d2l.nb03, d2l.nb03.SETUP
noise, flip = 0.25, 0.1
t = (np.arange(4000) + 0.5) / 4000 * np.pi
C0 = np.c_[np.cos(t), np.sin(t)]; C1 = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
def logdens(X, C):
    out = []
    for ch in np.array_split(X, max(1, len(X) // 1000)):
        e = -((ch[:, None, :] - C[None]) ** 2).sum(-1) / (2 * noise ** 2); m = e.max(1)
        out.append(m + np.log(np.exp(e - m[:, None]).mean(1)))
    return np.concatenate(out)
def post1(X): return 1 / (1 + np.exp(logdens(X, C0) - logdens(X, C1)))
rng = np.random.default_rng(777); N = 40000
lab = rng.integers(0, 2, N); tt = rng.uniform(0, np.pi, N)
Xf = np.where(lab[:, None] == 0, np.c_[np.cos(tt), np.sin(tt)], np.c_[1 - np.cos(tt), 0.5 - np.sin(tt)]) + noise * rng.standard_normal((N, 2))
yf = np.where(rng.uniform(size=N) < flip, 1 - lab, lab)
q = post1(Xf); pred = (q > 0.5).astype(int)
right = (pred == yf).astype(float)
print(f"own Bayes rule on {N} fresh noisy points: {right.mean():.4f} ± {right.std()/np.sqrt(N):.4f}; "
      f"expected (from posterior) {((1-flip)*np.maximum(q,1-q)+flip*np.minimum(q,1-q)).mean():.4f}; clean-label acc {(pred==lab).mean():.4f}")
X_val, y_val = M.make_moons(S.moons_val, noise, flip, seed=10); X_te, y_te = M.make_moons(S.moons_test, noise, flip, seed=11)
print(f"own Bayes rule on the notebook's validation set {(( post1(X_val.double().numpy())>0.5)==y_val.numpy()).mean():.4f}, test set {((post1(X_te.double().numpy())>0.5)==y_te.numpy()).mean():.4f}")
print(f"agreement own vs d2l bayes_rule on test points: {((post1(X_te.double().numpy())>0.5)==M.bayes_rule(X_te).numpy().astype(bool)).mean():.4f}")
# Is 'Bayes rule' (equal priors, uniform t) the right rule for make_moons? make_moons uses n0 = n//2 exact halves: fine.
def train(seed, lam, steps=1000, every=50):
    Xtr, ytr = M.make_moons(S.moons_train, noise, flip, seed=100 + seed)
    net = M.mlp(32, 2, seed=200 + seed)
    groups = [{"params": [m.weight for m in net if isinstance(m, nn.Linear)], "weight_decay": lam},
              {"params": [m.bias for m in net if isinstance(m, nn.Linear)], "weight_decay": 0.0}]
    opt = torch.optim.SGD(groups, lr=0.1, momentum=0.9); lossf = nn.BCEWithLogitsLoss(); curve = {}
    for s in range(1, steps + 1):
        opt.zero_grad(); lossf(net(Xtr).reshape(-1), ytr).backward(); opt.step()
        if s % every == 0:
            with torch.no_grad():
                curve[s] = (float(((net(X_val).reshape(-1) > 0).float() == y_val).float().mean()),
                            float(((net(X_te).reshape(-1) > 0).float() == y_te).float().mean()),
                            float(((net(Xtr).reshape(-1) > 0).float() == ytr).float().mean()))
    return curve
t0 = time.time(); res = {lam: [train(r, lam) for r in range(5)] for lam in [0.0, 0.00316]}
for lam, cs in res.items():
    v = np.array([[c[s][0] for s in sorted(c)] for c in cs]); te = np.array([[c[s][1] for s in sorted(c)] for c in cs])
    tr = np.array([[c[s][2] for s in sorted(c)] for c in cs]); steps = sorted(cs[0])
    kbest = int(v.mean(0).argmax())
    print(f"lam={lam}: at 1000 steps train {tr[:,-1].mean():.3f} val {v[:,-1].mean():.3f}±{v[:,-1].std(ddof=1)/5**.5:.3f} test {te[:,-1].mean():.3f}; "
          f"best T on val {steps[kbest]}: val {v[:,kbest].mean():.3f} test {te[:,kbest].mean():.3f}; val range steps>=250: {np.ptp(v.mean(0)[np.array(steps)>=250]):.3f}")
    print("   mean val curve:", " ".join(f"{s}:{x:.3f}" for s, x in zip(steps, v.mean(0)) if s % 100 == 0 or s in (50, 150, 250)))
print(f"time {time.time()-t0:.0f}s")
