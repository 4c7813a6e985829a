"""CPU seconds (time.process_time, insensitive to other load on the shared cores) of the notebook's training work,
to judge the 'about 25 s' run-time claim; wall seconds printed beside (load average too)."""
import os, sys, time
sys.path.insert(0, "/work/main")
import torch
import d2lmini as d2l
torch.set_num_threads(1)
print("load average", os.getloadavg())
S = d2l.nb05.SETUP
(Xtr, ytr), (Xva, yva), _ = d2l.nb05.digits()
Net = d2l.nb05.SimpleNet
tot_c = tot_w = 0
def timed(label, f):
    global tot_c, tot_w
    c, w = time.process_time(), time.perf_counter(); f(); c, w = time.process_time() - c, time.perf_counter() - w
    tot_c += c; tot_w += w; print(f"{label:<40} cpu {c:6.1f}s wall {w:6.1f}s")
grid = d2l.lambda_grid(1e-4, 0.1, 7)
def two_nets():     # cell 10 without the animator: 2 nets x 640 steps, plus per-epoch full evaluations
    for wd in (0.0, 1e-4):
        torch.manual_seed(1); net = Net(); opt = torch.optim.SGD(d2l.nb03.param_groups(net, wd), lr=0.01)
        dl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(Xtr, ytr), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(1))
        for _ in range(40):
            for xb, yb in dl:
                l = torch.nn.functional.cross_entropy(net(xb), yb); opt.zero_grad(); l.backward(); opt.step()
timed("cell 10: two nets (no animator)", two_nets)
timed("cell 16: SGD sweep 8 lambda x 5 seeds", lambda: d2l.nb05.train_sweep(Net, (Xtr, ytr), grid, S.seeds, 40, 0.1))
timed("cell 35: biases too, 2 lambda x 5 seeds", lambda: d2l.nb05.train_sweep(Net, (Xtr, ytr), [0.01, 0.1], S.seeds, 40, 0.1, decay_biases=True))
timed("cell 37: adam 4 x 5", lambda: d2l.nb05.train_sweep(Net, (Xtr, ytr), [0.0, 0.003, 0.01, 0.03], S.seeds, 40, 1e-3, optimizer="adam"))
timed("cell 37: adamw 3 x 5", lambda: d2l.nb05.train_sweep(Net, (Xtr, ytr), [1.0, 3.0, 10.0], S.seeds, 40, 1e-3, optimizer="adamw"))
print(f"total training: cpu {tot_c:.1f}s, wall {tot_w:.1f}s; load average now {os.getloadavg()}")
