"""Independent re-derivation of the notebook's headline numbers with plain numpy (no d2lmini).
Data: the same jittered sets as the notebook (torch generator, seed 0, same draw order), then everything in numpy.
Also: more seeds / more sets to see which numbers are seed-specific."""
import numpy as np, torch
from numpy.polynomial import legendre as L
torch.set_num_threads(1)

def f(x): return np.sin(3 * x) + 0.5 * np.cos(5 * x)
sigma, n, R, T = 0.3, 20, 400, 201
lambdas = np.logspace(-5, 1, 25)

def sets(R, seed, n=n, fn=f, sig=sigma):
    g = torch.Generator().manual_seed(seed)
    x = (-1 + 2 * (torch.arange(n, dtype=torch.float64) + torch.rand(R, n, generator=g, dtype=torch.float64)) / n)
    e = torch.randn(R, n, generator=g, dtype=torch.float64)
    x = x.numpy(); return x, fn(x) + sig * e.numpy()

def feats(x, deg):
    V = L.legvander(x, deg)                     # P_0..P_deg
    return V * np.sqrt(2 * np.arange(deg + 1) + 1)

def ridge(X, y, lam):
    n, d = X.shape[-2:]
    A = np.swapaxes(X, -1, -2) @ X + n * lam * np.eye(d)
    return np.linalg.solve(A, (np.swapaxes(X, -1, -2) @ y[..., None]))[..., 0]

xt = np.linspace(-1, 1, T); ft = f(xt)

def sweep(deg, lams, seed=0, R=R, fn=f, sig=sigma, nn=n):
    x, y = sets(R, seed, nn, fn, sig)
    X, Xt = feats(x, deg), feats(xt, deg)
    out = []
    ftt = fn(xt)
    for lam in lams:
        P = ridge(X, y, lam) @ Xt.T                 # (R, T)
        C = ridge(X, fn(x), lam) @ Xt.T             # noise-free labels
        per = ((P - ftt) ** 2).mean(1)
        total = per.mean() + sig**2
        b2_plain = ((P.mean(0) - ftt) ** 2).mean()
        var_u = P.var(0, ddof=1).mean()
        b2 = (((C.mean(0) - ftt) ** 2) - C.var(0, ddof=1) / R).mean()
        out.append(dict(total=total, se=per.std(ddof=1) / np.sqrt(R), b2_plain=b2_plain, var=var_u, b2=b2, per=per))
    return out

res = sweep(12, lambdas)
tot = np.array([r['total'] for r in res]); best = tot.argmin()
print(f"seed 0: best λ {lambdas[best]:.3g}, total {tot[best]:.4g}; λ=1e-5 total {tot[0]:.4g} ± {res[0]['se']:.2g}")
for k in [0, 8, 12, best, 20, 24]:
    r = res[k]
    print(f"  λ {lambdas[k]:8.3g}: total {r['total']:.4g} ± {r['se']:.2g}  plain b² {r['b2_plain']:.3g}  b² (noise-avg) {r['b2']:.3g}  var {r['var']:.4g}")
x, y = sets(R, 0)
X, Xt = feats(x, 12), feats(xt, 12)
ls = ridge(X, y, 0.0) @ Xt.T
print(f"baselines: LS {((ls - ft)**2).mean() + sigma**2:.4g}; mean label {((y.mean(1, keepdims=True) - ft)**2).mean() + sigma**2:.4g}; "
      f"zero {(ft**2).mean() + sigma**2:.4g}")

# robustness of the best λ and of the best degree over seeds
bests, bestd, diffs = [], [], []
for s in range(1, 9):
    r = sweep(12, lambdas, seed=s); t = np.array([q['total'] for q in r]); bests.append(lambdas[t.argmin()])
    td = [sweep(d, [0.0], seed=s)[0]['total'] for d in range(2, 10)]
    bestd.append(2 + int(np.argmin(td)))
print("best λ over seeds 1-8:", [f"{b:.3g}" for b in bests])
print("best degree (λ=0) over seeds 1-8:", bestd)

# degree sweep at λ=0 with a big Monte Carlo (seed 100, 4000 sets)
print("degree sweep, λ = 0, 4000 sets (seed 100):")
for d in range(2, 15):
    r = sweep(d, [0.0], seed=100, R=4000)[0]
    print(f"  degree {d:2d}: total {r['total']:.4g} ± {r['se']:.1g}  b² {r['b2']:.3g}  var {r['var']:.4g}")
r = sweep(12, lambdas, seed=100, R=4000); t = np.array([q['total'] for q in r])
print(f"degree 12 ridge, 4000 sets: best λ {lambdas[t.argmin()]:.3g}, total {t.min():.4g}; neighbours "
      + ", ".join(f"{lambdas[k]:.3g}: {t[k]:.4g}" for k in range(t.argmin() - 2, t.argmin() + 3)))
# df axis claims: "smallest around 5-10 effective parameters, rises steeply beyond about 11"
def df(X, lam):
    s = np.linalg.eigvalsh(np.swapaxes(X, -1, -2) @ X)
    return (s / (s + X.shape[-2] * lam)).sum(-1).mean()
print("λ sweep on df axis (seed 0):", ", ".join(f"df {df(X, lambdas[k]):.2f}: {tot[k]:.3g}" for k in range(0, 25, 2)))
