"""Is 'best degree = 4' (df = 5) resolved by the 400 sets? Paired differences against degree 4, and on two other draws."""
import numpy as np
from common import *
for label, (x, y, _) in [("torch seed 0", sets_torch(0)), ("numpy seed 1", sets_numpy(1)), ("numpy seed 2", sets_numpy(2))]:
    r = {d: terms(x, y, 0.0, deg=d) for d in range(3, 8)}
    best = min(r, key=lambda d: r[d]['total'])
    row = []
    for d in range(3, 8):
        diff = r[d]['per'] - r[4]['per']
        row.append(f"deg {d}: {r[d]['total']:.4f}" + ("" if d == 4 else f" ({diff.mean():+.4f} ± {diff.std(ddof=1)/20:.4f})"))
    print(f"{label}: best {best}; " + "; ".join(row))
