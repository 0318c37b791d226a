"""The seeded retail demo: its data, its spec and the showcase run."""

DEFAULT_ORDERS = 10_000  # the demo database's size; here so that the CLI reads it cheaply
