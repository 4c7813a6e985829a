"""Probe 5 (section 5): input noise = ridge with λ = s², dropout = data-weighted ridge; own code.
Exact expectations instead of Monte Carlo where possible, plus: are torch's dropout masks on an .expand()-ed tensor
independent across copies (the notebook's cell relies on it)? How close can the best isotropic λ get (continuous λ)?"""
import inspect
import numpy as np
import torch
from scipy.optimize import minimize_scalar
import d2lmini as d2l

torch.set_num_threads(1)
w_true, X, y = (t[0].numpy() for t in d2l.nb07.draw_linear(40, 20, 1.0, 0.3, num_sets=1, seed=7))   # section 1's data only
n, d = X.shape


def ridge(X, y, lam):
    return np.linalg.solve(X.T @ X / len(y) + lam * np.eye(X.shape[1]), X.T @ y / len(y))


s = 0.5
# exact: 2d deterministic copies x ± sqrt(d) s e_j have mean-0 noise with covariance s² I exactly
sh = np.sqrt(d) * s * np.eye(d)
Xc = np.concatenate([X[None] + sh[:, None, :], X[None] - sh[:, None, :]]).reshape(-1, d)
w_exact = np.linalg.lstsq(Xc, np.tile(y, 2 * d), rcond=None)[0]
for lab, lam in [("s²", s**2), ("s²/2", s**2 / 2), ("2s²", 2 * s**2)]:
    print(f"input noise (exact copies) vs ridge λ = {lab}: relative gap {np.linalg.norm(w_exact - ridge(X, y, lam)) / np.linalg.norm(ridge(X, y, s**2)):.2e}")

# dropout: exact expected loss, E over Bernoulli masks, by enumeration is too big; use the closed form of the
# second moment: E[x̃ x̃ᵀ] = x xᵀ + ρ/(1-ρ) diag(x²), E[x̃] = x  ->  normal equations of the expected loss
rho = 0.2
Xs = X * np.logspace(-0.5, 0.5, d)
A = Xs.T @ Xs / n + rho / (1 - rho) * np.diag((Xs**2).mean(0))
w_drop_exact = np.linalg.solve(A, Xs.T @ y / n)
# Monte Carlo with torch's own dropout, on a NON-expanded tensor (contiguous copies) and on an expanded view
g = torch.manual_seed(4)
for copies in [1000, 10000]:
    Xt = torch.tensor(Xs)
    Xd = torch.nn.functional.dropout(Xt.expand(copies, n, d), p=rho, training=True)
    wd = np.linalg.lstsq(Xd.reshape(-1, d).numpy(), np.tile(y, copies), rcond=None)[0]
    m = (Xd != 0).reshape(copies, -1).double()
    corr = torch.corrcoef(m[:2])[0, 1].item()
    print(f"{copies} copies (expanded view): gap to exact data-weighted ridge {np.linalg.norm(wd - w_drop_exact)/np.linalg.norm(w_drop_exact):.3g}; "
          f"mask correlation between copy 0 and copy 1: {corr:+.3f}; keep rate {m.mean():.4f}")
rel = lambda lam: np.linalg.norm(ridge(Xs, y, lam) - w_drop_exact) / np.linalg.norm(w_drop_exact)
best = minimize_scalar(lambda t: rel(np.exp(t)), bounds=(np.log(1e-4), np.log(100)), method="bounded")
print(f"best isotropic λ (continuous) vs EXACT data-weighted ridge: λ = {np.exp(best.x):.4g}, relative gap {best.fun:.3f}")
print(f"isotropic λ = ρ/(1-ρ)·mean of the mean squares = {rho/(1-rho)*(Xs**2).mean():.4g}: gap {rel(rho/(1-rho)*(Xs**2).mean()):.3f}")
# on standardized features the two coincide
Z = (Xs - Xs.mean(0)) / Xs.std(0)
Ad = Z.T @ Z / n + rho / (1 - rho) * np.diag((Z**2).mean(0))
print(f"standardized features: data-weighted vs isotropic λ = ρ/(1-ρ): max |Δw| = {np.abs(np.linalg.solve(Ad, Z.T @ y / n) - ridge(Z, y, rho/(1-rho))).max():.1e}")
src = inspect.getsource(torch.nn.modules.dropout.Dropout)
print("torch Dropout docstring mentions scaling by 1/(1-p):", "\\frac{1}{1-p}" in src)
ones = torch.nn.functional.dropout(torch.ones(100000, dtype=torch.float64), p=rho, training=True)
print("dropout values:", sorted(set(ones.tolist())))
