"""Feed wrong answers to the four exercise checks (public cases) and see which are accepted."""
import math, io, contextlib, sys
sys.path.insert(0, "/work/main")
import torch
import d2lmini as d2l
torch.set_num_threads(1)
ck = d2l.checks.nb05

def run(check, fn, label):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            check(fn)
        out = buf.getvalue()
    except BaseException as e:
        out = buf.getvalue() + f"[{type(e).__name__}] {e}"
    verdict = "ACCEPTED" if "correct" in out and "FAIL" not in out.upper().split("CORRECT")[0] and "wrong" not in out.lower() else "rejected"
    print(f"{verdict:9} {label:<45} | {out.strip().splitlines()[0][:150] if out.strip() else ''}")

# 05.1
def ref1(lr, l, n, B):
    return math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / math.ceil(n / B))
w1 = {
 "reference": ref1,
 "exp law": lambda lr, l, n, B: math.ceil(math.ceil(math.log(2) / (lr * l)) / math.ceil(n / B)),
 "n//B": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n // B)),
 "n/B float": lambda lr, l, n, B: math.ceil(math.ceil(math.log(.5) / math.log(1 - lr * l)) / (n / B)),
 "no ceil on steps": lambda lr, l, n, B: math.ceil((math.log(.5) / math.log(1 - lr * l)) / math.ceil(n / B)),
 "floor epochs": lambda lr, l, n, B: math.floor(math.ceil(math.log(.5) / math.log(1 - lr * l)) / math.ceil(n / B)),
 "round epochs": lambda lr, l, n, B: round(math.ceil(math.log(.5) / math.log(1 - lr * l)) / math.ceil(n / B)),
 "factor 2 (lam/2)": lambda lr, l, n, B: ref1(lr, l / 2, n, B),
 "steps +1": lambda lr, l, n, B: math.ceil((math.ceil(math.log(.5) / math.log(1 - lr * l)) + 1) / math.ceil(n / B)),
 "steps (not epochs)": lambda lr, l, n, B: math.ceil(math.log(.5) / math.log(1 - lr * l)),
 "exp law, n//B": lambda lr, l, n, B: math.ceil(math.log(2) / (lr * l) / (n // B)),
}
for k, f in w1.items(): run(ck.check_epochs_to_halve, f, "05.1 " + k)

# 05.3
w3 = {"reference 1/(n lam)": lambda l, n: 1 / (n * l), "1/lam": lambda l, n: 1 / l, "n/lam": lambda l, n: n / l,
      "2/(n lam)": lambda l, n: 2 / (n * l), "1/(2 n lam)": lambda l, n: 1 / (2 * n * l), "lam*n": lambda l, n: l * n,
      "1/((n-1) lam)": lambda l, n: 1 / ((n - 1) * l)}
for k, f in w3.items(): run(ck.check_C_for_lambda, f, "05.3 " + k)

# 05.4
def one_se(lams, acc, ddof=1, own=False, smallest=False, div=None):
    m = acc.mean(1); R = acc.shape[1]
    s = acc.std(1, correction=ddof) / (math.sqrt(R) if div is None else div(R))
    b = int(m.argmax())
    ok = [k for k in range(len(lams)) if (m[k] >= m[b] - (s[k] if own else s[b]))]
    return (min if smallest else max)(lams[k] for k in ok)
w4 = {"reference": one_se, "population sd": lambda l, a: one_se(l, a, ddof=0), "own se": lambda l, a: one_se(l, a, own=True),
      "smallest within": lambda l, a: one_se(l, a, smallest=True), "sd not se": lambda l, a: one_se(l, a, div=lambda R: 1),
      "sqrt(R-1)": lambda l, a: one_se(l, a, div=lambda R: math.sqrt(R - 1)),
      "argmax only": lambda l, a: l[int(a.mean(1).argmax())],
      "two se": lambda l, a: one_se(l, a, div=lambda R: math.sqrt(R) / 2),
      "half se": lambda l, a: one_se(l, a, div=lambda R: 2 * math.sqrt(R)),
      "pooled se": lambda l, a: max(l[k] for k in range(len(l)) if a.mean(1)[k] >= a.mean(1).max() - (a.std(1) / math.sqrt(a.shape[1])).mean()),
      }
for k, f in w4.items(): run(ck.check_choose_one_se, f, "05.4 " + k)

# 05.2
def ridge(X, y, lam):  # own closed form, mean 1/2 loss + lam/2 |w|^2
    n, d = X.shape
    return torch.linalg.solve(X.T @ X / n + lam * torch.eye(d, dtype=X.dtype), X.T @ y / n)
def choose(Xt, yt, Xv, yv, lams, mode="ref"):
    losses = []
    for lam in lams:
        if mode == "center_all":
            A = torch.cat([Xt, Xv]); xm = A.mean(0); ym = torch.cat([yt, yv]).mean()
        else:
            xm, ym = Xt.mean(0), yt.mean()
        lam_eff = lam / Xt.shape[0] if mode == "sk_alpha" else lam
        if mode == "no_intercept":
            w = ridge(Xt, yt, lam); b = 0.0
        else:
            w = ridge(Xt - xm, yt - ym, lam_eff); b = ym - xm @ w
        if mode == "train":
            losses.append(((Xt @ w + b - yt) ** 2).mean().item())
        elif mode == "val_own_center":
            losses.append((((Xv - Xv.mean(0)) @ w + ym - yv) ** 2).mean().item())
        elif mode == "penalize_intercept":
            Xa = torch.cat([Xt, torch.ones(len(Xt), 1, dtype=Xt.dtype)], 1); wa = ridge(Xa, yt, lam)
            losses.append(((torch.cat([Xv, torch.ones(len(Xv), 1, dtype=Xv.dtype)], 1) @ wa - yv) ** 2).mean().item())
        elif mode == "median_abs":
            losses.append((Xv @ w + b - yv).abs().mean().item())
        else:
            losses.append(((Xv @ w + b - yv) ** 2).mean().item())
    return lams[int(torch.tensor(losses).argmin())]
for k in ["ref", "center_all", "no_intercept", "train", "val_own_center", "sk_alpha", "penalize_intercept", "median_abs"]:
    run(ck.check_choose_ridge_lambda, lambda a, b, c, d, e, k=k: choose(a, b, c, d, e, k), "05.2 " + k)
