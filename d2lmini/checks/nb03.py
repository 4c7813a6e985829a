"""Self-checks for the exercises of notebook 03 (weight decay the concise way).

Each check calls the learner's function on probes of its own, compares with a private reference and
names the likely mistake when the answer is wrong (see :mod:`d2lmini.checks`).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ..nb03 import SETUP
from . import as_number as _number
from . import exercise, fail


def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)



# ---- Exercise 1: the L2 term over the weights of any model.
class _Block(nn.Module):
    """Embedding + positional table + attention + LayerNorm + head: a probe the notebook never shows."""

    def __init__(self, vocab: int = 11, d: int = 8, length: int = 5) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.zeros(1, length, d))
        self.attn = nn.MultiheadAttention(d, num_heads=2, batch_first=True)
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)


def _probe(model: nn.Module, seed: int) -> nn.Module:
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.5 + 0.3)
    return model


_NORMS = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)


def _owners(model: nn.Module) -> dict[str, nn.Module]:
    return {f"{m_name}.{n}" if m_name else n: m for m_name, m in model.named_modules()
            for n, _ in m.named_parameters(recurse=False)}


def _reference_weight_names(model: nn.Module) -> set[str]:
    owner = _owners(model)
    return {n for n, p in model.named_parameters()
            if p.dim() >= 2 and n.rsplit(".", 1)[-1] != "bias" and not isinstance(owner[n], _NORMS)}


def _sq(model: nn.Module, keep) -> float:
    with torch.no_grad():
        return sum(float((p ** 2).sum()) for n, p in model.named_parameters() if keep(n))


def _check_one_model(l2_term, model: nn.Module, lambd: float) -> None:
    weights, owner = _reference_weight_names(model), _owners(model)
    last = {n: n.rsplit(".", 1)[-1] for n in owner}
    norm = {n for n in owner if isinstance(owner[n], _NORMS)}
    layer_weights = {f"{m_name}.weight" for m_name, m in model.named_modules()
                     if isinstance(m, (nn.Linear, nn.Conv1d, nn.Conv2d))}
    value = l2_term(model, lambd)
    if not isinstance(value, torch.Tensor):
        fail(f"l2_term returned a {type(value).__name__}, not a tensor",
             "the optimizer needs its gradient: do not call .item() or float()")
    if not value.requires_grad:
        fail("the returned term has no gradient", "do not compute it under torch.no_grad() or with .detach()/.data")
    got, want = float(value.detach()), lambd / 2 * _sq(model, lambda n: n in weights)
    if _close(got, want, 1e-5):
        return
    mistakes = [
        (lambd / 2 * _sq(model, lambda n: n in layer_weights),
         "you summed only nn.Linear/Conv weights: embedding tables, positional tables and attention projections "
         "(in_proj_weight) are weights too: every >= 2-D parameter outside a normalization layer"),
        (lambd * _sq(model, lambda n: n in weights), "off by a factor of 2: the term is λ/2 Σ‖W‖²"),
        (lambd / 2 * _sq(model, lambda n: True),
         "you summed over model.parameters(): that includes biases and normalization parameters"),
        (lambd / 2 * _sq(model, lambda n: n in weights or (n in norm and last[n] == "weight")),
         "you decayed a normalization layer's scale (here a 2-D LayerNorm weight): skip normalization layers"),
        (lambd / 2 * _sq(model, lambda n: n in weights or (last[n].endswith("bias") and n not in norm)),
         "you included the biases (in_proj_bias too): a bias is not decayed"),
        (lambd / 2 * math.sqrt(max(want * 2 / lambd, 0.0)), "use the SQUARED norm: (p ** 2).sum(), not p.norm()"),
    ]
    what = f"l2_term gave {got:.4g} on a {type(model).__name__}, expected {want:.4g}"
    for value_if, hint in mistakes:
        if _close(got, value_if, 1e-5):
            fail(what, hint)
    fail(what, "sum (p ** 2).sum() over the parameters with >= 2 dimensions, not named bias, "
               "outside normalization layers")


@exercise("03.1")
def check_l2_term(l2_term) -> str:
    """``l2_term(model, lambd)`` = lambd/2 * sum ||W||^2 over the weights the rule of section 5 decays."""
    for seed, model in enumerate([
            _Block(),
            nn.Sequential(nn.Conv1d(2, 3, 3), nn.BatchNorm1d(3), nn.Flatten(), nn.Linear(6, 2)),
            nn.Sequential(nn.Linear(3, 6), nn.Unflatten(1, (2, 3)), nn.LayerNorm((2, 3)))]):
        _check_one_model(l2_term, _probe(model, seed), lambd=0.3)
    return "λ/2 Σ‖W‖² over embeddings, attention projections and linear weights; biases and normalization skipped"


# ---- Exercise 2: a Keras setup ported to PyTorch.
def _keras_reference(model: nn.Module, X, y, c, wd, lr, steps, beta1=0.9, beta2=0.999, eps=1e-7) -> list[torch.Tensor]:
    """Keras 3: w -= w * wd * lr on every variable (base_optimizer._apply_weight_decay), then Adam on the
    gradient of mean((y_hat - y)^2) + c * sum(kernel^2) (losses.mean_squared_error, regularizers.L2)."""
    params = [p.detach().clone().double() for p in (model.weight, model.bias)]
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    for t in range(1, steps + 1):
        W, b = (p.clone().requires_grad_(True) for p in params)
        loss = ((X @ W.T + b - y) ** 2).mean() + c * (W ** 2).sum()
        grads = torch.autograd.grad(loss, [W, b])
        alpha = lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        for k, g in enumerate(grads):
            params[k] = params[k] - params[k] * wd * lr
            m[k] = m[k] + (g - m[k]) * (1 - beta1)
            v[k] = v[k] + (g * g - v[k]) * (1 - beta2)
            params[k] = params[k] - alpha * m[k] / (v[k].sqrt() + eps)
    return params


def _torch_variant(model, X, y, c, wd, lr, steps, opt="adamw", bias_decay=True, c_factor=1.0, half=False,
                   l2_bias=False) -> list[torch.Tensor]:
    net = nn.Linear(model.in_features, model.out_features).double()
    with torch.no_grad():
        net.weight.copy_(model.weight)
        net.bias.copy_(model.bias)
    groups = [{"params": [net.weight], "weight_decay": wd},
              {"params": [net.bias], "weight_decay": wd if bias_decay else 0.0}]
    optimizer = torch.optim.AdamW(groups, lr=lr) if opt == "adamw" else torch.optim.Adam(groups, lr=lr)
    for _ in range(steps):
        data = ((net(X) - y) ** 2).mean() * (0.5 if half else 1.0)
        reg = c * c_factor * ((net.weight ** 2).sum() + ((net.bias ** 2).sum() if l2_bias else 0.0))
        optimizer.zero_grad()
        (data + reg).backward()
        optimizer.step()
    return [net.weight.detach(), net.bias.detach()]


def _gap(a: list[torch.Tensor], b: list[torch.Tensor]) -> float:
    return max(float((x.double() - z.double()).abs().max()) for x, z in zip(a, b, strict=True))


@exercise("03.2")
def check_port_keras(port_keras) -> str:
    """``port_keras(model, c, wd, lr)`` -> (optimizer, loss_fn) that take Keras' steps."""
    gen = torch.Generator().manual_seed(7)
    X = torch.randn(16, 3, generator=gen, dtype=torch.float64)
    y = torch.randn(16, 2, generator=gen, dtype=torch.float64)
    steps = 20
    for c, wd, lr in [(1e-4, 0.05, 1e-3), (0.05, 0.5, 0.05)]:
        model = nn.Linear(3, 2).double()
        with torch.no_grad():
            model.weight.copy_(torch.randn(2, 3, generator=gen) + 0.5)
            model.bias.copy_(torch.randn(2, generator=gen) + 2.0)
        start = nn.Linear(3, 2).double()
        start.load_state_dict(model.state_dict())
        result = port_keras(model, c=c, wd=wd, lr=lr)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail(f"port_keras returned {type(result).__name__}", "return a pair (optimizer, loss_fn)")
        optimizer, loss_fn = result
        if not isinstance(optimizer, torch.optim.Optimizer):
            fail(f"the first item is a {type(optimizer).__name__}", "return a torch.optim optimizer first")
        for _ in range(steps):
            optimizer.zero_grad()
            loss_fn(model, X, y).backward()
            optimizer.step()
        got = [model.weight.detach(), model.bias.detach()]
        if _gap(got, _keras_reference(start, X, y, c, wd, lr, steps)) < 1e-4:   # Keras adds ε to √v, not √v̂
            continue
        mistakes = [
            (dict(opt="adam"), "Keras' Adam(weight_decay=...) is decoupled, like torch.optim.AdamW; torch.optim.Adam's "
                               "weight_decay is coupled L2 (section 6)"),
            (dict(bias_decay=False), "Keras decays every trainable variable, the bias too (unless "
                                     "exclude_from_weight_decay is called): no parameter groups here"),
            (dict(c_factor=0.0), "the kernel_regularizer l2(c) is part of Keras' loss: add c * sum(W ** 2)"),
            (dict(c_factor=0.5), "Keras' l2(c) is c * sum(W ** 2), without a 1/2"),
            (dict(half=True), "Keras' 'mse' is the mean of (y_hat - y) ** 2, without the 1/2 of d2l.squared_loss"),
            (dict(l2_bias=True), "l2(c) is a kernel_regularizer: the bias is not penalized"),
        ]
        for variant, hint in mistakes:
            if _gap(got, _torch_variant(start, X, y, c, wd, lr, steps, **variant)) < 1e-6:
                fail(f"after {steps} steps (c={c:g}, wd={wd:g}, lr={lr:g}) the weights differ from Keras'", hint)
        fail(f"after {steps} steps (c={c:g}, wd={wd:g}, lr={lr:g}) the weights differ from Keras'",
             "use the optimizer Keras' Adam(weight_decay) corresponds to, and Keras' loss: mse + c * sum(W ** 2)")
    return "AdamW on every parameter + mean((y_hat - y)^2) + c·Σ W²: Keras' steps (up to ε placement)"


