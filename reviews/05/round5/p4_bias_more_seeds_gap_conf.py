"""(a) Bias decay at λ = 0.1 over 15 seeds of my own loop (own minibatch orders): is the ~0.6-point cost robust?
(b) Why validation loss rises with λ: loss on correctly classified images and mean max-probability.
(c) The validation - test gap with models that are not SimpleNet (logistic regression, k-NN): a property of the split?"""
import math, torch, numpy as np
from common import *
(Xtr, ytr), (Xva, yva), (Xte, yte) = data()
d = []
for s in range(1, 16):
    a, _ = train(s, Xtr, ytr, 0.1); b, _ = train(s, Xtr, ytr, 0.1, decay_bias=True)
    ca, cb = correct(a, Xva, yva), correct(b, Xva, yva)
    d.append((cb.float() - ca.float()))
D = torch.stack(d)                       # (15 seeds, 400)
per_seed = 100 * D.mean(1); per_image = 100 * D.mean(0)
print("λ = 0.1, biases too minus weights only, per seed (points):", [round(v, 2) for v in per_seed.tolist()])
print(f"mean {per_seed.mean():+.2f} points, s.e. over 15 seeds {per_seed.std() / math.sqrt(15):.2f}, s.e. over images {per_image.std() / math.sqrt(400):.2f}")
print(f"seeds 1-5 only: {per_seed[:5].mean():+.2f} ± {per_seed[:5].std() / math.sqrt(5):.2f}; seeds 6-15: {per_seed[5:].mean():+.2f} ± {per_seed[5:].std() / math.sqrt(10):.2f}")
# (b)
for lam in (0.0, 0.01, 0.1):
    out = []
    for s in (1, 2, 3):
        net, _ = train(s, Xtr, ytr, lam)
        with torch.no_grad():
            lo = net(Xva); ce = torch.nn.functional.cross_entropy(lo, yva, reduction="none"); ok = lo.argmax(1) == yva
            out.append((ce[ok].mean().item(), ce[~ok].mean().item(), ce[ok].sum().item() / 400, ce[~ok].sum().item() / 400, lo.softmax(1).max(1).values.mean().item()))
    o = np.mean(out, 0)
    print(f"λ = {lam:<5g}: mean CE on correct images {o[0]:.3f}, on wrong {o[1]:.2f}; contribution to val loss: correct {o[2]:.3f}, wrong {o[3]:.3f}; mean max-prob {o[4]:.3f}")
# (c)
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
for name, m in [("logistic regression C=1", LogisticRegression(C=1.0, max_iter=5000)), ("1-NN", KNeighborsClassifier(1)), ("5-NN", KNeighborsClassifier(5))]:
    m.fit(Xtr.numpy(), ytr.numpy())
    va, te = m.score(Xva.numpy(), yva.numpy()), m.score(Xte.numpy(), yte.numpy())
    print(f"{name}: validation {100*va:.1f} %, test {100*te:.1f} %, gap {100*(va-te):.1f} points")
