"""Probe 2: do the exercise checks reject plausible wrong answers and accept legitimate right ones?"""
import math, sys, io, contextlib
import torch
from torch import nn
sys.path.insert(0, "/work/main")
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb06

def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        out = buf.getvalue().strip()
    except BaseException as e:   # a failing check may raise
        out = (buf.getvalue() + f" [{type(e).__name__}] {e}").strip()
    verdict = "ACCEPTED" if "correct" in out.lower() and "not" not in out.lower()[:20] else "rejected"
    print(f"{verdict:9} {label}: {out[:230]!r}")

print("--- 06.1 sgd_equilibrium_norm")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.25, "worked solution")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l - lr * l * l)) ** 0.25, "exact (no first-order approx)")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / l) ** 0.25, "factor 2 wrong")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.5, "norm squared")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: math.sqrt(2 * lr * l), "angle")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.25 * 1.009, "worked solution x1.009")
run(C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.25 * 0.991, "worked solution x0.991")
print("--- 06.2 torch_weight_decay")
ok2 = lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) / a
run(C.check_torch_weight_decay, ok2, "worked solution")
run(C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)), "paper λ, not /α")
run(C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) * a, "×α")
run(C.check_torch_weight_decay, lambda ln, a, b, B, T: ln / a, "no normalization")
run(C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T * (B / b))) / a, "T in steps")
run(C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * (b / (B * T)) / a, "no sqrt")
print("--- 06.3 adamw_rescaled")
run(C.check_adamw_rescaled, lambda lr, l, c: (c * lr, l / c), "worked solution")
run(C.check_adamw_rescaled, lambda lr, l, c: (c * c * lr, l / (c * c)), "SGD rule c², λ/c²")
run(C.check_adamw_rescaled, lambda lr, l, c: (c * lr, l), "c·η, same λ")
run(C.check_adamw_rescaled, lambda lr, l, c: (lr, l), "unchanged")
run(C.check_adamw_rescaled, lambda lr, l, c: (lr * c, l / (c * c)), "c η, λ/c²")
print("--- 06.4 mingpt_groups")
def groups(pred):
    def fn(model, wd):
        d, n = [], []
        for mod in model.modules():
            for name, p in mod.named_parameters(recurse=False):
                (d if pred(mod, name, p) else n).append(p)
        return [{"params": d, "weight_decay": wd}, {"params": n, "weight_decay": 0.0}]
    return fn
run(C.check_mingpt_groups, groups(lambda m, n, p: n == "weight" and isinstance(m, nn.Linear)), "worked solution")
run(C.check_mingpt_groups, groups(lambda m, n, p: p.dim() >= 2), "nanoGPT rule dim>=2")
run(C.check_mingpt_groups, groups(lambda m, n, p: n == "weight" and not isinstance(m, nn.LayerNorm)), "HF-like: all weights but LayerNorm")
run(C.check_mingpt_groups, groups(lambda m, n, p: n == "weight" and not isinstance(m, nn.Embedding) and p.dim() >= 2), "2-D non-embedding weights")
def by_name(model, wd):
    d, n = [], []
    for name, p in model.named_parameters():
        (n if ("bias" in name or "ln" in name or "emb" in name or "wte" in name or "wpe" in name) else d).append(p)
    return [{"params": d, "weight_decay": wd}, {"params": n, "weight_decay": 0.0}]
run(C.check_mingpt_groups, by_name, "name-based guess (bias/ln/emb)")
