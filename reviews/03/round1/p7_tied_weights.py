"""Probe 7: edge case 'for any model' (section 5 rule, exercise 1): a weight shared by two modules (tied input embedding
and output head, as in GPT-2 / many language models). Does param_groups / the worked l2_term count it twice?"""
import warnings, torch
from torch import nn
torch.set_num_threads(1)
import d2lmini.nb03 as M

class Tied(nn.Module):
    def __init__(self, vocab=11, d=4):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.head = nn.Linear(d, vocab, bias=False)
        self.head.weight = self.embed.weight          # weight tying

NORMS = (nn.modules.batchnorm._NormBase, nn.LayerNorm, nn.GroupNorm, nn.RMSNorm)
def l2_term(model, lambd):                            # the notebook's worked solution (cell 56), verbatim logic
    total = torch.zeros(())
    for module in model.modules():
        for name, p in module.named_parameters(recurse=False):
            if p.requires_grad and p.dim() >= 2 and name != "bias" and not isinstance(module, NORMS):
                total = total + (p ** 2).sum()
    return lambd / 2 * total

torch.manual_seed(0)
m = Tied()
W = m.embed.weight
print(f"unique parameters: {len(list(m.parameters()))};  lambda/2 ||W||^2 = {float(0.3 / 2 * (W ** 2).sum()):.5f};  "
      f"worked l2_term = {float(l2_term(m, 0.3)):.5f}  (ratio {float(l2_term(m, 0.3) / (0.3 / 2 * (W ** 2).sum())):.2f})")
groups = M.param_groups(m, 0.5)
print("param_groups sizes:", [len(g["params"]) for g in groups], "(the same tensor listed", sum(p is W for g in groups for p in g["params"]), "times)")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    opt = torch.optim.SGD(groups, lr=0.1)
print("torch warnings on building the optimizer:", [str(c.message)[:90] for c in caught])
before = W.detach().clone()
W.grad = torch.zeros_like(W)
opt.step()
print(f"one SGD step with zero gradient, lr 0.1, wd 0.5: factor {float((W.detach() / before).mean()):.4f} (expected 1 - 0.05 = 0.95)")
