"""Probe 2: cells 32-34. Do the tolerances (1e-3) tell ridge(3) from a nearby wrong lambda, and does AdamW's end point
really need a per-coordinate penalty (not one lambda)? Own loops (torch.optim only), own closed forms, float64 solves."""
import math, torch
torch.set_num_threads(1)
torch.manual_seed(0)
d, n = 200, 20
X = torch.normal(0.0, 1.0, (220, d)); y = X @ (torch.ones(d, 1) * 0.01) + 0.05; y += 0.01 * torch.randn(y.shape)
Xtr, ytr, Xte, yte = X[:n], y[:n], X[120:], y[120:]
X64, y64 = Xtr.double(), ytr.double().reshape(-1)
Xc, yc = X64 - X64.mean(0), y64 - y64.mean()
I = torch.eye(d, dtype=torch.float64)
def ridge(lam):
    return torch.linalg.solve(Xc.T @ Xc / n + lam * I, Xc.T @ yc / n)
def wridge(pen):   # minimizer of L + 1/2 sum_j pen_j w_j^2
    return torch.linalg.solve(Xc.T @ Xc / n + torch.diag(pen), Xc.T @ yc / n)

def train(opt_class, wd=3.0, lr_max=0.03, epochs=300):
    lin = torch.nn.Linear(d, 1)
    torch.manual_seed(1); w0 = torch.normal(0.0, 1.0, size=(d, 1))
    with torch.no_grad():
        lin.weight.copy_(w0.T); lin.bias.zero_()
    opt = opt_class([{"params": [lin.weight], "weight_decay": wd}, {"params": [lin.bias], "weight_decay": 0.0}], lr=lr_max)
    steps = epochs * 4
    gen = torch.Generator().manual_seed(5)
    order = torch.stack([torch.randperm(n, generator=gen) for _ in range(epochs)]).reshape(-1, 5)
    for t, idx in enumerate(order):
        for g in opt.param_groups:
            g["lr"] = 0.5 * lr_max * (1 + math.cos(math.pi * t / steps))
        opt.zero_grad(); ((lin(Xtr[idx]) - ytr[idx]) ** 2 / 2).mean().backward(); opt.step()
    return lin, opt

w3 = ridge(3.0)
print(f"ridge(3): ||w|| = {w3.norm():.3g}, max|w_j| = {w3.abs().max():.3g}, RMS w_j = {w3.pow(2).mean().sqrt():.3g}")
adam, _ = train(torch.optim.Adam)
adamw, opt_w = train(torch.optim.AdamW)
wa = adam.weight.detach().double().reshape(-1); ww = adamw.weight.detach().double().reshape(-1)
print(f"Adam + L2 converged: max|w - ridge(3)| = {(wa - w3).abs().max():.2g} (notebook 7e-05); relative L2 gap {(wa - w3).norm() / w3.norm():.2%}")
print(f"AdamW converged:     max|w - ridge(3)| = {(ww - w3).abs().max():.2g} (notebook 0.0054)")

print("\n(a) which single lambdas does the cell-32 check 'max|w - ridge(3)| <= 1e-3' accept, with ridge(lambda) standing in for w?")
lams = torch.logspace(-3, math.log10(30), 801, dtype=torch.float64)
gaps = torch.stack([(ridge(float(l)) - w3).abs().max() for l in lams])
ok = lams[gaps <= 1e-3]
print(f"   ridge(lambda) passes as ridge(3) for lambda in [{ok.min():.3g}, {ok.max():.3g}]")
gaps_a = torch.stack([(wa - ridge(float(l))).abs().max() for l in lams])
ok = lams[gaps_a <= 1e-3]
print(f"   the converged Adam + L2 weights pass 'vs ridge(lambda), tol 1e-3' for lambda in [{ok.min():.3g}, {ok.max():.3g}]; best lambda {lams[gaps_a.argmin()]:.3g} (gap {gaps_a.min():.2g})")
print(f"   relative-norm gap ||w_A - ridge(l)||/||ridge(3)|| at l = 2.5 / 3 / 3.6: " +
      " / ".join(f"{(wa - ridge(l)).norm() / w3.norm():.1%}" for l in (2.5, 3.0, 3.6)))

print("\n(b) AdamW: is one lambda enough?")
gaps_w = torch.stack([(ww - ridge(float(l))).abs().max() for l in lams])
lb = float(lams[gaps_w.argmin()])
print(f"   best single lambda for AdamW's end point: {lb:.3g}, max|w - ridge(lambda)| = {gaps_w.min():.2g} (tolerance 1e-3)")
st = opt_w.state[adamw.weight]
s = (st["exp_avg_sq"] / (1 - 0.999 ** float(st["step"]))).sqrt().reshape(-1).double()
print(f"   weighted ridge with measured sqrt(v_hat): max gap {(ww - wridge(3.0 * s)).abs().max():.2g};  "
      f"with s replaced by its mean ({s.mean():.3g}): {(ww - wridge(3.0 * s.mean() * torch.ones(d, dtype=torch.float64))).abs().max():.2g}")
perm = torch.randperm(d, generator=torch.Generator().manual_seed(0))
print(f"   weighted ridge with the same s values SHUFFLED over coordinates: max gap {(ww - wridge(3.0 * s[perm])).abs().max():.2g}")

print("\n(c) test losses (100 test points) and their paired standard errors")
Xt64, yt64 = Xte.double(), yte.double().reshape(-1)
def per_ex(w, b):
    return (Xt64 @ w + b - yt64) ** 2 / 2
b3 = y64.mean() - X64.mean(0) @ w3
la = per_ex(wa, adam.bias.detach().double()); lw = per_ex(ww, adamw.bias.detach().double())
lr_ = per_ex(w3, b3); lm = (y64.mean() - yt64) ** 2 / 2
for name, a, b in [("AdamW - ridge(3)", lw, lr_), ("mean-predictor - ridge(3)", lm, lr_), ("mean-predictor - AdamW", lm, lw)]:
    dlt = a - b
    print(f"   {name:28s}: {dlt.mean():.2e} +- {dlt.std() / math.sqrt(len(dlt)):.1e}")
print(f"   test losses: ridge {lr_.mean():.4g}, Adam+L2 {la.mean():.4g}, AdamW {lw.mean():.4g}, mean {lm.mean():.4g}")

print("\n(d) the same question for cell 26's momentum checks (tolerance 1e-3 against ridge(3) and ridge(0.3))")
for lam_true in (3.0, 0.3):
    wt = ridge(lam_true)
    g = torch.stack([(ridge(float(l)) - wt).abs().max() for l in lams])
    ok = lams[g <= 1e-3]
    print(f"   a weight vector equal to ridge(lambda) passes 'vs ridge({lam_true:g}), tol 1e-3' for lambda in [{ok.min():.3g}, {ok.max():.3g}]")
