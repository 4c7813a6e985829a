"""Exercises: run each check on the worked solution and on wrong answers (factor 2, convention, SGD's rule, no
conversion, return-the-input, hard-coded values, a shape-based rule). 'ACCEPTED' for a wrong answer is a defect."""
import math, sys, io, contextlib
import torch
from torch import nn
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
C = d2l.checks.nb06
def verdict(check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        out = buf.getvalue().strip()
    except BaseException as e:   # fail() may raise
        out = buf.getvalue().strip() + f" [{type(e).__name__}: {str(e)[:120]}]"
    ok = "correct" in out.lower() and "not" not in out.lower().split("correct")[0][-20:]
    return ("ACCEPTED" if ok else "rejected"), out.replace("\n", " | ")[:230]
cases = {
 "06.1": (C.check_sgd_equilibrium_norm, {
    "solution (lr g²/(2λ))^¼": lambda lr, l, g: (lr * g * g / (2 * l)) ** 0.25,
    "exact fixed point (no first-order step)": lambda lr, l, g: (lr * lr * g * g / (1 - (1 - lr * l) ** 2)) ** 0.25,
    "factor 2: (lr g²/λ)^¼": lambda lr, l, g: (lr * g * g / l) ** 0.25,
    "sqrt instead of 4th root": lambda lr, l, g: (lr * g * g / (2 * l)) ** 0.5,
    "momentum-style (lr g²/(2λ(1+0.9)))^¼ (wrong here)": lambda lr, l, g: (lr * g * g / (2 * l * 1.9)) ** 0.25,
    "return 1 (the start norm)": lambda lr, l, g: 1.0,
    "sqrt(2 lr λ) (the angle)": lambda lr, l, g: math.sqrt(2 * lr * l),
 }),
 "06.2": (C.check_torch_weight_decay, {
    "solution λ_norm√(b/(BT))/α": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) / a,
    "no lr conversion": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)),
    "times α": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) * a,
    "λ_norm / α": lambda ln, a, b, B, T: ln / a,
    "T in steps": lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T * B / b)) / a,
    "1% too large": lambda ln, a, b, B, T: 1.01 * ln * math.sqrt(b / (B * T)) / a,
    "zero": lambda ln, a, b, B, T: 0.0,
 }),
 "06.3": (C.check_adamw_rescaled, {
    "solution (c η, λ/c)": lambda lr, l, c: (c * lr, l / c),
    "SGD's rule (c² η, λ/c²)": lambda lr, l, c: (c * c * lr, l / c ** 2),
    "unchanged": lambda lr, l, c: (lr, l),
    "(c η, λ)": lambda lr, l, c: (c * lr, l),
    "(c η (1+1e-3), λ/c)": lambda lr, l, c: (c * lr * 1.001, l / c),
    "(√c η, λ/√c)": lambda lr, l, c: (math.sqrt(c) * lr, l / math.sqrt(c)),
 }),
}
for ex, (check, fns) in cases.items():
    for name, fn in fns.items():
        v, out = verdict(check, fn)
        print(f"{ex} {name:48} {v}: {out}")
def groups(decay_pred):
    def f(model, wd):
        dec, no = [], []
        for mod in model.modules():
            for n, p in mod.named_parameters(recurse=False):
                (dec if decay_pred(mod, n, p) else no).append(p)
        return [{"params": dec, "weight_decay": wd}, {"params": no, "weight_decay": 0.0}]
    return f
rules = {
    "solution (nn.Linear weights)": groups(lambda m, n, p: n == "weight" and isinstance(m, nn.Linear)),
    "nanoGPT (dim ≥ 2)": groups(lambda m, n, p: p.dim() >= 2),
    "dim ≥ 2 except nn.Embedding (shape-based)": groups(lambda m, n, p: p.dim() >= 2 and not isinstance(m, nn.Embedding)),
    "every 'weight' except Embedding (decays LayerNorm gains)": groups(lambda m, n, p: n == "weight" and not isinstance(m, nn.Embedding)),
    "Linear weights and biases": groups(lambda m, n, p: isinstance(m, nn.Linear)),
}
for name, fn in rules.items():
    v, out = verdict(C.check_mingpt_groups, fn)
    print(f"06.4 {name:48} {v}: {out}")
