"""Probe 6 (section 5.2): 'the ten most frequent tokens ... are in every minibatch' -- how often is a top-10 token absent
from a minibatch of 128 Zipf(1/rank) draws over 1000 tokens?  Plain numpy."""
import numpy as np
p = 1 / np.arange(1, 1001); p /= p.sum()
for r in (1, 5, 10):
    print(f"rank {r:2d}: p = {p[r-1]:.4f}, expected count in 2000x128 draws {p[r-1]*256000:.0f}, P(absent from a minibatch of 128) = {(1-p[r-1])**128:.3f}")
print(f"rank 100: expected count {p[99]*256000:.0f}; rank 1000: {p[999]*256000:.0f}")
