"""Fixer's probe for D2: does the Animator change the minibatch order, before and after the fix (evaluation inside
torch.random.fork_rng), and can the section-6 checks see the order? Runs the notebook's own cells 1-14 (train()
as it is now in the notebook), then compares with the old train() (no fork_rng)."""
import json
import os

os.environ.setdefault("MPLBACKEND", "Agg")
import torch

torch.set_num_threads(1)
nb = json.load(open("notebooks/02_l2_penalty_from_scratch.ipynb"))
ns = {}
for cell in nb["cells"][1:15]:
    if cell["cell_type"] == "code":
        exec("".join(l for l in cell["source"] if not l.startswith("%")), ns)
d2l, train, S = ns["d2l"], ns["train"], ns["S"]
assert "fork_rng" in "".join(nb["cells"][9]["source"])
old_src = "".join(nb["cells"][9]["source"]).replace("            with torch.random.fork_rng():   # evaluating must not move the generator that shuffles the minibatches\n", "").replace(
    "                animator.add(epoch + 1, (d2l.evaluate_loss(net, train_eval, loss),\n                                         d2l.evaluate_loss(net, test_iter, loss)))",
    "            animator.add(epoch + 1, (d2l.evaluate_loss(net, train_eval, loss),\n                                     d2l.evaluate_loss(net, test_iter, loss)))")
old_ns = dict(ns)
exec(old_src, old_ns)
train_old = old_ns["train"]

grid = d2l.lambda_grid(1e-3, 100, 21)
sweep = d2l.nb02.train_lambda_grid(grid, ns["train_iter"], num_epochs=100, lr=S.lr, seed=S.init_seed)
k3 = grid.index(3.16)
gap = lambda a, b: float((a.reshape(-1) - b.reshape(-1)).abs().max())
X_train, y_train = ns["X_train"], ns["y_train"]
perm = torch.randperm(len(y_train), generator=torch.Generator().manual_seed(5))
other_iter = d2l.load_array((X_train[perm], y_train[perm]), S.batch_size)
for lambd, k in [(0.0, 0), (3.16, k3)]:
    new_anim, _ = train(lambd)
    old_anim, _ = train_old(lambd)
    quiet, _ = train(lambd, animate=False)
    other, _ = train(lambd, animate=False, data_iter=other_iter)
    print(f"lambda={lambd:g}: sweep vs animated run, fixed train {gap(sweep.w[k], new_anim):.1e}, old train "
          f"{gap(sweep.w[k], old_anim):.1e}; sweep vs quiet run {gap(sweep.w[k], quiet):.1e}; "
          f"animated (fixed) vs quiet {gap(new_anim, quiet):.1e}, animated (old) vs quiet {gap(old_anim, quiet):.1e}; "
          f"sweep vs another minibatch order {gap(sweep.w[k], other):.1e}")
