"""Probe 2: do the exercise checks of notebook 06 accept wrong answers? Each candidate is run through the public
check (d2l.checks.nb06.*); we record whether it prints 'correct'."""
import io, math, sys, contextlib
sys.path.insert(0, "/work/main")
import torch
from torch import nn
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb06

def verdict(check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        out = buf.getvalue()
    except BaseException as e:                      # a failing check may raise
        out = buf.getvalue() + f" [{type(e).__name__}: {str(e)[:150]}]"
    ok = "correct" in out and "not correct" not in out.lower() and "incorrect" not in out.lower()
    return ("ACCEPTED" if ok else "rejected"), out.strip().replace("\n", " | ")[:220]

cands1 = {
    "worked solution (lr g^2/(2 lam))^(1/4)": lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.25,
    "exact (lr g^2/(2 lam - lr lam^2))^(1/4)": lambda lr, l, g: (lr * g**2 / (2 * l - lr * l * l)) ** 0.25,
    "factor 2: (lr g^2/lam)^(1/4)": lambda lr, l, g: (lr * g**2 / l) ** 0.25,
    "sqrt instead of 4th root": lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.5,
    "momentum-style /(1+0.9)": lambda lr, l, g: (lr * g**2 / (2 * l * 1.9)) ** 0.25,
}
cands2 = {
    "worked solution": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) / a,
    "paper lambda (no /alpha)": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)),
    "steps not epochs": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T * B / b)) / a,
    "no sqrt": lambda ln, a, b, B, T: ln * (b / (B * T)) / a,
    "times alpha": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) * a,
}
cands3 = {
    "worked solution (c lr, lam/c)": lambda lr, l, c: (c * lr, l / c),
    "SGD rule (c^2 lr, lam/c^2)": lambda lr, l, c: (c * c * lr, l / (c * c)),
    "unchanged": lambda lr, l, c: (lr, l),
    "lr only (c lr, lam)": lambda lr, l, c: (c * lr, l),
}

def groups_ok(model, wd):
    decay, no = [], []
    for m in model.modules():
        for n, p in m.named_parameters(recurse=False):
            (decay if (n == "weight" and isinstance(m, nn.Linear)) else no).append(p)
    return [{"params": decay, "weight_decay": wd}, {"params": no, "weight_decay": 0.0}]
def groups_nanogpt(model, wd):
    ps = list(model.parameters())
    return [{"params": [p for p in ps if p.dim() >= 2], "weight_decay": wd}, {"params": [p for p in ps if p.dim() < 2], "weight_decay": 0.0}]
def groups_name(model, wd):   # 'weight' in name and not a LayerNorm (HF-like)
    d, n_ = [], []
    for m in model.modules():
        for n, p in m.named_parameters(recurse=False):
            (d if (n == "weight" and not isinstance(m, nn.LayerNorm)) else n_).append(p)
    return [{"params": d, "weight_decay": wd}, {"params": n_, "weight_decay": 0.0}]
def groups_dup(model, wd):    # right groups but every parameter also in the no-decay group
    g = groups_ok(model, wd)
    g[1]["params"] = g[1]["params"] + g[0]["params"]
    return g
def groups_missing_bias(model, wd):  # drops the biases entirely
    g = groups_ok(model, wd)
    g[1]["params"] = [p for p in g[1]["params"] if p.dim() == 2]
    return g
cands4 = {"worked solution": groups_ok, "nanoGPT rule dim>=2": groups_nanogpt, "HF-like (embeddings decayed)": groups_name,
          "duplicates": groups_dup, "biases omitted": groups_missing_bias}

for title, check, cands in (("06.1", C.check_sgd_equilibrium_norm, cands1), ("06.2", C.check_torch_weight_decay, cands2),
                            ("06.3", C.check_adamw_rescaled, cands3), ("06.4", C.check_mingpt_groups, cands4)):
    print(f"== {title}")
    for name, fn in cands.items():
        v, out = verdict(check, fn)
        print(f"  {v:9} {name:42} {out}")

# 06.1: how far is the first-order answer from where torch.optim.SGD actually settles, on its own simulation?
print("== 06.1 own simulation: torch.optim.SGD on a weight with an orthogonal gradient of size g/||w||")
for lr, l, g in [(0.5, 0.01, 1.0), (0.2, 0.05, 0.3), (1.0, 0.02, 2.0), (2.0, 0.005, 0.2), (1.0, 0.2, 1.0)]:
    w = torch.tensor([1.0, 0.0, 0.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, weight_decay=l)
    gen = torch.Generator().manual_seed(0)
    for _ in range(20000):
        r = torch.randn(3, generator=gen, dtype=torch.float64)
        wd = w.detach()
        r = r - (r @ wd) / (wd @ wd) * wd
        w.grad = r / r.norm() * g / wd.norm()
        opt.step()
    first = (lr * g * g / (2 * l)) ** 0.25
    print(f"  lr {lr}, lam {l}, g {g} (lr*lam = {lr*l:g}): settled {float(w.detach().norm()):.5f}, first order {first:.5f}, "
          f"rel. diff {float(w.detach().norm()) / first - 1:+.4f}")
