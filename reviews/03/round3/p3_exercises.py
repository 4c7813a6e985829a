# Probe 3: worked solutions on edge cases, and wrong answers fed to the public checks.
import sys, json, io, contextlib, torch
from torch import nn
sys.path.insert(0, "/work/main"); torch.set_num_threads(1)
import d2lmini as d2l
nb = json.load(open("/work/main/notebooks/03_weight_decay_concise.ipynb"))
src = {c.get("id"): "".join(c["source"]) for c in nb["cells"]}
ns = {"torch": torch, "nn": nn, "d2l": d2l}
for cid in ["c056", "c059", "c062", "c065", "c068"]:
    exec(src[cid], ns)
l2_term, sgdw_lambda = ns["l2_term"], ns["sgdw_lambda"]
# (1) tied embedding/output with decay_embeddings=False: the tensor IS an nn.Embedding's weight
for order in ["embedding first", "output layer first"]:
    emb, out = nn.Embedding(6, 4), nn.Linear(4, 6, bias=False); out.weight = emb.weight
    with torch.no_grad(): emb.weight.fill_(1.0)
    model = nn.Sequential(emb, out) if order == "embedding first" else nn.Sequential(out, emb)
    print(f"l2_term tied, decay_embeddings=False, {order}: {float(l2_term(model, 1.0, decay_embeddings=False)):.1f} "
          f"(0 if the embedding table is skipped; 12.0 = 1/2*24 if decayed through the output layer)")
# minGPT's own rule on the same tied model: nn.Linear weight -> decay, nn.Embedding weight -> no_decay => the same tensor in both
# (minGPT asserts no parameter is in both sets; nanoGPT's old code removed lm_head.weight from decay: the tied table is NOT decayed)
# (2) sgdw_lambda edge case dampening = 1 with momentum > 0
try: print("sgdw_lambda(1, 0.9, 1.0) =", sgdw_lambda(1.0, 0.9, 1.0))
except Exception as e: print("sgdw_lambda(1, 0.9, 1.0) raises", type(e).__name__, e)
# (3) wrong answers against the public checks
def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf): check(fn)
        r = "ACCEPTED"
    except BaseException as e: r = "rejected"
    print(f"{label:75s} {r}   | {buf.getvalue().strip().splitlines()[0][:90] if buf.getvalue().strip() else ''}")
C = d2l.checks.nb03
run(C.check_l2_term, l2_term, "l2_term: worked solution")
def l2_skip_tied(model, lambd, decay_embeddings=True):   # a tied tensor dropped whenever it sits in an Embedding
    norm = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm); emb_ids = {id(m.weight) for m in model.modules() if isinstance(m, nn.Embedding)}
    tot, seen = torch.zeros(()), set()
    for m in model.modules():
        if isinstance(m, norm) or (not decay_embeddings and isinstance(m, nn.Embedding)): continue
        for n, p in m.named_parameters(recurse=False):
            if p.dim() >= 2 and "bias" not in n and id(p) not in seen and (decay_embeddings or id(p) not in emb_ids):
                seen.add(id(p)); tot = tot + (p ** 2).sum()
    return lambd / 2 * tot
run(C.check_l2_term, l2_skip_tied, "l2_term: the other reading of tied + decay_embeddings=False")
def port_coupled(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd), lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()
def port_weight_only(model, c=1e-4, wd=0.05, lr=1e-3):
    opt = torch.optim.AdamW([{"params": [model.weight], "weight_decay": wd}, {"params": [model.bias], "weight_decay": 0.0}], lr=lr)
    return opt, lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()
def port_keras_eps(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd, eps=1e-7), lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()
def port_half(model, c=1e-4, wd=0.05, lr=1e-3):
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd), lambda m, X, y: ((m(X) - y) ** 2).mean() + c / 2 * (m.weight ** 2).sum()
def port_sum_mse(model, c=1e-4, wd=0.05, lr=1e-3):   # sum over outputs instead of mean over all entries
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd), lambda m, X, y: ((m(X) - y) ** 2).sum(1).mean() + c * (m.weight ** 2).sum()
run(C.check_port_keras, ns["port_keras"], "port_keras: worked solution")
for f, lab in [(port_coupled, "Adam(weight_decay) coupled"), (port_weight_only, "AdamW weight only (bias excluded)"),
               (port_keras_eps, "AdamW with Keras' eps=1e-7"), (port_half, "l2 as c/2"), (port_sum_mse, "mse summed over the 2 outputs")]:
    run(C.check_port_keras, f, "port_keras: " + lab)
run(C.check_sgdw_lambda, sgdw_lambda, "sgdw_lambda: worked solution")
run(C.check_sgdw_lambda, lambda wd, b, t: wd * (1 - b), "sgdw_lambda: ignores dampening")
run(C.check_sgdw_lambda, lambda wd, b, t: wd * (1 - b) / (1 - t), "sgdw_lambda: no beta=0 special case")
run(C.check_sgdw_lambda, lambda wd, b, t: wd * (1 - t) / (1 - b) if b else wd, "sgdw_lambda: inverted")
run(C.check_choose_and_test, ns["choose_and_test"], "choose_and_test: worked solution")
def choose_median(l, v, t): k = int(v.median(0).values.argmax()); return l[k], float(t[:, k].mean())
def choose_mean_of_per_seed(l, v, t): ks = v.argmax(1); return l[int(torch.mode(ks).values)], float(t[torch.arange(len(ks)), ks].mean())
run(C.check_choose_and_test, choose_median, "choose_and_test: median over seeds")
run(C.check_choose_and_test, choose_mean_of_per_seed, "choose_and_test: per-seed argmax, test at each seed's own λ")
run(C.check_decoupled_step, ns["decoupled_step"], "decoupled_step: worked solution")
def dec_weights_only(params, lr, weight_decay):
    with torch.no_grad():
        for p in params:
            if p.dim() >= 2: p.mul_(1 - lr * weight_decay)
def dec_no_lr(params, lr, weight_decay):
    with torch.no_grad():
        for p in params: p.mul_(1 - weight_decay)
def dec_twice(params, lr, weight_decay):
    with torch.no_grad():
        for p in params: p.mul_(1 - 2 * lr * weight_decay)
def dec_exp(params, lr, weight_decay):
    import math
    with torch.no_grad():
        for p in params: p.mul_(math.exp(-lr * weight_decay))
for f, lab in [(dec_weights_only, "weights only"), (dec_no_lr, "forgot lr"), (dec_twice, "factor 2"), (dec_exp, "exp(-lr wd) (1st-order equal)")]:
    run(C.check_decoupled_step, f, "decoupled_step: " + lab)
