"""Section 4.3, independently: torch.optim.AdamW / Adam(weight_decay) on the regression (N=200, d=20), full batch,
cosine schedule to 0, lr 0.01, lambda 0.1, w0 = 0; nearest ridge lambda (numpy closed form, mean loss convention).
Also cell 30's claim N*lambda* ~ d sigma^2/||w*||^2 = 11.1 with numpy, and that it is convention-dependent."""
import math, sys
import numpy as np, torch
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
S = d2l.nb06.SETUP
X, y = d2l.nb06.regression_data(S.reg_n, S)
Xn, yn = X.double().numpy(), y.double().numpy()
n, d = Xn.shape
grid = np.logspace(-4, 1, 201)
ridge = np.stack([np.linalg.solve(Xn.T @ Xn / n + g * np.eye(d), Xn.T @ yn / n) for g in grid])
ls = np.linalg.solve(Xn.T @ Xn / n, Xn.T @ yn / n)
gap = np.linalg.norm(ls - np.linalg.solve(Xn.T @ Xn / n + 0.1 * np.eye(d), Xn.T @ yn / n))
def run(cls, T, betas=(0.9, 0.999)):
    w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
    opt = cls([w], lr=0.01, weight_decay=0.1, betas=betas)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 0.5 * (1 + math.cos(math.pi * t / T)))
    Xd, yd = X.double(), y.double()
    for _ in range(T):
        loss = ((Xd @ w - yd) ** 2 / 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    return w.detach().numpy()
for name, cls in (("Adam + L2", torch.optim.Adam), ("AdamW", torch.optim.AdamW)):
    for T in (300, 2000):
        for b2 in ((0.999, 0.99) if cls is torch.optim.AdamW else (0.999,)):
            w = run(cls, T, (0.9, b2))
            dist = np.linalg.norm(ridge - w, axis=1)
            print(f"{name:9} T={T:4d} β2={b2}: nearest ridge λ {grid[dist.argmin()]:.3g}, distance to path {dist.min()/gap:.3f} of the gap, "
                  f"to least squares {np.linalg.norm(w-ls)/gap:.3f}")
# cell 30: N lambda* for ridge, own numpy, 400 draws
rng = np.random.default_rng(0)
lams = np.logspace(-3, 1, 81)
wstar = np.full(20, 0.3)
for N in (25, 100, 400):
    ex = np.zeros(len(lams))
    for _ in range(400):
        Xs = rng.standard_normal((N, 20)); ys = Xs @ wstar + rng.standard_normal(N)
        A, r = Xs.T @ Xs / N, Xs.T @ ys / N
        for k, l in enumerate(lams):
            ex[k] += np.sum((np.linalg.solve(A + l * np.eye(20), r) - wstar) ** 2)
    k = ex.argmin()
    print(f"ridge (mean-loss convention) N={N:3d}: best λ {lams[k]:.3g}, N·λ* = {N*lams[k]:.3g}  (prediction dσ²/‖w*‖² = {20/(20*0.09):.1f}); "
          f"with the sum-of-squares convention the same optimum is λ_sum = N·λ* = {N*lams[k]:.3g}: constant in N")
