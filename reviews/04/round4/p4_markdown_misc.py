"""Markdown sanity (unbalanced $, $$, **), headings order, plus a few remaining numbers (θ=0.5 λ, KKT 10% figure)."""
import json, re, sys, numpy as np, torch
sys.path.insert(0, '/work/main'); torch.set_num_threads(1)
import d2lmini as d2l
from scipy.optimize import brentq
nb = json.load(open('/work/main/notebooks/04_constrained_vs_penalized.ipynb'))
for i, c in enumerate(nb['cells']):
    if c['cell_type'] != 'markdown': continue
    s = ''.join(c['source']); s2 = s.replace('$$', '')
    if s.count('$$') % 2 or s2.count('$') % 2 or s.count('**') % 2: print(f"cell {i}: odd $$={s.count('$$')} $={s2.count('$')} **={s.count('**')}")
    for h in re.findall(r'^#+ .*', s, re.M): print(f"cell {i}: {h[:70]}")
S = d2l.nb04.SETUP; X, y = d2l.nb04.correlated_data(S.n, S.rho, S.w_true, S.sigma, seed=S.seed); X, y = X.numpy(), y.numpy()
H = X.T @ X / 100; b = X.T @ y / 100; r = lambda l: np.linalg.solve(H + l*np.eye(2), b)
l05 = brentq(lambda l: r(l)@r(l) - 0.5, 0, 100, xtol=1e-14); print("θ=0.5: λ", round(l05, 4), r(l05).round(4))
lams = [3.693, 1.419, 0.5355, 0.1335]; print("max|∇L+1.1λw| ≈", max(np.abs(0.1*l*r(l)).max() for l in lams).round(4))
print("λ_x for ŵ=(1,-0.1):", round(H[0,1]*(H@[1,-.1])[0]/(H@[1,-.1])[1] - H[0,0], 4))
# shadow price: dL*/dθ = -λ(θ)/2 for the constraint written as ½(‖w‖² − θ) ≤ 0 (teacher suggestion 5)
c = (y @ y) / 200
Lstar = lambda t: (lambda l: (lambda w: 0.5*w@H@w - b@w + c)(r(l)))(brentq(lambda l: r(l)@r(l) - t, 0, 100, xtol=1e-15))
for t in [0.3, 0.5]:
    e = 1e-5; print(f"θ={t}: dL*/dθ = {(Lstar(t+e)-Lstar(t-e))/(2*e):.5f}  −λ/2 = {-brentq(lambda l: r(l)@r(l) - t, 0, 100, xtol=1e-15)/2:.5f}")
