"""Probe B: the four exercises. (1) worked solutions vs my own ground truth (SGD runs, sklearn fits);
(2) plausible wrong answers fed to the PUBLIC checks: which ones are accepted?"""
import math, io, contextlib, random
import numpy as np, torch
import d2lmini as d2l
torch.set_num_threads(1)
C = d2l.checks.nb05

def verdict(check, fn):
    buf = io.StringIO(); err = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
            check(fn)
        return "ACCEPTED" if "correct" in buf.getvalue() else "?" + err.getvalue()[:60]
    except AssertionError as e:
        return "rejected"
    except Exception as e:
        return f"error {type(e).__name__}: {str(e)[:60]}"

# ---------------- 05.1
def sol1(lr, lambd, n_train, batch_size):
    steps = math.ceil(math.log(0.5) / math.log(1 - lr * lambd))
    return math.ceil(steps / math.ceil(n_train / batch_size))

def sgd_epochs(lr, lambd, n, B, dtype):
    w = torch.ones(1, dtype=dtype, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, weight_decay=lambd)
    k = math.ceil(n / B); e = 0
    while abs(float(w)) > 0.5 and e < 10**6:
        for _ in range(k):
            w.grad = torch.zeros_like(w); opt.step()
        e += 1
    return e
rng = random.Random(0); mism = {torch.float32: [], torch.float64: []}
cases = [(rng.choice([0.01, 0.03, 0.1, 0.3, 0.5, 1.0]), rng.choice([1e-3, 3e-3, 0.01, 0.05, 0.2, 0.5]), rng.randint(10, 3000), rng.choice([8, 16, 32, 64, 128, 256])) for _ in range(150)]
cases = [c for c in cases if c[0] * c[1] < 1 and math.log(0.5) / math.log(1 - c[0] * c[1]) < 3e4]
for c in cases:
    for dt in mism:
        if sgd_epochs(*c, dt) != sol1(*c): mism[dt].append(c)
print(f"05.1 solution vs torch SGD on {len(cases)} random settings: mismatches float64 {len(mism[torch.float64])}, float32 {len(mism[torch.float32])}")
for c in mism[torch.float32][:5]:
    print("   float32 mismatch", c, "solution", sol1(*c), "SGD float32", sgd_epochs(*c, torch.float32))
# edge cases of the worked solution
for c in [(0.5, 2.0, 100, 10), (1.0, 1.0, 100, 10), (1.0, 1.5, 100, 10), (0.5, 1.0, 100, 10)]:
    try: s = sol1(*c)
    except Exception as e: s = f"{type(e).__name__}: {e}"
    print(f"   edge lr*lambda = {c[0]*c[1]:g}: solution -> {s}; SGD float64 -> {sgd_epochs(*c, torch.float64)} epoch(s)")
wrong1 = {
    "fractional steps/epoch n/B (no ceil)": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n / B)),
    "ceil(T_real / ceil(n/B)) without ceiling T first": lambda lr, l, n, B: math.ceil(math.log(.5) / math.log(1 - lr * l) / math.ceil(n / B)),
    "floor(T)+1 steps": lambda lr, l, n, B: math.ceil((math.floor(math.log(.5) / math.log(1 - lr * l)) + 1) / math.ceil(n / B)),
    "exp approx ln2/(lr*l)": lambda lr, l, n, B: math.ceil(math.ceil(math.log(2) / (lr * l)) / math.ceil(n / B)),
    "(1-lr*l/2) (lambda/2 convention)": lambda lr, l, n, B: sol1(lr, l / 2, n, B),
    "floor(n/B) steps/epoch": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n // B)),
    "epochs+1": lambda lr, l, n, B: sol1(lr, l, n, B) + 1,
    "returns steps": lambda lr, l, n, B: math.ceil(math.log(.5) / math.log(1 - lr * l)),
    "(n//B)+1 steps/epoch": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n // B + 1)),
    "lr*l*... 1/e instead of 1/2": lambda lr, l, n, B: math.ceil(math.ceil(-1 / math.log(1 - lr * l)) / math.ceil(n / B)),
}
print("05.1 worked solution:", verdict(C.check_epochs_to_halve, sol1))
for k, f in wrong1.items(): print(f"   wrong '{k}': {verdict(C.check_epochs_to_halve, f)}")

# ---------------- 05.2
def sol2(X_train, y_train, X_val, y_val, lambdas):
    x_mean, y_mean = X_train.mean(0), y_train.mean()
    W = d2l.ridge(X_train - x_mean, y_train - y_mean, lambdas)
    b = y_mean - W @ x_mean
    val_loss = ((X_val @ W.T + b - y_val[:, None]) ** 2 / 2).mean(0)
    return lambdas[int(val_loss.argmin())]
def penalized_intercept(Xt, yt, Xv, yv, lambdas):
    Zt = torch.cat([torch.ones(len(Xt), 1, dtype=Xt.dtype), Xt], 1); Zv = torch.cat([torch.ones(len(Xv), 1, dtype=Xv.dtype), Xv], 1)
    W = d2l.ridge(Zt, yt, lambdas)
    return lambdas[int(((Zv @ W.T - yv[:, None]) ** 2).mean(0).argmin())]
def standardized(Xt, yt, Xv, yv, lambdas):
    m, s = Xt.mean(0), Xt.std(0)
    W = d2l.ridge((Xt - m) / s, yt - yt.mean(), lambdas)
    return lambdas[int((((Xv - m) / s @ W.T + yt.mean() - yv[:, None]) ** 2).mean(0).argmin())]
