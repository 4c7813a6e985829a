"""Probe 5b: does the chosen lambda and its 'gain over lambda = 0' depend on the 1000-step budget? Uses the notebook's
batched d2l.nb03.moon_sweep (p5_moons.py reproduces its 1000-step table with an independent loop) at other budgets,
and an early-stopping baseline (lambda = 0, number of steps chosen on validation)."""
import dataclasses, math, time, torch
torch.set_num_threads(1)
import d2lmini as d2l
import d2lmini.nb03 as M
S = M.SETUP
t0 = time.time()
X_val, y_val = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
X_te, y_te = M.make_moons(S.moons_test, S.moons_noise, S.moons_flip, seed=11)
grid = d2l.lambda_grid(1e-4, 1e-1, 7)
R = S.num_seeds
for steps in (250, 500, 1000, 2000, 4000):
    sw = M.moon_sweep(grid, X_val, y_val, setup=dataclasses.replace(S, moons_steps=steps), num=8)
    va = sw.val_acc.mean(0); kb = int(va.argmax())
    gain = sw.val_acc[:, kb] - sw.val_acc[:, 0]
    te = M.accuracy(M.stacked_logits(sw, X_te), y_te)       # (R, L)
    print(f"{steps:5d} steps: val by lambda " + " ".join(f"{v:.1%}" for v in va) +
          f" | best lambda {grid[kb]:g}, gain over 0: {gain.mean():+.1%} +- {gain.std()/math.sqrt(R):.1%}"
          f" | test at best {te[:, kb].mean():.1%}, test at lambda=0 {te[:, 0].mean():.1%}  [{time.time()-t0:.0f} s]")
