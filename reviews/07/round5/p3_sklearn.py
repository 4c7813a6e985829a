"""Own check of the scikit-learn claims: RidgeCV(cv=None) = exact LOO (not GCV), alpha = n*lambda; BayesianRidge alpha_/lambda_
are noise/weight precisions and lambda = lambda_/(n alpha_) equals the evidence maximum found here by a direct 2-D optimizer."""
import numpy as np, sklearn
from scipy.optimize import minimize
from sklearn.linear_model import RidgeCV, BayesianRidge
rng = np.random.default_rng(3); n, d = 40, 20
w = 0.3*rng.standard_normal(d); X = rng.standard_normal((n, d)); y = X@w + rng.standard_normal(n)
lams = np.logspace(-2, 2, 81)
loo = []; gcv = []
for lam in lams:
    H = X@np.linalg.solve(X.T@X + n*lam*np.eye(d), X.T); e = y - H@y; h = np.diag(H)
    # brute-force LOO: refit without i with the same summed penalty n*lam
    brute = np.mean([(X[i]@np.linalg.solve(np.delete(X,i,0).T@np.delete(X,i,0) + n*lam*np.eye(d), np.delete(X,i,0).T@np.delete(y,i)) - y[i])**2 for i in range(n)])/2
    loo.append(brute); gcv.append(np.mean(e**2)/2/(1-h.sum()/n)**2)
loo, gcv = np.array(loo), np.array(gcv)
cv = RidgeCV(alphas=n*lams, fit_intercept=False, store_cv_results=True).fit(X, y)
sk = cv.cv_results_.mean(0)/2
print(f"sklearn {sklearn.__version__}: max|RidgeCV - brute LOO| = {abs(sk-loo).max():.2e}; max|RidgeCV - GCV| = {abs(sk-gcv).max():.3g}")
print(f"RidgeCV.alpha_/n = {cv.alpha_/n:.4g}; brute LOO argmin = {lams[loo.argmin()]:.4g}; GCV argmin = {lams[gcv.argmin()]:.4g}")
def nlml(t):   # t = (log sigma^2, log sigma_w^2): -log N(y | 0, s2 I + sw2 X X')
    C = np.exp(t[0])*np.eye(n) + np.exp(t[1])*X@X.T
    return 0.5*(np.linalg.slogdet(C)[1] + y@np.linalg.solve(C, y) + n*np.log(2*np.pi))
r = minimize(nlml, [0.0, np.log(0.09)], method='Nelder-Mead', options=dict(xatol=1e-10, fatol=1e-12, maxiter=5000))
s2, sw2 = np.exp(r.x)
br = BayesianRidge(fit_intercept=False, tol=1e-12, max_iter=10000).fit(X, y)
print(f"direct evidence max: sigma={np.sqrt(s2):.4f}, sigma_w={np.sqrt(sw2):.4f}, lambda=s2/(n sw2)={s2/(n*sw2):.5f}")
print(f"BayesianRidge: 1/sqrt(alpha_)={br.alpha_**-0.5:.4f}, 1/sqrt(lambda_)={br.lambda_**-0.5:.4f}, lambda_/(n alpha_)={br.lambda_/(n*br.alpha_):.5f}")
wr = np.linalg.solve(X.T@X/n + br.lambda_/(n*br.alpha_)*np.eye(d), X.T@y/n)
print(f"max|BayesianRidge.coef_ - ridge(lambda_/(n alpha_))| = {abs(wr-br.coef_).max():.2e}")
