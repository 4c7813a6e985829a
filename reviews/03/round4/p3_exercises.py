"""Probe 3: do the exercise checks reject plausible wrong answers, and accept right ones? Plus my own Keras-Adam emulation."""
import math, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb03

def verdict(check, fn, label):
    try:
        check(fn); print(f"  ACCEPTED  {label}")
    except Exception as e:
        print(f"  rejected  {label}: {type(e).__name__}: {str(e)[:110]}")

# ---------- 03.1
norm_layers = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)
def l2_factory(half=True, dedup=True, flag_mode="right", norms=True, bias_name=True):
    def l2_term(model, lambd, decay_embeddings=True):
        seen = set()
        if not decay_embeddings:
            if flag_mode == "right":
                seen = {id(m.weight) for m in model.modules() if isinstance(m, nn.Embedding)}
        total = torch.zeros(())
        for module in model.modules():
            if norms and isinstance(module, norm_layers): continue
            if not decay_embeddings and flag_mode == "module" and isinstance(module, nn.Embedding): continue
            for name, p in module.named_parameters(recurse=False):
                if p.dim() >= 2 and (not bias_name or "bias" not in name) and (id(p) not in seen or not dedup):
                    seen.add(id(p)); total = total + (p ** 2).sum()
        return (lambd / 2 if half else lambd) * total
    return l2_term
def l2_named(model, lambd, decay_embeddings=True):      # named_parameters() (dedups tied), name-based norm test
    total = torch.zeros(())
    for n, p in model.named_parameters():
        if p.dim() >= 2 and "bias" not in n and "norm" not in n:
            if not decay_embeddings and ("tok" in n or "pos" in n): continue
            total = total + (p ** 2).sum()
    return lambd / 2 * total
print("03.1 l2_term")
for lab, fn in [("worked solution pattern", l2_factory()), ("lambda not lambda/2", l2_factory(half=False)),
                ("tied counted twice", l2_factory(dedup=False)), ("flag: skip nn.Embedding modules only", l2_factory(flag_mode="module")),
                ("flag ignored", l2_factory(flag_mode="ignored")), ("norm layers included", l2_factory(norms=False)),
                ("bias_k/bias_v decayed", l2_factory(bias_name=False)), ("named_parameters + name heuristics", l2_named)]:
    verdict(C.check_l2_term, fn, lab)

# ---------- 03.2
def port_factory(opt="adamw", groups=False, l2=1.0, mse=1.0, reduce="mean", eps=1e-8, l2_bias=False):
    def port_keras(model, c=1e-4, wd=0.05, lr=1e-3):
        params = ([{"params": [model.weight], "weight_decay": wd}, {"params": [model.bias], "weight_decay": 0.0}]
                  if groups else model.parameters())
        optimizer = (torch.optim.AdamW if opt == "adamw" else torch.optim.Adam)(params, lr=lr, weight_decay=wd, eps=eps)
        def loss_fn(model, X, y):
            e = (model(X) - y) ** 2
            data = mse * (e.mean() if reduce == "mean" else e.sum())
            reg = (model.weight ** 2).sum() + ((model.bias ** 2).sum() if l2_bias else 0)
            return data + l2 * c * reg
        return optimizer, loss_fn
    return port_keras
print("03.2 port_keras")
for lab, fn in [("worked solution", port_factory()), ("worked, eps=1e-7", port_factory(eps=1e-7)),
                ("coupled Adam", port_factory(opt="adam")), ("bias not decayed (groups)", port_factory(groups=True)),
                ("no l2 term", port_factory(l2=0.0)), ("l2 with 1/2", port_factory(l2=0.5)), ("mse with 1/2", port_factory(mse=0.5)),
                ("sum loss", port_factory(reduce="sum")), ("l2 on bias too", port_factory(l2_bias=True))]:
    verdict(C.check_port_keras, fn, lab)

# my own Keras Adam emulation (keras/src/optimizers/adam.py: alpha = lr*sqrt(1-b2^t)/(1-b1^t); w -= alpha*m/(sqrt(v)+eps))
def keras_run(model, X, y, c, wd, lr, steps, eps=1e-7, b1=0.9, b2=0.999):
    ps = [model.weight, model.bias]; m = [torch.zeros_like(p) for p in ps]; v = [torch.zeros_like(p) for p in ps]
    for t in range(1, steps + 1):
        for p in ps: p.grad = None
        (((model(X) - y) ** 2).mean() + c * (model.weight ** 2).sum()).backward()
        with torch.no_grad():
            for p in ps: p.sub_(p * wd * lr)                       # _apply_weight_decay, before update_step
            alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            for i, p in enumerate(ps):
                g = p.grad; m[i] += (g - m[i]) * (1 - b1); v[i] += (g * g - v[i]) * (1 - b2)
                p.sub_(alpha * m[i] / (v[i].sqrt() + eps))
    return torch.cat([model.weight.detach().reshape(-1), model.bias.detach()])
