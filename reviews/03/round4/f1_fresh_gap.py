"""Fixer's probe (D1): the notebook's own sweep (5 seeds, its grid, its choices as in cell 58) scored against the Bayes
rule on 20,000 fresh points (seed 12, as the new lines of cell 58), and on the notebook's 2000 test points."""
import torch
torch.set_num_threads(1)
import d2lmini as d2l
M, S = d2l.nb03, d2l.nb03.SETUP
Xv, yv = M.make_moons(S.moons_val, S.moons_noise, S.moons_flip, seed=10)
Xt, yt = M.make_moons(S.moons_test, S.moons_noise, S.moons_flip, seed=11)
Xf, yf = M.make_moons(20000, S.moons_noise, S.moons_flip, seed=12)
grid = d2l.lambda_grid(1e-4, 1e-1, 7)
sw = M.moon_sweep(grid, Xv, yv)
vm = sw.val_curve.mean(0); last = len(sw.steps) - 1
best = int(vm[:, last].argmax()); ces = int(vm[0].argmax()); kj, cj = divmod(int(vm.argmax()), vm.shape[1])
for X, y, tag in [(Xt, yt, "notebook test (2000)"), (Xf, yf, "fresh (20000)")]:
    b = (M.bayes_rule(X, S.moons_noise) == y).float()
    print(f"{tag}: Bayes rule {b.mean():.2%}")
    for n, (k, c) in {"decay T=1000": (best, last), "early stop": (0, ces), "joint": (kj, cj)}.items():
        r = ((M.stacked_logits(sw, X, step=sw.steps[c])[:, k] > 0).float() == y).float()
        g = (r - b).mean(1)
        print(f"  {n:13s} minus Bayes: {g.mean():+.2%} ± {g.std() / 5 ** 0.5:.2%} (seeds)")
