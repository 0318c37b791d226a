"""Held-out evaluation sets for the planner: schemas, data builders and requests."""