# ---- Exercise 3: where decoupled decay with momentum and dampening ends (derivation).
def _reference_sgdw_lambda(wd: float, momentum: float, dampening: float) -> float:
    return wd * (1 - momentum) / (1 - dampening)


def _sgdw_end(wd: float, momentum: float, dampening: float, lr: float = 0.05, steps: int = 400) -> torch.Tensor:
    """Hand-written SGDW (shrink, then SGD with momentum and dampening) run to convergence on a small ridge problem."""
    X, y = _SGDW_DATA
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=momentum, dampening=dampening)
    for _ in range(steps):
        optimizer.zero_grad()
        (((X @ w - y) ** 2) / 2).mean().backward()
        with torch.no_grad():
            w.mul_(1 - lr * wd)
        optimizer.step()
    return w.detach()


def _ridge(lambd: float) -> torch.Tensor:
    X, y = _SGDW_DATA
    return torch.linalg.solve(X.T @ X / len(y) + lambd * torch.eye(X.shape[1], dtype=X.dtype), X.T @ y / len(y))


_gen = torch.Generator().manual_seed(5)
_SGDW_DATA = (torch.randn(30, 4, generator=_gen, dtype=torch.float64),
              torch.randn(30, generator=_gen, dtype=torch.float64))
_SGDW_CASES = [(2.0, 0.9, 0.5), (1.0, 0.5, 0.0), (0.5, 0.0, 0.0), (3.0, 0.8, 0.6)]


