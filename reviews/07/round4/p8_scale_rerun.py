"""Out-of-order hazard: cell 11's reference line uses the global `scale` (σ²/σ_w² from cell 10); cell 21 rebinds `scale`
to the 20 input standard deviations. Re-running cell 11's plotting line afterwards: what does matplotlib do?"""
import matplotlib; matplotlib.use("Agg")
import matplotlib.pyplot as plt, torch
sizes = [40, 80, 160, 320]
scale = torch.logspace(0.5, -0.5, 20, dtype=torch.float64)      # cell 21's value
fig, ax = plt.subplots()
try:
    lines = ax.plot(sizes, [scale / N for N in sizes], "k:", label="σ²/(nσ_w²): slope −1")
    print(f"no error: {len(lines)} dotted lines drawn instead of 1 (y values {float(lines[0].get_ydata()[0]):.3g} ...), "
          f"the intended line would start at {1/0.09/40:.3g}")
except Exception as e:
    print("error:", type(e).__name__, e)
