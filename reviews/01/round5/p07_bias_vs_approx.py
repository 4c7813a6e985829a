"""Section 6: is the noise-averaged least-squares bias² 'the part of f a polynomial of that degree cannot
represent'? Compare it with the best L2 approximation error on the test grid (which can only fall with the degree)."""
import numpy as np
from common import *
x, y, _ = sets_torch(0)
ft = f(XT)
print(f"{'deg':>3} {'bias² (LS, random design)':>26} {'min_p mean (p - f)² on grid':>28} {'ratio':>7}")
for deg in range(4, 15):
    A = feats(XT, deg); approx = np.mean((A @ np.linalg.lstsq(A, ft, rcond=None)[0] - ft) ** 2)
    b2 = terms(x, y, 0.0, deg=deg)['bias2']
    print(f"{deg:3d} {b2:26.3g} {approx:28.3g} {b2/approx:7.2g}")
import d2lmini as d2l
print("d2l.checks.hint exists:", callable(getattr(d2l.checks, 'hint', None)))
