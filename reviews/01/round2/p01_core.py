"""Core numbers of sections 4-5 re-derived with numpy; plus: is the 'terms add up' check able to see the 4b correction?"""
import numpy as np
from common import *

x, y, _ = draw()
X, XT_ = feats(x), feats(XT)
fT = f(XT)
preds = np.stack([ridge(X, y, l) @ XT_.T for l in LAMS])        # (25,400,201)
clean = np.stack([ridge(X, f(x), l) @ XT_.T for l in LAMS])
e = preds - fT
total = (e ** 2).mean((1, 2)) + SIGMA**2
best = int(np.argmin(total))
print(f"best λ {LAMS[best]} total {total[best]:.4g}")
ls = ridge(X, y, 0.0) @ XT_.T
print(f"LS {((ls - fT)**2).mean() + .09:.4g}; mean-label {((y.mean(1, keepdims=True) - fT)**2).mean() + .09:.4g}; "
      f"zero {(fT**2).mean() + .09:.4g}")
plain = ((preds.mean(1) - fT) ** 2).mean(-1)
var_u = preds.var(1, ddof=1).mean(-1)
b2 = ((clean.mean(1) - fT) ** 2 - clean.var(1, ddof=1) / R).mean(-1)
per = (e ** 2).mean(-1)
tse = per.std(1, ddof=1) / np.sqrt(R)
for k in [0, 8, 12, best, 20, 24]:
    print(f"λ={LAMS[k]:8.3g} total {total[k]:.4g}±{tse[k]:.2g} plain {plain[k]:.3g} var/R {preds.var(1).mean(-1)[k]/R:.3g} "
          f"bias2 {b2[k]:.3g} var {var_u[k]:.4g}")
k0 = 0
w = np.sort(per[0])[::-1]
print(f"λ=1e-5: median {np.median(per[0]):.3g} mean {per[0].mean():.3g} worst10% share {w[:40].sum()/w.sum():.0%}; se/est {tse[0]/total[0]:.1%}")
vx = preds[0].var(0)
ends = np.abs(XT) >= 0.9 - 1e-12
print(f"ends share {vx[ends].sum()/vx.sum():.0%} of var, {ends.mean():.1%} of points")
mb = ((y.mean(1, keepdims=True) - fT)**2).mean() + .09
print("λ beating predict-mean:", [l for l, t in zip(LAMS, total) if t < mb][:1], "...", sum(t < mb for t in total))

# --- the check in cell 19: (bias2 + variance + noise - total)/total_se < 3. What would it accept?
z_right = (b2 + var_u + .09 - total) / tse
z_plain = (plain + var_u + .09 - total) / tse          # uncorrected bias² (the thing 4b warns against)
z_zero = (0 + var_u + .09 - total) / tse
print(f"\ncheck of cell 19 (tol 3 total-s.e.): max|z| correct {np.abs(z_right).max():.2f}; "
      f"with the PLAIN bias² {np.abs(z_plain).max():.2f}; with bias²=0 {np.abs(z_zero).max():.1f}")
# proper s.e. of the difference D = bias2 + var_u - (plain + var_R), by jackknife over sets
def stats_loo(P, C):
    out = []
    for r in range(R):
        m = np.ones(R, bool); m[r] = False
        p, c = P[:, m], C[:, m]
        t = ((p - fT)**2).mean((1, 2)) + .09
        bb = ((c.mean(1) - fT)**2 - c.var(1, ddof=1)/(R-1)).mean(-1)
        out.append(bb + p.var(1, ddof=1).mean(-1) + .09 - t)
    return np.array(out).T
D = b2 + var_u + .09 - total
Dse = jack_se(stats_loo(preds, clean))
print(f"{'λ':>8} {'D':>10} {'jack se(D)':>11} {'total_se':>9} {'D/se(D)':>8}  {'var/R':>9}")
for k in [0, 4, 8, 12, best, 20, 24]:
    print(f"{LAMS[k]:8.3g} {D[k]:10.3g} {Dse[k]:11.2g} {tse[k]:9.2g} {D[k]/Dse[k]:8.2f}  {var_u[k]/R:9.3g}")
print(f"max |D/se(D)| {np.abs(D/Dse).max():.2f}")
# plain bias² s.e. (jackknife) at best λ: is 'always upward' true of the measured number?
def plain_loo(P):
    S = P.sum(1)
    return np.stack([(((S - P[:, r]) / (R - 1) - fT)**2).mean(-1) for r in range(R)], -1)
pse = jack_se(plain_loo(preds))
for k in [best, 20, 24]:
    print(f"λ={LAMS[k]:.3g}: plain bias² {plain[k]:.4g} ± {pse[k]:.2g} (jackknife) vs precise {b2[k]:.4g}: plain − precise = "
          f"{plain[k]-b2[k]:+.2g} (inflation var/R = {var_u[k]/R:.2g})")
