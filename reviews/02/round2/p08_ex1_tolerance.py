"""Exercise 02.1: the relative error of correct float32 answers vs the relative gap of the nearest wrong answers,
on the public cases with lambda > 0, to size a tolerance that accepts the first and rejects the second."""
import torch
torch.set_num_threads(1)
cases = [(0.003, 3.0, 0.9, 40), (0.1, 2.0, 0.9, 30), (0.01, 1.0, 0.5, 50)]
def rec(lr, l, b, t, damp=0.0, old=False):
    w, v = 1.0, 0.0
    for _ in range(t):
        if old: w, v = w - lr * v, b * v + l * w
        else: v = b * v + (1 - damp) * l * w; w = w - lr * v
    return w
def f32(lr, l, b, t):
    return float(torch.linalg.matrix_power(torch.tensor([[1 - lr * l, -lr * b], [l, b]]), t)[0, 0])
def sgd32(lr, l, b, t):
    w = torch.ones(1, requires_grad=True); o = torch.optim.SGD([w], lr=lr, momentum=b, weight_decay=l)
    for _ in range(t): o.zero_grad(); (w * 0).sum().backward(); o.step()
    return float(w.detach())
for c in cases:
    ref = rec(*c); rel = lambda x: abs(x / ref - 1)
    wrong = {"t-1": rec(*c[:3], c[3] - 1), "t+1": rec(*c[:3], c[3] + 1), "dampening": rec(*c, damp=c[2]),
             "old buffer": rec(*c, old=True), "plain": (1 - c[0] * c[1]) ** c[3]}
    print(f"case {c}: correct float32 matrix power rel err {rel(f32(*c)):.1e}, float32 torch.optim.SGD {rel(sgd32(*c)):.1e};"
          f" nearest wrong answer rel gap {min(rel(v) for v in wrong.values()):.1e} ({min(wrong, key=lambda k: rel(wrong[k]))})")
