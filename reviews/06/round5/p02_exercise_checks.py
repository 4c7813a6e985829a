"""Feed right and wrong answers to the notebook's exercise checks (d2lmini.checks.nb06): which are accepted?"""
import math, sys, io, contextlib
import torch
from torch import nn
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
C = d2l.checks.nb06

def run(name, check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        out = buf.getvalue().strip().splitlines()
    except BaseException as e:            # a failing check may raise
        out = buf.getvalue().strip().splitlines() + [f"RAISED {type(e).__name__}: {e}"]
    verdict = "ACCEPTED" if any("correct" in l for l in out) and not any("RAISED" in l for l in out) else "rejected"
    print(f"[{verdict}] {name}: {out[0][:150] if out else ''}")

print("--- 06.1 sgd_equilibrium_norm")
run("worked solution", C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.25)
run("exact discrete (2λ - ηλ²)", C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l - lr * l * l)) ** 0.25)
run("factor 2 (lr g²/λ)^¼", C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / l) ** 0.25)
run("λ/2 convention (lr g²/(4λ))^¼", C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (4 * l)) ** 0.25)
run("norm² instead of norm", C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g**2 / (2 * l)) ** 0.5)
run("fixed gradient sqrt(lr g²/(2λ))", C.check_sgd_equilibrium_norm, lambda lr, l, g: math.sqrt(lr * g / (2 * l)))
run("angle sqrt(2ηλ)", C.check_sgd_equilibrium_norm, lambda lr, l, g: math.sqrt(2 * lr * l))
run("return 1", C.check_sgd_equilibrium_norm, lambda lr, l, g: 1.0)
run("g unsquared (lr g/(2λ))^¼", C.check_sgd_equilibrium_norm, lambda lr, l, g: (lr * g / (2 * l)) ** 0.25)

print("--- 06.2 torch_weight_decay")
run("worked solution", C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) / a)
run("paper λ (no /α)", C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)))
run("times α", C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T)) * a)
run("steps not epochs", C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * math.sqrt(b / (B * T * B / b)) / a)
run("no sqrt", C.check_torch_weight_decay, lambda ln, a, b, B, T: ln * (b / (B * T)) / a)

print("--- 06.3 adamw_rescaled")
run("worked solution (c lr, λ/c)", C.check_adamw_rescaled, lambda lr, l, c: (c * lr, l / c))
run("SGD rule (c² lr, λ/c²)", C.check_adamw_rescaled, lambda lr, l, c: (c * c * lr, l / (c * c)))
run("unchanged", C.check_adamw_rescaled, lambda lr, l, c: (lr, l))
run("inverted (lr/c, λ c)", C.check_adamw_rescaled, lambda lr, l, c: (lr / c, l * c))
# how well does a wrong answer do on the success line's own measure?
a = C.train_directions(0.01, 0.1, steps=50)
for name, (lr2, l2) in {"right": (0.02, 0.05), "SGD rule": (0.04, 0.025), "unchanged": (0.01, 0.1)}.items():
    b = C.train_directions(lr2, l2, scale=2.0, steps=50)
    print(f"    directions after 50 steps, {name}: max angle {float(torch.arccos((a*b).sum(1).clamp(-1,1)).max()):.2e} rad")

print("--- 06.4 mingpt_groups")
def split(pred):
    def fn(model, wd):
        d, n = [], []
        for m in model.modules():
            for name, p in m.named_parameters(recurse=False):
                (d if pred(m, name, p) else n).append(p)
        return [{"params": d, "weight_decay": wd}, {"params": n, "weight_decay": 0.0}]
    return fn
run("worked solution", C.check_mingpt_groups, split(lambda m, n, p: isinstance(m, nn.Linear) and n == "weight"))
run("nanoGPT dim>=2", C.check_mingpt_groups, split(lambda m, n, p: p.dim() >= 2))
run("name=='weight' (decays LN)", C.check_mingpt_groups, split(lambda m, n, p: n == "weight"))
run("dim>=2 but not tok embedding only", C.check_mingpt_groups, split(lambda m, n, p: p.dim() >= 2 and not (isinstance(m, nn.Embedding) and p.shape[0] > 10)))
run("Linear incl. bias", C.check_mingpt_groups, split(lambda m, n, p: isinstance(m, nn.Linear)))
