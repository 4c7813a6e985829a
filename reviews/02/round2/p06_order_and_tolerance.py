"""(1) Does the Animator's evaluation (iterating unshuffled DataLoaders) change train()'s minibatch order?
(2) How tight are the lambda=0 and lambda=3.16 'vectorized vs loop' checks against a wrong minibatch order?
(3) The test-set standard error of the converged-ridge-vs-mean gain on THIS 100-example test set.
Uses the notebook's train loop logic re-typed here (no Animator), one thread."""
import torch, numpy as np
torch.set_num_threads(1)
from torch.utils.data import TensorDataset, DataLoader
import d2lmini as d2l
S = d2l.nb02.SETUP["classic"]
d2l.set_seed(0); X, y = d2l.synthetic_data(torch.ones(200, 1) * 0.01, 0.05, 220, noise=0.01)
Xtr, Xva, Xte = X.split([20, 100, 100]); ytr, yva, yte = y.split([20, 100, 100])
ev = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=False)
torch.manual_seed(0); a = torch.rand(1)
torch.manual_seed(0); [None for _ in ev]; b = torch.rand(1)
print(f"(1) global RNG after iterating an UNshuffled DataLoader once: {float(a):.6f} vs {float(b):.6f} -> consumed: {bool(a != b)}")

def run(lam, eval_every=None, shuffle_seed=None, epochs=100):
    d2l.set_seed(S.init_seed); w = torch.normal(0.0, 1.0, size=(200, 1)); b = torch.zeros(1)
    gen = None if shuffle_seed is None else torch.Generator().manual_seed(shuffle_seed)
    it = DataLoader(TensorDataset(Xtr, ytr), 5, shuffle=True, generator=gen); orders = []
    for ep in range(epochs):
        for xb, yb in it:
            orders.append(xb[:, 0].clone())
            r = xb @ w + b - yb; w = w - S.lr * (xb.T @ r / 5 + lam * w); b = b - S.lr * r.mean(0)
        if eval_every and (ep + 1) % eval_every == 0:
            for _ in range(2): [None for _ in ev]          # train_eval and test_iter, as animator.add's evaluation
    return w.reshape(-1), b, torch.stack(orders)
for lam in (0.0, 3.16):
    wa, ba, oa = run(lam, eval_every=5); wn, bn, on = run(lam); wo, bo, oo = run(lam, shuffle_seed=123)
    first = int((oa != on).any(dim=1).nonzero()[0]) if (oa != on).any() else None
    print(f"(2) lambda={lam}: animated vs not animated: first differing minibatch at step {first}; max|dw| = {(wa-wn).abs().max():.1e}")
    print(f"    a completely different shuffle: max|dw| = {(wo-wn).abs().max():.1e}   (notebook tolerance: "
          f"{'1e-2' if lam == 0 else '1e-4'})")
# (3) converged lambda->0 (min-norm, free bias) vs the mean predictor on this test set, paired
Xn, yn = Xtr.double().numpy(), ytr.double().numpy().ravel(); m, c = Xn.mean(0), yn.mean()
w = np.linalg.pinv(Xn - m) @ (yn - c); b = c - m @ w
lt = 0.5 * (Xte.double().numpy() @ w + b - yte.double().numpy().ravel()) ** 2
lb = 0.5 * (c - yte.double().numpy().ravel()) ** 2; dd = lb - lt
print(f"(3) this test set: mean predictor minus converged min-norm(free b): {dd.mean():.2e} +- {dd.std(ddof=1)/10:.1e}"
      f" (exact risk gain on this training set: {0.5*(((0-0.01)**2)*200 + (c-0.05)**2) - 0.5*(((w-0.01)**2).sum() + (b-0.05)**2):.2e})")
