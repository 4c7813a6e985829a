"""Classic setup (n=20, d=200): re-derive the notebook's numbers with my own code (plain torch/numpy, no d2lmini).

Data and the random start are drawn with the same torch calls/seeds as the notebook so the numbers are comparable;
the training loop, losses, projections and minimum-norm solution are written here from scratch (explicit gradients).
"""
import random
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)
n, nv, nt, d, sigma, lr, E, B = 20, 100, 100, 200, 0.01, 0.003, 100, 5


def seed(s):
    random.seed(s); np.random.seed(s); torch.manual_seed(s)


seed(0)
w_true, b_true = torch.full((d, 1), 0.01), 0.05
X = torch.normal(0.0, 1.0, (n + nv + nt, d))
y = X @ w_true + b_true
y += sigma * torch.randn(y.shape)
Xtr, Xv, Xte = X.split([n, nv, nt]); ytr, yv, yte = y.split([n, nv, nt])


def loss(Xe, ye, w, b):
    return float(((Xe @ w + b - ye) ** 2 / 2).mean())


base_test = float(((yte - ytr.mean()) ** 2 / 2).mean())
base_val = float(((yv - ytr.mean()) ** 2 / 2).mean())
print(f"baseline (predict mean train label): test {base_test:.4g}   validation {base_val:.4g}")
print(f"expected baseline 1/2(|w|^2+s^2)(1+1/n) = {0.5 * (0.02 + sigma**2) * (1 + 1 / n):.4g}")

# seed-collision remark of cell 8: with seed 0, would init w equal the first data row?
seed(0); w_same = torch.normal(0.0, 1.0, size=(d, 1))
print("seed-0 init == first data row:", torch.equal(w_same.reshape(-1), X[0]),
      f"(entries equal: {int((w_same.reshape(-1) == X[0]).sum())} of {d})")


def train(lambd, zero=False, dtype=torch.float32, epochs=E, Xtrain=Xtr, ytrain=ytr):
    seed(1)
    w = torch.normal(0.0, 1.0, size=(d, 1))
    if zero:
        w = torch.zeros(d, 1)
    w, b = w.to(dtype), torch.zeros(1, dtype=dtype)
    dl = DataLoader(TensorDataset(Xtrain, ytrain), B, shuffle=True)
    for _ in range(epochs):
        for xb, yb in dl:
            xb, yb = xb.to(dtype), yb.to(dtype)
            r = xb @ w + b - yb                      # (B,1)
            gw = xb.T @ r / len(yb) + lambd * w     # mean loss grad + lambda w
            gb = r.mean(0)
            w, b = w - lr * gw, b - lr * gb
    return w, b


