"""Probe 5: installed-source facts used in the report (PyTorch SGD dampening, sklearn SGD L2 convention)."""
import inspect, re, os
from torch.optim import sgd
import sklearn.linear_model as lm
src = inspect.getsource(sgd._single_tensor_sgd)
print("torch SGD: dampening only used inside 'if momentum != 0':", bool(re.search(r"if momentum != 0:[\s\S]*dampening", src)),
      "| dampening outside that block:", "dampening" in src.split("if momentum != 0:")[0].split("for i, param")[1])
tp = open(os.path.join(os.path.dirname(lm.__file__), "_sgd_fast.pyx.tp")).read()
print("sklearn _sgd_fast.pyx.tp mentions 0.5 * L2**2:", "0.5 * L2**2" in tp)
