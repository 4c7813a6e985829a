"""Self-checks for the exercises of notebook 05 (weight decay on real data)."""
