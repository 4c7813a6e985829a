"""Probe 9 (cell 21 figure): bars drawn on a log x-axis. How long do they LOOK relative to each other (length from the
autoscaled left edge, as drawn) compared with the values they encode (the stored excess losses of cell 20)?"""
import math
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

v = {"Bayes": 0.0184, "evidence": 0.0400, "GCV": 0.0471, "LOO": 0.0490, "split": 0.1089, "least squares": 0.2719, "predict 0": 0.6515}
fig, ax = plt.subplots()
ax.barh(range(len(v)), list(v.values())); ax.set_xscale("log")
lo, _ = ax.get_xlim()
L = lambda x: math.log(x / lo)
for a, b in [("split", "LOO"), ("least squares", "LOO"), ("LOO", "Bayes")]:
    print(f"{a} / {b}: value ratio {v[a]/v[b]:.2f}, drawn bar-length ratio {L(v[a])/L(v[b]):.2f}")