@exercise("03.3")
def check_sgdw_lambda(sgdw_lambda) -> str:
    """``sgdw_lambda(wd, momentum, dampening)``: the reference lambda where hand-written SGDW ends."""
    for wd, beta, tau in _SGDW_CASES:
        got = _number(f"sgdw_lambda({wd}, {beta}, {tau})", sgdw_lambda(wd, beta, tau))
        want = _reference_sgdw_lambda(wd, beta, tau)
        if _close(got, want, 1e-9):
            continue
        mistakes = [
            (wd * (1 - beta), "you left out the dampening: it scales the gradient entering the buffer, "
                              "so the buffer at rest is (1 - τ)/(1 - β) times the gradient"),
            (wd, "with momentum, decoupled decay is not the same as coupled decay: the buffer at rest is "
                 "larger than the gradient"),
            (wd / (1 - beta), "inverted: at rest the decay wd·w balances the buffer (1-τ)/(1-β)·grad, "
                              "so λ = wd (1-β)/(1-τ)"),
            (wd * (1 - beta) * (1 - tau), "the dampening factor belongs in the denominator"),
        ]
        what = f"sgdw_lambda({wd}, {beta}, {tau}) = {got:.6g}, expected {want:.6g}"
        for value_if, hint in mistakes:
            if _close(got, value_if, 1e-9):
                fail(what, hint)
        fail(what, "at the fixed point the buffer b satisfies b = βb + (1-τ)·grad and the shrink η·wd·w equals -η·b")
    wd, beta, tau = _SGDW_CASES[0]
    lambd = _reference_sgdw_lambda(wd, beta, tau)
    if float((_sgdw_end(wd, beta, tau) - _ridge(lambd)).abs().max()) > 1e-8:  # pragma: no cover - the reference itself
        raise RuntimeError("the reference SGDW run does not reach ridge")
    return f"λ = wd(1-β)/(1-τ): SGDW (wd={wd:g}, β={beta:g}, τ={tau:g}) run to convergence ends at ridge(λ = {lambd:g})"


