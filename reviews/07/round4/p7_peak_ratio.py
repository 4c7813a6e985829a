"""How precise is 'the median minimum-norm loss at p = n is about ten times that at p = 95 or 105 and twenty times that
at 90 or 110'? Bootstrap over the notebook's own 100 draws (paired across p), plus the same ratio on 3 other seeds."""
import sys, dataclasses; sys.path.insert(0, '/work/main')
import torch; torch.set_num_threads(1)
import d2lmini as d2l
Fs = d2l.nb07.SETUP.features
def ratios(mn, P):
    med = mn.quantile(0.5, dim=0); k = P.index(100)
    return [float(med[k] / med[P.index(q)]) for q in (95, 105, 90, 110)]
for seed in [Fs.seed, 11, 12, 13]:
    st = d2l.nb07.feature_study(dataclasses.replace(Fs, seed=seed)); P = st.num_features; mn = st.test[:, :, 0]
    line = f"seed {seed}: ratio p=n to p=95,105,90,110: " + ", ".join(f"{r:.1f}" for r in ratios(mn, P))
    if seed == Fs.seed:
        g = torch.Generator().manual_seed(0); B = torch.stack([torch.tensor(ratios(mn[torch.randint(100, (100,), generator=g)], P)) for _ in range(500)])
        lo, hi = B.quantile(0.025, 0), B.quantile(0.975, 0)
        line += "   bootstrap 95%: " + ", ".join(f"[{a:.1f}, {b:.1f}]" for a, b in zip(lo.tolist(), hi.tolist()))
    print(line)
