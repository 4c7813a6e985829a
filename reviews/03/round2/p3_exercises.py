"""Probe 3: exercise worked solutions (edge cases) and whether the public checks reject wrong answers."""
import io, contextlib, math, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini as d2l
C = d2l.checks.nb03

def run_check(check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf): check(fn)
        r = "ACCEPTED"
    except BaseException as e:   # the checks raise on failure
        r = f"rejected ({type(e).__name__})"
    txt = buf.getvalue().strip().splitlines()
    return r + (": " + txt[-1][:110] if txt else "")

# ---------- Ex 1: the worked solution, verbatim
def l2_term(model, lambd, decay_embeddings=True):
    norm_layers = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)
    total = torch.zeros(())
    for module in model.modules():
        if isinstance(module, norm_layers) or (not decay_embeddings and isinstance(module, nn.Embedding)):
            continue
        for p in module.parameters(recurse=False):
            if p.dim() >= 2:
                total = total + (p ** 2).sum()
    return lambd / 2 * total
tied = nn.Sequential(nn.Embedding(10, 4), nn.Linear(4, 10, bias=False)); tied[1].weight = tied[0].weight
with torch.no_grad(): tied[0].weight.fill_(1.0)
print("Ex1 tied embedding/output (40 entries of 1, λ=1): solution gives", float(l2_term(tied, 1.0)),
      "; λ/2 Σ‖W‖² over distinct tensors = 20.0; param_groups + SGD(weight_decay) decays it once (cell 26)")
print("Ex1 tied, decay_embeddings=False:", float(l2_term(tied, 1.0, decay_embeddings=False)), "(the table is still decayed via the Linear)")
mha = nn.MultiheadAttention(4, 2, add_bias_kv=True)
pg = d2l.nb03.param_groups(mha, 0.1); names = {id(p): n for n, p in mha.named_parameters()}
print("param_groups on MultiheadAttention(add_bias_kv=True): decayed =", [names[id(p)] for p in pg[0]["params"]])
# does the check catch the tied double count? (it has no tied model) -- and a dedup version passes too
def l2_dedup(model, lambd, decay_embeddings=True):
    norm_layers = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)
    total, seen = torch.zeros(()), set()
    for module in model.modules():
        if isinstance(module, norm_layers) or (not decay_embeddings and isinstance(module, nn.Embedding)):
            continue
        for p in module.parameters(recurse=False):
            if p.dim() >= 2 and id(p) not in seen:
                seen.add(id(p)); total = total + (p ** 2).sum()
    return lambd / 2 * total
print("Ex1 check, worked solution:", run_check(C.check_l2_term, l2_term))
print("Ex1 check, dedup version:", run_check(C.check_l2_term, l2_dedup))
print("Ex1 check, lambd*sum (no 1/2):", run_check(C.check_l2_term, lambda m, l, decay_embeddings=True: 2 * l2_term(m, l, decay_embeddings)))

# ---------- Ex 3: sgdw_lambda vs real PyTorch SGD, including momentum = 0 with dampening > 0
def sgdw_lambda(wd, momentum, dampening): return wd * (1 - momentum) / (1 - dampening)
g = torch.Generator().manual_seed(0)
X = torch.randn(40, 5, generator=g, dtype=torch.float64); y = torch.randn(40, generator=g, dtype=torch.float64)
def ridge(lam): return torch.linalg.solve(X.T @ X / 40 + lam * torch.eye(5, dtype=X.dtype), X.T @ y / 40)
def sgdw_end(wd, beta, tau, lr=0.05, steps=20000):
    w = torch.zeros(5, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=beta, dampening=tau)
    for _ in range(steps):
        opt.zero_grad(); (0.5 * ((X @ w - y) ** 2).mean()).backward()
        with torch.no_grad(): w.mul_(1 - lr * wd)
        opt.step()
    return w.detach()
for wd, beta, tau in [(2.0, 0.9, 0.5), (0.5, 0.0, 0.5), (1.0, 0.0, 0.9)]:
    w_end = sgdw_end(wd, beta, tau)
    lam_f = sgdw_lambda(wd, beta, tau)
    # which λ does it really end at? solve per-coordinate: grad + lam w = 0 -> lam = -<grad,w>/<w,w>
    grad = X.T @ (X @ w_end - y) / 40
    lam_true = float(-(grad @ w_end) / (w_end @ w_end))
    print(f"Ex3 wd={wd}, β={beta}, τ={tau}: formula λ={lam_f:.4g}, real PyTorch SGDW ends at λ={lam_true:.4g}; "
          f"|w_end - ridge(formula)| = {(w_end - ridge(lam_f)).abs().max():.2g}")
print("Ex3 check, wd*(1-β) ignoring dampening:", run_check(C.check_sgdw_lambda, lambda wd, m, d: wd * (1 - m)))
print("Ex3 check, worked solution:", run_check(C.check_sgdw_lambda, sgdw_lambda))

