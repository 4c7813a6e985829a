"""Section 6/7 claims: is lambda = 1e-5 'practically plain least squares'? Why does the noise-free bias^2 rise at
degrees 13-14? Does the training error match sigma^2 (1 - d/n) with many more training sets?"""
import numpy as np
from common import *

ft = f(x_test)
x, y = draw(f, R, N, SIGMA, 0)


def unb(c):
    return (((c.mean(0) - ft) ** 2) - c.var(0, ddof=1) / c.shape[0]).mean()


def lstsq_batch(X, y):                        # pure least squares, lambda = 0, via QR per set
    return np.stack([np.linalg.lstsq(Xi, yi, rcond=None)[0] for Xi, yi in zip(X, y)])


print(f"{'deg':>3} {'var l=1e-5':>11} {'var l=0':>10} {'bias2 l=1e-5':>13} {'bias2 l=0':>11} "
      f"{'||f-P_deg f||^2 (grid)':>22} {'min eig XtX/n (median, 1%)':>28}")
for deg in [8, 10, 12, 13, 14]:
    X, Xt = features(x, deg), features(x_test, deg)
    out = {}
    for lam in [1e-5, 0.0]:
        W = lstsq_batch(X, y) if lam == 0 else ridge(X, y, lam)
        Wc = lstsq_batch(X, f(x)) if lam == 0 else ridge(X, f(x), lam)
        p, c = W @ Xt.T, Wc @ Xt.T
        tot = ((p - ft) ** 2).mean()
        b2 = unb(c)
        out[lam] = (tot - b2, b2)
    proj = Xt @ np.linalg.lstsq(Xt, ft, rcond=None)[0]
    ev = np.linalg.eigvalsh(np.swapaxes(X, 1, 2) @ X / N)[:, 0]
    print(f"{deg:3d} {out[1e-5][0]:11.4g} {out[0.0][0]:10.4g} {out[1e-5][1]:13.3g} {out[0.0][1]:11.3g} "
          f"{((proj - ft) ** 2).mean():22.3g} {np.median(ev):14.2g}, {np.quantile(ev, 0.01):.2g}")

# training error of least squares vs sigma^2 (1 - d/n), R = 20000 sets (cell 36 used 400)
R2 = 20000
x2, y2 = draw(f, R2, N, SIGMA, 123)
print(f"\ntraining error at lambda = 0, R = {R2} sets (fresh seed 123), and with the truth replaced by its own fit (bias 0):")
for deg in [8, 10, 12, 14]:
    X = features(x2, deg)
    d = deg + 1
    H = X @ np.linalg.solve(np.swapaxes(X, 1, 2) @ X, np.swapaxes(X, 1, 2))
    r = y2[..., None] - H @ y2[..., None]
    e = (r[..., 0] ** 2).mean(1)
    print(f"  degree {deg:2d}: mean {e.mean():.5f} +- {e.std(ddof=1)/np.sqrt(R2):.5f}; formula {SIGMA**2*(1-d/N):.5f}; "
          f"z = {(e.mean()-SIGMA**2*(1-d/N))/(e.std(ddof=1)/np.sqrt(R2)):.1f}")
# same 400 sets as the notebook: realized noise power explains the common +1..2 s.e. offset
eps = (y - f(x)) / SIGMA
print(f"\nnotebook's 400 sets: realized mean eps^2 = {np.mean(eps**2):.4f} (expect 1 +- {np.sqrt(2/(R*N)):.4f})")
