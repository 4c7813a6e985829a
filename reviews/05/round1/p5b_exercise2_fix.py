"""P5b: exercise 2's check, continued. Which wrong answers does it reject, and would a different set of cases
(splits whose right answers differ; raw, uncentered diabetes features load_diabetes(scaled=False)) reject the ones
that pass today? Wrong answers re-implemented here; the right answer is the notebook's worked solution."""
import io, contextlib
import torch
from sklearn.datasets import load_diabetes
import d2lmini as d2l
from d2lmini.checks import nb05 as C
torch.set_num_threads(1)

def fit(Xt, yt, Xv, yv, lambdas, xm, ym, b_mode="ok"):
    W = d2l.ridge(Xt - xm, yt - ym, lambdas)
    b = ym - W @ xm if b_mode == "ok" else ym * torch.ones(len(lambdas), dtype=Xt.dtype)
    return lambdas[int((((Xv @ W.T + b - yv[:, None]) ** 2) / 2).mean(0).argmin())]
answers = {
    "worked solution": lambda Xt, yt, Xv, yv, L: fit(Xt, yt, Xv, yv, L, Xt.mean(0), yt.mean()),
    "hard-coded 0.001": lambda *a: 0.001,
    "b = mean(y) (drops -x̄ᵀw)": lambda Xt, yt, Xv, yv, L: fit(Xt, yt, Xv, yv, L, Xt.mean(0), yt.mean(), "mean_y"),
    "centered with VALIDATION means": lambda Xt, yt, Xv, yv, L: fit(Xt, yt, Xv, yv, L, Xv.mean(0), yv.mean()),
    "centered with train+val means": lambda Xt, yt, Xv, yv, L: fit(Xt, yt, Xv, yv, L, torch.cat([Xt, Xv]).mean(0), torch.cat([yt, yv]).mean()),
    "no intercept at all": lambda Xt, yt, Xv, yv, L: fit(Xt, yt, Xv, yv, L, torch.zeros_like(Xt[0]), torch.zeros_like(yt[0])),
    "penalized intercept (ones column)": lambda Xt, yt, Xv, yv, L: L[int(((((torch.cat([Xv, torch.ones(len(Xv), 1, dtype=Xv.dtype)], 1)
        @ d2l.ridge(torch.cat([Xt, torch.ones(len(Xt), 1, dtype=Xt.dtype)], 1), yt, L).T) - yv[:, None]) ** 2).mean(0)).argmin())],
}
print("the notebook's check (two scaled diabetes splits, seeds 1 and 4):")
for name, f in answers.items():
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            C.check_choose_ridge_lambda(f)
        print(f"  PASSES   {name}")
    except AssertionError as e:
        print(f"  rejected {name}: {str(e)[:90]}")

Xr, yr = load_diabetes(return_X_y=True, scaled=False)
Xr, yr = torch.tensor(Xr), torch.tensor(yr)
def split(X, y, seed, n_train=300):
    p = torch.randperm(X.shape[0], generator=torch.Generator().manual_seed(seed))
    return X[p[:n_train]], y[p[:n_train]], X[p[n_train:]], y[p[n_train:]]
grid = list(C._RIDGE_GRID)
print("\ncandidate cases: picks per answer (a case rejects an answer when its pick differs from the worked solution's)")
cases = {"scaled, seed 1": split(*C.load_diabetes(), 1), "scaled, seed 2": split(*C.load_diabetes(), 2),
         "RAW features, seed 1": split(Xr, yr, 1), "RAW features, seed 2": split(Xr, yr, 2)}
# raw features are on scales up to ~300: the λ grid has to move with them
raw_grid = [v * 1e2 for v in grid]
for cname, data in cases.items():
    L = raw_grid if "RAW" in cname else grid
    picks = {name: f(*data, list(L)) for name, f in answers.items()}
    ok = picks["worked solution"]
    print(f"  {cname:22s}: right {ok:g}; " + ", ".join(f"{n.split(' (')[0]}={v:g}{'' if v == ok else ' X'}" for n, v in list(picks.items())[1:]))
