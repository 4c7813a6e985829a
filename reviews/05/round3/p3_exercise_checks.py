"""Run notebook 05's public exercise checks (d2l.checks.nb05) on the worked solutions and on wrong answers."""
import math, io, contextlib, torch
torch.set_num_threads(1)
import d2lmini as d2l
from d2lmini.checks import nb05 as C

def run(label, check, fn):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            check(fn)
        verdict = "ACCEPTED"
    except AssertionError as e:
        verdict = "rejected: " + str(e)[:150]
    except Exception as e:
        verdict = f"error {type(e).__name__}: {e}"[:150]
    print(f"[{label}] {verdict}")

# ---------------- 05.1
def steps_exact(lr, l): return math.ceil(math.log(0.5) / math.log(1 - lr * l))
def ok1(lr, l, n, B): return math.ceil(steps_exact(lr, l) / math.ceil(n / B))
wrong1 = {
  "worked solution": ok1,
  "epochs from continuous-time half-life ln2/(eta*lam) / steps": lambda lr, l, n, B: math.ceil(math.log(2) / (lr * l) / math.ceil(n / B)),
  "n/B as a float (no ceil) for steps per epoch": lambda lr, l, n, B: math.ceil(steps_exact(lr, l) / (n / B)),
  "floor(steps/spe)+1": lambda lr, l, n, B: steps_exact(lr, l) // math.ceil(n / B) + 1,
  "hard-coded 44 (notebook setting 0.1, 0.01, 1000, 64)": lambda lr, l, n, B: 44,
  "(1-lr*l)^(E*spe) < 1/2 strictly (floor+1 steps)": lambda lr, l, n, B: math.ceil((math.floor(math.log(0.5) / math.log(1 - lr * l)) + 1) / math.ceil(n / B)),
  "per-epoch factor via (1-lr*l*spe)": lambda lr, l, n, B: math.ceil(math.log(0.5) / math.log(1 - lr * l * math.ceil(n / B))),
  "returns steps": lambda lr, l, n, B: steps_exact(lr, l),
  "floor batches n//B": lambda lr, l, n, B: math.ceil(steps_exact(lr, l) / (n // B)),
}
for k, f in wrong1.items(): run("05.1 " + k, C.check_epochs_to_halve, f)
for c in C.EPOCHS_TO_HALVE.cases:
    lr, l, n, B = c["lr"], c["lambd"], c["n"], c["B"]
    print("   case", c, {k: f(lr, l, n, B) for k, f in wrong1.items()})

# ---------------- 05.2
def fit_pick(center="train", pen_intercept=False, standardize=False, alpha_fn=None, loss_on="val"):
    def f(Xt, yt, Xv, yv, lambdas):
        if standardize:
            m, s = Xt.mean(0), Xt.std(0); Xt, Xv = (Xt - m) / s, (Xv - m) / s
        if alpha_fn is not None:
            from sklearn.linear_model import Ridge
            L = [((Ridge(alpha=alpha_fn(lam, Xt.shape[0])).fit(Xt.numpy(), yt.numpy()).predict(Xv.numpy()) - yv.numpy()) ** 2 / 2).mean() for lam in lambdas]
            return lambdas[int(torch.tensor(L).argmin())]
        if pen_intercept:
            Z = torch.cat([Xt, torch.ones(len(Xt), 1, dtype=Xt.dtype)], 1); Zv = torch.cat([Xv, torch.ones(len(Xv), 1, dtype=Xv.dtype)], 1)
            W = d2l.ridge(Z, yt, lambdas)
            L = ((Zv @ W.T - yv[:, None]) ** 2 / 2).mean(0)
            return lambdas[int(L.argmin())]
        if center == "train": xm, ym = Xt.mean(0), yt.mean()
        elif center == "all": xm, ym = torch.cat([Xt, Xv]).mean(0), torch.cat([yt, yv]).mean()
        elif center == "x_only": xm, ym = Xt.mean(0), torch.zeros((), dtype=yt.dtype)
        W = d2l.ridge(Xt - xm, yt - ym, lambdas); b = ym - W @ xm
        Xs, ys = (Xv, yv) if loss_on == "val" else (Xt, yt)
        L = ((Xs @ W.T + b - ys[:, None]) ** 2 / 2).mean(0)
        return lambdas[int(L.argmin())]
    return f
wrong2 = {
  "worked solution": fit_pick(),
  "sklearn Ridge(alpha=n*lam), its own intercept (a correct alternative)": fit_pick(alpha_fn=lambda l, n: n * l),
  "sklearn Ridge(alpha=lam)": fit_pick(alpha_fn=lambda l, n: l),
  "penalized intercept (column of ones in d2l.ridge)": fit_pick(pen_intercept=True),
  "standardize features with train stats first (changes the penalty)": fit_pick(standardize=True),
  "center with train+val means": fit_pick(center="all"),
  "center X only, no y centering": fit_pick(center="x_only"),
  "choose on training loss": fit_pick(loss_on="train"),
  "returns the largest lambda": lambda *a: a[-1][-1],
  "returns the smallest lambda": lambda *a: a[-1][0],
}
for k, f in wrong2.items(): run("05.2 " + k, C.check_choose_ridge_lambda, f)
for c in C.CHOOSE_RIDGE_LAMBDA.cases:
    args = C.diabetes_split(c)
    print("   case", c["seed"], {k: f(*[a.clone() if torch.is_tensor(a) else list(a) for a in args]) for k, f in wrong2.items()})

# ---------------- 05.3
wrong3 = {"worked solution 1/(n lam)": lambda l, n: 1 / (n * l), "1/lam": lambda l, n: 1 / l, "1/(2 n lam)": lambda l, n: 1 / (2 * n * l),
          "2/(n lam)": lambda l, n: 2 / (n * l), "n lam": lambda l, n: n * l, "1/((n-1) lam)": lambda l, n: 1 / ((n - 1) * l)}
for k, f in wrong3.items(): run("05.3 " + k, C.check_C_for_lambda, f)

# ---------------- 05.4
def one_se(strict=False, ddof=1, k_se=1.0, pick="largest"):
    def f(lambdas, acc):
        m = acc.mean(1); se = acc.std(1, correction=ddof) / math.sqrt(acc.shape[1]); b = int(m.argmax())
        thr = m[b] - k_se * se[b]
        keep = [k for k in range(len(lambdas)) if (m[k] > thr if strict else m[k] >= thr)]
        if pick == "largest": return max(lambdas[k] for k in keep)
        if pick == "largest_mean_in_top_half": return max(lambdas[k] for k in keep if k >= b)
    return f
wrong4 = {"worked solution": one_se(), "strict >": one_se(strict=True), "population sd": one_se(ddof=0),
          "2 s.e.": one_se(k_se=2.0), "0.5 s.e.": one_se(k_se=0.5), "only lambdas >= best": one_se(pick="largest_mean_in_top_half"),
          "returns largest lambda": lambda L, a: L[-1], "returns best": lambda L, a: L[int(a.mean(1).argmax())]}
for k, f in wrong4.items(): run("05.4 " + k, C.check_choose_one_se, f)
for c in C.CHOOSE_ONE_SE.cases:
    g, a = C.one_se_table(c)
    print("   case", c["seed"], {k: f(list(g), a.clone()) for k, f in wrong4.items()})
