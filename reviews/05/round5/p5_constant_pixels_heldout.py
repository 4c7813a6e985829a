"""The 3 pixels constant in training: are they inked in validation/test images (where the leftover init weights act)?"""
import torch
from common import data
from sklearn.datasets import load_digits
X, _ = load_digits(return_X_y=True); X = torch.tensor(X)
(Xtr, _), (Xva, _), (Xte, _) = data()
for p in (0, 32, 39):
    print(f"pixel {p}: raw nonzero in all 1797 images: {int((X[:, p] > 0).sum())}; standardized nonzero in val {int((Xva[:, p] != 0).sum())}, test {int((Xte[:, p] != 0).sum())}")
