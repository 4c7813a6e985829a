"""P4: cell 31's check, constant-pixel weights == initial x (1-ηλ)^T with tol 5e-3. Which NEAR-WRONG decay laws would
that tolerance also accept? Measured with real SGD runs (plain torch) at the notebook's settings (η = 0.1, T = 640)."""
import math
import torch
from common import data, train

X, y, (tr, _, _), ((Xtr, ytr), _, _) = data()
dead = X[tr].std(0) == 0
grid = [0.0, 1e-4, 0.000316, 0.001, 0.00316, 0.01, 0.0316, 0.1]
eta, T = 0.1, 640
finals, inits = {}, {}
for seed in [1, 2, 3, 4, 5]:
    for lam in grid:
        net, W0, _ = train(Xtr, ytr, seed, lam)
        finals[lam, seed] = net.fc1.weight.detach()[:, dead]
        inits[lam, seed] = W0[:, dead]
laws = {
    "(1-ηλ)^T  (the claim)": lambda lam: (1 - eta * lam) ** T,
    "(1-ηλ)^(T-16)  one epoch short": lambda lam: (1 - eta * lam) ** (T - 16),
    "(1-ηλ)^(T+16)  one epoch too many": lambda lam: (1 - eta * lam) ** (T + 16),
    "(1-ηλ)^(T-1)": lambda lam: (1 - eta * lam) ** (T - 1),
    "exp(-ηλT)": lambda lam: math.exp(-eta * lam * T),
    "(1-ηλ/2)^T  λ/2 convention": lambda lam: (1 - eta * lam / 2) ** T,
    "(1-2ηλ)^T": lambda lam: (1 - 2 * eta * lam) ** T,
    "(1-ηλ)^(T·15/16)  n//B steps/epoch": lambda lam: (1 - eta * lam) ** (40 * 15),
}
for name, law in laws.items():
    gap = max((finals[lam, s] - inits[lam, s] * law(lam)).abs().max().item() for lam in grid for s in range(1, 6))
    print(f"{name:40s}: max |W1 - init x factor| = {gap:.2e}  -> {'PASSES' if gap <= 5e-3 else 'fails'} tol 5e-3")
print(f"largest |initial weight| of a constant pixel: {max(v.abs().max().item() for v in inits.values()):.4f}")
