"""Benchmark for issue 2: what live plotting and the lambda sweep cost, measured in a real kernel.

Run:  .venv/bin/python bench/animator_bench.py      (prints figures; not a test, always exits 0)

It starts a Jupyter kernel (nbclient), runs notebook 02's own setup cells (imports, data, ``train``),
then times, as medians over REPEATS runs, within one kernel session:
  (a) the lambda=0 and lambda=3 experiment with d2lmini's Animator vs the same training without plotting
      (target: at most 3x; the floor is one render of each figure);
  (b) the same with a d2l-style animator that redraws the whole figure, displays it again and clears the
      output on every add (target: ours at least 15x cheaper in plotting overhead);
  (c) the vectorized sweep of 50 lambdas vs training one lambda (target: at most 3x).
"""

from __future__ import annotations

import os
import pathlib
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NB02 = ROOT / "notebooks" / "02_l2_penalty_from_scratch.ipynb"
REPEATS = 5

D2L_STYLE = '''
from IPython import display as ipd

class D2LStyleAnimator:
    """d2l's pattern: on every add, clear the axes, re-plot everything, display the figure, clear the output."""
    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None, xscale="linear",
                 yscale="linear", fmts=("-", "m--", "g-.", "r:"), figsize=(4.5, 3.2), title=None):
        self.fig, self.axes = plt.subplots(figsize=figsize)
        self.cfg = dict(xlabel=xlabel, ylabel=ylabel, xlim=xlim, ylim=ylim, xscale=xscale, yscale=yscale)
        self.legend, self.fmts, self.X, self.Y = legend, fmts, None, None
    def add(self, x, y):
        y = list(y) if hasattr(y, "__len__") else [y]
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
'''

TIMING = f'''
import statistics, time
import matplotlib.pyplot as plt

def median_time(fn, repeats={REPEATS}):
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); fn(); times.append(time.perf_counter() - start)
        plt.close("all")
    return statistics.median(times)

def experiment(animate):
    train(0, animate=animate)
    train(3, animate=animate)
'''


def code_until_train(nb) -> list[str]:
    """Notebook 02's code cells up to and including the one that defines ``train``."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            cells.append(cell.source)
            if "def train(" in cell.source:
                return cells
    raise SystemExit("bench: notebook 02 has no 'def train(' cell")


def main() -> int:
    os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp())
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    setup = code_until_train(nbformat.read(NB02, as_version=4))
    measure = [
        TIMING,
        "experiment(False); experiment(True)  # warm-up",
        "t_plain = median_time(lambda: experiment(False))",
        "t_ours = median_time(lambda: experiment(True))",
        D2L_STYLE,
        "_real = d2l.Animator\nd2l.Animator = D2LStyleAnimator\n"
        "t_d2l = median_time(lambda: experiment(True))\nd2l.Animator = _real",
        "t_one = median_time(lambda: train(3, animate=False))\n"
        "grid50 = [0.0] + d2l.lambda_grid(1e-3, 100, 49, zero=False)\n"
        "t_sweep = median_time(lambda: d2l.train_lambda_grid(grid50, train_iter, num_epochs=100, seed=1))\n"
        "t_sweep1 = median_time(lambda: d2l.train_lambda_grid([3.0], train_iter, num_epochs=100, seed=1))",
        "import json; print('RESULT', json.dumps(dict(plain=t_plain, ours=t_ours, d2l=t_d2l, one=t_one, "
        "sweep=t_sweep, sweep1=t_sweep1, n=len(grid50))))",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in setup + measure])
    NotebookClient(nb, timeout=1200, kernel_name="python3",
                   resources={"metadata": {"path": str(NB02.parent)}}).execute()
    line = next(o.text for o in nb.cells[-1].outputs if o.get("name") == "stdout")
    import json

    r = json.loads(line.split("RESULT", 1)[1])
    over_ours, over_d2l = r["ours"] - r["plain"], r["d2l"] - r["plain"]
    print(f"Weight Decay Lab benchmark (medians of {REPEATS} runs, one kernel, {os.cpu_count()} CPUs)")
    print(f"  training lambda=0 and lambda=3, no plotting : {r['plain']:.3f} s")
    print(f"  (a) same with d2lmini.Animator              : {r['ours']:.3f} s  -> {r['ours'] / r['plain']:.2f}x "
          f"(target <= 3x)")
    print(f"  (b) same with a d2l-style redraw animator   : {r['d2l']:.3f} s  -> {r['d2l'] / r['plain']:.2f}x "
          "the training")
    print(f"      plotting overhead: ours {over_ours:.3f} s, d2l-style {over_d2l:.3f} s -> ours "
          f"{over_d2l / max(over_ours, 1e-3):.1f}x cheaper (target >= 15x); "
          f"whole runs {r['d2l'] / r['ours']:.1f}x faster")
    print(f"  (c) one lambda, loop                        : {r['one']:.3f} s")
    print(f"      {r['n']} lambdas, one vectorized run       : {r['sweep']:.3f} s  -> {r['sweep'] / r['one']:.2f}x "
          f"(target <= 3x); 1 lambda through the sweep code: {r['sweep1']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
