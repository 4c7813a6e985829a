"""D1 of the round-5 review: does check 01.2 now reject refits that reach NumPy or SciPy through names bound before
the check, or through SciPy imported inside the function? Each case runs in a fresh interpreter (so that SciPy is
not imported yet when the student's cell is defined). Prints, per case, whether the public check passes."""
import subprocess
import sys

CASES = {
    "solution (one torch.linalg.solve)": ("", """
    n, d = X.shape
    H = X @ torch.linalg.solve(X.T @ X + n * lambd * torch.eye(d, dtype=X.dtype), X.T)
    return float((((y - H @ y) / (1 - H.diagonal())) ** 2).mean())"""),
    "one fit through numpy.linalg.solve bound earlier": ("from numpy.linalg import solve", """
    A, b = X.numpy(), y.numpy(); n, d = A.shape
    H = A @ solve(A.T @ A + n * lambd * np.eye(d), A.T)
    return float((((b - H @ b) / (1 - np.diag(H))) ** 2).mean())"""),
    "one fit through scipy.linalg.solve bound earlier": ("from scipy.linalg import solve", """
    A, b = X.numpy(), y.numpy(); n, d = A.shape
    H = A @ solve(A.T @ A + n * lambd * np.eye(d), A.T)
    return float((((b - H @ b) / (1 - np.diag(H))) ** 2).mean())"""),
}
REFIT = """
    A, b = X.numpy(), y.numpy(); n, d = A.shape; e = 0.0
    for i in range(n):
        k = np.arange(n) != i
        w = SOLVE(A[k].T @ A[k] + n * lambd * np.eye(d), A[k].T @ b[k])
        e += float((b[i] - A[i] @ w) ** 2)
    return e / n"""
CASES |= {
    "refits, numpy.linalg.solve bound earlier": ("from numpy.linalg import solve", REFIT.replace("SOLVE", "solve")),
    "refits, numpy.linalg.solve via np.linalg": ("", REFIT.replace("SOLVE", "np.linalg.solve")),
    "refits, scipy.linalg.solve bound earlier": ("from scipy.linalg import solve", REFIT.replace("SOLVE", "solve")),
    "refits, scipy imported inside the function": ("", "\n    from scipy.linalg import solve" + REFIT.replace("SOLVE", "solve")),
    "refits, scipy.linalg module bound earlier": ("import scipy.linalg as sla", REFIT.replace("SOLVE", "sla.solve")),
}
for what, (head, body) in CASES.items():
    code = (f"import numpy as np, torch\nimport d2lmini as d2l\nimport d2lmini.checks.nb01\n{head}\n"
            f"def loo_error(X, y, lambd):{body}\n"
            "try:\n    d2l.checks.nb01.check_loo_error(loo_error)\n    print('PASSES')\n"
            "except Exception as err:\n    print('REJECTED:', str(err).splitlines()[0][:90])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"OMP_NUM_THREADS": "1", "PATH": ""})
    lines = (out.stdout + out.stderr).strip().splitlines()
    verdict = next((ln for ln in lines if ln.startswith(("PASSES", "REJECTED"))), lines[-1] if lines else "?")
    print(f"{what:50s} {verdict}")
