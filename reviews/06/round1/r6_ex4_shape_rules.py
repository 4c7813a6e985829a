"""Exercise 4: its failure message says 'look at each parameter's module, not only at its shape or its name'.
Does the check reject answers that use only the shape, or only the name? (Own wrong answers.)"""
import sys, torch
from torch import nn
torch.set_num_threads(1)
sys.path.insert(0, "/work/main")
import d2lmini as d2l
chk = d2l.checks.nb06.check_mingpt_groups
def shape_only(model, wd):        # every 2-D tensor except those whose NAME says embedding (tok/pos/emb)
    dec = [p for n, p in model.named_parameters() if p.dim() >= 2 and not n.split(".")[0] in ("tok", "pos", "wte", "wpe")]
    nod = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and not n.split(".")[0] in ("tok", "pos", "wte", "wpe"))]
    return [{"params": dec, "weight_decay": wd}, {"params": nod, "weight_decay": 0.0}]
def name_only(model, wd):         # names ending in 'weight' that are not layer norms or the first-level tok/pos tables
    rule = lambda n: n.endswith("weight") and "ln" not in n and not n.startswith(("tok", "pos"))
    return [{"params": [p for n, p in model.named_parameters() if rule(n)], "weight_decay": wd},
            {"params": [p for n, p in model.named_parameters() if not rule(n)], "weight_decay": 0.0}]
def dim2_not_embedding_module(model, wd):   # shape, with Embedding modules excluded: decays any 2-D non-Embedding tensor
    emb = {id(m.weight) for m in model.modules() if isinstance(m, nn.Embedding)}
    rule = lambda p: p.dim() >= 2 and id(p) not in emb
    return [{"params": [p for p in model.parameters() if rule(p)], "weight_decay": wd},
            {"params": [p for p in model.parameters() if not rule(p)], "weight_decay": 0.0}]
for f in (shape_only, name_only, dim2_not_embedding_module):
    try: print(f"{f.__name__:28}: ACCEPTED -> {chk(f)}")
    except AssertionError as e: print(f"{f.__name__:28}: rejected ({str(e)[:100]})")
# where these rules differ from minGPT: a model with a 2-D parameter that is not an nn.Linear weight (minGPT's original
# pos_emb was a bare nn.Parameter, which configure_optimizers puts in no_decay; GPT-2's Conv1D is another case)
class WithParam(nn.Module):
    def __init__(self):
        super().__init__(); self.pos_emb = nn.Parameter(torch.zeros(1, 8, 16)); self.fc = nn.Linear(16, 16)
m = WithParam()
for f in (shape_only, dim2_not_embedding_module):
    dec = {n for n, p in m.named_parameters() if any(p is q for q in f(m, 0.1)[0]["params"])}
    print(f"{f.__name__:28} on a model with a bare 2-D pos_emb Parameter decays {sorted(dec)} (minGPT: ['fc.weight'])")
