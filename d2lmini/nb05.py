"""Notebook 05 (weight decay on real data): plumbing. Written by the notebook-05 work."""
