"""Probe 5: the notebook says either epsilon placement passes exercise 03.2. A port that takes Keras' steps exactly
(epsilon 1e-7 added to sqrt(v) before bias correction, my own optimizer) must then pass; the coupled/decoupled
mistakes must fail by much more than the tolerance."""
import math, torch
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb03

class KerasAdamW(torch.optim.Optimizer):
    def __init__(self, params, lr, wd, eps=1e-7, b1=0.9, b2=0.999):
        super().__init__(params, dict(lr=lr, wd=wd, eps=eps, b1=b1, b2=b2))
    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                st = self.state[p]
                if not st: st["t"], st["m"], st["v"] = 0, torch.zeros_like(p), torch.zeros_like(p)
                st["t"] += 1; t = st["t"]
                p.sub_(p * g["wd"] * g["lr"])                                   # Keras _apply_weight_decay
                st["m"] += (p.grad - st["m"]) * (1 - g["b1"]); st["v"] += (p.grad ** 2 - st["v"]) * (1 - g["b2"])
                alpha = g["lr"] * math.sqrt(1 - g["b2"] ** t) / (1 - g["b1"] ** t)
                p.sub_(alpha * st["m"] / (st["v"].sqrt() + g["eps"]))

def port_exact(model, c=1e-4, wd=0.05, lr=1e-3):
    opt = KerasAdamW(model.parameters(), lr, wd)
    return opt, lambda model, X, y: ((model(X) - y) ** 2).mean() + c * (model.weight ** 2).sum()
for eps in (1e-7, 1e-8, 1e-6):
    def port(model, c=1e-4, wd=0.05, lr=1e-3, eps=eps):
        opt = KerasAdamW(model.parameters(), lr, wd, eps=eps)
        return opt, lambda model, X, y: ((model(X) - y) ** 2).mean() + c * (model.weight ** 2).sum()
    try:
        C.check_port_keras(port); print(f"exact Keras emulation, eps={eps:g} on sqrt(v): ACCEPTED")
    except AssertionError as e:
        print(f"exact Keras emulation, eps={eps:g} on sqrt(v): rejected: {str(e)[:300]}")
