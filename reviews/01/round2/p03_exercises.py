"""Exercises: worked solutions on edge cases; do the checks reject plausible wrong answers; claims in the success lines."""
import numpy as np
import torch
import d2lmini as d2l
from d2lmini.checks import nb01 as C
from common import *

torch.set_num_threads(1)


def tryit(check, fn, name):
    try:
        check(fn); print(f"   ACCEPTED: {name}")
    except AssertionError as e:
        print(f"   rejected: {name}: {str(e)[:110]}")
    except Exception as e:
        print(f"   error: {name}: {type(e).__name__} {str(e)[:80]}")


# ---------- exercise 1: worked solution, n < d AND λ = 0 (statement: "some of them 0 when n < d")
def df_sol(s, n, lambd):          # copied from the notebook's worked solution
    s = s.clamp(min=0)
    return float(torch.where(s > 0, s / (s + n * lambd), torch.zeros_like(s)).sum())

print("Exercise 1, worked solution at λ = 0 with n < d (true df = rank = n):")
for n, d, seed in [(8, 12, 3), (6, 15, 62), (10, 13, 5)]:
    X = C.design(n, d, seed)
    s = torch.linalg.eigvalsh(X.T @ X).clamp(min=0)           # exactly as the check builds its inputs
    H = X @ torch.linalg.pinv(X.T @ X) @ X.T
    print(f"   n={n}, d={d}: worked solution {df_sol(s, n, 0.0):g}, true tr H = {float(H.trace()):.4g}; "
          f"eigenvalues that should be 0: {[f'{v:.1e}' for v in s[: d - n].tolist()]}")
print("   and at λ = 1e-12 (n=8,d=12):", df_sol(torch.linalg.eigvalsh(C.design(8, 12, 3).T @ C.design(8, 12, 3)).clamp(min=0), 8, 1e-12))

print("Exercise 1, wrong answers through the check:")
tryit(C.check_df_from_eigenvalues, lambda s, n, l: float((s / (s + n * l)).sum()), "naive sum s/(s+nλ) (0/0 -> nan at n<d, λ=0)")
tryit(C.check_df_from_eigenvalues, lambda s, n, l: float((s / (s + l)).sum()), "summed convention s/(s+λ)")
tryit(C.check_df_from_eigenvalues, lambda s, n, l: float((s.clamp(min=0) / (s.clamp(min=0) + n * l + 1e-300)).sum()),
      "s/(s+nλ+tiny): counts numerical zeros at λ=0")
tryit(C.check_df_from_eigenvalues, lambda s, n, l: float(min(n, len(s))) if l == 0 else df_sol(s, n, l),
      "correct but min(n,d) at λ=0")

# ---------- exercise 2
def loo_sol(X, y, lambd):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean())

print("Exercise 2: worked solution vs brute force with penalty nλ kept (numpy), and vs refits with (n-1)λ:")
rng = np.random.default_rng(0)
Xn = rng.normal(size=(15, 6)); yn = rng.normal(size=15)
for lam in [0.01, 0.3]:
    bf = np.mean([(yn[i] - Xn[i] @ np.linalg.solve(np.delete(Xn, i, 0).T @ np.delete(Xn, i, 0) + 15 * lam * np.eye(6),
                                                  np.delete(Xn, i, 0).T @ np.delete(yn, i))) ** 2 for i in range(15)])
    bf2 = np.mean([(yn[i] - Xn[i] @ np.linalg.solve(np.delete(Xn, i, 0).T @ np.delete(Xn, i, 0) + 14 * lam * np.eye(6),
                                                   np.delete(Xn, i, 0).T @ np.delete(yn, i))) ** 2 for i in range(15)])
    print(f"   λ={lam}: shortcut {loo_sol(torch.tensor(Xn), torch.tensor(yn), lam):.6f}, brute (nλ) {bf:.6f}, brute ((n-1)λ) {bf2:.6f}")
print("Exercise 2, wrong answers through the check:")
def gcv(X, y, l):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * l * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 - H.trace() / n)) ** 2).mean())
tryit(C.check_loo_error, gcv, "GCV")
tryit(C.check_loo_error, lambda X, y, l: loo_sol(X, y, l * (X.shape[0] - 1) / X.shape[0]), "shortcut with (n-1)λ")
tryit(C.check_loo_error, lambda X, y, l: loo_sol(X, y, l / X.shape[0]), "summed convention (λ instead of nλ)")

