"""Probe 8: the hidden graded cases of 03.4 (copied from the notebook cell) against the one-standard-error rule, and
of 03.3 against the 'no beta = 0 special case' answer."""
import ast, json, torch
torch.set_num_threads(1)
from d2lmini.checks import grader
nb = json.load(open('/work/main/notebooks/03_weight_decay_concise.ipynb'))
calls = {}
for c in nb['cells']:
    s = ''.join(c['source'])
    for node in ast.walk(ast.parse(s)) if '_wdlab_graded(' in s else []:
        if isinstance(node, ast.Call) and getattr(node.func, 'id', '') == '_wdlab_graded':
            calls[node.args[0].value] = (ast.literal_eval(node.args[2]), ast.literal_eval(node.args[3]))
def onese(lambdas, val, test):
    mu, se = val.mean(0), val.std(0) / val.shape[0] ** 0.5; kb = int(mu.argmax())
    k = max(i for i in range(len(mu)) if mu[i] >= mu[kb] - se[kb])
    return lambdas[k], float(test[:, k].mean())
def best(lambdas, val, test):
    k = int(val.mean(0).argmax()); return lambdas[k], float(test[:, k].mean())
for name, fn in [('03.4 worked', best), ('03.4 one-s.e. rule', onese)]:
    try: grader.grade('03.4', fn, *calls['03.4']); print(name, 'ACCEPTED by hidden cases')
    except BaseException as e: print(name, 'rejected by hidden cases:', str(e)[:200])
for name, fn in [('03.3 no beta=0 case', lambda wd, b, t: wd * (1 - b) / (1 - t))]:
    try: grader.grade('03.3', fn, *calls['03.3']); print(name, 'ACCEPTED by hidden cases')
    except BaseException as e: print(name, 'rejected by hidden cases:', str(e)[:200])
