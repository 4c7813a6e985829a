# Probe 7: (a) cell 15's printed σ̂, σ̂_w mix σ̂² at the GRID maximum with the REFINED λ; recompute consistently,
# own numpy, on the notebook's data set (draw_linear seed 7 only generates the data). (b) section 5: exact
# expectation of the dropout / input-noise normal equations (no Monte Carlo), vs the notebook's formulas.
import numpy as np, torch, sys, math
torch.set_num_threads(1); sys.path.insert(0, '/work/main')
import d2lmini as d2l
B = d2l.nb07.SETUP.bayes
w, X, y = (t[0].numpy() for t in d2l.nb07.draw_linear(B.n_train, B.num_inputs, B.sigma, B.sigma_w, 1, 7))
n, d = X.shape
def prof(lam):
    C = np.eye(n) + X @ X.T/(n*lam); s2 = y @ np.linalg.solve(C, y)/n
    return -0.5*(n*np.log(2*np.pi*s2) + np.linalg.slogdet(C)[1] + n), s2
from scipy.optimize import minimize_scalar
r = minimize_scalar(lambda t: -prof(math.exp(t))[0], bounds=(math.log(1e-3), math.log(10)), method='bounded', options={'xatol': 1e-10})
lam = math.exp(r.x); s2 = prof(lam)[1]
grid = np.logspace(-2, 2, 81); k = np.argmax([prof(l)[0] for l in grid]); s2g = prof(grid[k])[1]
print(f"continuous evidence maximum λ = {lam:.5g}: σ̂ = {math.sqrt(s2):.4f}, σ̂_w = {math.sqrt(s2/(n*lam)):.4f}")
print(f"notebook's mix (σ̂² at grid λ = {grid[k]:.4g}, refined λ 0.07536): σ̂ = {math.sqrt(s2g):.4f}, σ̂_w = {math.sqrt(s2g/(n*0.07536)):.4f}")
# (b) dropout: E[x̃ x̃ᵀ] = x xᵀ + ρ/(1-ρ) diag(x²); input noise: E = x xᵀ + s² I
rho, s = 0.2, 0.5
Xs = X*np.logspace(-0.5, 0.5, d)
M = Xs.T @ Xs/n; Gam = rho/(1-rho)*np.diag(np.diag(M))
# brute expectation of the dropout Gram over Bernoulli masks for one row, by the closed form of the second moment of m/(1-ρ)
q = 1-rho; Em2 = q/(q*q)   # E[(m/q)^2] = 1/q
E_gram = (Xs.T @ Xs)/n; E_gram = E_gram - np.diag(np.diag(E_gram)) + np.diag(np.diag(E_gram))*Em2
print("dropout: max |E[X̃ᵀX̃]/n - (XᵀX/n + Γ)| =", np.abs(E_gram - (M + Gam)).max())
w_wr = np.linalg.solve(M + Gam, Xs.T @ y/n)
# Monte Carlo with numpy (not torch) to confirm the notebook's 10,000-copy fit direction
rng = np.random.default_rng(0); c = 5000
Xd = (Xs[None]*(rng.random((c, n, d)) > rho)/q).reshape(-1, d)
w_mc = np.linalg.lstsq(Xd, np.tile(y, c), rcond=None)[0]
print(f"dropout {c} copies (numpy masks) vs data-weighted ridge: relative gap {np.linalg.norm(w_mc-w_wr)/np.linalg.norm(w_wr):.4f}")
