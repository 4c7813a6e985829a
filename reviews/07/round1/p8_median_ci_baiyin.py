"""Probe 8: (a) coverage of the notebook's distribution-free 95% interval for a median with R = 100 (ranks from
d2l.nb07.median_ci's formula, coverage from the exact binomial and by simulation); (b) the Bai-Yin comparison of cell 29:
observed median smallest singular values (stored output) vs std·|√p-√n|/√p for centered ReLU features."""
import math
import numpy as np
from scipy.stats import binom

R = 100
lo = max(math.floor((R - 1.96 * math.sqrt(R)) / 2), 1)
hi = min(math.ceil((R + 1.96 * math.sqrt(R)) / 2) + 1, R)
cov = binom.cdf(hi - 1, R, 0.5) - binom.cdf(lo - 1, R, 0.5)
rng = np.random.default_rng(0)
sims = np.sort(rng.standard_cauchy((20000, R)), 1)
print(f"ranks {lo}..{hi}: exact coverage {cov:.4f}; simulated (Cauchy samples, true median 0) "
      f"{np.mean((sims[:, lo-1] <= 0) & (sims[:, hi-1] >= 0)):.4f}")
sd = math.sqrt(0.5 - 1 / (2 * math.pi))          # std of relu(z), z ~ N(0,1)
obs = {60: 0.0847, 90: 0.0167, 100: 0.00159, 110: 0.0134, 200: 0.0676}   # cell 30's stored medians
for p, s in obs.items():
    by = sd * abs(math.sqrt(p) - 10) / math.sqrt(p)
    print(f"p = {p}: observed {s:.3g}, Bai-Yin-style {by:.3g}, ratio {s/by:.2f}" if by > 0 else f"p = {p}: observed {s:.3g} (Bai-Yin edge: 0)")
