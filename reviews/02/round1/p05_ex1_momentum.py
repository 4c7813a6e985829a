"""Exercise 1: does the check really compare with torch.optim.SGD? Does it accept right answers computed in
float32 (e.g. with torch.optim.SGD itself) and reject the usual wrong ones? Which case oscillates?"""
import inspect
import sys
import torch

torch.set_num_threads(1)
sys.dont_write_bytecode = True
import d2lmini.checks.nb02 as C

src = inspect.getsource(C.check_momentum_factor)
print("check source mentions torch.optim:", "torch.optim" in src.split('"""')[2] if src.count('"""') >= 2 else "optim" in src)
print("reference used:", "_reference_momentum_factor" in src)


def real_sgd(lr, lambd, momentum, t, dtype=torch.float64):
    """The real torch.optim.SGD on one parameter in a null-space direction (data gradient 0)."""
    w = torch.ones(1, dtype=dtype, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=momentum, weight_decay=lambd)
    for _ in range(t):
        opt.zero_grad()
        (0.0 * w).sum().backward()          # g = 0, so the only force is weight_decay
        opt.step()
    return float(w)


print("\ncase (lr, lambda, beta, t): reference | torch.optim.SGD fp64 | fp32 | sign changes along the path")
for lr, lam, beta, t in C._MOMENTUM_CASES:
    ref = C._reference_momentum_factor(lr, lam, beta, t)
    path = [C._reference_momentum_factor(lr, lam, beta, s) for s in range(t + 1)]
    flips = sum(1 for a, b in zip(path, path[1:]) if a * b < 0)
    print(f"  {(lr, lam, beta, t)}: {ref:.10g} | {real_sgd(lr, lam, beta, t):.10g} | "
          f"{real_sgd(lr, lam, beta, t, torch.float32):.10g} | {flips}  (min over path {min(path):.3g})")


def run(name, f):
    try:
        C.check_momentum_factor(f)
    except AssertionError as e:
        print(f"  {name}: REJECTED ({str(e)[:110]}...)")


print("\nanswers fed to the check:")
run("real torch.optim.SGD, float64", real_sgd)
run("real torch.optim.SGD, float32 (default dtype)", lambda lr, l, b, t: real_sgd(lr, l, b, t, torch.float32))
run("plain (1-lr*lambda)^t", lambda lr, l, b, t: (1 - lr * l) ** t)
run("steady-state (1-lr*lambda/(1-beta))^t", lambda lr, l, b, t: (1 - lr * l / (1 - b)) ** t)


def swapped(lr, l, b, t):          # w updated with the OLD buffer, then the buffer
    w, v = 1.0, 0.0
    for _ in range(t):
        w, v = w - lr * v, b * v + l * w
    return w


run("w updated before v (old buffer)", swapped)


def nesterov(lr, l, b, t):
    w, v = 1.0, 0.0
    for _ in range(t):
        g = l * w
        v = b * v + g
        w = w - lr * (g + b * v)
    return w


run("nesterov=True update", nesterov)
run("return 1.0 (untouched)", lambda lr, l, b, t: 1.0)


def solution_fp32(lr, lambd, momentum, t):      # the worked solution, but in torch's default float32
    A = torch.tensor([[1 - lr * lambd, -lr * momentum], [lambd, momentum]])
    return float((torch.linalg.matrix_power(A, t) @ torch.tensor([1.0, 0.0]))[0])


def loop_fp32(lr, lambd, momentum, t):          # the recurrence iterated in float32
    w, v = torch.tensor(1.0), torch.tensor(0.0)
    for _ in range(t):
        v = momentum * v + lambd * w
        w = w - lr * v
    return float(w)


print("\nfloat32 versions of right answers (relative error vs reference; the check's tolerance is 1e-6):")
for name, f in [("worked solution in float32", solution_fp32), ("loop in float32", loop_fp32),
                ("torch.optim.SGD float32", lambda *a: real_sgd(*a, dtype=torch.float32))]:
    errs = [abs(f(*c) / C._reference_momentum_factor(*c) - 1) for c in C._MOMENTUM_CASES]
    print(f"  {name:<28} max rel err {max(errs):.1e}")
    run(name, f)
