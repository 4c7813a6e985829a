"""P5: feed the four exercise checks (d2lmini.checks.nb05) wrong answers: does any pass? Plus edge cases of the
worked solutions (copied verbatim from the notebook)."""
import math, sys, io, contextlib
import torch
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import nb05 as C

def run(label, check, *args):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            check(*args)
        print(f"  PASSES  {label}: {buf.getvalue().strip()[:150]}")
    except AssertionError as e:
        print(f"  rejected {label}: {str(e)[:110]}")
    except Exception as e:
        print(f"  error    {label}: {type(e).__name__}: {e}")

# ---- Exercise 1
def sol1(lr, lambd, n_train, batch_size):   # the notebook's worked solution
    steps = math.ceil(math.log(0.5) / math.log(1 - lr * lambd))
    return math.ceil(steps / math.ceil(n_train / batch_size))
print("Exercise 1")
run("worked solution", C.check_epochs_to_halve, sol1)
run("exp approximation ceil(ln2/(ηλ)) steps", C.check_epochs_to_halve,
    lambda lr, l, n, B: math.ceil(math.ceil(math.log(2) / (lr * l)) / math.ceil(n / B)))
run("floor of steps, then ceil epochs", C.check_epochs_to_halve,
    lambda lr, l, n, B: math.ceil(math.floor(math.log(0.5) / math.log(1 - lr * l)) / math.ceil(n / B)))
run("round(epochs) instead of ceil", C.check_epochs_to_halve,
    lambda lr, l, n, B: max(1, round(math.log(0.5) / math.log(1 - lr * l) / math.ceil(n / B))))
print("  worked-solution edge cases (the reference: SGD itself):")
for args in [(1.0, 1.0, 64, 64), (1.0, 1.2, 64, 64), (0.5, 0.5, 640, 64), (1.0, 0.5, 64, 64)]:
    ref = C._reference_epochs_to_halve(*args)
    try:
        got = sol1(*args)
    except Exception as e:
        got = f"{type(e).__name__}: {e}"
    print(f"    lr, λ, n, B = {args}: SGD needs {ref} epoch(s); worked solution -> {got}")

# ---- Exercise 2
def sol2(X_train, y_train, X_val, y_val, lambdas):
    x_mean, y_mean = X_train.mean(0), y_train.mean()
    W = d2l.ridge(X_train - x_mean, y_train - y_mean, lambdas)
    b = y_mean - W @ x_mean
    val_loss = ((X_val @ W.T + b - y_val[:, None]) ** 2 / 2).mean(0)
    return lambdas[int(val_loss.argmin())]
def no_intercept_center_X_only(X_train, y_train, X_val, y_val, lambdas):
    x_mean = X_train.mean(0)
    W = d2l.ridge(X_train - x_mean, y_train, lambdas)
    b = y_train.mean() - W @ x_mean * 0            # intercept ignores x_mean
    return lambdas[int((((X_val @ W.T + b - y_val[:, None]) ** 2).mean(0)).argmin())]
def val_means(X_train, y_train, X_val, y_val, lambdas):   # centers with the VALIDATION means
    x_mean, y_mean = X_val.mean(0), y_val.mean()
    W = d2l.ridge(X_train - X_train.mean(0), y_train - y_train.mean(), lambdas)
    b = y_mean - W @ x_mean
    return lambdas[int((((X_val @ W.T + b - y_val[:, None]) ** 2).mean(0)).argmin())]
def penalized_intercept(X_train, y_train, X_val, y_val, lambdas):  # append a ones column, penalize it too
    Xa = torch.cat([X_train, torch.ones(len(X_train), 1, dtype=X_train.dtype)], 1)
    Wa = d2l.ridge(Xa, y_train, lambdas)
    Xv = torch.cat([X_val, torch.ones(len(X_val), 1, dtype=X_val.dtype)], 1)
    return lambdas[int((((Xv @ Wa.T - y_val[:, None]) ** 2).mean(0)).argmin())]
