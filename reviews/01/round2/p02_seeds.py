"""Seed-to-seed spread (40 seeds x 400 sets) of the numbers the text reads from seed 0; do the one-seed s.e.s cover it?"""
import numpy as np
from common import *

XT_ = feats(XT, 14); fT = f(XT)
SEEDS = range(40)


def unb_b2(P):                     # P (R,T) fits; unbiased bias² and its jackknife s.e.
    e = P - fT
    b = ((e.mean(0))**2 - e.var(0, ddof=1) / R).mean()
    S, Q = e.sum(0), (e**2).sum(0)
    m = (S - e) / (R - 1)
    v = (Q - e**2 - (R - 1) * m**2) / (R - 2)
    loo = (m**2 - v / (R - 1)).mean(-1)
    return b, jack_se(loo)


def var_u(P):
    Rr = P.shape[0]
    S, Q = P.sum(0), (P**2).sum(0)
    v = P.var(0, ddof=1).mean()
    loo = ((Q - P**2 - (S - P)**2 / (Rr - 1)) / (Rr - 2)).mean(-1)
    return v, jack_se(loo)


rows = []
for s in SEEDS:
    x, y, _ = draw(seed=s)
    X14 = feats(x, 14)
    r = {}
    for deg, lams in [(12, [1e-5, 0.1, 0.178, 0.316, 10.0, 0.0]), (3, [0.0]), (4, [0.0]), (5, [0.0]), (6, [0.0]),
                      (13, [0.0, 1e-5]), (14, [0.0, 1e-5])]:
        X = X14[..., :deg + 1]; Xt = XT_[:, :deg + 1]
        for lam in lams:
            P = ridge(X, y, lam) @ Xt.T
            C = ridge(X, f(x), lam) @ Xt.T
            per = ((P - fT)**2).mean(1)
            b, bse = unb_b2(C)
            v, vse = var_u(P)
            r[(deg, lam)] = dict(total=per.mean() + .09, tse=per.std(ddof=1) / R**.5, b2=b, b2se=bse, var=v, vse=vse,
                                 plain=((P.mean(0) - fT)**2).mean(), varR=P.var(0).mean() / R, per=per)
    rows.append(r)


def col(key, k):
    return np.array([r[k][key] for r in rows])


print(f"{len(rows)} seeds of {R} sets. For each quantity: seed 0 | median, mean over seeds | sd over seeds | mean one-seed s.e.")
for k, key, sek in [((12, 1e-5), 'total', 'tse'), ((12, 1e-5), 'var', 'vse'), ((12, 1e-5), 'b2', 'b2se'),
                    ((12, 0.0), 'total', 'tse'), ((12, 0.178), 'total', 'tse'), ((12, 10.0), 'var', 'vse'),
                    ((14, 0.0), 'var', 'vse'), ((14, 1e-5), 'var', 'vse'), ((13, 0.0), 'var', 'vse')]:
    c, se = col(key, k), col(sek, k)
    print(f"deg {k[0]:2d} λ={k[1]:<6g} {key:6s}: seed0 {c[0]:.4g} | median {np.median(c):.4g} mean {c.mean():.4g} | "
          f"sd {c.std(ddof=1):.3g} | mean s.e. {se.mean():.3g} (seed0 s.e. {se[0]:.3g}); seed-0 rank {int((c < c[0]).sum())+1}/40")
p, vr = col('plain', (12, 1e-5)), col('varR', (12, 1e-5))
print(f"λ=1e-5 plain bias²: seed0 {p[0]:.2g}, range {p.min():.2g}..{p.max():.2g}, median {np.median(p):.2g}; "
      f"plain/(var/R) median {np.median(p/vr):.2f}, seed0 {p[0]/vr[0]:.2f}")
D = col('b2', (12, 1e-5)) + col('var', (12, 1e-5)) + .09 - col('total', (12, 1e-5))
print(f"λ=1e-5: D = bias2+var+noise-total: seed0 {D[0]:.3g}, mean over seeds {D.mean():.2g}, sd {D.std(ddof=1):.2g}")
# best λ on the grid-subset and best degree per seed
bl = [min([1e-5, 0.1, 0.178, 0.316, 10.0], key=lambda l: r[(12, l)]['total']) for r in rows]
bd = [min([3, 4, 5, 6], key=lambda d: r[(d, 0.0)]['total']) for r in rows]
print("best λ among {0.1,0.178,0.316} per seed:", {l: bl.count(l) for l in set(bl)})
print("best degree among 3-6 (λ=0) per seed:", {d: bd.count(d) for d in sorted(set(bd))})
d45 = np.array([r[(4, 0.0)]['total'] - r[(5, 0.0)]['total'] for r in rows])
print(f"degree 4 minus degree 5 (λ=0): seed0 {d45[0]:+.4f}; mean over seeds {d45.mean():+.4f} ± {d45.std(ddof=1)/40**.5:.4f}")
gain = np.array([r[(12, 0.178)]['total'] - r[(4, 0.0)]['total'] for r in rows])
print(f"deg12@0.178 minus deg4@0: seed0 {gain[0]:.4f}, mean {gain.mean():.4f}, sd {gain.std(ddof=1):.4f}")
cut = 1 - col('var', (14, 1e-5)) / col('var', (14, 0.0))
print(f"degree 14: variance cut by λ=1e-5: seed0 {cut[0]:.0%}, median {np.median(cut):.0%}, range {cut.min():.0%}..{cut.max():.0%}")
pooled = np.concatenate([r[(14, 0.0)]['per'] for r in rows]); pooled12 = np.concatenate([r[(12, 0.0)]['per'] for r in rows])
for nm, pp in [("deg14 LS", pooled), ("deg12 LS", pooled12)]:
    s = np.sort(pp)[::-1]
    print(f"{nm}: pooled 16000 sets: mean per-set error {pp.mean():.4g}, top 0.1% of sets carry {s[:16].sum()/s.sum():.0%}, max {s[0]:.4g}")
