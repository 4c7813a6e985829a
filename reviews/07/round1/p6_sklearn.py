"""Probe 6 (section 3, scikit-learn): RidgeCV(cv=None) = exact LOO (brute-force refits), alpha = nλ;
BayesianRidge: λ = lambda_/(n·alpha_); own numpy refits, own data set."""
import numpy as np
from sklearn.linear_model import BayesianRidge, RidgeCV

rng = np.random.default_rng(5)
n, d = 40, 20
w = 0.3 * rng.standard_normal(d); X = rng.standard_normal((n, d)); y = X @ w + rng.standard_normal(n)
lams = np.logspace(-2, 2, 9)


def ridge(X, y, lam):
    return np.linalg.solve(X.T @ X + len(y) * lam * np.eye(X.shape[1]), X.T @ y)


loo_brute = np.array([[0.5 * (X[i] @ ridge(np.delete(X, i, 0), np.delete(y, i), lam * n / (n - 1)) - y[i]) ** 2
                       for i in range(n)] for lam in lams]).mean(1)
cv = RidgeCV(alphas=n * lams, fit_intercept=False, store_cv_results=True).fit(X, y)
sk = cv.cv_results_.mean(0) / 2
print(f"RidgeCV(alphas = nλ).cv_results_/2 vs brute-force LOO (penalty nλ on the summed loss kept fixed): max rel diff {np.max(np.abs(sk/loo_brute-1)):.1e}")
H = lambda lam: X @ np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T)
gcv = np.array([0.5 * np.mean((y - H(l) @ y) ** 2) / (1 - np.trace(H(l)) / n) ** 2 for l in lams])
print(f"RidgeCV vs GCV: max rel diff {np.max(np.abs(sk/gcv-1)):.2f}  (so RidgeCV is LOO, not GCV)")
# what if one keeps the MEAN-loss λ fixed in the refits (penalty (n-1)λ)? a different LOO
loo_mean = np.array([[0.5 * (X[i] @ ridge(np.delete(X, i, 0), np.delete(y, i), lam) - y[i]) ** 2 for i in range(n)] for lam in lams]).mean(1)
print(f"LOO with the mean-loss λ kept in each refit differs from RidgeCV by max rel {np.max(np.abs(sk/loo_mean-1)):.3f}")
br = BayesianRidge(fit_intercept=False, tol=1e-12, max_iter=10000).fit(X, y)
lam_br = br.lambda_ / (n * br.alpha_)
print(f"BayesianRidge coef vs own ridge at λ = lambda_/(n alpha_): max |diff| {np.abs(br.coef_ - ridge(X, y, lam_br)).max():.1e}; "
      f"1/alpha_ = σ̂² = {1/br.alpha_:.3f}, 1/lambda_ = σ̂_w² = {1/br.lambda_:.3f}")
# own evidence maximum (profile over σ²) on a fine grid
grid = np.logspace(-3, 1, 4001)
def logev(lam):
    C = np.eye(n) + X @ X.T / (n * lam)
    s2 = y @ np.linalg.solve(C, y) / n
    return -0.5 * (n * np.log(2 * np.pi * s2) + np.linalg.slogdet(C)[1] + n)
ev = np.array([logev(l) for l in grid])
print(f"own evidence argmax λ = {grid[ev.argmax()]:.4g} vs BayesianRidge λ = {lam_br:.4g} (weak Gamma hyperpriors 1e-6)")
