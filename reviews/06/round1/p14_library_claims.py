"""Library claims against the installed torch 2.13 source: AdamW's decay line (single-tensor AND foreach/fused paths),
SGD's weight decay + momentum (the (1-β)/(ηλ) decay time), BatchNorm1d's eps/momentum, nn.Embedding's N(0,1) init;
and a numeric check that SGD+momentum shrinks a zero-gradient weight by e in about (1-β)/(ηλ) steps."""
import inspect, math, torch
from torch.optim import adam, sgd
src = inspect.getsource(adam)
for fn in ("_single_tensor_adam", "_multi_tensor_adam"):
    s = inspect.getsource(getattr(adam, fn))
    print(fn, "decay lines:", sorted({l.strip() for l in s.splitlines() if "weight_decay" in l and ("mul_" in l or "_foreach_mul_" in l)}))
print("AdamW.__init__ passes decoupled_weight_decay=True:", "decoupled_weight_decay=True" in inspect.getsource(torch.optim.AdamW.__init__))
s = inspect.getsource(sgd._single_tensor_sgd)
print("SGD single-tensor:", [l.strip() for l in s.splitlines() if "weight_decay" in l or "buf.mul_" in l][:4])
bn = torch.nn.BatchNorm1d(4); print("BatchNorm1d eps, momentum:", bn.eps, bn.momentum)
torch.manual_seed(0); print("nn.Embedding init std (1e6 entries):", round(float(torch.nn.Embedding(1000, 1000).weight.std()), 4))
for lr, lam, beta in ((0.05, 0.01, 0.9), (0.05, 0.1, 0.9)):
    w = torch.ones(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=lam)
    for t in range(1, 100000):
        w.grad = torch.zeros(1); opt.step()
        if w.item() < math.exp(-1): break
    print(f"SGD η={lr} λ={lam} β={beta}: zero-gradient weight falls below 1/e after {t} steps; (1-β)/(ηλ) = {(1 - beta) / (lr * lam):.0f}")