seed(1); w_init = torch.normal(0.0, 1.0, size=(d, 1))
Xd = Xtr.double()
P_row = torch.linalg.pinv(Xd) @ Xd
P_null = torch.eye(d, dtype=torch.float64) - P_row
T = E * (n // B)
res = {}
for lam in [0.0, 3.0]:
    w, b = train(lam)
    res[lam] = (w, b)
    wd = w.double()
    full, row = loss(Xte.double(), yte.double(), wd, b.double()), loss(Xte.double(), yte.double(), P_row @ wd, b.double())
    ratio = float((P_null @ wd).norm() / (P_null @ w_init.double()).norm())
    print(f"lambda={lam:g}: ||w||={float(w.norm()):.3g} train={loss(Xtr, ytr, w, b):.2g} test={full:.3g} "
          f"(x{full / base_test:.4g} baseline); row-part-only test {row:.3g} -> null part {1 - row / full:.2%}; "
          f"null shrink {ratio:.4g} vs (1-lr*lam)^T {(1 - lr * lam) ** T:.4g}")
    # the null-space part's own contribution: 1/2 ||P_null w - P_null w_true||^2 (population, isotropic x)
    print(f"   population-risk view: 1/2||P_null(w - w_true)||^2 = {0.5 * float((P_null @ (wd - w_true.double())).norm()**2):.3g}, "
          f"1/2||P_row(w - w_true)||^2 = {0.5 * float((P_row @ (wd - w_true.double())).norm()**2):.3g}, "
          f"(b-b_true)^2/2 = {0.5 * (float(b) - b_true)**2:.2g}")

# more epochs at lambda = 3: is the 8x-baseline test loss a step-budget effect?
for ep in [100, 200, 400, 800]:
    w, b = train(3.0, epochs=ep)
    print(f"lambda=3, random start, {ep:4d} epochs: test {loss(Xte, yte, w, b):.4g}  val {loss(Xv, yv, w, b):.4g}  "
          f"||w|| {float(w.norm()):.3g}")

# zero start: min-norm over Z = [X 1]
Z = torch.cat([Xd, torch.ones(n, 1, dtype=torch.float64)], 1)
theta_mn = torch.linalg.pinv(Z) @ ytr.double()
for lam in [0.0, 3.0]:
    w, b = train(lam, zero=True)
    th = torch.cat([w.double(), b.double().reshape(1, 1)])
    print(f"zero start lambda={lam:g}: test {loss(Xte, yte, w, b):.4g}; max|theta - Z^+ y| = {float((th - theta_mn).abs().max()):.2g}; "
          f"max|theta| = {float(th.abs().max()):.3g}, b = {float(b):.4g}")
w64, b64 = train(0.0, zero=True, dtype=torch.float64)
th64 = torch.cat([w64, b64.reshape(1, 1)])
print(f"zero start lambda=0 in float64: max|theta - Z^+ y| = {float((th64 - theta_mn).abs().max()):.2g}  (is 400 steps converged?)")
w64l, b64l = train(0.0, zero=True, dtype=torch.float64, epochs=1000)
print(f"  ... 1000 epochs float64: {float((torch.cat([w64l, b64l.reshape(1,1)]) - theta_mn).abs().max()):.2g}")
# closed-form ridge with unpenalized bias at lambda=3 for comparison to the lambda=3 zero-start end point
Xc = Xd - Xd.mean(0); yc = ytr.double() - ytr.double().mean()
w_r = torch.linalg.solve(Xc.T @ Xc + n * 3.0 * torch.eye(d, dtype=torch.float64), Xc.T @ yc)
b_r = ytr.double().mean() - Xd.mean(0) @ w_r
w3z, b3z = train(3.0, zero=True, dtype=torch.float64)
print(f"zero start lambda=3 vs closed-form ridge(3) with free bias: max|dw| = {float((w3z - w_r).abs().max()):.2g}, "
      f"|db| = {float((b3z - b_r).abs().max()):.2g}; distance lambda=3 end point to Z^+y: "
      f"{float((torch.cat([w3z, b3z.reshape(1,1)]) - theta_mn).abs().max()):.2g}")
# paired per-example difference, lambda 0 vs 3 from zero
l0 = ((Xte @ train(0.0, zero=True)[0] + train(0.0, zero=True)[1] - yte) ** 2 / 2).reshape(-1)
w3, b3 = train(3.0, zero=True)
l3 = ((Xte @ w3 + b3 - yte) ** 2 / 2).reshape(-1)
dd = (l0 - l3).double()
print(f"zero start: lambda0 - lambda3 test diff {float(dd.mean()):.2g} +- {float(dd.std() / nt**0.5):.2g}  "
      f"({float(dd.mean() / (dd.std() / nt**0.5)):.2f} SE)")

# minimum-norm / ridge population risks for THIS training set (x ~ N(0,I) so E loss = 1/2(|dw|^2 + db^2 + s^2))
def risk(w, b):
    return 0.5 * (float(((w.double().reshape(-1) - 0.01) ** 2).sum()) + (float(b) - b_true) ** 2 + sigma**2)

print(f"population risk for this training set: mean predictor {risk(torch.zeros(d), ytr.mean()):.4g}, "
      f"min-norm Z^+y {risk(theta_mn[:d], theta_mn[d]):.4g}")
for lam in [0.001, 0.01, 0.05, 0.1, 0.3, 1, 3, 10]:
    w_r = torch.linalg.solve(Xc.T @ Xc + n * lam * torch.eye(d, dtype=torch.float64), Xc.T @ yc)
    b_r = ytr.double().mean() - Xd.mean(0) @ w_r
    print(f"   ridge (free bias) lambda={lam:<6g} population risk {risk(w_r, b_r):.4g}   100-ex test {loss(Xte.double(), yte.double(), w_r.reshape(-1,1), b_r):.4g}")
