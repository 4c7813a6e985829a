"""p3 continued: if √v̂ at the end of a full-batch run were 'the typical size of the recent gradients', β₂ would not matter
much. Vary β₂ (memory 1/(1-β₂) steps) at fixed λ = 0.1, η = 0.01, cosine, full batch: nearest ridge λ of the AdamW end point."""
import sys
sys.argv = ["x"]
exec(open("p3_adamw_fullbatch_vhat.py").read().split("for T in (300, 2000):")[0])
for T in (300, 2000):
    for b2 in (0.999, 0.99, 0.9):
        w, rv, gs = run(True, T, b2=b2)
        dist = (w - ridge).norm(dim=1); k = int(dist.argmin())
        print(f"T={T:4d} β₂={b2:<6g} AdamW nearest ridge λ {grid[k]:.4g} (distance/gap {dist[k]/gap:.3f}); median √v̂ {rv.median():.3g}, "
              f"median |g| last step {gs[-1].abs().median():.3g}")
