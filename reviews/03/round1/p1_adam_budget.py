"""Probe 1: is the 400-step Adam + L2 gap (section 7, cells 30-31) a step-budget effect?
Own code: plain torch data, own loops, own closed-form ridge. One thread."""
import math, torch
from torch.utils.data import DataLoader, TensorDataset
torch.set_num_threads(1)

# data exactly as the notebook (d2l.synthetic_data with seed 0), re-implemented
torch.manual_seed(0)
d, n, nv, nt = 200, 20, 100, 100
w_true = torch.ones(d, 1) * 0.01
X = torch.normal(0.0, 1.0, (n + nv + nt, d)); y = X @ w_true + 0.05; y += 0.01 * torch.randn(y.shape)
Xtr, ytr, Xte, yte = X[:n], y[:n], X[n + nv:], y[n + nv:]
X64, y64 = Xtr.double(), ytr.double().reshape(-1)
Xc, yc = X64 - X64.mean(0), y64 - y64.mean()
def ridge(lam):
    return torch.linalg.solve(Xc.T @ Xc / n + lam * torch.eye(d, dtype=torch.float64), Xc.T @ yc / n)
w_r = ridge(3.0)
U, S, Vt = torch.linalg.svd(X64, full_matrices=True)
P_null = Vt[n:].T @ Vt[n:]   # projector on the 180-dim null space of X_train

def test_loss(lin):
    with torch.no_grad():
        return float(((lin(Xte) - yte) ** 2 / 2).mean())

def run(opt_name, steps, lr_fn, full_batch=False, wd=3.0, track=False):
    lin = torch.nn.Linear(d, 1)
    torch.manual_seed(1)
    w0 = torch.normal(0.0, 1.0, size=(d, 1))
    with torch.no_grad():
        lin.weight.copy_(w0.T); lin.bias.zero_()
    groups = [{"params": [lin.weight], "weight_decay": wd}, {"params": [lin.bias], "weight_decay": 0.0}]
    opt = (torch.optim.Adam if opt_name == "adam" else torch.optim.AdamW)(groups, lr=lr_fn(0))
    loader = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=True)
    t = 0; hist = {}
    while t < steps:
        batches = [(Xtr, ytr)] if full_batch else loader
        for xb, yb in batches:
            for g in opt.param_groups:
                g["lr"] = lr_fn(t)
            opt.zero_grad()
            ((lin(xb) - yb) ** 2 / 2).mean().backward()
            opt.step(); t += 1
            if track and t in (50, 100, 200, 400, 800, 1600, 4000, 12000):
                hist[t] = float(lin.weight.norm())
            if t >= steps:
                break
    return lin, opt, hist

def summary(tag, lin):
    w = lin.weight.detach().double().reshape(-1)
    print(f"{tag:58s} ||w|| = {w.norm():.3g}  null-space part {float((P_null @ w).norm()):.3g}  "
          f"test loss {test_loss(lin):.3g}  max|w - ridge(3)| = {float((w - w_r).abs().max()):.2g}")

print(f"closed-form ridge(3): ||w|| = {w_r.norm():.3g};  initial ||w0|| null-space part: ", end="")
torch.manual_seed(1); w0 = torch.normal(0.0, 1.0, size=(d,)).double()
print(f"{float((P_null @ w0).norm()):.3g} of {w0.norm():.3g}")

const = lambda lr: (lambda t: lr)
print("\n(a) reproduce the notebook (constant lr 0.01, minibatches of 5, 400 steps)")
lin_a, opt_a, _ = run("adam", 400, const(0.01)); summary("Adam + L2, 400 steps", lin_a)
lin_w, _, _ = run("adamw", 400, const(0.01)); summary("AdamW, 400 steps", lin_w)

print("\n(b) more steps at the SAME constant lr 0.01: does Adam + L2 get there?")
lin_b, _, hist = run("adam", 12000, const(0.01), track=True)
print("   ||w|| after t steps:", {k: round(v, 3) for k, v in hist.items()})
summary("Adam + L2, 12000 steps, constant lr 0.01", lin_b)

print("\n(c) the SAME 400 steps, but the lr decayed (cosine to 0)")
for lr0 in (0.01, 0.03):
    cos = lambda t, lr0=lr0: lr0 * 0.5 * (1 + math.cos(math.pi * t / 400))
    lin_c, _, _ = run("adam", 400, cos); summary(f"Adam + L2, 400 steps, cosine {lr0} -> 0", lin_c)
lin_c, _, _ = run("adam", 400, const(0.001)); summary("Adam + L2, 400 steps, constant lr 0.001", lin_c)

print("\n(d) the SAME 400 steps at constant lr 0.01, full batch (no minibatch noise)")
lin_d, _, _ = run("adam", 400, const(0.01), full_batch=True); summary("Adam + L2, full batch, 400 steps", lin_d)

print("\n(e) mechanism at step 400 of run (a): per coordinate, what is in sqrt(v_hat)?")
st = opt_a.state[lin_a.weight]
k = float(st["step"])
vhat = (st["exp_avg_sq"] / (1 - 0.999 ** k)).reshape(-1)
mhat = (st["exp_avg"] / (1 - 0.9 ** k)).reshape(-1)
w = lin_a.weight.detach().reshape(-1)
# minibatch data-gradient RMS per coordinate at the current w (all 4-choose-... use the 4 batches of 5 of a random split, many splits)
g = []
with torch.no_grad():
    res = (lin_a(Xtr) - ytr).reshape(-1)
    for s in range(200):
        perm = torch.randperm(n)
        for b in perm.reshape(4, 5):
            g.append((Xtr[b] * res[b, None]).mean(0))
g = torch.stack(g)
print(f"   median over coordinates: sqrt(v_hat) = {vhat.sqrt().median():.3g}, |lambda w_j| = {(3 * w.abs()).median():.3g}, "
      f"RMS minibatch data gradient = {g.pow(2).mean(0).sqrt().median():.3g}, |mean data gradient| = {g.mean(0).abs().median():.3g}")
print(f"   median |m_hat|/sqrt(v_hat) = {(mhat.abs() / vhat.sqrt()).median():.3g}  (1 would mean 'moves by about eta per step')")
print(f"   median |w_j| = {w.abs().median():.3g};  eta * 400 = {0.01 * 400:g}")
