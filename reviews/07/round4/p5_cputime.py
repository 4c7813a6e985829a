"""CPU time (process_time, insensitive to other jobs on the 2 shared cores) of the notebook's two heavy drivers."""
import sys, time; sys.path.insert(0, '/work/main')
import torch; torch.set_num_threads(1)
t = time.process_time(); import d2lmini as d2l; print(f"import d2lmini: {time.process_time()-t:.1f} s CPU")
S = d2l.nb07.SETUP
for name, f in [("selection_study", lambda: d2l.nb07.selection_study(S.bayes)), ("feature_study", lambda: d2l.nb07.feature_study(S.features)),
                ("risk_curves x3 + best_lambda (cell 7)", lambda: [d2l.nb07.best_lambda(d2l.nb07.risk_curves(S.bayes, 40, 2000, seed=100+k, sigma_w=sw), S.bayes.lambdas) for k, sw in enumerate([.15, .3, .6])])]:
    t = time.process_time(); w = time.time(); f(); print(f"{name}: {time.process_time()-t:.1f} s CPU, {time.time()-w:.1f} s wall")
