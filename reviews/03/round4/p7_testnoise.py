"""Probe 7: is the regression's test set an 'easy draw'? Loss of the TRUE model on the 1000 test rows vs its expectation 0.5."""
import torch, d2lmini as d2l
N = d2l.nb02.SETUP['noisy']; (_, _, (Xs, ys)) = d2l.nb02.draw(N, seed=N.data_seed)
e = ys - Xs @ torch.full((20,), 0.3)
print('test-set mean of ½ε²:', float((e**2/2).mean()), ' se', float((e**2/2).std()/1000**.5), '(expected 0.5)')
