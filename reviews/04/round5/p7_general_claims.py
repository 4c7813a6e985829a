"""Two general claims in §7's text, tested on random problems with own solvers (numpy):
(a) 'for d = 2 ... after λ* the path is a second straight line: weight j stays at 0 and w_k = (b_k − λ s_k)/H_kk
    until it reaches 0 at λ = |b_k|' (two pieces);
(b) 'A ridge weight can pass through 0, but only at one isolated λ' (true for 2x2; in d = 3?)."""
import numpy as np
rng = np.random.default_rng(0)
def lasso_cd(H, b, lam):
    w = np.zeros(len(b))
    for _ in range(100000):
        old = w.copy()
        for j in range(len(b)):
            r = b[j] - H[j] @ w + H[j, j] * w[j]
            w[j] = np.sign(r) * max(abs(r) - lam, 0) / H[j, j]
        if np.abs(w - old).max() < 1e-15: break
    return w
bad, tried = [], 0
for _ in range(3000):
    A = rng.standard_normal((2, 2)); H = A @ A.T + 0.05 * np.eye(2); what = rng.standard_normal(2); b = H @ what
    s = np.sign(what); sl = np.linalg.solve(H, s); kn = np.where(what / sl > 0, what / sl, np.inf)
    if not np.isfinite(kn.min()): continue
    tried += 1; ls, j = kn.min(), int(kn.argmin()); k = 1 - j
    for lam in np.linspace(ls, abs(b).max(), 12)[1:-1]:
        pred = np.zeros(2)
        if lam < abs(b[k]): pred[k] = (b[k] - lam * s[k]) / H[k, k]
        w = lasso_cd(H, b, lam)
        if np.abs(w - pred).max() > 1e-8:
            g = H @ w - b; kkt = max(np.where(w != 0, np.abs(g + lam * np.sign(w)), np.maximum(np.abs(g) - lam, 0)).max(), 0)
            bad.append((f"KKT viol of lasso w {kkt:.1e}; |b_j|={abs(b[j]):.3f} vs |b_k|={abs(b[k]):.3f}", H.round(3).tolist(), what.round(3).tolist(), b.round(3).tolist(), round(ls, 3), round(lam, 3), w.round(4).tolist(), pred.round(4).tolist())); break
print(f"(a) 2-D problems with a knot: {tried}; where the path after λ* is NOT the predicted second line: {len(bad)}")
print("   of these, |b_j| > |b_k| (dropped weight has the larger |b|):", sum(float(e[0].split("|b_j|=")[1].split(" ")[0]) > float(e[0].split("|b_k|=")[1]) for e in bad))
for e in bad[:3]: print("   KKT, H, w_hat, b, λ*, λ, lasso w, predicted:", e)
# (b) ridge weight with two sign changes in d = 3
found = None
for _ in range(20000):
    A = rng.standard_normal((3, 3)); H = A @ A.T + 0.01 * np.eye(3); b = rng.standard_normal(3)
    lams = np.logspace(-4, 3, 600)
    w3 = np.array([np.linalg.solve(H + l * np.eye(3), b)[2] for l in lams])
    ch = np.where(np.sign(w3[1:]) != np.sign(w3[:-1]))[0]
    if len(ch) >= 2: found = (H.round(3).tolist(), b.round(3).tolist(), lams[ch].round(4).tolist()); break
print("(b) a 3x3 ridge problem whose w_3(λ) changes sign at two λ > 0:", found)
