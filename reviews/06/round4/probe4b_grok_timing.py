"""Probe 4b (section 6): does the weight norm fall 'while the test accuracy rises', or mostly before it?  Own loop (as
probe 4), notebook split and hyperparameters; norm and test accuracy at a few milestones, seeds 11-13 with decay."""
import sys
sys.argv = ["x"]
import importlib.util, torch
spec = importlib.util.spec_from_file_location("p4", "/work/main/reviews/06/round4/probe4_grokking.py")
src = open(spec.origin).read().split("t0 = time.time()")[0]
exec(src)
for s in (11, 12, 13):
    h = run(s, 1.0)
    peak = max(h, key=lambda r: r[3]); final = h[-1][3]
    def at(level):
        r = next((r for r in h if r[2] >= level), None)
        return f"step {r[0]}, norm {r[3]:.1f}" if r else "never"
    frac = lambda r: (peak[3] - r[3]) / (peak[3] - final)
    r10 = next((r for r in h if r[2] >= 0.10), None)
    print(f"seed {s}: peak norm {peak[3]:.1f} at step {peak[0]}; test acc ≥0.10 at {at(0.10)}, ≥0.5 at {at(0.5)}, ≥0.99 at {at(0.99)}; "
          f"final norm {final:.1f}; share of the peak→final norm drop already done when test acc first reaches 0.10: {frac(r10):.0%}", flush=True)
