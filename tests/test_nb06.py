"""Notebook 06's plumbing (d2lmini.nb06) against PyTorch itself: every batched trainer equals training each network
alone with torch.optim, and the notebook's taught code equals the package's saved copies."""

from __future__ import annotations

import ast
import math

import nbformat
import pytest
import torch
from notebook_source import NOTEBOOKS, taught_function
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader

from d2lmini import nb06

NB = "06_weight_decay_modern_networks.ipynb"
S = nb06.SETUP


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def data():
    return nb06.teacher_data()


# --------------------------------------------------------------------------- taught first, then saved
def test_bn_mlp_is_the_notebooks():
    taught = taught_function(NB, "bn_mlp", extra={"nn": nn, "S": S})
    torch.manual_seed(4)
    a = taught()
    torch.manual_seed(4)
    b = nb06.bn_mlp()
    assert [type(m) for m in a] == [type(m) for m in b]
    assert a[1].affine is False and b[1].affine is False and a[0].bias is None
    sa, sb = a.state_dict(), b.state_dict()
    assert sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def _taught_class(name):
    nb = nbformat.read(NOTEBOOKS / NB, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.source.startswith("%"):
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                namespace = {"nn": nn, "torch": torch}
                exec(compile(ast.Module(body=[node], type_ignores=[]), NB, "exec"), namespace)
                return namespace[name]
    raise LookupError(name)


def test_modular_mlp_is_the_notebooks():
    taught = _taught_class("ModularMLP")
    torch.manual_seed(9)
    a = taught(7, 4, 5)
    torch.manual_seed(9)
    b = nb06.ModularMLP(7, 4, 5)
    x, y = torch.tensor([0, 3, 6]), torch.tensor([1, 1, 5])
    assert torch.equal(a(x, y), b(x, y))


# --------------------------------------------------------------------------- data
def test_teacher_data_is_seeded_and_balanced(data):
    again = nb06.teacher_data()
    assert all(torch.equal(u, v) for u, v in zip(data, again, strict=True))
    X, y, X_test, y_test = data
    assert X.shape == (S.n_train, S.num_inputs) and X_test.shape == (S.n_test, S.num_inputs)
    assert abs(torch.cat([y, y_test]).float().mean() - 0.5) < 1e-3          # the median threshold


def test_minibatches_distinct_and_full_batch():
    idx = nb06.minibatches(30, 7, 50, seed=3)
    assert idx.shape == (50, 7) and all(len(set(row.tolist())) == 7 for row in idx)
    assert torch.equal(idx, nb06.minibatches(30, 7, 50, seed=3))
    assert torch.equal(nb06.minibatches(30, 30, 4, seed=3), torch.arange(30).expand(4, 30))


def test_minibatches_reshuffled_epochs_cover_each_example_once():
    idx = nb06.minibatches(30, 6, 20, seed=3, reshuffle=True)                # 4 epochs of 5 batches
    assert idx.shape == (20, 6)
    for e in range(4):
        assert sorted(idx[5 * e:5 * (e + 1)].reshape(-1).tolist()) == list(range(30))
    assert not torch.equal(idx[:5], idx[5:10])                                # a fresh permutation each epoch


def test_zipf_and_rank_bins():
    p = nb06.zipf(1000)
    assert abs(float(p.sum()) - 1) < 1e-6 and torch.all(p[:-1] >= p[1:])
    assert float(p[0] / p[9]) == pytest.approx(10.0, rel=1e-5)
    bins = nb06.rank_bins(1000)
    assert torch.equal(torch.cat(bins), torch.arange(1000))                 # every token exactly once, in rank order


def test_moving_rms():
    a2 = torch.tensor([1.0, 4.0, 9.0, 16.0])
    assert torch.allclose(nb06.moving_rms(a2, window=2), torch.tensor([2.5, 6.5, 12.5]).double().sqrt())


# --------------------------------------------------------------------------- section 2: train_bn = single networks
def _train_alone(run, seed, steps, data):
    X, y, _, _ = data
    torch.manual_seed(seed)
    net = nb06.bn_mlp()
    with torch.no_grad():
        net[0].weight.mul_(run.scale)
    head_lr = run.head_lr or run.lr
    if run.optimizer == "sgd":
        opt = torch.optim.SGD([{"params": [net[0].weight], "lr": run.lr, "weight_decay": run.lambd},
                               {"params": net[3].parameters(), "lr": head_lr, "weight_decay": 0.0}],
                              lr=run.lr, momentum=run.momentum)
    else:
        opt = torch.optim.AdamW([{"params": [net[0].weight], "lr": run.lr, "weight_decay": run.lambd},
                                 {"params": net[3].parameters(), "lr": head_lr, "weight_decay": 0.0}], lr=run.lr)
    loader = DataLoader(range(X.shape[0]), S.batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(1000 + seed))
    step = 0
    while step < steps:
        for idx in loader:
            if step == steps:
                break
            loss = F.cross_entropy(net(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
    return net.eval()


def test_train_bn_is_many_single_networks(data):
    runs = [nb06.Run(0.05, 0.01, 0.9), nb06.Run(0.5, 0.02), nb06.Run(0.2, 0.0025, 0.9, scale=2.0, head_lr=0.05),
            nb06.Run(0.01, 0.5, optimizer="adamw")]
    seeds, steps = [1, 3], 12                          # 12 steps: over an epoch boundary (8 per epoch)
    sweep = nb06.train_bn(runs, seeds, data, steps=steps)
    with torch.no_grad():
        logits = sweep.logits(data[2][:100])
    for r, run in enumerate(runs):
        for s, seed in enumerate(seeds):
            net = _train_alone(run, seed, steps, data)
            assert torch.allclose(sweep.W1[r, s], net[0].weight.detach(), atol=1e-5), (run, seed)
            assert torch.allclose(sweep.running_var[r, s], net[1].running_var, atol=1e-5)
            with torch.no_grad():
                assert torch.allclose(logits[r, s], net(data[2][:100]), atol=1e-4)


def test_train_bn_angles_and_norms(data):
    sweep = nb06.train_bn([nb06.Run(0.05, 0.01, 0.9)], [2], data, steps=3)
    assert sweep.angle2.shape == (3, 1, 1) and torch.all(sweep.angle2 > 0)
    assert torch.allclose(sweep.norm[-1, 0, 0], sweep.W1[0, 0].norm(dim=-1).square().mean().sqrt())
    assert torch.all(sweep.angle[:, 0, 0] ** 2 <= sweep.angle2[:, 0, 0] + 1e-9)   # mean^2 <= mean of squares


# --------------------------------------------------------------------------- section 4: adam_linear = torch.optim
@pytest.mark.parametrize("decoupled, betas", [(False, (0.9, 0.999)), (True, (0.9, 0.999)), (False, (0.8, 0.9))])
def test_adam_linear_is_torch_optim(decoupled, betas):
    X, y = nb06.regression_data(60)
    w0 = torch.randn(S.reg_d, generator=torch.Generator().manual_seed(2))
    W, root_v = nb06.adam_linear(X, y, [0.3, 0.05], [40, 25], [decoupled, decoupled], [11], 16, 0.02, betas=betas,
                                 w0=w0, return_vhat=True)
    for k, (lambd, T) in enumerate([(0.3, 40), (0.05, 25)]):
        w = w0.clone().requires_grad_()
        opt = (torch.optim.AdamW if decoupled else torch.optim.Adam)([w], lr=0.02, weight_decay=lambd, betas=betas)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t, T=T: nb06.cosine(t, T))
        for idx in nb06.minibatches(60, 16, T, 11):
            loss = ((X[idx] @ w - y[idx]) ** 2 / 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        assert torch.allclose(W[k, 0], w.detach(), atol=1e-6), (decoupled, lambd)
        # sqrt(v_hat) at the run's own last step T (the 25-step run is batched with a 40-step one)
        state = opt.state[w]
        expected = (state["exp_avg_sq"] / (1 - betas[1] ** float(state["step"]))).sqrt()
        assert torch.allclose(root_v[k, 0], expected, rtol=1e-5), (decoupled, lambd)


def test_nearest_ridge_lambda_finds_ridge():
    X, y = nb06.regression_data(80)
    grid = torch.logspace(-3, 1, 41)
    n, d = X.shape
    for k in (5, 20, 33):
        w = torch.linalg.solve(X.T @ X / n + grid[k] * torch.eye(d), X.T @ y / n)
        assert nb06.nearest_ridge_lambda(X, y, w, grid) == grid[k]


# --------------------------------------------------------------------------- section 5: embeddings
def test_embedding_gradient_and_lazy_decay():
    setup = nb06.Setup(vocab=30, emb_dim=3, emb_batch=8, emb_steps=1)
    run = nb06.train_embeddings([0.0, 0.5], setup, seed=2, steps=1)
    # one step by hand with autograd and torch.optim.AdamW, the same random stream
    gen = torch.Generator().manual_seed(2)
    target = torch.randn(30, 3, generator=gen)
    torch.manual_seed(2 + 100)
    E0 = nn.Embedding(30, 3).weight.detach()
    tok = torch.multinomial(nb06.zipf(30), 8, replacement=True, generator=gen)
    noise = setup.emb_noise * torch.randn(8, 3, generator=gen)
    for k, wd in enumerate([0.0, 0.5]):
        E = E0.clone().requires_grad_()
        opt = torch.optim.AdamW([E], lr=setup.emb_lr, weight_decay=wd)
        loss = ((E[tok] - target[tok] - noise) ** 2).sum(1).mean() / 2
        loss.backward()
        opt.step()
        assert torch.allclose(run.norm[k], E.detach().norm(dim=-1), atol=1e-6)
    # lazy: rows not in the minibatch keep their norm unless Adam moves them (one step: only seen rows move)
    unseen = torch.ones(30, dtype=torch.bool)
    unseen[tok] = False
    assert torch.allclose(run.lazy_norm[1][unseen], E0.norm(dim=-1)[unseen])
    assert not torch.allclose(run.norm[1][unseen], E0.norm(dim=-1)[unseen])       # every-row decay moves them


# --------------------------------------------------------------------------- section 6: grokking
def test_train_grokking_is_single_networks():
    setup = nb06.Setup(modulus=7, train_frac=0.6, grok_embed=4, grok_hidden=6, grok_steps=10, grok_eval_every=5,
                       grok_seeds=(1, 2), grok_seeds_no_decay=(3,))
    run = nb06.train_grokking(setup)
    a, b, y, train = nb06.modular_pairs(setup)
    for m, (seed, wd) in enumerate([(1, setup.grok_wd), (2, setup.grok_wd), (3, 0.0)]):
        torch.manual_seed(seed)
        net = nb06.ModularMLP(7, 4, 6)
        decay = [net.embed.weight, net.hidden.weight, net.out.weight]
        opt = torch.optim.AdamW([{"params": decay, "weight_decay": wd},
                                 {"params": [net.hidden.bias, net.out.bias], "weight_decay": 0.0}], lr=setup.grok_lr)
        for _ in range(10):
            loss = F.cross_entropy(net(a[train], b[train]), y[train])
            opt.zero_grad()
            loss.backward()
            opt.step()
        norm = sum(p.detach().square().sum() for p in decay).sqrt()
        assert torch.allclose(run.norm[-1, m], norm, atol=1e-4)
        with torch.no_grad():
            acc = (net(a[train], b[train]).argmax(-1) == y[train]).float().mean()
        assert abs(float(run.train_acc[-1, m]) - float(acc)) < 1e-6
    assert run.steps.tolist() == [5, 10] and run.decayed.tolist() == [True, True, False]


def test_modular_pairs_split():
    a, b, y, train = nb06.modular_pairs()
    assert len(y) == S.modulus ** 2 and torch.equal(y, (a + b) % S.modulus)
    assert len(train) == int(S.train_frac * S.modulus ** 2) and len(set(train.tolist())) == len(train)


def test_mean_se():
    m, se = nb06.mean_se(torch.tensor([[1.0, 2.0, 3.0]]))
    assert float(m) == 2.0 and float(se) == pytest.approx(1 / math.sqrt(3))


# --------------------------------------------------------------------------- sliders
def test_sliders_show_the_grid_values(data):
    import d2lmini as d2l

    runs = [nb06.Run(0.05, lam, 0.9) for lam in (0.0, 0.01, 0.1)]
    sweep = nb06.train_bn(runs, [1], data, steps=60)
    fig, show, grid = nb06.equilibrium_slider(sweep, range(3))
    assert grid == [0.0, 0.0005, 0.005]
    pictures = set()
    for value in grid:
        text = show(value)
        assert text.startswith(f"ηλ = {value:g}:") and "√(2ηλ/(1+β))" in text
        pictures.add(d2l.figure_png(fig))
    assert len(pictures) == 3                                        # every value draws another picture
    emb = nb06.train_embeddings([0.0, 0.3], nb06.Setup(vocab=200, emb_steps=5))
    fig2, show2 = nb06.embedding_slider(emb, nb06.Setup(vocab=200))
    assert show2(0.3).startswith("weight_decay = 0.3: ranks 101-200")
    with pytest.raises(ValueError, match="must be 0"):
        nb06.embedding_slider(nb06.train_embeddings([0.3], nb06.Setup(vocab=200, emb_steps=2)), nb06.Setup(vocab=200))


def test_equilibrium_slider_rms_is_the_tables(data):
    """The slider prints the RMS angle as the table does (per-seed RMS over the 2nd half, then the mean over seeds),
    not the root of the pooled mean (round-3 review D3)."""
    runs = [nb06.Run(0.05, lam, 0.9) for lam in (0.0, 0.1)]
    sweep = nb06.train_bn(runs, [1, 2], data, steps=60)
    sweep.angle2[:, 1, 1] *= 4                                      # seed 2 turns twice as fast: the definitions part
    _, show, grid = nb06.equilibrium_slider(sweep, range(2))
    per_seed = sweep.angle2[30:, 1].mean(0).sqrt()                  # (seeds,)
    pooled = sweep.angle2[30:, 1].mean().sqrt()
    assert f"= {float(per_seed.mean()):.3g} rad" in show(grid[1])
    assert f"{float(per_seed.mean()):.3g}" != f"{float(pooled):.3g}"   # the two definitions differ here
