"""Fixer's probe (round 2, D1): the seed-ensemble test the review proposes. D = bias² + variance + noise − total per
seed at λ = 1e-5 (correct) and the same with the plain bias² (which is s²/R exactly), in units of sd(D)/√10."""
import torch

import d2lmini as d2l

torch.set_num_threads(1)
S = d2l.nb01.SETUP
runs = [d2l.nb01.ridge_bias_variance(d2l.nb01.target, S.degree, [1e-5, 10.0], n=S.n, sigma=S.sigma,
                                     num_sets=S.num_sets, seed=s) for s in range(10)]
for k, lam in enumerate([1e-5, 10.0]):
    D = torch.stack([r.bias2[k] + r.variance[k] + r.noise - r.total[k] for r in runs])
    P = torch.stack([r.bias2_plain[k] + r.variance[k] + r.noise - r.total[k] for r in runs])
    se = D.std() / len(runs) ** 0.5
    print(f"λ = {lam:g}: correct D mean {D.mean():.3g}, s.e. {se:.2g}, z {D.mean() / se:.2f}; plain version mean "
          f"{P.mean():.3g}, z {P.mean() / se:.2f}; plain − correct per seed: median {(P - D).median():.3g}")