# LOO claim in the success line: reproduce with own numpy code
x, yy, _ = draw(1, seed=101)
Xf = feats(x[0]); XtF = feats(XT)
loo = []
for lam in LAMS:
    A = Xf.T @ Xf + N * lam * np.eye(13); H = Xf @ np.linalg.solve(A, Xf.T)
    loo.append(np.mean(((yy[0] - H @ yy[0]) / (1 - np.diag(H))) ** 2))
test = [np.mean((XtF @ ridge(Xf, yy[0], lam) - f(XT)) ** 2) + .09 for lam in LAMS]
k = int(np.argmin(loo))
print(f"   own LOO on the check's fresh set: picks λ={LAMS[k]}, test {test[k]:.4g}; best test {min(test):.4g} at λ={LAMS[int(np.argmin(test))]}")

# ---------- exercise 3: are the check's "400 fresh training sets" fresh?
xa, ya = C.training_sets(C._steep, 400, 0)
xb, yb = d2l.nb01.draw_training_sets(C._steep, 400, 20, 0.3, seed=0)
print(f"Exercise 3: check's sets vs the notebook's sets (seed {d2l.nb01.SETUP.seed}): identical inputs {bool(torch.equal(xa, xb))}, "
      f"identical labels {bool(torch.equal(ya, yb))}")
def rfi(X, y, l):
    n, d = X.shape[-2:]
    D = torch.eye(d, dtype=X.dtype); D[0, 0] = 0
    return torch.linalg.solve(X.mT @ X + n * l * D, X.mT @ y.unsqueeze(-1)).squeeze(-1)
print("Exercise 3, wrong answers through the check:")
tryit(C.check_ridge_free_intercept, lambda X, y, l: d2l.ridge(X, y, l), "d2l.ridge (P_0 penalized)")
def center(X, y, l):   # the textbook route: centre X and y, ridge on the rest, recover intercept
    n, d = X.shape[-2:]
    w = rfi(X, y, l); return w
tryit(C.check_ridge_free_intercept, rfi, "worked solution")
def centered(X, y, l):   # centring columns 1.. and y, then unpenalized intercept (exactly equivalent)
    n, d = X.shape[-2:]
    xm, ym = X[..., 1:].mean(-2, keepdim=True), y.mean(-1, keepdim=True)
    Z = X[..., 1:] - xm
    w1 = torch.linalg.solve(Z.mT @ Z + n * l * torch.eye(d - 1, dtype=X.dtype), Z.mT @ (y - ym).unsqueeze(-1)).squeeze(-1)
    w0 = (ym.squeeze(-1) - (xm.squeeze(-2) * w1).sum(-1)) / X[..., 0, 0]  # column 0 is constant
    return torch.cat([w0.unsqueeze(-1), w1], -1)
tryit(C.check_ridge_free_intercept, centered, "centring route (correct whenever column 0 is constant, as P_0 is; see p05)")

# ---------- exercise 4
def ete(X, w, s, l):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * l * torch.eye(d, dtype=X.dtype), X.T); M = torch.eye(n, dtype=X.dtype) - H
    return float(((M @ X @ w) ** 2).sum() / n + s**2 * (M @ M).trace() / n)
def ete_wrong_tr(X, w, s, l):
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * l * torch.eye(d, dtype=X.dtype), X.T); M = torch.eye(n, dtype=X.dtype) - H
    return float(((M @ X @ w) ** 2).sum() / n + s**2 * M.trace() / n)
print("Exercise 4, wrong answers through the check:")
tryit(C.check_expected_training_error, ete, "worked solution")
tryit(C.check_expected_training_error, ete_wrong_tr, "tr(I−H) instead of tr(I−H)²")
tryit(C.check_expected_training_error, lambda X, w, s, l: ete(X, w, s, l / X.shape[0]), "summed convention")
tryit(C.check_expected_training_error, lambda X, w, s, l: ete(X, w, s, l) / 2, "with the ½")
# own Monte Carlo of the formula, numpy, independent of the check's simulation
Xd = C.design(16, 6, 9).numpy(); w = (torch.randn(6, generator=torch.Generator().manual_seed(12), dtype=torch.float64)).numpy()
for l in [0.0, 0.05, 0.5]:
    H = Xd @ np.linalg.solve(Xd.T @ Xd + 16 * l * np.eye(6), Xd.T); M = np.eye(16) - H
    Y = Xd @ w + 0.7 * np.random.default_rng(1).normal(size=(20000, 16))
    err = (((Y @ M.T)) ** 2).mean(1)
    print(f"   λ={l}: formula {ete(torch.tensor(Xd), torch.tensor(w), 0.7, l):.4f}, own MC {err.mean():.4f} ± {err.std()/20000**.5:.4f}")
