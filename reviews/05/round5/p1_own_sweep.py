"""Own loop: pipeline numbers, tutorial run, SGD sweep subset (λ = 0, 0.01, 0.1 × 5 seeds), paired s.e., test,
baselines (seed-to-seed disagreement, majority class), and 4x longer training (budget-limited explanation)."""
import math, torch
from common import *
(Xtr, ytr), (Xva, yva), (Xte, yte) = data()
dead = (Xtr.std(0) == 0)
print("constant pixels:", dead.nonzero().flatten().tolist(), "per-digit counts", torch.bincount(ytr).min().item(), torch.bincount(ytr).max().item())
print("val pixel means max |.|: %.3f" % Xva.mean(0).abs().max())
# --- tutorial run, eta=0.01
for lam in (0.0, 1e-4):
    net, L = train(1, Xtr, ytr, lam, lr=0.01)
    print(f"tutorial lam={lam:g}: train acc {loss_acc(net,Xtr,ytr)[1]:.4f} val {loss_acc(net,Xva,yva)} ||W1|| {net[0].weight.norm():.4f}")
    if lam == 0: p0 = net(Xva).argmax(1); W0norm = net[0].weight.norm().item()
    else: print("  disagreements with lam=0:", int((net(Xva).argmax(1) != p0).sum()), " norm ratio %.5f" % (net[0].weight.norm().item() / W0norm))
net2, _ = train(2, Xtr, ytr, 0.0, lr=0.01)
print("baseline: seed 2 vs seed 1, both lam=0, eta=0.01: disagreements", int((net2(Xva).argmax(1) != p0).sum()))
# --- sweep subset
res = {}
for lam in (0.0, 0.01, 0.1):
    C, Cte, va, te, vl, tl, conv, nrm = [], [], [], [], [], [], [], []
    for s in (1, 2, 3, 4, 5):
        net, L = train(s, Xtr, ytr, lam)
        C.append(correct(net, Xva, yva)); Cte.append(correct(net, Xte, yte))
        vl.append(loss_acc(net, Xva, yva)[0]); tl.append(loss_acc(net, Xtr, ytr)); conv.append(L[29] / L[39]); nrm.append(wnorm(net))
    C, Cte = torch.stack(C), torch.stack(Cte)
    res[lam] = (C, Cte)
    va, vse = mse(100 * C.float().mean(1)); te_, tse = mse(100 * Cte.float().mean(1))
    print(f"lam={lam:<5g} val {va:.2f}±{vse:.2f}  test {te_:.2f}±{tse:.2f}  val loss {mse(vl)[0]:.4f}  train acc {100*sum(a for _,a in tl)/5:.2f} "
          f"train loss {sum(l for l,_ in tl)/5:.4f}  L30/L40 {sum(conv)/5:.3f}  ||W|| {sum(nrm)/5:.3f}")
def paired(a, b):
    ps = 100 * (a.float().mean(1) - b.float().mean(1)); pi = 100 * (a.float().mean(0) - b.float().mean(0))
    return ps.mean().item(), (ps.std() / math.sqrt(len(ps))).item(), (pi.std() / math.sqrt(a.shape[1])).item(), (a != b).sum(1).tolist()
for lam in (0.01, 0.1):
    print(f"paired val lam={lam} - 0:", paired(res[lam][0], res[0.0][0]))
    print(f"paired TEST lam={lam} - 0:", paired(res[lam][1], res[0.0][1]))
# between-seed disagreement at lam=0, eta=0.1 (baseline for 'nets disagree on 1-4 images')
C0 = res[0.0][0]; print("lam=0, eta=0.1: seed s vs seed s+1 disagreements:", [int((C0[i] != C0[i+1]).sum()) for i in range(4)],
                         "(correctness differs; prediction disagreements >= these)")
q = res[0.01][1].float().mean().item(); print("test sampling s.e. %.2f points" % (100 * math.sqrt(q * (1 - q) / len(yte))))
print("majority baseline on val: %.1f%%" % (100 * (yva == torch.bincount(ytr).argmax()).float().mean()))
# --- 4x longer training (160 epochs) for lam = 0 and 0.01: is 'no gain from tuned decay' a budget artefact?
for lam in (0.0, 0.01):
    C = []; conv = []; tl = []
    for s in (1, 2, 3, 4, 5):
        net, L = train(s, Xtr, ytr, lam, epochs=160)
        C.append(correct(net, Xva, yva)); conv.append(L[149] / L[159]); tl.append(L[-1])
    C = torch.stack(C); res[("long", lam)] = C
    print(f"160 epochs lam={lam}: val {mse(100*C.float().mean(1))}, last-epoch train loss {sum(tl)/5:.4f}, L150/L160 {sum(conv)/5:.3f}")
print("160 epochs paired lam=0.01 - 0:", paired(res[("long", 0.01)], res[("long", 0.0)]))
