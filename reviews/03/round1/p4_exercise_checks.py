"""Probe 4: feed wrong answers to the exercise checks of notebook 03 (d2lmini.checks.nb03) and see which pass."""
import io, contextlib, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini.checks.nb03 as C

def verdict(check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        return "PASSES: " + buf.getvalue().strip()[:110]
    except BaseException as e:  # the checks raise on failure
        return f"fails ({type(e).__name__}): " + (buf.getvalue().strip() or str(e))[:150].replace("\n", " ")

NORMS = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)
def decayed(model):
    for m in model.modules():
        for name, p in m.named_parameters(recurse=False):
            if p.dim() >= 2 and name != "bias" and not isinstance(m, NORMS):
                yield p

print("Exercise 1, l2_term")
def ok(model, lambd):
    return lambd / 2 * sum((p ** 2).sum() for p in decayed(model))
def detached_leaf(model, lambd):          # right value, but NO gradient reaches the weights
    return torch.tensor(float(ok(model, lambd)), requires_grad=True)
def no_grad_path(model, lambd):
    return (lambd / 2 * sum((p.detach() ** 2).sum() for p in decayed(model))).requires_grad_()
print("  reference solution            :", verdict(C.check_l2_term, ok))
print("  float value wrapped in a leaf :", verdict(C.check_l2_term, detached_leaf))
print("  detached sum, requires_grad_():", verdict(C.check_l2_term, no_grad_path))
m = nn.Linear(3, 2); t = detached_leaf(m, 0.3); t.backward()
print(f"  ... with the leaf answer, grad reaching the Linear weight after backward(): {m.weight.grad}")

print("\nExercise 4, choose_and_test")
def by_last_seed(lambdas, val, test):
    k = int(val[-1].argmax()); return lambdas[k], float(test[:, k].mean())
def by_median_seed_vote(lambdas, val, test):
    k = int(val.argmax(1).mode().values); return lambdas[k], float(test[:, k].mean())
def by_worst_seed(lambdas, val, test):
    k = int(val.min(0).values.argmax()); return lambdas[k], float(test[:, k].mean())
print("  choose on the LAST seed only  :", verdict(C.check_choose_and_test, by_last_seed))
print("  majority vote of per-seed argmax:", verdict(C.check_choose_and_test, by_median_seed_vote))
print("  max-min over seeds            :", verdict(C.check_choose_and_test, by_worst_seed))

print("\nExercise 2, port_keras")
def keras_half_both(model, c=1e-4, wd=0.05, lr=1e-3):  # our reference scaling: 1/2 on both terms (same Adam steps up to eps)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    return opt, lambda mdl, X, y: ((mdl(X) - y) ** 2).mean() / 2 + c / 2 * (mdl.weight ** 2).sum()
def keras_times_100(model, c=1e-4, wd=0.05, lr=1e-3):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    return opt, lambda mdl, X, y: 100 * (((mdl(X) - y) ** 2).mean() + c * (mdl.weight ** 2).sum())
def coupled(model, c=1e-4, wd=0.05, lr=1e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd)
    return opt, lambda mdl, X, y: ((mdl(X) - y) ** 2).mean() + c * (mdl.weight ** 2).sum()
print("  loss halved overall (½mse + c/2‖W‖²):", verdict(C.check_port_keras, keras_half_both))
print("  loss x100                       :", verdict(C.check_port_keras, keras_times_100))
print("  Adam(weight_decay) coupled      :", verdict(C.check_port_keras, coupled))

print("\nExercise 3, sgdw_lambda: own SGDW-with-dampening run on fresh data vs closed-form ridge (float64)")
g = torch.Generator().manual_seed(42)
X = torch.randn(40, 6, generator=g, dtype=torch.float64); y = torch.randn(40, generator=g, dtype=torch.float64)
def ridge(l): return torch.linalg.solve(X.T @ X / 40 + l * torch.eye(6, dtype=torch.float64), X.T @ y / 40)
for wd, beta, tau in [(3.0, 0.8, 0.6), (1.0, 0.95, 0.9), (0.7, 0.3, 0.0)]:
    w = torch.zeros(6, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.02, momentum=beta, dampening=tau)
    for _ in range(20000):
        opt.zero_grad(); (((X @ w - y) ** 2) / 2).mean().backward()
        with torch.no_grad(): w.mul_(1 - 0.02 * wd)
        opt.step()
    lam = wd * (1 - beta) / (1 - tau)
    print(f"  wd={wd}, beta={beta}, tau={tau}: formula lambda = {lam:.4g}; max|w - ridge(formula)| = {(w.detach() - ridge(lam)).abs().max():.1e}; vs ridge(wd(1-beta)) {(w.detach() - ridge(wd*(1-beta))).abs().max():.1e}")