for case in C.PORT_KERAS.cases + [{'seed': 21, 'c': 0.003, 'wd': 0.2, 'lr': 0.01, 'steps': 25},
                                  {'seed': 22, 'c': 0.02, 'wd': 0.05, 'lr': 0.2, 'steps': 80, 'x_scale': 2.0, 'y_shift': -1.5}]:
    model, X, y, c, wd, lr, steps = C.keras_case(case)
    ref = keras_run(model, X, y, c, wd, lr, steps)
    model2 = C.keras_case(case)[0]
    opt, lf = port_factory()(model2, c, wd, lr)
    for _ in range(steps):
        opt.zero_grad(); lf(model2, X, y).backward(); opt.step()
    got = torch.cat([model2.weight.detach().reshape(-1), model2.bias.detach()])
    rel = ((got - ref).abs() / (1e-6 / 2e-6 + ref.abs())).max()
    print(f"  case {case}: max|torch AdamW - my Keras emulation| = {(got - ref).abs().max():.2e} (check: rel 2e-6, atol 1e-6)")

# ---------- 03.3
print("03.3 sgdw_lambda")
def s_right(wd, b, t): return wd if b == 0 else wd * (1 - b) / (1 - t)
for lab, fn in [("worked", s_right), ("no special case for beta=0", lambda wd, b, t: wd * (1 - b) / (1 - t)),
                ("ignores dampening", lambda wd, b, t: wd * (1 - b)), ("dampening in numerator", lambda wd, b, t: wd * (1 - b) * (1 - t) if b else wd),
                ("inverted", lambda wd, b, t: wd / (1 - b) * (1 - t) if b else wd), ("coupled answer wd", lambda wd, b, t: wd)]:
    verdict(C.check_sgdw_lambda, fn, lab)
# my own SGDW run to a fixed point (dampening 0.5, momentum 0.9): does it end at ridge(wd*(1-b)/(1-t))?
g = torch.Generator().manual_seed(5); X = torch.randn(50, 4, generator=g, dtype=torch.float64); y = torch.randn(50, generator=g, dtype=torch.float64)
for wd, b, t in [(2.0, 0.9, 0.5), (0.5, 0.0, 0.5), (1.0, 0.95, 0.0)]:
    w = torch.zeros(4, dtype=torch.float64, requires_grad=True); opt = torch.optim.SGD([w], lr=0.02, momentum=b, dampening=t)
    for _ in range(20000):
        opt.zero_grad(); (0.5 * ((X @ w - y) ** 2).mean()).backward()
        with torch.no_grad(): w.mul_(1 - 0.02 * wd)
        opt.step()
    lam = s_right(wd, b, t)
    ridge = torch.linalg.solve(X.T @ X / 50 + lam * torch.eye(4, dtype=torch.float64), X.T @ y / 50)
    print(f"  own SGDW wd={wd} beta={b} tau={t}: |w - ridge(formula λ={lam:.4g})| = {(w.detach() - ridge).abs().max():.1e}")

# ---------- 03.4
print("03.4 choose_and_test")
def mk(choice, report="test_at"):
    def f(lambdas, val, test):
        if choice == "val": k = int(val.mean(0).argmax())
        elif choice == "test": k = int(test.mean(0).argmax())
        elif choice == "pooled": k = int((val + test).mean(0).argmax())
        elif choice == "median": k = int(val.median(0).values.argmax())
        elif choice == "single": k = int(val.argmax()) % val.shape[1]
        elif choice == "onese":   # one-standard-error rule (largest λ within 1 s.e. of the best): not what the task asks
            mu, se = val.mean(0), val.std(0) / val.shape[0] ** 0.5; kb = int(mu.argmax())
            k = max(i for i in range(len(mu)) if mu[i] >= mu[kb] - se[kb])
        rep = {"test_at": float(test[:, k].mean()), "val_at": float(val[:, k].mean()), "best_test": float(test.mean(0).max())}[report]
        return lambdas[k], rep
    return f
for lab, fn in [("worked", mk("val")), ("choose on test", mk("test")), ("pooled", mk("pooled")), ("median", mk("median")),
                ("single lucky seed", mk("single")), ("report val", mk("val", "val_at")), ("report best test", mk("val", "best_test")),
                ("one-s.e. rule", mk("onese"))]:
    verdict(C.check_choose_and_test, fn, lab)

# ---------- 03.5
print("03.5 decoupled_step")
def ds(factor):
    def f(params, lr, weight_decay):
        with torch.no_grad():
            for p in params: p.mul_(factor(lr, weight_decay))
    return f
def ds_grad(params, lr, weight_decay):
    for p in params:
        if p.grad is not None: p.grad.add_(p.detach(), alpha=weight_decay)
def ds_first(params, lr, weight_decay):
    params = list(params)
    with torch.no_grad(): params[0].mul_(1 - lr * weight_decay)
for lab, fn in [("worked", ds(lambda lr, wd: 1 - lr * wd)), ("no lr", ds(lambda lr, wd: 1 - wd)), ("half", ds(lambda lr, wd: 1 - lr * wd / 2)),
                ("exp(-lr*wd)", ds(lambda lr, wd: math.exp(-lr * wd))), ("coupled via grad", ds_grad), ("first only", ds_first)]:
    verdict(C.check_decoupled_step, fn, lab)
