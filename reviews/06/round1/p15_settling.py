"""Section 2's 'settled' criterion (decay time (1-β)/(ηλ) < T/3), on the notebook's own sweep (dumped by p00):
norm drift over the 2nd half and the RMS-angle ratio per quarter, against the norm's own relaxation time.
Linearising ||w||² ← (1-κ)²||w||² + η_eff²ĝ²/||w||² (κ = ηλ/(1-β)) about its fixed point gives a rate 4κ, i.e. a
relaxation time (1-β)/(4ηλ), a quarter of the 'decay time'."""
import math, torch
st = torch.load("/tmp/rev06/state.pt", weights_only=False)
sw, runs = st["sweep"], st["runs"]
T = sw["norm"].shape[0]
print(f"{'λ':>8} {'decay time':>10} {'relax. time':>11} {'‖w‖ @750':>9} {'‖w‖ @1500':>9} {'ratio q3':>8} {'ratio q4':>8} {'ratio 2nd half (per seed)':>28}")
for i, r in enumerate(runs[:6]):
    if not r["lambd"]:
        continue
    pred = math.sqrt(2 * r["lr"] * r["lambd"] / (1 + r["momentum"]))
    a2 = sw["angle2"][:, i]                     # (T, seeds)
    q3 = a2[750:1125].mean().sqrt() / pred; q4 = a2[1125:].mean().sqrt() / pred
    per_seed = (a2[750:].mean(0).sqrt() / pred).tolist()
    dt = (1 - r["momentum"]) / (r["lr"] * r["lambd"])
    print(f"{r['lambd']:>8g} {dt:>10.0f} {dt / 4:>11.0f} {sw['norm'][749, i].mean():>9.3f} {sw['norm'][-1, i].mean():>9.3f} {q3:>8.3f} {q4:>8.3f} "
          f"{str([round(x, 3) for x in per_seed]):>28}")
