"""DataMorph's settings, in layers: built-in defaults < the user's config file < the project's
`datamorph.toml` < environment variables < command-line flags.

Every value is read when asked for (a file again only when it changed), so a changed
environment or file counts at once. The files, their keys and their checks are in
`config_files.py`. Without a project file the state directory is `.datamorph` in the current
directory, as it always was; with one it is `.datamorph` beside that file, so every
subdirectory of a project uses the same run store and artifacts.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamorph.config_files import BY_NAME, SETTINGS, Setting, from_env, layers, project_file

HOME_ENV = "DATAMORPH_HOME"
DATABASE_ENV = "DATAMORPH_DATABASE"
API_TOKEN_ENV = "DATAMORPH_API_TOKEN"  # the HTTP service's bearer token
STORE_ENV = "DATAMORPH_STORE"  # the run store's database URL (default: SQLite under home)
SPARK_MASTER_ENV = "DATAMORPH_SPARK_MASTER"
SPARK_WAREHOUSE_ENV = "DATAMORPH_SPARK_WAREHOUSE"
CACHE_ENV = "DATAMORPH_CACHE"

# Values given as command-line flags (`datamorph --store URL ...`): the top layer. The CLI
# sets them for one invocation and clears them at the start of the next.
_flags: dict[str, tuple[Any, str]] = {}


def set_flag(name: str, value: Any, option: str) -> None:
    _flags[name] = (value, option)


def clear_flags() -> None:
    _flags.clear()


@dataclass(frozen=True)
class Value:
    """A setting's value and where it came from; `value` None: the built-in default."""

    setting: Setting
    value: Any
    source: str  # default | user file PATH | project file PATH | env VAR | flag --OPTION


def lookup(name: str) -> Value:
    """The value of one setting from the highest layer that sets it."""
    setting = BY_NAME[name]
    if name in _flags:
        value, option = _flags[name]
        return Value(setting, value, f"flag {option}")
    raw = os.environ.get(setting.env, "").strip()
    if raw:  # an empty variable is unset, as it always was
        return Value(setting, from_env(setting, raw), f"env {setting.env}")
    if setting.in_files:
        for layer in reversed(layers(_profile())):
            if name in layer.values:
                return Value(setting, layer.values[name], layer.source)
    return Value(setting, None, "default")


def _profile() -> str | None:
    """The profile chosen by flag or environment; the project file may name its own."""
    if "profile" in _flags:
        return str(_flags["profile"][0])
    return os.environ.get(BY_NAME["profile"].env, "").strip() or None


def _get(name: str) -> Any:
    return lookup(name).value


def home() -> Path:
    """The state directory: run store, artifacts, and the demo database."""
    chosen: Path | None = _get("home")
    if chosen is not None:
        return chosen
    project = project_file()
    return project.parent / ".datamorph" if project is not None else Path(".datamorph")


def store_url() -> str | None:
    """The run store's database, when not the SQLite file under `home()`: a PostgreSQL URL
    lets several workers and machines share one store. `postgresql://` is read with psycopg."""
    url: str | None = _get("store")
    if url is not None:
        for scheme in ("postgresql://", "postgres://"):
            if url.startswith(scheme):
                return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def artifacts_url() -> str | None:
    """Where artifact files go when configured: a directory or `s3://bucket/prefix`; None:
    `<home>/artifacts`."""
    value = _get("artifacts")
    return None if value is None else str(value)


def s3_endpoint_url() -> str | None:
    """The endpoint of an S3-compatible store for artifacts; None: AWS S3."""
    value: str | None = _get("s3_endpoint_url")
    return value


def approved_strategies() -> frozenset[str]:
    """Healing strategies the project's policy approves in advance (`[policy] approve`, or
    DATAMORPH_APPROVE); `--approve` adds to them for one run."""
    value: frozenset[str] | None = _get("policy.approve")
    return value or frozenset()


def demo_database() -> Path:
    return home() / "demo.duckdb"


def default_database() -> str:
    value: str | None = _get("database")
    return value or str(demo_database())


def spark_master() -> str:
    """The Spark master used when none is named: every local core by default."""
    value: str | None = _get("spark_master")
    return value or "local[*]"


def spark_warehouse() -> Path:
    """Spark's tables and their metastore: kept between runs, like a DuckDB file."""
    value: Path | None = _get("spark_warehouse")
    return value or home() / "spark"


def cache_dir() -> Path:
    """Derived files that can be rebuilt at any time (the trained classifier)."""
    value: Path | None = _get("cache")
    if value is not None:
        return value
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "datamorph"


def llm_spec() -> str | None:
    """The model (`provider:model`) used when none is named; None: the offline planner."""
    value: str | None = _get("llm")
    return value


def llm_budget() -> dict[str, float]:
    """The per-run limits that are configured: `max_calls`, `max_tokens`, `max_seconds`."""
    limits = {key: _get(f"llm_{key}") for key in ("max_calls", "max_tokens", "max_seconds")}
    return {key: value for key, value in limits.items() if value is not None}


def offline() -> bool:
    """True: model endpoints not on this machine are refused."""
    return bool(_get("offline"))


def wordnet_folder() -> Path | None:
    value: Path | None = _get("wordnet")
    return value


def glue_settings() -> dict[str, str]:
    """The AWS Glue settings that are configured: `bucket`, `role`, `endpoint_url`."""
    names = {"bucket": "glue_bucket", "role": "glue_role", "endpoint_url": "aws_endpoint_url"}
    found = {key: _get(name) for key, name in names.items()}
    return {key: value for key, value in found.items() if value}


def effective() -> list[Value]:
    """Every setting `config show` lists, a default filled in where one is computed."""
    computed = {
        "home": home,
        "database": default_database,
        "store": lambda: f"sqlite:///{(home() / 'runs.db').resolve()}",
        "artifacts": lambda: home() / "artifacts",
        "spark_master": spark_master,
        "spark_warehouse": spark_warehouse,
        "cache": cache_dir,
    }
    values = []
    for setting in SETTINGS:
        if not setting.shown:
            continue
        found = lookup(setting.name)
        if found.value is None and setting.name in computed:
            found = Value(setting, computed[setting.name](), found.source)
        values.append(found)
    return values


_URL_PASSWORD = re.compile(r"(//[^/@:\s]*):[^@/\s]*@")
_SECRET_PARAM = re.compile(r"([?&;](?:password|sslpassword|token|secret|key)[^=&]*=)[^&;\s]*", re.I)


def shown(value: Value) -> str | None:
    """The value as it may be printed: a secret as ***, a password in a URL as ***."""
    if value.value is None:
        return None
    if value.setting.secret:
        return "***"
    if isinstance(value.value, bool):
        return "true" if value.value else "false"
    if isinstance(value.value, frozenset):
        return ", ".join(sorted(value.value))
    return shown_location(str(value.value))


def shown_location(text: str) -> str:
    """A database or store URL as it may be printed: its password (in the URL or as a
    parameter) and any token or key parameter as ***."""
    return _SECRET_PARAM.sub(r"\1***", _URL_PASSWORD.sub(r"\1:***@", text))
