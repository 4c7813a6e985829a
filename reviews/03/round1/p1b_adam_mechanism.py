"""Probe 1b: the mechanism stated in cell 31 ('sqrt(v_hat_j) ~ |lambda w_j|, so a weight moves by about eta per step
however large lambda is: 400 steps cannot remove initial weights of size 1'). Own loop, same data/init/minibatches."""
import torch
from torch.utils.data import DataLoader, TensorDataset
torch.set_num_threads(1)
torch.manual_seed(0)
d, n = 200, 20
X = torch.normal(0.0, 1.0, (220, d)); y = X @ (torch.ones(d, 1) * 0.01) + 0.05; y += 0.01 * torch.randn(y.shape)
Xtr, ytr, Xte, yte = X[:n], y[:n], X[120:], y[120:]

def run(lam, steps=400, lr=0.01):
    lin = torch.nn.Linear(d, 1)
    torch.manual_seed(1); w0 = torch.normal(0.0, 1.0, size=(d, 1))
    with torch.no_grad():
        lin.weight.copy_(w0.T); lin.bias.zero_()
    opt = torch.optim.Adam([{"params": [lin.weight], "weight_decay": lam}, {"params": [lin.bias], "weight_decay": 0.0}], lr=lr)
    loader = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=True)
    t, moves, ratio, wabs = 0, [], [], []
    while t < steps:
        for xb, yb in loader:
            before = lin.weight.detach().clone()
            opt.zero_grad(); ((lin(xb) - yb) ** 2 / 2).mean().backward(); opt.step(); t += 1
            moves.append(float((lin.weight.detach() - before).abs().mean()) / lr)
            st = opt.state[lin.weight]
            vh = st["exp_avg_sq"] / (1 - 0.999 ** float(st["step"]))
            ratio.append(float((vh.sqrt() / (lam * lin.weight.detach().abs() + 1e-12)).median()) if lam else float("nan"))
            if t >= steps:
                break
    with torch.no_grad():
        tl = float(((lin(Xte) - yte) ** 2 / 2).mean())
    return lin.weight.detach().norm().item(), tl, moves, ratio

print("Adam + L2, constant lr 0.01, 400 steps, same init and minibatch order; lambda varied")
for lam in (0.3, 1.0, 3.0, 10.0, 30.0, 300.0):
    nw, tl, moves, ratio = run(lam)
    print(f"lambda = {lam:6g}: ||w|| = {nw:6.3g}  test loss {tl:8.3g}   mean |dw_j|/eta per step: steps 1-50 {sum(moves[:50])/50:.3f}, "
          f"151-200 {sum(moves[150:200])/50:.3f}, 351-400 {sum(moves[350:])/50:.3f};  median sqrt(v_hat)/|lambda w_j| at step 100: {ratio[99]:.3g}, 400: {ratio[-1]:.3g}")
print("\nAdamW for comparison: 1 - eta*lambda per step, (0.97)^400 =", 0.97 ** 400)
