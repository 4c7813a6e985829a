"""Probe 9: section 8's numbers with 20 seeds instead of 5 (the notebook's own moon_sweep; seeds 0-4 are the notebook's)
and a fresh 20000-point test set: gap of the tuned networks to the Bayes rule, and decay at T = 1000 vs early stopping."""
import dataclasses, torch
torch.set_num_threads(1)
import d2lmini as d2l
M, S = d2l.nb03, d2l.nb03.SETUP
R = 20
Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
Xt, yt = M.make_moons(20000, S.moons_noise, S.moons_flip, seed=12345)
grid = [0.0, 0.001, 0.00316, 0.01]
sw = M.moon_sweep(grid, Xv, yv, setup=dataclasses.replace(S, num_seeds=R))
vm = sw.val_curve.mean(0)                                    # (L, C)
last = len(sw.steps) - 1
kb = int(vm[:, last].argmax()); ces = int(vm[0].argmax()); kj, cj = divmod(int(vm.argmax()), vm.shape[1])
bayes = (M.bayes_rule(Xt, S.moons_noise) == yt).float()
def right(k, c): return ((M.stacked_logits(sw, Xt, step=sw.steps[c])[:, k] > 0).float() == yt).float()   # (R, n)
def ms(x): return f"{x.mean():+.2%} ± {x.std() / len(x) ** 0.5:.2%}"
print(f"R={R}: chosen λ at T=1000: {grid[kb]}; early stopping T={sw.steps[ces]}; joint ({grid[kj]}, T={sw.steps[cj]})")
print(f"Bayes rule on the 20000 test points: {bayes.mean():.2%}")
rows = {"none": (0, last), "decay T=1000": (kb, last), "early stop": (0, ces), "joint": (kj, cj)}
acc = {n: right(*kc).mean(1) for n, kc in rows.items()}          # per-seed test accuracy
for n, a in acc.items():
    print(f"{n:13s} test {a.mean():.2%} ± {a.std() / R ** 0.5:.2%} (seeds);  minus Bayes on same points: {ms(a - bayes.mean())};"
          f"  seeds 0-4 only: {(a[:5] - bayes.mean()).mean():+.2%}")
print(f"decay T=1000 minus early stop (paired over {R} seeds): {ms(acc['decay T=1000'] - acc['early stop'])}; seeds 0-4: {ms(acc['decay T=1000'][:5] - acc['early stop'][:5])}")
print(f"joint minus early stop: {ms(acc['joint'] - acc['early stop'])}")
