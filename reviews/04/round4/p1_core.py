"""Independent re-derivation (numpy/scipy/sklearn) of §1-§8 numbers of notebook 04."""
import numpy as np, torch, math
torch.set_num_threads(1)
from scipy.optimize import brentq, minimize
import sys; sys.path.insert(0, '/work/main')
import d2lmini as d2l
S = d2l.nb04.SETUP
X, y = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed)   # data only
X, y = X.numpy(), y.numpy(); n = len(y)
H = X.T @ X / n; b = X.T @ y / n
w_hat = np.linalg.lstsq(X, y, rcond=None)[0]
print("H", H.round(4), "w_hat", w_hat.round(4), "|w_hat|^2", round(w_hat @ w_hat, 4), "L", round(((X@w_hat-y)**2).mean()/2, 4))
print("sample corr of features", np.corrcoef(X.T)[0,1].round(3))
ridge = lambda lam: np.linalg.solve(H + lam*np.eye(2), b)
print("w(1)", ridge(1.0).round(4))
# λ(θ) by brentq, constrained solution by SLSQP (independent of notebook's PGD)
for th in [0.1, 0.3, 0.6, 1.0, 2.0]:
    if w_hat @ w_hat <= th: lam = 0.0
    else: lam = brentq(lambda l: ridge(l) @ ridge(l) - th, 0, 1e3, xtol=1e-14)
    L = lambda w: 0.5*w@H@w - b@w
    r = minimize(L, np.zeros(2), jac=lambda w: H@w-b, constraints=[{'type':'ineq','fun':lambda w: th - w@w}], method='SLSQP', options={'ftol':1e-15})
    print(f"theta={th}: lam={lam:.4g} SLSQP w={r.x.round(4)} ridge={ridge(lam).round(4)} gap={np.abs(r.x-ridge(lam)).max():.1e}")
# circle extremes on theta=0.3 by dense grid
th = 0.3; phi = np.linspace(0, 2*np.pi, 200001)[:-1]; W = np.sqrt(th)*np.c_[np.cos(phi), np.sin(phi)]
Ls = 0.5*np.einsum('ij,jk,ik->i', W, H, W) - W@b + (y@y)/(2*n)
for nm, k in [('low', Ls.argmin()), ('high', Ls.argmax())]:
    w = W[k]; mu = -(H@w-b)@w/th; print(nm, w.round(4), "L", Ls[k].round(4), "mu", round(mu, 3))
# one PGD step from high point
wh = W[Ls.argmax()]; eta = 1/np.linalg.eigvalsh(H).max(); v = wh - eta*(H@wh-b); v = v*min(1, np.sqrt(th)/np.linalg.norm(v))
print("one PGD step from high:", v.round(4), " = -w_high?", np.allclose(v, -wh, atol=1e-3))
# grid lambda_grid: 0.316 etc
lg = d2l.lambda_grid(1e-3, 1e2, 41); print("grid has 0.316,3.16,0.237,0.562,1.33:", [x in lg for x in [0.316,3.16,0.237,0.562,1.33,0.1,1.0]])
print("lambdas < lam*:", sum(0 < l for l in lg))
# L1 path by sklearn Lasso (same objective: 1/(2n)||y-Xw||^2 + alpha|w|_1)
from sklearn.linear_model import Lasso, lasso_path
alphas, coefs, _ = lasso_path(X, y, alphas=np.array(lg[1:][::-1]), tol=1e-14, max_iter=10**6)
coefs = coefs[:, ::-1]
s = np.sign(w_hat); slope = np.linalg.solve(H, s); knots = w_hat/slope
print("knots", knots.round(4), "lam* =", knots[knots > 0].min().round(4), "corner", (w_hat - knots[knots>0].min()*slope).round(4))
print("max|b|", np.abs(b).max().round(4), "b", b.round(4))
print("sklearn lasso zeros on grid (41 λ>0)", int((np.abs(coefs) < 1e-12).sum()), "of", coefs.size, "; notebook counts 36 of 84 incl λ=0 row")
for lam in [0.1, 0.562, 1.33, 0.75]:
    c = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=10**6).fit(X, y).coef_
    print("lasso", lam, c.round(4), " ridge", ridge(lam).round(4))
# ridge w2 growth
lf = np.logspace(-4, 2, 300); w2 = np.array([ridge(l)[1] for l in lf]); k = w2.argmax()
print("w2 max", w2[k].round(3), "at", lf[k].round(3), "ratio", (w2[k]/w_hat[1]).round(2),
      "back to w_hat2 at", round(brentq(lambda l: ridge(l)[1]-w_hat[1], lf[k], 100), 3))
# true max of w2 over λ (continuous)
from scipy.optimize import minimize_scalar
r = minimize_scalar(lambda l: -ridge(l)[1], bounds=(1e-3, 10), method='bounded'); print("continuous argmax w2", round(r.x,3), round(-r.fun,4))
# eigen
h, Q = np.linalg.eigh(H); print("h", h.round(4), "Q", Q.round(4))
ang = math.degrees(math.acos(abs(b@Q[:,1])/np.linalg.norm(b))); print("angle b to steep axis", round(ang, 2))
print("angle w_hat to steep axis", round(math.degrees(math.acos(abs(w_hat@Q[:,1])/np.linalg.norm(w_hat))),2))
