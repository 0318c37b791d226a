"""One module per producer; each exposes `harvest() -> list[dict]` (postgres takes a DSN)."""