# ---------- Ex 2: Keras Adam emulated from Keras 3 source (epsilon default 1e-7, added to sqrt(v) with
# alpha = lr*sqrt(1-b2^t)/(1-b1^t)), weight decay w -= lr*wd*w before the update, on every variable
def keras_run(W, b, X, Y, c, wd, lr, steps, eps=1e-7, b1=0.9, b2=0.999):
    W, b = W.clone(), b.clone(); ms = [torch.zeros_like(W), torch.zeros_like(b)]; vs = [torch.zeros_like(W), torch.zeros_like(b)]
    for t in range(1, steps + 1):
        Wg, bg = W.clone().requires_grad_(), b.clone().requires_grad_()
        loss = ((X @ Wg.T + bg - Y) ** 2).mean() + c * (Wg ** 2).sum(); loss.backward()
        grads = [Wg.grad, bg.grad]; params = [W, b]
        for i, p in enumerate(params): p -= p * wd * lr
        alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        for i, p in enumerate(params):
            ms[i] = ms[i] + (grads[i] - ms[i]) * (1 - b1); vs[i] = vs[i] + (grads[i] ** 2 - vs[i]) * (1 - b2)
            p -= alpha * ms[i] / (vs[i].sqrt() + eps)
    return torch.cat([W.reshape(-1), b])
def port_keras(model, c=1e-4, wd=0.05, lr=1e-3, eps=1e-8):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd, eps=eps)
    return opt, lambda m, X, y: ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum()
for case in [{"seed": 7, "c": 1e-4, "wd": 0.05, "lr": 1e-3, "steps": 20}, {"seed": 9, "c": 0.01, "wd": 0.1, "lr": 0.3, "steps": 60, "x_scale": 3.0, "y_shift": 1.0},
             {"seed": 5, "c": 0.01, "wd": 0.05, "lr": 0.05, "steps": 2000}]:
    model, X2, Y2, c, wd, lr, steps = C.keras_case(case)
    W0, b0 = model.weight.detach().clone(), model.bias.detach().clone()
    ref = keras_run(W0, b0, X2, Y2, c, wd, lr, steps)
    for eps in (1e-8, 1e-7):
        m2 = nn.Linear(3, 2).double()
        with torch.no_grad(): m2.weight.copy_(W0); m2.bias.copy_(b0)
        opt, lf = port_keras(m2, c, wd, lr, eps)
        for _ in range(steps): opt.zero_grad(); lf(m2, X2, Y2).backward(); opt.step()
        got = torch.cat([m2.weight.detach().reshape(-1), m2.bias.detach()])
        print(f"Ex2 case lr={lr} steps={steps}: AdamW(eps={eps:g}) vs Keras-source emulation (eps 1e-7): max|diff| = {(got-ref).abs().max():.2g}, rel {((got-ref).abs()/ref.abs()).max():.2g}")
# wrong answers against the public check
def pk(opt_kind="adamw", half=False, l2bias=False, groups=False, eps=1e-8):
    def f(model, c=1e-4, wd=0.05, lr=1e-3):
        if groups: params = [{"params": [model.weight], "weight_decay": wd}, {"params": [model.bias], "weight_decay": 0.0}]
        else: params = model.parameters()
        opt = (torch.optim.AdamW if opt_kind == "adamw" else torch.optim.Adam)(params, lr=lr, weight_decay=wd, eps=eps)
        def lf(m, X, y):
            l = ((m(X) - y) ** 2).mean() + c * (m.weight ** 2).sum() + (c * (m.bias ** 2).sum() if l2bias else 0)
            return 0.5 * l if half else l
        return opt, lf
    return f
for name, f in [("worked solution", pk()), ("AdamW, eps=1e-7 (Keras default)", pk(eps=1e-7)), ("coupled Adam", pk("adam")),
                ("½ on the whole loss (reference-λ route)", pk(half=True)), ("bias not decayed", pk(groups=True)), ("l2 on bias too", pk(l2bias=True))]:
    print(f"Ex2 check, {name}:", run_check(C.check_port_keras, f))

# ---------- Ex 4 / 5 wrong answers
def choose(l, v, t): k = int(v.mean(0).argmax()); return l[k], float(t[:, k].mean())
for name, f in [("worked", choose), ("median over seeds", lambda l, v, t: (l[int(v.median(0).values.argmax())], float(t[:, int(v.median(0).values.argmax())].mean()))),
                ("argmax of per-seed-argmax mode", lambda l, v, t: (l[int(torch.mode(v.argmax(1)).values)], float(t[:, int(torch.mode(v.argmax(1)).values)].mean()))),
                ("min over seeds (worst-case)", lambda l, v, t: (l[int(v.min(0).values.argmax())], float(t[:, int(v.min(0).values.argmax())].mean())))]:
    print(f"Ex4 check, {name}:", run_check(C.check_choose_and_test, f))
def dstep_factory(kind):
    def f(params, lr, wd):
        with torch.no_grad():
            for p in params:
                if kind == "exp": p.mul_(math.exp(-lr * wd))
                elif kind == "div": p.div_(1 + lr * wd)
                elif kind == "weights_only" and p.dim() < 2: continue
                else: p.mul_(1 - lr * wd)
    return f
for kind in ["correct", "exp", "div", "weights_only"]:
    print(f"Ex5 check, {kind}:", run_check(C.check_decoupled_step, dstep_factory(kind)))
