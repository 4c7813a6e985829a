"""Classic setup re-derived with my own loop (torch only for the same random draws; numpy for the algebra)."""
import numpy as np, torch
torch.set_num_threads(1)
from torch.utils import data
d, n, nv, nt, sig, lr, E, bs = 200, 20, 100, 100, 0.01, 0.003, 100, 5
torch.manual_seed(0)
X = torch.normal(0.0, 1.0, (n + nv + nt, d)); y = X @ (torch.ones(d, 1) * 0.01) + 0.05; y += sig * torch.randn(y.shape)
Xtr, Xv, Xte = X.split([n, nv, nt]); ytr, yv, yte = y.split([n, nv, nt])
A, Y, AV, YV, AT, YT = (t.double().numpy() for t in (Xtr, ytr.reshape(-1), Xv, yv.reshape(-1), Xte, yte.reshape(-1)))
wstar = np.full(d, 0.01)
def tl(w, b, A_=AT, Y_=YT): return float(((A_ @ w + b - Y_) ** 2 / 2).mean())
def risk(w, b): return 0.5 * (((w - wstar) ** 2).sum() + (b - 0.05) ** 2 + sig**2)
print(f"baseline test {tl(np.zeros(d), Y.mean()):.4g}; expected 0.5*(0.02+1e-4)*(1+1/20) = {0.5*(0.0201)*1.05:.5g}")

def my_train(lambd, zero=False):
    torch.manual_seed(1)
    w = torch.normal(0.0, 1.0, size=(d, 1)); b = torch.zeros(1)
    if zero: w = torch.zeros(d, 1)
    it = data.DataLoader(data.TensorDataset(Xtr, ytr), bs, shuffle=True)
    for _ in range(E):
        for xb, yb in it:   # explicit gradient: mean over batch of r x + lambda w
            r = xb @ w + b - yb
            w = w - lr * (xb.T @ r / xb.shape[0] + lambd * w)
            b = b - lr * r.mean(0)
    return w.reshape(-1).double().numpy(), float(b)
torch.manual_seed(1); w_init = torch.normal(0.0, 1.0, size=(d, 1)).reshape(-1).double().numpy()
Pn = np.eye(d) - np.linalg.pinv(A) @ A
res = {}
for lam, zero in [(0, False), (3, False), (0, True), (3, True)]:
    w, b = my_train(lam, zero); res[(lam, zero)] = (w, b)
    print(f"lambda={lam} zero_start={zero}: ||w||={np.linalg.norm(w):.3g} b={b:.3g} train={tl(w,b,A,Y):.2g} "
          f"test={tl(w,b):.4g} exact risk={risk(w,b):.5g} null factor={np.linalg.norm(Pn@w)/np.linalg.norm(Pn@w_init):.4g} "
          f"(pred {(1-lr*lam)**400:.4g})")
w0, b0 = res[(0, True)]; w3, b3 = res[(3, True)]
pe = (AT @ w0 + b0 - YT) ** 2 / 2 - (AT @ w3 + b3 - YT) ** 2 / 2
print(f"from w=0: test diff lam0-lam3 = {pe.mean():.2e} +- {pe.std(ddof=1)/10:.1e}; EXACT risk diff = {risk(w0,b0)-risk(w3,b3):.2e}")
print(f"  exact risk parts lam0: w {0.5*((w0-wstar)**2).sum():.5f} b {0.5*(b0-0.05)**2:.5f}; lam3: w {0.5*((w3-wstar)**2).sum():.5f} b {0.5*(b3-0.05)**2:.5f}")
print(f"  mean predictor exact risk on this set {risk(np.zeros(d), Y.mean()):.5g}")
# closed form ridge with free bias: sklearn convention alpha = n*lambda
from sklearn.linear_model import Ridge
grid = [0.0] + list(np.logspace(-3, 2, 21))
vals = []
for lam in grid:
    if lam == 0:
        Ac = A - A.mean(0); w = np.linalg.pinv(Ac) @ (Y - Y.mean()); b = Y.mean() - A.mean(0) @ w
    else:
        m = Ridge(alpha=n * lam).fit(A, Y); w, b = m.coef_, m.intercept_
    vals.append((lam, tl(w, b, AV, YV), tl(w, b), risk(w, b)))
for lam, v, t, r in vals: print(f"  converged lambda={lam:<8.3g} val={v:.5f} test={t:.5f} exact={r:.6f}")
k = int(np.argmin([v for _, v, _, _ in vals])); print(f"converged: validation picks lambda={grid[k]:.3g} (val {vals[k][1]:.5f})")
print(f"baseline val {tl(np.zeros(d), Y.mean(), AV, YV):.5f}")
