"""Probe 6: wall time of the notebook's heaviest pieces, one thread, on a core with nothing else on it
(my re-run of the whole notebook ran beside two other probes: 145 s for nbconvert, 125 s summed over cells)."""
import time, warnings, dataclasses, torch
torch.set_num_threads(1)
t0 = time.time()
import d2lmini as d2l
from sklearn.linear_model import SGDRegressor
print(f"import d2lmini: {time.time()-t0:.1f} s")
M, S = d2l.nb03, d2l.nb03.SETUP
Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
t = time.time(); sweep = M.moon_sweep(d2l.lambda_grid(1e-4, 1e-1, 7), Xv, yv); print(f"moon_sweep (cell 45's main part): {time.time()-t:.1f} s")
t = time.time(); M.bayes_accuracy(S.moons_noise, S.moons_flip); print(f"bayes_accuracy: {time.time()-t:.1f} s")
N = d2l.nb02.SETUP["noisy"]
(X, y), _, _ = d2l.nb02.draw(N, seed=N.data_seed)
t = time.time()
with warnings.catch_warnings(action="ignore", category=UserWarning):
    SGDRegressor(loss="squared_error", penalty="l2", alpha=0.316, learning_rate="constant", eta0=1e-3, max_iter=2000, tol=None,
                 average=True, random_state=0).fit(X.double().numpy(), y.double().numpy())
print(f"SGDRegressor fit (cell 32): {time.time()-t:.1f} s")
