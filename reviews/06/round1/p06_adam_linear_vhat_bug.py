"""Is the notebook's 'λ·median √v̂' for the 300-step rows of section 4.3 the v̂ at the end of the 300-step run?
d2l.nb06.adam_linear runs every run for max(run_steps) iterations (lr_t = 0 after a run's own T) and returns
sqrt(v / (1 - beta2**max_steps)). Compare with torch.optim.AdamW's own state after the run's 300 steps."""
import math, sys
import torch
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
M, S = d2l.nb06, d2l.nb06.SETUP
X, y = M.regression_data(S.reg_n, S)
for B in (200, 40, 10):
    seeds = list(range(1, 9))
    _, rv_mixed = M.adam_linear(X, y, [0.1, 0.1], [300, 2000], [True, True], seeds, B, S.reg_lr, return_vhat=True)
    _, rv_alone = M.adam_linear(X, y, [0.1], [300], [True], seeds, B, S.reg_lr, return_vhat=True)
    # torch.optim.AdamW itself, seed 1's minibatches, 300 steps
    w = torch.zeros(S.reg_d, requires_grad=True)
    opt = torch.optim.AdamW([w], lr=S.reg_lr, weight_decay=0.1)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: M.cosine(t, 300))
    for idx in M.minibatches(S.reg_n, B, 300, 1):
        loss = ((X[idx] @ w - y[idx]) ** 2 / 2).mean(); opt.zero_grad(); loss.backward(); opt.step(); sch.step()
    st = opt.state[w]
    rv_torch = (st["exp_avg_sq"] / (1 - 0.999 ** float(st["step"]))).sqrt()
    print(f"batch {B:3d}, 300-step AdamW run: λ·median √v̂ as the notebook computes it (run next to a 2000-step run) "
          f"{0.1 * rv_mixed[0].median():.3g}; the same run alone {0.1 * rv_alone[0].median():.3g}; "
          f"torch.optim.AdamW state after 300 steps (seed 1) {0.1 * rv_torch.median():.3g} (adam_linear alone, seed 1: {0.1 * rv_alone[0, 0].median():.3g})")
