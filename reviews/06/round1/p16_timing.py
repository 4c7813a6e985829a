"""Run-time claim ('about 40 s'): time the two most expensive cells' work alone (section 2's sweep and section 6's
grokking run), one thread, and print the machine load before and after (the machine is shared)."""
import os, sys, time, torch
sys.path.insert(0, "/work/main")
import d2lmini as d2l
torch.set_num_threads(1)
M, S = d2l.nb06, d2l.nb06.SETUP
print("load average before:", os.getloadavg())
data = M.teacher_data(S)
runs = [M.Run(S.lr, l, S.momentum) for l in S.lambdas] + [M.Run(S.lr_plain, S.lambd_check), M.Run(4 * S.lr, S.lambd_check / 4, S.momentum, scale=2.0, head_lr=S.lr),
        M.Run(S.lr, 0.0, S.momentum, scale=S.scale_big), M.Run(S.lr, 0.0316, S.momentum, scale=S.scale_big)] + [M.Run(S.lr_adamw, l, optimizer="adamw") for l in S.lambdas_adamw]
t0 = time.time(); c0 = time.process_time(); M.train_bn(runs, S.seeds, data); t1 = time.time(); c1 = time.process_time()
print(f"section 2 sweep (cell 8): {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU")
t0 = time.time(); c0 = time.process_time(); M.train_grokking(S); t1 = time.time(); c1 = time.process_time()
print(f"grokking (cell 53): {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU")
print("load average after:", os.getloadavg())
