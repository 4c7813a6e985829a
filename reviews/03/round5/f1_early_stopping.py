# Fixer probe (round 5, D1): the notebook's own cells 1-7, then lambda = 0 stopped at the step with the lowest
# validation loss; its test loss, paired difference to weight decay, exact risk, and the 5 best validation steps.
# Run from the repository root: .venv/bin/python reviews/03/round5/f1_early_stopping.py
import json, copy, time
nb=json.load(open('notebooks/03_weight_decay_concise.ipynb'))
src = "\n".join(''.join(nb['cells'][i]['source']) for i in (1,3,5,7))
src = src.replace("%matplotlib inline","")
g={}
exec(src, g)
code = r'''
def stopped_early(wd, seed=S.init_seed):                  # train_concise's run, validation loss after every step
    net = scratch_init(nn.Linear(num_inputs, 1), seed)
    optimizer = torch.optim.SGD(linear_groups(net, wd), lr=lr)
    best_val, best_t, best_net = float('inf'), 0, None
    t = 0
    for epoch in range(num_epochs):
        for X, y in train_iter:
            loss = d2l.squared_loss(net(X), y).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            t += 1
            with torch.no_grad():
                v = float(d2l.squared_loss(net(X_val), y_val).mean())
            if v < best_val:
                best_val, best_t, best_net = v, t, copy.deepcopy(net)
    return best_net, best_t, net
import time; t0=time.process_time()
net_es, T_es, net_end = stopped_early(0.0)
print(time.process_time()-t0)
net0 = train_concise(0.0)
print(T_es, (net_end.weight-net0.weight).abs().max().item(), mean_loss(net_es, X_test, y_test), mean_loss(net_es,X_val,y_val))
'''
exec(code, g)
exec('''
t0=time.process_time(); train_concise(0.0); print("train_concise", time.process_time()-t0)
''', g)
exec('''
t0=time.process_time(); stopped_early(0.0); print("stopped_early 2nd", time.process_time()-t0)
''', g)
exec('''
net_wd = train_concise(lambd)
def pe(net):
    with torch.no_grad(): return d2l.squared_loss(net(X_test), y_test).reshape(-1)
print(d2l.nb02.mean_se(pe(net_es)-pe(net_wd)))
w,b = net_es.weight.detach().reshape(-1), net_es.bias.detach()[0]
print("risk", d2l.nb02.population_risk(N, w, b))
# val margins
net = scratch_init(nn.Linear(num_inputs, 1)); opt = torch.optim.SGD(linear_groups(net, 0.0), lr=lr); vs=[]
for e in range(num_epochs):
    for X,y in train_iter:
        l=d2l.squared_loss(net(X),y).mean(); opt.zero_grad(); l.backward(); opt.step()
        with torch.no_grad(): vs.append(float(d2l.squared_loss(net(X_val), y_val).mean()))
import numpy as np; vs=np.array(vs); o=np.argsort(vs)[:5]; print(o+1, vs[o])
''', g)