# ---- Exercise 4: choose on validation, report the test score once.
@exercise("03.4")
def check_choose_and_test(choose_and_test) -> str:
    """``choose_and_test(lambdas, val_acc, test_acc)`` -> (lambda with the best mean validation, mean test there)."""
    lambdas = [0.0, 1e-3, 1e-2, 1e-1]
    # best mean validation: 1e-2 (index 2); best single validation entry: index 1; best mean test: index 3.
    val = torch.tensor([[0.80, 0.95, 0.86, 0.70], [0.80, 0.78, 0.86, 0.70], [0.80, 0.79, 0.86, 0.70]])
    test = torch.tensor([[0.70, 0.75, 0.84, 0.90], [0.72, 0.73, 0.82, 0.90], [0.74, 0.71, 0.80, 0.90]])
    result = choose_and_test(lambdas, val, test)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"choose_and_test returned {type(result).__name__}", "return a pair (lam, test_mean)")
    lam, test_mean = _number("lam", result[0]), _number("test_mean", result[1])
    if lam == 2:
        fail("you returned the index 2", "return lambdas[index], the λ itself")
    if lam == lambdas[3]:
        fail(f"λ = {lam:g} has the best TEST accuracy", "the test set must not choose λ: use val_acc")
    if lam == lambdas[1]:
        fail(f"λ = {lam:g} holds the single best validation entry",
             "average over the seeds first (val_acc.mean(0)), then take the argmax")
    if lam != lambdas[2]:
        fail(f"λ = {lam:g}", "take the λ with the highest mean validation accuracy over the seeds")
    if _close(test_mean, float(val[:, 2].mean())):
        fail("you reported the validation accuracy", "report the mean TEST accuracy at the chosen λ")
    if not _close(test_mean, float(test[:, 2].mean())):
        fail(f"test_mean = {test_mean:.4g}", "report test_acc[:, k].mean() at the chosen index k")
    return "λ chosen on the mean validation accuracy; the test accuracy reported at that λ only"


# ---- Exercise 5: AdamW by hand.
@exercise("03.5")
def check_decoupled_step(decoupled_step) -> str:
    """``decoupled_step(params, lr, weight_decay)`` shrinks in place; with Adam it reproduces AdamW."""
    w = torch.tensor([[1.0, -2.0], [0.5, 4.0]], requires_grad=True)
    before = w.detach().clone()
    try:
        decoupled_step([w], 0.1, 0.5)
    except NotImplementedError:   # a RuntimeError too: the student edition's stub, reported as not attempted
        raise
    except RuntimeError as exc:
        fail(f"decoupled_step raised RuntimeError ({exc})",
             "change a parameter in place inside `with torch.no_grad():`")
    if torch.equal(w.detach(), before):
        fail("the parameter did not change", "update it in place (p.mul_(...)); p = p * ... only rebinds a name")
    if w.grad_fn is not None:
        fail("the parameter now has a grad_fn", "do the update under torch.no_grad()")
    if torch.allclose(w.detach(), before * (1 - 0.5)):
        fail("you shrank by 1 - weight_decay", "the decoupled step multiplies by 1 - lr * weight_decay")
    if not torch.allclose(w.detach(), before * (1 - 0.1 * 0.5)):
        fail("the parameter is not (1 - lr * weight_decay) times itself", "p.mul_(1 - lr * weight_decay)")
    gen = torch.Generator().manual_seed(3)
    X, y = torch.randn(32, 4, generator=gen), torch.randn(32, 1, generator=gen)
    nets = [nn.Linear(4, 1) for _ in range(2)]
    nets[1].load_state_dict(nets[0].state_dict())
    adam = torch.optim.Adam(nets[0].parameters(), lr=SETUP.lr_adam)
    adamw = torch.optim.AdamW(nets[1].parameters(), lr=SETUP.lr_adam, weight_decay=SETUP.lambd)
    for _ in range(50):
        for net, opt in ((nets[0], adam), (nets[1], adamw)):
            opt.zero_grad()
            ((net(X) - y) ** 2).mean().backward()
            if opt is adam:
                decoupled_step(list(net.parameters()), SETUP.lr_adam, SETUP.lambd)
            opt.step()
    pairs = zip(nets[0].parameters(), nets[1].parameters(), strict=True)
    gap = max(float((a - b).detach().abs().max()) for a, b in pairs)
    if gap > 1e-5:
        fail(f"Adam + decoupled_step is {gap:.2g} away from AdamW after 50 steps", "shrink every tensor in params")
    return "p ← (1 - lr·λ) p in place; Adam + decoupled_step = AdamW after 50 steps"
