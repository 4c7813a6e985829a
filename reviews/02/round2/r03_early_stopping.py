"""Fixer's probe for D4: in the noisy setup, validation-chosen ridge against validation-chosen early stopping
(unpenalized full-batch gradient descent from w = 0, lr = 0.2, stopped at the step with the lowest validation loss,
up to 300 steps), scored by exact risk over R fresh data sets (paired), and on the notebook's own data set."""
import torch

torch.set_num_threads(1)
import d2lmini as d2l

N = d2l.nb02.SETUP["noisy"]
grid2 = d2l.lambda_grid(1e-3, 10, 17)
risk = lambda w, b: d2l.nb02.population_risk(N, w, b)


def gd_path(X, y, steps=N.num_epochs, lr=N.lr):
    w = torch.zeros(*X.shape[:-2], X.shape[-1]); b = torch.zeros(X.shape[:-2])
    W, B = [], []
    for _ in range(steps):
        r = (X @ w.unsqueeze(-1)).squeeze(-1) + b.unsqueeze(-1) - y
        w = w - lr * (X.mT @ r.unsqueeze(-1)).squeeze(-1) / X.shape[-2]
        b = b - lr * r.mean(-1)
        W.append(w); B.append(b)
    return torch.stack(W), torch.stack(B)          # (T, R, d), (T, R)


for seed, R in [(N.data_seed, None), (5000, 400)]:
    (X, y), (Xv, yv), (Xs, ys) = d2l.nb02.draw(N, seed, R)
    w, b = d2l.nb02.ridge_with_bias(X, y, grid2)                       # (K, [R,] d)
    k = d2l.nb02.mean_loss(Xv, yv, w, b).argmin(0)
    W, B = gd_path(X, y)
    t = d2l.nb02.mean_loss(Xv, yv, W, B).argmin(0)
    if R is None:
        print(f"notebook's data set: ridge lambda={grid2[int(k)]:g} test {float(d2l.nb02.mean_loss(Xs, ys, w[k], b[k])):.4f}, "
              f"exact risk {float(risk(w[k], b[k])):.4f}; early stopping at step {int(t) + 1}: test "
              f"{float(d2l.nb02.mean_loss(Xs, ys, W[t], B[t])):.4f}, exact risk {float(risk(W[t], B[t])):.4f}")
        continue
    sets = torch.arange(R)
    r_ridge, r_stop = risk(w[k, sets], b[k, sets]), risk(W[t, sets], B[t, sets])
    r_ls = risk(w[0], b[0])
    for name, v in [("ridge (val-chosen)", r_ridge), ("early stopping (val-chosen)", r_stop), ("least squares", r_ls)]:
        print(f"R = {R}: exact risk {name:<28} {d2l.nb02.mean_se(v)[0]:.4f} +- {d2l.nb02.mean_se(v)[1]:.4f}")
    m, se = d2l.nb02.mean_se(r_ridge - r_stop)
    print(f"ridge minus early stopping (paired): {m:.4f} +- {se:.4f}; median stopping step {int(t.median()) + 1}")
