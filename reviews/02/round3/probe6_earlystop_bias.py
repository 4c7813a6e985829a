"""Section 9 follow-up: early stopping (GD from w=0, b=0) also shrinks the bias b toward 0, which is exactly the
true bias in the 'noisy' setup (b* = 0); ridge leaves b free. Split the exact risk into the w part and the b part,
and redo the comparison with a true bias b* = 2 (everything else equal) to see which way the win goes."""
import numpy as np
n, nv, d, wv, sig, lr, T = 30, 100, 20, 0.3, 1.0, 0.2, 300
grid = [0.0] + [float(f"{v:.3g}") for v in np.logspace(-3, 1, 17)]
def run(bstar, R=600, seed=99):
    rng = np.random.default_rng(seed)
    out = {k: [] for k in ["ridge_w", "ridge_b", "es_w", "es_b"]}
    for _ in range(R):
        Xa = rng.standard_normal((n + nv, d)); ya = Xa @ np.full(d, wv) + bstar + sig * rng.standard_normal(n + nv)
        X, y, Xv, yv = Xa[:n], ya[:n], Xa[n:], ya[n:]
        xm, ym = X.mean(0), y.mean(); Xc, yc = X - xm, y - ym
        best = None
        for l in grid:
            w = np.linalg.solve(Xc.T @ Xc + n * l * np.eye(d), Xc.T @ yc); b = ym - xm @ w
            v = np.mean((Xv @ w + b - yv) ** 2 / 2)
            if best is None or v < best[0]: best = (v, w, b)
        w, b = np.zeros(d), 0.0; bestes = None
        for _ in range(T):
            r = X @ w + b - y; w, b = w - lr * X.T @ r / n, b - lr * r.mean()
            v = np.mean((Xv @ w + b - yv) ** 2 / 2)
            if bestes is None or v < bestes[0]: bestes = (v, w.copy(), b)
        out["ridge_w"].append(np.sum((best[1] - wv) ** 2) / 2); out["ridge_b"].append((best[2] - bstar) ** 2 / 2)
        out["es_w"].append(np.sum((bestes[1] - wv) ** 2) / 2); out["es_b"].append((bestes[2] - bstar) ** 2 / 2)
    o = {k: np.array(v) for k, v in out.items()}
    def ms(v): return f"{v.mean():+.4f} +- {v.std(ddof=1)/len(v)**.5:.4f}"
    tot = (o["es_w"] + o["es_b"]) - (o["ridge_w"] + o["ridge_b"])
    print(f"b* = {bstar}: R = {R}: early stopping minus chosen ridge, exact risk: total {ms(tot)}; w part {ms(o['es_w'] - o['ridge_w'])}; "
          f"b part {ms(o['es_b'] - o['ridge_b'])}")
run(0.0)
run(2.0)
