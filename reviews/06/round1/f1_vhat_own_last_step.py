"""D1: cell 33 with the fixed adam_linear (sqrt(v_hat) read at each run's own last step): effective lambda vs lambda*median sqrt(v_hat)."""
import torch
torch.set_num_threads(1)
import d2lmini.nb06 as M
S = M.SETUP
X_r, y_r = M.regression_data(S.reg_n, S)
grid_eff = torch.logspace(-4, 1, 201)
configs = [(T, dec) for T in S.reg_steps for dec in (False, True)]
seeds = list(range(1, S.reg_seeds + 1))
for B in S.reg_batches:
    W_end, root_v = M.adam_linear(X_r, y_r, [S.reg_lambd] * len(configs), [T for T, _ in configs], [dec for _, dec in configs],
                                  seeds, B, S.reg_lr, return_vhat=True)
    lam_eff = M.nearest_ridge_lambda(X_r, y_r, W_end, grid_eff)
    for k, (T, dec) in enumerate(configs):
        if dec:
            ns = S.reg_lambd * root_v[k].median()
            print(f"B={B:>3} T={T:>4}: AdamW effective λ median {lam_eff[k].median():.3g}, λ·median√v̂ {ns:.3g}, ratio {lam_eff[k].median() / ns:.2f}")
