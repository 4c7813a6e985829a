"""The fix for probe 6: early stopping that treats the bias like ridge does (center the data: X - mean, y - mean,
b = mean(y) - mean(x)^T w), against validation-chosen ridge, b* = 0 and b* = 2, exact risk, paired."""
import numpy as np
n, nv, d, wv, sig, lr, T = 30, 100, 20, 0.3, 1.0, 0.2, 300
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
def run(bstar, R=600, seed=99):
    rng = np.random.default_rng(seed); diff = []
    for _ in range(R):
        Xa = rng.standard_normal((n + nv, d)); ya = Xa @ np.full(d, wv) + bstar + sig * rng.standard_normal(n + nv)
        X, y, Xv, yv = Xa[:n], ya[:n], Xa[n:], ya[n:]
        xm, ym = X.mean(0), y.mean(); Xc, yc = X - xm, y - ym
        best = None
        for l in grid:
            w = np.linalg.solve(Xc.T @ Xc + n * l * np.eye(d), Xc.T @ yc); b = ym - xm @ w
            v = np.mean((Xv @ w + b - yv) ** 2 / 2)
            if best is None or v < best[0]: best = (v, (np.sum((w - wv) ** 2) + (b - bstar) ** 2 + 1) / 2)
        w = np.zeros(d); bes = None
        for _ in range(T):
            w = w - lr * Xc.T @ (Xc @ w - yc) / n; b = ym - xm @ w
            v = np.mean((Xv @ w + b - yv) ** 2 / 2)
            if bes is None or v < bes[0]: bes = (v, (np.sum((w - wv) ** 2) + (b - bstar) ** 2 + 1) / 2)
        diff.append(bes[1] - best[1])
    diff = np.array(diff)
    print(f"b* = {bstar}: centered early stopping minus chosen ridge (exact risk, R = {R}): {diff.mean():+.4f} +- {diff.std(ddof=1)/R**.5:.4f}")
run(0.0); run(2.0)
