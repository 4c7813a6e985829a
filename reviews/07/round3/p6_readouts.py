"""Probe 6: (a) the notebook's own draws of design 3 (section 3, cell 21): how often the evidence's λ is at the grid's
upper end (own evidence code, the notebook's generator); (b) does λ = 1e-3 'hug' the tuned curve at EVERY p
(cell 40)? and where does λ = 1e-5 peak; (c) first-60-patients GCV pick of exercise 2 (own code)."""
import os; os.environ["OMP_NUM_THREADS"] = "1"
import math, numpy as np, torch
torch.set_num_threads(1)
import d2lmini as d2l
F64 = torch.float64
B = d2l.nb07.SETUP.bayes; n, d, sigma = B.n_train, B.num_inputs, B.sigma
R_m, scale = 1000, torch.logspace(0.5, -0.5, d, dtype=F64)
lam_m = np.logspace(-3, 3, 121)
g = torch.Generator().manual_seed(B.seed + 7)
X_m = torch.randn(R_m, n, d, generator=g, dtype=F64) * scale
signs = torch.randint(0, 2, (R_m, 3), generator=g).to(F64) * 2 - 1
noise_m = sigma * torch.randn(R_m, n, generator=g, dtype=F64)
X = X_m.numpy(); U, s, _ = np.linalg.svd(X, full_matrices=False)
for lab, cols, size in [("1.2 on smallest-scale", slice(d - 3, d), 1.2), ("2.5 on smallest-scale", slice(d - 3, d), 2.5)]:
    w = np.zeros((R_m, d)); w[:, cols] = size * signs.numpy(); y = np.einsum('rnd,rd->rn', X, w) + noise_m.numpy()
    uy = np.einsum('rnk,rn->rk', U, y); ratio = s[:, :, None]**2 / (n * lam_m)
    quad = (uy[:, :, None]**2 / (1 + ratio)).sum(1) + ((y**2).sum(1) - (uy**2).sum(1))[:, None]
    ev = -0.5 * (n * np.log(2 * np.pi * quad / n) + np.log1p(ratio).sum(1) + n); k = ev.argmax(1)
    print(f"design '{lab}', notebook draws: evidence λ at the grid's upper end 1e3 on {np.mean(k == 120):.0%} of draws, >= 100 on {np.mean(lam_m[k] >= 100):.0%}; median grid λ {np.median(lam_m[k]):.3g}")
st = d2l.nb07.feature_study(d2l.nb07.SETUP.features)
P = st.num_features; med = st.test.quantile(0.5, dim=0); lam_t, tuned = st.tuned(); tmed = tuned.quantile(0.5, dim=0)
c3, c5 = st.lambdas.index(0.001), st.lambdas.index(1e-05)
print("p:                       " + " ".join(f"{p:6d}" for p in P))
print("median(λ=1e-3)/median(tuned): " + " ".join(f"{float(a / b):6.3f}" for a, b in zip(med[:, c3], tmed)))
print("median(λ=1e-5):          " + " ".join(f"{float(a):6.3f}" for a in med[:, c5]))
# (c)
from sklearn.datasets import load_diabetes
Xd, yd = load_diabetes(return_X_y=True); Xd, yd = Xd[:60], yd[:60]; nn = 60
grid = [float(f"{v:.3g}") for v in np.logspace(-6, 0, 13)]; out = []
for l in grid:
    Xc = Xd - Xd.mean(0); H = Xc @ np.linalg.solve(Xc.T @ Xc + nn * l * np.eye(10), Xc.T) + 1 / nn
    e = yd - H @ yd; out.append(0.5 * np.mean(e**2) / (1 - np.trace(H) / nn)**2)
print(f"first 60 patients: GCV picks λ = {grid[int(np.argmin(out))]:g}")
