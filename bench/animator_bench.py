"""What live plotting costs, measured in a real kernel on the plain-torch classic experiment (issue 11).

Run:  .venv/bin/python bench/animator_bench.py [--repeats 7]   (prints figures; not a test, exits 0)

The experiment (as in notebooks 02/03, written here in plain torch so the bench does not depend on a
notebook): n = 20 training and 100 test examples, d = 200 features, minibatches of 5, lr 0.003,
100 epochs = 400 SGD steps for each of lambda = 0 and lambda = 3; every 5 epochs (20 times) the train
and test losses are computed and handed to a plotting object. Three variants, timed as medians over
``--repeats`` runs in ONE kernel (nbclient), each after a warm-up, interleaved; the best (shortest) run of
each variant is reported, the least disturbed by other work on the machine (the d2l-style variant, 20x
slower, runs twice). Wall-clock and the kernel's CPU time (``time.process_time``, which other load on a
shared machine hardly changes) are both printed:
  plain  : the losses go to a no-op (the training and the loss evaluations alone);
  ours   : d2lmini.Animator (one display handle, throttled redraws, fixed layout);
  d2l    : a d2l-style animator: on every add, clear the axes, re-plot everything, display the whole
           figure and clear the output (d2l's ``Animator`` pattern).
Targets: ours / plain <= 3 (the training plus its plotting at most 3x the training), and the
plotting overhead of d2l-style / ours >= 15.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

SETUP = r'''
%matplotlib inline
import statistics, time
import matplotlib.pyplot as plt
import torch
from IPython import display as ipd
import d2lmini as d2l
d2l.use_style()
torch.set_num_threads(1)   # tiny tensors: one thread is fastest and stable on a shared machine

n_train, n_test, num_inputs, batch_size, lr, num_epochs = 20, 100, 200, 5, 0.003, 100
torch.manual_seed(0)
true_w, true_b = torch.full((num_inputs, 1), 0.01), 0.05
X_all = torch.randn(n_train + n_test, num_inputs)
y_all = X_all @ true_w + true_b + 0.01 * torch.randn(n_train + n_test, 1)
X_train, y_train, X_test, y_test = X_all[:n_train], y_all[:n_train], X_all[n_train:], y_all[n_train:]


class NoPlot:
    def __init__(self, **kwargs): pass
    def add(self, x, y): pass


class D2LStyleAnimator:
    """d2l's pattern: on every add, clear the axes, re-plot everything, display the figure, clear the output."""
    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None, yscale="linear", title=None,
                 fmts=("-", "m--", "g-.", "r:"), figsize=(4.5, 3.2)):
        self.fig, self.axes = plt.subplots(figsize=figsize)
        self.cfg = dict(xlabel=xlabel, ylabel=ylabel, xlim=xlim, yscale=yscale, title=title)
        self.legend, self.fmts, self.X, self.Y = legend, fmts, None, None
    def add(self, x, y):
        if self.X is None:
            self.X, self.Y = [[] for _ in y], [[] for _ in y]
        for i, v in enumerate(y):
            self.X[i].append(x)
            self.Y[i].append(v)
        self.axes.cla()
        for xs, ys, fmt in zip(self.X, self.Y, self.fmts):
            self.axes.plot(xs, ys, fmt)
        self.axes.set(**{k: v for k, v in self.cfg.items() if v is not None})
        if self.legend:
            self.axes.legend(self.legend)
        ipd.display(self.fig)
        ipd.clear_output(wait=True)


def train(lambd, plotter):
    torch.manual_seed(1)
    w = torch.normal(0, 1, (num_inputs, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    plot = plotter(xlabel="epoch", ylabel="mean loss (log scale)", yscale="log", xlim=[5, num_epochs],
                   legend=["train", "test"], title=f"λ = {lambd:g}")
    for epoch in range(num_epochs):
        perm = torch.randperm(n_train)
        for i in range(0, n_train, batch_size):
            idx = perm[i:i + batch_size]
            l = ((X_train[idx] @ w + b - y_train[idx]) ** 2 / 2).sum() + lambd * (w ** 2).sum() / 2 * len(idx)
            l.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= lr * p.grad / batch_size
                    p.grad.zero_()
        if (epoch + 1) % 5 == 0:
            with torch.no_grad():
                losses = [float(((X @ w + b - y) ** 2 / 2).mean()) for X, y in ((X_train, y_train), (X_test, y_test))]
            plot.add(epoch + 1, losses)


def experiment(plotter):
    train(0, plotter)
    train(3, plotter)


def median_time(plotter, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        experiment(plotter)
        times.append(time.perf_counter() - start)
        plt.close("all")
    return statistics.median(times)
'''

# each measurement in its own cell, so the Animator's end-of-cell flush is part of it (as in a notebook)
MEASURE = "experiment({cls}); plt.close('all')  # warm-up\n"
TIMED = "_t0, _c0 = time.perf_counter(), time.process_time()\nexperiment({cls})"
RECORD = ("times.setdefault('{cls}', []).append(time.perf_counter() - _t0)\n"
          "cpu.setdefault('{cls}', []).append(time.process_time() - _c0); plt.close('all')")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    scratch = tempfile.mkdtemp(prefix="wdlab-animbench-")
    os.environ.setdefault("MPLCONFIGDIR", scratch)
    os.environ.setdefault("IPYTHONDIR", scratch)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    cells = [SETUP, "times, cpu = {}, {}"]
    variants = ["NoPlot", "d2l.Animator", "D2LStyleAnimator"]
    cells += [MEASURE.format(cls=c) for c in variants]
    for k in range(args.repeats):   # interleaved, so a load change on the machine hits every variant alike
        for c in variants if k < 2 else variants[:2]:
            cells += [TIMED.format(cls=c), RECORD.format(cls=c)]
    cells.append("import json; print('RESULT', json.dumps({'wall': {k: min(v) for k, v in times.items()}, "
                 "'cpu': {k: min(v) for k, v in cpu.items()}}))")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in cells])
    NotebookClient(nb, timeout=1200, kernel_name="python3", record_timing=False).execute()
    line = next(o.text for o in nb.cells[-1].outputs if o.get("name") == "stdout")
    result = json.loads(line.split("RESULT", 1)[1])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Animator benchmark: lambda 0 and 3, 400 SGD steps each, 20 adds each; best of {args.repeats} runs "
          f"(d2l-style: 2) in one kernel ({os.cpu_count()} CPUs, load average {load:.1f}, torch on 1 thread)")
    for clock, r in result.items():
        plain, ours, d2l_style = r["NoPlot"], r["d2l.Animator"], r["D2LStyleAnimator"]
        over_ours, over_d2l = ours - plain, d2l_style - plain
        print(f"  {'wall-clock time' if clock == 'wall' else 'kernel CPU time (robust to other load)'}:")
        print(f"    training alone {plain:.3f} s, with d2lmini.Animator {ours:.3f} s, with a d2l-style animator "
              f"{d2l_style:.3f} s")
        print(f"    d2lmini.Animator / training        : {ours / plain:.2f}x   (target <= 3x)")
        print(f"    plotting overhead, d2l-style / ours: {over_d2l / max(over_ours, 1e-4):.1f}x cheaper   "
              f"(target >= 15x; {over_d2l:.3f} s vs {over_ours:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
