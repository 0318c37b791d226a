"""Development evaluation sets for the planner: two seeded databases and their prompts."""
