"""Is the 'equal budget of 640 steps' verdict (λ = 0 ties the best λ; validation loss would pick λ ≈ 0) a property of
weight decay or of the step budget? Train the same nets for 400 epochs (6,400 steps). Uses d2l.nb05.train_sweep, whose
40-epoch table p1_retrain.py reproduced digit for digit with a plain torch loop. Also splits the validation loss into
images the nets get right / wrong."""
import math, sys, time
sys.path.insert(0, "/work/main")
import torch
from torch.nn import functional as F
import d2lmini as d2l
torch.set_num_threads(1)
(Xtr, ytr), (Xva, yva), (Xte, yte) = d2l.nb05.digits()
lams = [0.0, 1e-3, 0.01, 10 ** -1.5]
def ms(v): return f"{v.mean():.2f}±{v.std() / math.sqrt(len(v)):.2f}"
for E in (40, 400):
    t = time.perf_counter()
    sw = d2l.nb05.train_sweep(d2l.nb05.SimpleNet, (Xtr, ytr), lams, (1, 2, 3, 4, 5), E, 0.1)
    trl, tra = sw.evaluate(Xtr, ytr); vl, va = sw.evaluate(Xva, yva); tl, ta = sw.evaluate(Xte, yte)
    conv = sw.epoch_loss[:, :, -11] / sw.epoch_loss[:, :, -1]
    print(f"--- {E} epochs ({E * 16} steps), {time.perf_counter() - t:.0f}s wall")
    cv = sw.correct(Xva, yva)
    for i, l in enumerate(lams):
        with torch.no_grad():
            out = sw.logits(Xva)[i]                                   # (5, 400, 10)
            ce = F.cross_entropy(out.flatten(0, 1), yva.repeat(5), reduction="none").reshape(5, -1)
        ok = cv[i]
        right = (ce * ok).sum(1) / 400; wrong = (ce * ~ok).sum(1) / 400
        conf = out.softmax(-1).amax(-1)
        print(f"λ={l:<7.4g} train loss {trl[i].mean():.4f} (L[-11]/L[-1] {conv[i].mean():.2f}) | val acc {ms(100 * va[i])} "
              f"val loss {ms(vl[i])} = right {right.mean():.3f} + wrong {wrong.mean():.3f} | mean max-prob on right images "
              f"{(conf * ok).sum() / ok.sum():.3f} | test acc {ms(100 * ta[i])} | ||W|| {sw.weight_norm[i, :, -1].mean():.2f}")
    for i in range(1, len(lams)):
        d = 100 * (cv[i].float() - cv[0].float())
        ct = sw.correct(Xte, yte); dt = 100 * (ct[i].float() - ct[0].float())
        print(f"   λ={lams[i]:.4g} minus λ=0: val {d.mean():+.2f} (se seeds {d.mean(1).std() / 5 ** .5:.2f}, images {d.mean(0).std() / 20:.2f}); "
              f"test {dt.mean():+.2f} (se seeds {dt.mean(1).std() / 5 ** .5:.2f}, images {dt.mean(0).std() / 397 ** .5:.2f})")