def no_center_y(Xt, yt, Xv, yv, lambdas):     # centers X only, intercept = y mean (correct actually)
    m = Xt.mean(0); W = d2l.ridge(Xt - m, yt, lambdas)
    return lambdas[int((((Xv - m) @ W.T + yt.mean() - yv[:, None]) ** 2).mean(0).argmin())]
def smallest(Xt, yt, Xv, yv, lambdas): return lambdas[0]
def largest(Xt, yt, Xv, yv, lambdas): return lambdas[-1]
def mae(Xt, yt, Xv, yv, lambdas):
    m, ym = Xt.mean(0), yt.mean(); W = d2l.ridge(Xt - m, yt - ym, lambdas); b = ym - W @ m
    return lambdas[int((Xv @ W.T + b - yv[:, None]).abs().mean(0).argmin())]
def sum_loss_penalty(Xt, yt, Xv, yv, lambdas):   # ridge with lambda*n (sum-loss convention)
    return sol2(Xt, yt, Xv, yv, [l * len(Xt) for l in lambdas]) / len(Xt)
print("05.2 worked solution:", verdict(C.check_choose_ridge_lambda, sol2))
for nm, f in [("penalized intercept ([1, X] in d2l.ridge)", penalized_intercept), ("standardize X with train std", standardized),
              ("center X only (equivalent, should pass)", no_center_y), ("return smallest λ", smallest), ("return largest λ", largest),
              ("choose by mean |error| (not the asked loss)", mae), ("λ·n inside ridge (sum convention)", sum_loss_penalty)]:
    print(f"   '{nm}': {verdict(C.check_choose_ridge_lambda, f)}")

# ---------------- 05.3: worked solution vs scikit-learn's actual fit
from sklearn.linear_model import LogisticRegression
X_all, y_all = d2l.nb05.load_digits()
Xn = ((X_all - X_all.mean(0)) / X_all.std(0).clamp_min(1e-9)).double()[:600]; yn = y_all[:600]
n = len(yn)
for lam in [0.01, 0.001]:
    Cc = 1 / (n * lam)
    sk = LogisticRegression(C=Cc, tol=1e-12, max_iter=20000).fit(Xn.numpy(), yn.numpy())
    W = torch.zeros(10, 64, dtype=torch.float64, requires_grad=True); b = torch.zeros(10, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], max_iter=5000, tolerance_grad=1e-13, tolerance_change=1e-15, history_size=50, line_search_fn="strong_wolfe")
    def closure():
        opt.zero_grad(); L = torch.nn.functional.cross_entropy(Xn @ W.T + b, yn) + lam / 2 * W.square().sum(); L.backward(); return L
    for _ in range(5): opt.step(closure)
    gap = np.abs(sk.coef_ - W.detach().numpy()).max(); sz = np.abs(sk.coef_).max()
    # objective is invariant to adding a constant to all classes' intercepts -> compare centered intercepts
    bgap = np.abs((sk.intercept_ - sk.intercept_.mean()) - (b.detach().numpy() - b.detach().numpy().mean())).max()
    sk2 = LogisticRegression(C=2 * Cc, tol=1e-12, max_iter=20000).fit(Xn.numpy(), yn.numpy())
    print(f"05.3 λ={lam}: sklearn C=1/(nλ)={Cc:.4g} vs own mean-CE + λ/2‖W‖² (L-BFGS): max |coef gap| {gap:.1e} (coef up to {sz:.2f}), intercept gap {bgap:.1e}; "
          f"with C doubled the gap would be {np.abs(sk2.coef_ - W.detach().numpy()).max():.2f}")
def sol3(l, n): return 1 / (n * l)
for nm, f in [("worked solution", sol3), ("1/(2nλ)", lambda l, n: 1 / (2 * n * l)), ("n/λ", lambda l, n: n / l), ("1/λ", lambda l, n: 1 / l), ("2/(nλ)", lambda l, n: 2 / (n * l))]:
    print(f"   05.3 '{nm}': {verdict(C.check_C_for_lambda, f)}")

# ---------------- 05.4
def sol4(lambdas, val_acc):
    mean = val_acc.mean(1); se = val_acc.std(1) / math.sqrt(val_acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se[best])
def contiguous(lambdas, acc):   # walk up from the best λ until one falls out
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax()); k = best
    while k + 1 < len(lambdas) and mean[k + 1] >= mean[best] - se[best]: k += 1
    return lambdas[k]
def strict(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] > mean[best] - se[best])
def pooled_se(lambdas, acc):    # one s.e. averaged over all λ
    mean = acc.mean(1); se = (acc.std(1) / math.sqrt(acc.shape[1])).mean(); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se)
def median_rule(lambdas, acc):
    med = acc.median(1).values; se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(med.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if med[k] >= med[best] - se[best])
def two_se(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - 2 * se[best])
def half_se(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - 0.5 * se[best])
def max_se(lambdas, acc):
    mean = acc.mean(1); se = acc.std(1) / math.sqrt(acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se.max())
for nm, f in [("worked solution", sol4), ("walk up from best until one falls out", contiguous), ("strict >", strict),
              ("s.e. averaged over λ", pooled_se), ("median instead of mean", median_rule), ("2 s.e.", two_se), ("0.5 s.e.", half_se), ("largest s.e. of all λ", max_se)]:
    print(f"05.4 '{nm}': {verdict(C.check_choose_one_se, f)}")
