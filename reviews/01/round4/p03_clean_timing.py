"""Clean timings (nothing else running) of the three slowest cells of the re-run, to judge the 'about 25 s' claim
without the contention of p00. Cell 2: the imports; cell 50: torch.optim.SGD, 2 x 600 steps; cell 59: the steep sweeps."""
import time
t0 = time.perf_counter()
import matplotlib; matplotlib.use("Agg")
import matplotlib.pyplot as plt
import torch
import d2lmini as d2l
torch.set_num_threads(1)
t1 = time.perf_counter(); print(f"imports (cell 2): {t1 - t0:.1f} s")
S = d2l.nb01.SETUP
x, y = d2l.nb01.draw_training_sets(S.target, S.num_sets, S.n, S.sigma, seed=S.seed)
P, y = d2l.nb01.legendre_features(x[0], S.degree), y[0]
n = S.n; lambd = 0.1
lr = 1 / float(torch.linalg.eigvalsh(P.T @ P / n).max() + lambd); steps = 600
t2 = time.perf_counter()
for loss in [lambda w: d2l.squared_loss(P @ w, y).mean(), lambda w: torch.nn.MSELoss()(P @ w, y)]:
    w = torch.zeros(P.shape[1], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, weight_decay=lambd)
    for _ in range(steps):
        opt.zero_grad(); loss(w).backward(); opt.step()
t3 = time.perf_counter(); print(f"cell 50 loop: {t3 - t2:.1f} s")
f_exp = lambda x: torch.exp(2 * x)
for kw in [dict(n=S.n, sigma=S.sigma), dict(n=S.n, sigma=0.0), dict(n=40, sigma=S.sigma), dict(n=80, sigma=S.sigma)]:
    d2l.nb01.ridge_bias_variance(f_exp, S.degree, list(S.lambdas), num_sets=S.num_sets, seed=S.seed, **kw)
t4 = time.perf_counter(); print(f"cell 59 sweeps: {t4 - t3:.1f} s")
