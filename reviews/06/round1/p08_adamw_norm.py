"""Section 4.5, own loop (p02's): AdamW (lr 0.01) on the BatchNorm MLP's first layer: mean RMS row norm over the last
500 of 1500 steps against sqrt(eta C/(2 lam)), C = 20, seeds 1-6."""
import math, torch
from p02_bn_equilibrium import train
torch.set_num_threads(1)
for lam in (0.125, 0.5):
    pred = math.sqrt(0.01 * 20 / (2 * lam))
    r = []
    for s in range(1, 7):
        _, a2, u = train(0.01, lam, 0.0, s, 1500, opt="adamw")
        r.append(u[-500:].sqrt().mean().item() / pred)
    r = torch.tensor(r)
    print(f"λ = {lam}: norm / √(ηC/(2λ)) per seed {[round(float(x), 3) for x in r]}; seeds 1-3 mean {r[:3].mean():.3f}, "
          f"seeds 1-6 mean {r.mean():.3f} ± {r.std() / math.sqrt(6):.3f}")
