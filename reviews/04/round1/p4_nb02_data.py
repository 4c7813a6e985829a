"""Probe 4: §9 -- is X02, y02 'exactly notebook 02's data (same seed, same call)'? And the §9 numbers, in numpy.

Notebook 02 (cell 3): set_seed(0); X, y = synthetic_data(true_w, 0.05, 20 + 100 + 100, noise=0.01); first 20 rows = train.
Notebook 04 (cell 38): set_seed(0); X02, y02 = synthetic_data(true_w, 0.05, 20)  (default noise 0.01).
synthetic_data draws X (n x 200) first, then the noise: with 220 rows the noise comes after 44000 normals, with 20 after 4000.
"""
import random
import numpy as np, torch
from scipy.optimize import brentq
torch.set_num_threads(1)

def seed(s):
    random.seed(s); np.random.seed(s); torch.manual_seed(s)

def synthetic(w, b, m, noise=0.01):   # the d2l recipe, written out
    X = torch.normal(0.0, 1.0, (m, w.shape[0]))
    y = X @ w.reshape(-1, 1) + b
    y += noise * torch.randn(y.shape)
    return X, y

tw = 0.01 * torch.ones((200, 1))
seed(0); Xa, ya = synthetic(tw, 0.05, 220); X2, y2 = Xa[:20], ya[:20]          # notebook 02's training set
seed(0); X4, y4 = synthetic(tw, 0.05, 20)                                        # notebook 04's regeneration
print("X identical:", bool(torch.equal(X2, X4)))
print("y identical:", bool(torch.equal(y2, y4)), f"  max|y02 - y04| = {float((y2 - y4).abs().max()):.4f}  (noise sd 0.01; "
      f"sd of the signal X w = {float((X4 @ tw).std()):.3f})")

def analyse(X, y, name):
    X, y = X.double().numpy(), y.double().numpy().reshape(-1)
    Xc, yc = X - X.mean(0), y - y.mean()
    n = len(yc)
    w_mn = np.linalg.pinv(Xc) @ yc
    P = np.linalg.pinv(Xc) @ Xc
    t = tw.double().numpy().reshape(-1)
    ridge = lambda l: np.linalg.solve(Xc.T @ Xc + n * l * np.eye(200), Xc.T @ yc)
    lam_b = [brentq(lambda l: ridge(l) @ ridge(l) - th, 1e-9, 1e4, xtol=1e-14, rtol=1e-14) for th in [2e-4, 5e-4, 1e-3, 1.4e-3]]
    print(f"{name}: rank {np.linalg.matrix_rank(Xc.T @ Xc / n)}, ||w_mn||^2 = {w_mn @ w_mn:.4g}, ||P t||^2 = {(P @ t) @ (P @ t):.4g}, "
          f"ratio true/w_mn = {t @ t / (w_mn @ w_mn):.3g}, lambda(theta) = {[round(v, 4) for v in lam_b]}")

analyse(X2, y2, "notebook 02's actual training data")
analyse(X4, y4, "notebook 04's regeneration      ")
# the '19/200 of 0.02' reference: distribution of ||P t||^2 for a uniformly random 19-dim subspace
rng = np.random.default_rng(0)
t = 0.01 * np.ones(200)
vals = []
for _ in range(2000):
    Z = rng.normal(size=(20, 200)); Z -= Z.mean(0)
    P = np.linalg.pinv(Z) @ Z
    vals.append(t @ P @ t)
vals = np.array(vals)
print(f"random centered 20x200 Gaussian designs: ||P t||^2 mean {vals.mean():.4g} (19/200*0.02 = {19/200*0.02:.4g}), sd {vals.std():.2g}, "
      f"share below 0.001586: {np.mean(vals < 0.001586):.2f}")
