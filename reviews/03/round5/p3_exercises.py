"""Probe 3: do the exercise checks reject tempting wrong answers? (public checks d2l.checks.nb03.check_*)"""
import io, contextlib, math, torch, sys
from torch import nn
sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb03
def run(label, check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf): check(fn)
        verdict = "ACCEPTED"
    except BaseException as e:   # noqa
        verdict = "rejected"
    last = [l for l in buf.getvalue().splitlines() if l.strip()][-1:] or [""]
    print(f"{verdict:9s} {label}  | {last[0][:110]}")
norm = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)
# ---- 03.1 variants
def l2_named(model, lambd, decay_embeddings=True):   # named_parameters (dedups), module looked up by prefix
    mods = dict(model.named_modules()); tot = torch.zeros(())
    emb = {id(m.weight) for m in model.modules() if isinstance(m, nn.Embedding)}
    for n, p in model.named_parameters():
        owner = mods[n.rsplit(".", 1)[0]] if "." in n else model
        if p.dim() >= 2 and "bias" not in n.rsplit(".", 1)[-1] and not isinstance(owner, norm) and (decay_embeddings or id(p) not in emb):
            tot = tot + (p ** 2).sum()
    return lambd / 2 * tot
def l2_noflag_tied(model, lambd, decay_embeddings=True):   # skips nn.Embedding modules only (tied head still decayed)
    seen, tot = set(), torch.zeros(())
    for m in model.modules():
        if isinstance(m, norm) or (not decay_embeddings and isinstance(m, nn.Embedding)): continue
        for n, p in m.named_parameters(recurse=False):
            if p.dim() >= 2 and "bias" not in n and id(p) not in seen: seen.add(id(p)); tot = tot + (p ** 2).sum()
    return lambd / 2 * tot
def l2_dimonly(model, lambd, decay_embeddings=True):       # dim>=2 only (catches 2-D LayerNorm? bias_k?)
    return lambd / 2 * sum((p ** 2).sum() for p in model.parameters() if p.dim() >= 2)
def l2_frozen_issue(model, lambd, decay_embeddings=True):
    return l2_named(model, lambd, decay_embeddings)
run("03.1 correct via named_parameters", C.check_l2_term, l2_named)
run("03.1 embedding skipped only as module (tied head kept)", C.check_l2_term, l2_noflag_tied)
run("03.1 every >=2-D parameter", C.check_l2_term, l2_dimonly)
run("03.1 no 1/2", C.check_l2_term, lambda m, l, decay_embeddings=True: 2 * l2_named(m, l, decay_embeddings))
# ---- 03.2 variants
def port(opt, loss):
    return lambda model, c=1e-4, wd=0.05, lr=1e-3: (opt(model, wd, lr), lambda m, X, y, c=c: loss(m, X, y, c))
mse = lambda m, X, y, c: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()
adamw = lambda m, wd, lr: torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=wd)
run("03.2 correct", C.check_port_keras, port(adamw, mse))
run("03.2 Adam (coupled)", C.check_port_keras, port(lambda m, wd, lr: torch.optim.Adam(m.parameters(), lr=lr, weight_decay=wd), mse))
run("03.2 AdamW bias excluded", C.check_port_keras, port(lambda m, wd, lr: torch.optim.AdamW(
    [{"params": [m.weight], "weight_decay": wd}, {"params": [m.bias], "weight_decay": 0.0}], lr=lr), mse))
run("03.2 l2 with 1/2", C.check_port_keras, port(adamw, lambda m, X, y, c: ((m(X) - y) ** 2).mean() + c / 2 * (m.weight ** 2).sum()))
run("03.2 l2 dropped", C.check_port_keras, port(adamw, lambda m, X, y, c: ((m(X) - y) ** 2).mean()))
run("03.2 mse with 1/2", C.check_port_keras, port(adamw, lambda m, X, y, c: 0.5 * ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()))
run("03.2 sum loss", C.check_port_keras, port(adamw, lambda m, X, y, c: ((m(X) - y) ** 2).sum() + c * (m.weight ** 2).sum()))
run("03.2 AdamW eps=1e-7", C.check_port_keras, port(lambda m, wd, lr: torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=wd, eps=1e-7), mse))
run("03.2 mean over batch only, sum over outputs", C.check_port_keras, port(adamw, lambda m, X, y, c: ((m(X) - y) ** 2).sum(1).mean() + c * (m.weight ** 2).sum()))
# ---- 03.3 variants
run("03.3 correct", C.check_sgdw_lambda, lambda wd, b, t: wd if b == 0 else wd * (1 - b) / (1 - t))
run("03.3 ignores dampening", C.check_sgdw_lambda, lambda wd, b, t: wd * (1 - b))
run("03.3 no beta=0 branch", C.check_sgdw_lambda, lambda wd, b, t: wd * (1 - b) / (1 - t))
run("03.3 (1-b)(1-t)", C.check_sgdw_lambda, lambda wd, b, t: wd if b == 0 else wd * (1 - b) * (1 - t))
run("03.3 coupled answer wd", C.check_sgdw_lambda, lambda wd, b, t: wd)
# ---- 03.4 variants
run("03.4 correct", C.check_choose_and_test, lambda L, v, te: (L[int(v.mean(0).argmax())], float(te[:, int(v.mean(0).argmax())].mean())))
run("03.4 choose on test", C.check_choose_and_test, lambda L, v, te: (L[int(te.mean(0).argmax())], float(te.mean(0).max())))
run("03.4 median", C.check_choose_and_test, lambda L, v, te: (L[int(v.median(0).values.argmax())], float(te[:, int(v.median(0).values.argmax())].mean())))
run("03.4 report val", C.check_choose_and_test, lambda L, v, te: (L[int(v.mean(0).argmax())], float(v.mean(0).max())))
def onese(L, v, te):
    m, s = v.mean(0), v.std(0) / v.shape[0] ** 0.5; k0 = int(m.argmax())
    k = max(i for i in range(len(L)) if m[i] >= m[k0] - s[k0]); return L[k], float(te[:, k].mean())
run("03.4 one-SE rule", C.check_choose_and_test, onese)
# ---- 03.5 variants
def ds(f):
    def g(params, lr, wd):
        with torch.no_grad():
            for p in params: p.mul_(f(lr, wd))
    return g
run("03.5 correct", C.check_decoupled_step, ds(lambda lr, wd: 1 - lr * wd))
run("03.5 1-wd", C.check_decoupled_step, ds(lambda lr, wd: 1 - wd))
run("03.5 1-lr*wd/2", C.check_decoupled_step, ds(lambda lr, wd: 1 - lr * wd / 2))
run("03.5 exp(-lr*wd)", C.check_decoupled_step, ds(lambda lr, wd: math.exp(-lr * wd)))
run("03.5 skip 1-D (bias)", C.check_decoupled_step, lambda ps, lr, wd: ds(lambda a, b: 1 - a * b)([p for p in ps if p.dim() >= 2], lr, wd))
