"""(a) hidden graded cases of 02.2 / 02.4 with a numpy training loop; (b) would the nearest wrong conventions pass the
one-step check of section 4 (tol 1e-3) and the GD-vs-ridge check of section 9 (tol 1e-3)?"""
import sys, numpy as np, torch
sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import grader
exec(open("p05_exercises.py").read().split("# ---------- 02.2")[0].split("# ---------- 02.1")[0])  # imports only
def train_loop_numpy(X, w, lr, l, T):
    A, v = X.numpy(), w.numpy().copy(); n = A.shape[0]
    for _ in range(T): v = v - lr * (A.T @ (A @ v) / n + l * v)
    return float(np.linalg.norm((np.eye(A.shape[1]) - np.linalg.pinv(A) @ A) @ v))
try:
    grader.grade('02.2', train_loop_numpy, [{'seed': 121, 'n': 5, 'd': 12, 'lr': 0.02, 'lambd': 1.0, 'steps': 90}, {'seed': 122, 'n': 25, 'd': 60, 'lr': 0.005, 'lambd': 4.0, 'steps': 40}, {'seed': 123, 'n': 6, 'd': 14, 'lr': 0.4, 'lambd': 4.5, 'steps': 5}], [{'m': 1, 'v': [['log', 2e-06, 0.31, '9cb44020a99c448a']]}, {'m': 1, 'v': [['log', 2e-06, 0.691, '14079f7f1f02dad4']]}, {'m': 1, 'v': [['log', 2e-06, 0.839, '70fca88f483eb8ed']]}])
    print("hidden graded 02.2: a numpy TRAINING LOOP gets full marks")
except AssertionError as e: print("hidden graded 02.2 rejects:", e)

# (b1) section 4: one step, lr=0.003, lambda=3, w_start ~ N(0,1) seeded as the notebook
S = d2l.nb02.SETUP["classic"]
d2l.set_seed(S.data_seed)
X, y = d2l.synthetic_data(torch.ones(200, 1) * 0.01, 0.05, 220, noise=0.01)
Xb, yb = X[:5], y[:5]
d2l.set_seed(2); w = torch.randn(200, 1)
g = Xb.T @ (Xb @ w - yb) / 5
right = (1 - 0.003 * 3) * w - 0.003 * g
for name, alt in [("lambda/2 (penalty without the 1/2)", (1 - 0.003 * 1.5) * w - 0.003 * g),
                  ("penalty once per minibatch of 5", (1 - 0.003 * 3 / 5) * w - 0.003 * g),
                  ("no decay at all", w - 0.003 * g)]:
    print(f"section 4, nearest wrong step [{name}]: max gap {float((alt - right).abs().max()):.2e} vs tol 1e-3")
# (b2) section 9: GD end point vs closed-form ridge: alternatives' distance
N = d2l.nb02.SETUP["noisy"]
(X2, y2), _, _ = d2l.nb02.draw(N, seed=N.data_seed)
lam = 0.316
wr, br = d2l.nb02.ridge_with_bias(X2, y2, [lam])
for name, l2 in [("lambda/2", lam / 2), ("2 lambda", 2 * lam), ("next grid value 0.178", 0.178)]:
    wa, ba = d2l.nb02.ridge_with_bias(X2, y2, [l2])
    print(f"section 9 check, ridge at {name}: max |w gap| {float((wa - wr).abs().max()):.3f}, |b gap| {float((ba - br).abs().max()):.4f} vs tol 1e-3")
Z = torch.cat([X2, torch.ones(30, 1)], 1).double(); D = torch.eye(21, dtype=torch.float64)
th = torch.linalg.solve(Z.T @ Z / 30 + lam * D, Z.T @ y2.double() / 30)
print(f"section 9 check, bias penalized too: max |w gap| {float((th[:-1] - wr[0].double()).abs().max()):.4f}, |b gap| {float((th[-1] - br[0]).abs()):.4f}")
