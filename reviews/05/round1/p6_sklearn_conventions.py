"""P6: the two conventions, checked against scikit-learn's fitted models with my own solvers (numpy / torch float64):
Ridge(alpha = nλ) for mean ½-squared loss + λ/2‖w‖² (section 7), and LogisticRegression(C = 1/(nλ)) for mean
cross-entropy + λ/2‖W‖² with an unpenalized intercept (exercise 3), plus the nearest wrong conversions."""
import numpy as np
import torch
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge, LogisticRegression
from common import data
torch.set_num_threads(1)

X, y = load_diabetes(return_X_y=True)
n, d = X.shape
Xc, yc = X - X.mean(0), y - y.mean()
worst, wrong = 0.0, 0.0
for lam in [1e-4, 1e-3, 1e-2, 1e-1, 1.0]:
    w = np.linalg.solve(Xc.T @ Xc / n + lam * np.eye(d), Xc.T @ yc / n)   # gradient of mean ½ sq loss + λ/2‖w‖² = 0
    b = y.mean() - X.mean(0) @ w
    sk = Ridge(alpha=n * lam).fit(X, y)
    worst = max(worst, np.abs(sk.coef_ - w).max(), abs(sk.intercept_ - b))
    wrong = max(wrong, np.abs(Ridge(alpha=lam).fit(X, y).coef_ - w).max())
    print(f"λ={lam:<6g}: ‖w‖ = {np.linalg.norm(w):.4g}")
print(f"Ridge(alpha=nλ) vs own closed form: max |gap| {worst:.2e};  Ridge(alpha=λ): max coefficient gap {wrong:.4g}")

# Logistic regression on the notebook's standardized digits training split
_, _, _, ((Xtr, ytr), _, _) = data()
Xt, yt = Xtr.double(), ytr
n = Xt.shape[0]
for lam in [1e-3, 1e-2]:
    W = torch.zeros(64, 10, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(10, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=5000, tolerance_grad=1e-12, tolerance_change=1e-15,
                            history_size=50, line_search_fn="strong_wolfe")
    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(Xt @ W + b, yt) + lam / 2 * W.pow(2).sum()
        loss.backward()
        return loss
    for _ in range(5):
        opt.step(closure)
    # softmax is invariant to adding a constant to every class's intercept: compare W, and b up to its mean
    for name, C in [("C = 1/(nλ)", 1 / (n * lam)), ("C = 2/(nλ)", 2 / (n * lam)), ("C = 1/λ", 1 / lam)]:
        sk = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(Xt.numpy(), yt.numpy())
        gW = np.abs(sk.coef_.T - W.detach().numpy()).max()
        bb = b.detach().numpy(); gb = np.abs((sk.intercept_ - sk.intercept_.mean()) - (bb - bb.mean())).max()
        print(f"logistic λ={lam:g}, {name:11s} (C={C:.4g}): max |W gap| {gW:.2e}, intercept gap {gb:.2e}  (max |W| {np.abs(W.detach().numpy()).max():.3f})")
