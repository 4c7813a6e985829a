"""Fixer's probe (round 2): the numbers the new notebook lines print, computed with d2lmini before editing the text."""
import torch

import d2lmini as d2l

torch.set_num_threads(1)
S = d2l.nb01.SETUP
f, R = d2l.nb01.target, S.num_sets
kw = dict(n=S.n, sigma=S.sigma, num_sets=R)
main = d2l.nb01.ridge_bias_variance(f, S.degree, list(S.lambdas), seed=S.seed, **kw)
below = main.bias2_plain < main.bias2
print("D2: plain < noise-averaged bias² at", int(below.sum()), "of", len(S.lambdas), "; at λ =",
      [f"{v:.3g}" for v, b in zip(S.lambdas, below, strict=True) if b])
runs = [d2l.nb01.ridge_bias_variance(f, S.degree, [1e-5, 10.0], seed=s, **kw) for s in range(10)]
ratio = torch.stack([r.bias2_plain[0] / (r.variance_plain[0] / R) for r in runs])
print(f"D2: plain bias² / (variance/R) at λ = 1e-5 over 10 seeds: median {ratio.median():.2g}, "
      f"min {ratio.min():.2g}, max {ratio.max():.2g}, seed 0 {ratio[0]:.2g}")
D = torch.stack([r.bias2[0] + r.variance[0] + r.noise - r.total[0] for r in runs])
print(f"D1: D at λ = 1e-5: sd over 10 seeds {D.std():.2g}, mean {D.mean():.2g}; total_se seed 0 {main.total_se[0]:.2g}")
z_plain = (main.bias2_plain + main.variance + main.noise - main.total) / main.total_se
z = (main.bias2 + main.variance + main.noise - main.total) / main.total_se
print(f"D1: max |z| correct {z.abs().max():.2g}, plain {z_plain.abs().max():.2g}")
cut = []
for s in range(10):
    r = d2l.nb01.ridge_bias_variance(f, 14, [0.0, 1e-5], seed=s, **kw)
    cut.append(float(1 - r.variance[1] / r.variance[0]))
cut = torch.tensor(cut)
print(f"D3: degree 14, λ=1e-5 variance cut over 10 seeds: median {cut.median():.0%}, {cut.min():.0%}-{cut.max():.0%}, "
      f"seed 0 {cut[0]:.0%}")
b2 = torch.stack([d2l.nb01.ridge_bias_variance(f, d, [0.0], seed=S.seed, **kw).bias2[0] for d in range(15)])
print("D8: degrees whose bias² exceeds the previous:", [d for d in range(1, 15) if b2[d] > b2[d - 1]])
far = d2l.nb01.ridge_bias_variance(f, S.degree, [1e4], seed=S.seed, **kw)
print(f"D7: λ = 1e4 total {far.total[0]:.4g}")
f_exp = lambda x: torch.exp(2 * x)  # noqa: E731
for d in (3, 4):
    r = d2l.nb01.ridge_bias_variance(f_exp, d, [0.0], seed=S.seed, **kw)
    print(f"D5: exp(2x), least squares degree {d}: {r.total[0]:.4g} ± {r.total_se[0]:.1g}")
