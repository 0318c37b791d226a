"""Where DataMorph keeps its state: `.datamorph/` in the working directory by default."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "DATAMORPH_HOME"
DATABASE_ENV = "DATAMORPH_DATABASE"
API_TOKEN_ENV = "DATAMORPH_API_TOKEN"  # the HTTP service's bearer token
STORE_ENV = "DATAMORPH_STORE"  # the run store's database URL (default: SQLite under home)


def home() -> Path:
    """The state directory: run store, artifacts, and the demo database."""
    return Path(os.environ.get(HOME_ENV) or ".datamorph")


def store_url() -> str | None:
    """The run store's database, when not the SQLite file under `home()`: a PostgreSQL URL
    lets several workers and machines share one store. `postgresql://` is read with psycopg."""
    url = os.environ.get(STORE_ENV) or None
    if url is not None:
        for scheme in ("postgresql://", "postgres://"):
            if url.startswith(scheme):
                return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def demo_database() -> Path:
    return home() / "demo.duckdb"


def default_database() -> str:
    return os.environ.get(DATABASE_ENV) or str(demo_database())


SPARK_MASTER_ENV = "DATAMORPH_SPARK_MASTER"
SPARK_WAREHOUSE_ENV = "DATAMORPH_SPARK_WAREHOUSE"


def spark_master() -> str:
    """The Spark master used when none is named: every local core by default."""
    return os.environ.get(SPARK_MASTER_ENV) or "local[*]"


def spark_warehouse() -> Path:
    """Spark's tables and their metastore: kept between runs, like a DuckDB file."""
    return Path(os.environ.get(SPARK_WAREHOUSE_ENV) or home() / "spark")


CACHE_ENV = "DATAMORPH_CACHE"


def cache_dir() -> Path:
    """Derived files that can be rebuilt at any time (the trained classifier)."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "datamorph"
    return Path(os.environ.get(CACHE_ENV) or default)