def sklearn_alpha_eq_lambda(X_train, y_train, X_val, y_val, lambdas):  # Ridge(alpha=λ): the convention section 7 warns about
    from sklearn.linear_model import Ridge
    losses = [((torch.from_numpy(Ridge(alpha=l).fit(X_train.numpy(), y_train.numpy()).predict(X_val.numpy())) - y_val) ** 2).mean()
              for l in lambdas]
    return lambdas[int(torch.stack(losses).argmin())]
print("Exercise 2")
run("worked solution", C.check_choose_ridge_lambda, sol2)
run("hard-coded `return 0.001` (the value the success line prints)", C.check_choose_ridge_lambda, lambda *a: 0.001)
run("intercept = mean(y) without the -x̄ᵀw term", C.check_choose_ridge_lambda, no_intercept_center_X_only)
run("intercept from VALIDATION means", C.check_choose_ridge_lambda, val_means)
run("intercept penalized (ones column inside ridge)", C.check_choose_ridge_lambda, penalized_intercept)
run("sklearn Ridge(alpha=λ) (wrong convention)", C.check_choose_ridge_lambda, sklearn_alpha_eq_lambda)
# which λ does each split pick, and how often is it 0.001 over other seeds?
picks = {}
for seed in range(1, 21):
    data = C._diabetes_split(seed)
    picks[seed] = C._RIDGE_GRID[int(C._ridge_val_losses(*data, C._RIDGE_GRID).argmin())]
print("  correct λ on diabetes splits with seeds 1..20:", picks)
wrong_alpha = {s: sklearn_alpha_eq_lambda(*C._diabetes_split(s), list(C._RIDGE_GRID)) for s in (1, 4)}
print("  Ridge(alpha=λ) picks on the checked splits:", wrong_alpha)

# ---- Exercise 4
def sol4(lambdas, val_acc):
    mean = val_acc.mean(1)
    se = val_acc.std(1) / math.sqrt(val_acc.shape[1])
    best = int(mean.argmax())
    within = [k for k in range(len(lambdas)) if mean[k] >= mean[best] - se[best]]
    return max(lambdas[k] for k in within)
def pop_std(lambdas, val_acc):
    mean = val_acc.mean(1); se = val_acc.std(1, unbiased=False) / math.sqrt(val_acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se[best])
def own_se(lambdas, val_acc):   # each λ's own s.e. instead of the best's
    mean = val_acc.mean(1); se = val_acc.std(1) / math.sqrt(val_acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] + se[k] >= mean[best])
def strict(lambdas, val_acc):
    mean = val_acc.mean(1); se = val_acc.std(1) / math.sqrt(val_acc.shape[1]); best = int(mean.argmax())
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] > mean[best] - se[best])
def contiguous(lambdas, val_acc):   # walk right from the best while within one s.e. (a common variant)
    mean = val_acc.mean(1); se = val_acc.std(1) / math.sqrt(val_acc.shape[1]); best = int(mean.argmax()); k = best
    while k + 1 < len(lambdas) and mean[k + 1] >= mean[best] - se[best]:
        k += 1
    return lambdas[k]
def sampling_se(lambdas, val_acc, n=400):   # the 'respects the noise' version with the notebook's own 0.8-point yardstick
    mean = val_acc.mean(1); best = int(mean.argmax()); p = float(mean[best])
    se = math.sqrt(p * (1 - p) / n)
    return max(lambdas[k] for k in range(len(lambdas)) if mean[k] >= mean[best] - se)
print("Exercise 4")
grid = [0.0, 1e-4, 0.000316, 0.001, 0.00316, 0.01, 0.0316, 0.1]
import numpy as np
cv = np.load("/tmp/rev05/p2_preds.npz")["cv"]          # from p2: per-image correctness of the re-trained sweep
val_acc = torch.tensor(cv.mean(2))
for name, f in [("worked solution", sol4), ("population std (ddof=0)", pop_std), ("each λ's own s.e.", own_se),
                ("strict >", strict), ("contiguous walk", contiguous)]:
    run(name, C.check_one_se, f, grid, val_acc)
print(f"  on the notebook's sweep: worked solution -> {sol4(grid, val_acc):g}; with the validation-set sampling s.e. "
      f"(sqrt(p(1-p)/400), the yardstick the notebook calls the real noise) -> {sampling_se(grid, val_acc):g}")
