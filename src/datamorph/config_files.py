"""Every setting DataMorph reads, and the two TOML files that may set them, checked key by key.

The files are optional: the user's `$XDG_CONFIG_HOME/datamorph/config.toml` (default
`~/.config/datamorph/config.toml`) and the project's `datamorph.toml`, the first one found from
the current directory upwards. A relative path in a file is read against that file's folder,
so the file means the same from any directory. `config.py` layers them under the environment
and the flags; this module only finds, reads and checks.

A key a file may not set, a value of the wrong type, or TOML that does not parse is one error
naming the file and the line: a typo in a configuration file must not be silently ignored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from datamorph.errors import ConfigurationError, did_you_mean

PROJECT_FILE = "datamorph.toml"
Kind = Literal["path", "location", "url", "text", "count", "seconds", "switch", "names"]
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Setting:
    """One setting: its key in the files (dotted when in a table), its environment variable,
    how its value reads, and what it means (the README's table says the same)."""

    name: str
    env: str
    kind: Kind
    meaning: str
    default: str
    in_files: bool = True  # False: environment only (secrets, per-invocation switches)
    secret: bool = False  # shown as *** by `config show`
    shown: bool = True  # False: a test hook, left out of `config show`


SETTINGS: tuple[Setting, ...] = (
    Setting("home", "DATAMORPH_HOME", "path", "state directory: run store, artifacts, demo "
            "database, Spark warehouse", "`.datamorph` beside the project's datamorph.toml, "
            "else in the current directory"),
    Setting("database", "DATAMORPH_DATABASE", "location", "database used when --database is "
            "not given (DuckDB file, postgresql://, spark:MASTER)", "`<home>/demo.duckdb`"),
    Setting("store", "DATAMORPH_STORE", "location", "run store database URL "
            "(postgresql://... to share one store)", "SQLite `<home>/runs.db`"),
    Setting("artifacts", "DATAMORPH_ARTIFACTS", "location", "where artifact files go: a "
            "directory or s3://bucket/prefix", "`<home>/artifacts`"),
    Setting("s3_endpoint_url", "DATAMORPH_S3_ENDPOINT_URL", "url", "endpoint of an "
            "S3-compatible store for artifacts", "AWS S3"),
    Setting("llm", "DATAMORPH_LLM", "text", "model for planning and healing, "
            "provider:model", "none: the offline planner"),
    Setting("llm_max_calls", "DATAMORPH_LLM_MAX_CALLS", "count", "model calls per run at "
            "most", "20"),
    Setting("llm_max_tokens", "DATAMORPH_LLM_MAX_TOKENS", "count", "tokens per run at most",
            "200000"),
    Setting("llm_max_seconds", "DATAMORPH_LLM_MAX_SECONDS", "seconds", "seconds of model "
            "calls per run at most", "300"),
    Setting("offline", "DATAMORPH_OFFLINE", "switch", "refuse model endpoints that are not "
            "on this machine", "false"),
    Setting("spark_master", "DATAMORPH_SPARK_MASTER", "text", "Spark master when none is "
            "named", "`local[*]`"),
    Setting("spark_warehouse", "DATAMORPH_SPARK_WAREHOUSE", "path", "Spark's tables and "
            "metastore", "`<home>/spark`"),
    Setting("cache", "DATAMORPH_CACHE", "path", "derived files that can be rebuilt (the "
            "trained classifier)", "`$XDG_CACHE_HOME/datamorph` (`~/.cache/datamorph`)"),
    Setting("wordnet", "DATAMORPH_WORDNET", "path", "WordNet folder the offline planner "
            "reads synonyms from", "`/usr/share/wordnet`"),
    Setting("glue_bucket", "DATAMORPH_GLUE_BUCKET", "text", "S3 bucket for AWS Glue job "
            "scripts", "none (needed to deploy)"),
    Setting("glue_role", "DATAMORPH_GLUE_ROLE", "text", "IAM role AWS Glue jobs run as",
            "none (needed to deploy)"),
    Setting("aws_endpoint_url", "DATAMORPH_AWS_ENDPOINT_URL", "url", "one endpoint for S3 "
            "and Glue (an emulator)", "AWS"),
    Setting("policy.approve", "DATAMORPH_APPROVE", "names", "healing strategies approved in "
            "advance (comma-separated in the variable), added to --approve", "none"),
    Setting("api_token", "DATAMORPH_API_TOKEN", "text", "bearer token of `datamorph serve`; "
            "unset, it serves loopback only", "none", in_files=False, secret=True),
    Setting("retrieval", "DATAMORPH_RETRIEVAL", "text", "the monitor's retrieval backend: "
            "bm25 or embedding", "`bm25`", in_files=False),
    Setting("as_of", "DATAMORPH_AS_OF", "text", "day (YYYY-MM-DD) relative periods end on, "
            "for reruns and backfills", "today", in_files=False),
    Setting("debug", "DATAMORPH_DEBUG", "text", "set to 1: show the traceback of an internal "
            "error", "unset", in_files=False),
    Setting("crash_at", "DATAMORPH_CRASH_AT", "text", "tests only: exit at once at this "
            "point of a run", "unset", in_files=False, shown=False),
    Setting("pause_at", "DATAMORPH_PAUSE_AT", "text", "tests only: wait at this point of a "
            "run", "unset", in_files=False, shown=False),
    Setting("pause_seconds", "DATAMORPH_PAUSE_SECONDS", "text", "tests only: how long "
            "DATAMORPH_PAUSE_AT waits", "60", in_files=False, shown=False),
    # read by the `datamorph` launcher before any configuration is (datamorph.daemon)
    Setting("daemon", "DATAMORPH_DAEMON", "text", "`on`: the second command in a row starts "
            "a `datamorph daemon`; `auto`: the first does; `manual`: used when one runs, never "
            "started; `off`: never used", "`on`", in_files=False),
    Setting("daemon_dir", "DATAMORPH_DAEMON_DIR", "path", "the folder of the daemon's socket "
            "(0700)", "`$XDG_RUNTIME_DIR/datamorph`, else `~/.cache/datamorph/daemon`",
            in_files=False),
    Setting("daemon_salt", "DATAMORPH_DAEMON_SALT", "text", "tests only: make a daemon or a "
            "command count as other code", "unset", in_files=False, shown=False),
    # a project: `datamorph build` and the commands that read its models
    Setting("project.name", "DATAMORPH_PROJECT_NAME", "text", "the project's name (in "
            "run_results.json, manifest.json and the docs)", "the project folder's name"),
    Setting("project.models", "DATAMORPH_MODELS", "path", "the folder of the project's "
            "models (JSON and YAML specs)", "`models` beside datamorph.toml"),
    Setting("project.threads", "DATAMORPH_THREADS", "count", "models `build` runs at once "
            "(independent ones only)", "4"),
    Setting("profile", "DATAMORPH_PROFILE", "text", "the `[profiles.NAME]` table of "
            "datamorph.toml that overrides its top-level settings (`--profile`)", "none"),
)  # fmt: skip
BY_NAME = {setting.name: setting for setting in SETTINGS}
TABLES = {name.partition(".")[0] for name in BY_NAME if "." in name}


@dataclass(frozen=True)
class Layer:
    """One file's settings, checked, with relative paths already made absolute. A value of
    None is a key set to "": the built-in default, whatever a lower layer says."""

    kind: Literal["user", "project"]
    path: Path
    values: dict[str, Any]
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # [profiles.NAME]

    @property
    def source(self) -> str:
        return f"{self.kind} file {self.path}"


def user_file() -> Path:
    """`$XDG_CONFIG_HOME/datamorph/config.toml`; a relative XDG_CONFIG_HOME is ignored, as the
    XDG spec says."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "datamorph" / "config.toml"


def project_file() -> Path | None:
    """The first `datamorph.toml` from the current directory upwards."""
    try:
        here = Path.cwd()
    except OSError:  # the current directory was removed
        return None
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


_cache: dict[Path, tuple[tuple[int, int], Layer]] = {}


def layers(profile: str | None = None) -> list[Layer]:
    """The files that exist, lowest precedence first (user, then project); each is read again
    only when it changed. The project file's values are those of `profile` (else the file's
    own `profile` key) over its top-level ones, with `${VARIABLE}` references filled in."""
    found: list[Layer] = []
    project = project_file()
    for kind, path in (("user", user_file()), ("project", project)):
        if path is None or not path.is_file():
            continue
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _cache.get(path)
        if cached is None or cached[0] != stamp or cached[1].kind != kind:
            values, profiles = read_file_with_profiles(path)
            cached = (stamp, Layer(kind, path, values, profiles))  # type: ignore[arg-type]
            _cache[path] = cached
        found.append(_with_profile(cached[1], profile))
    return found


def _with_profile(layer: Layer, chosen: str | None) -> Layer:
    name = chosen or layer.values.get("profile")
    values = dict(layer.values)
    if name and layer.kind == "project":
        if name not in layer.profiles:
            guess = did_you_mean(name, list(layer.profiles))
            known = ", ".join(sorted(layer.profiles)) or "none"
            raise ConfigurationError(
                f"{layer.path}: no profile '{name}' (profiles: {known})",
                hint=f"did you mean '{guess}'?" if guess else "add a [profiles.NAME] table",
            )
        values.update(layer.profiles[name])
    if any(isinstance(v, str) and "${" in v for v in values.values()):
        values = {key: _expanded(value, key, layer.path) for key, value in values.items()}
    return replace(layer, values=values)


_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _expanded(value: Any, key: str, path: Path) -> Any:
    """`${VARIABLE}` in a file's value: the variable's value, read when the setting is used."""
    if not isinstance(value, str):
        return value

    def filled(match: re.Match[str]) -> str:
        found = os.environ.get(match.group(1))
        if found is None:
            raise ConfigurationError(
                f"{path}: '{key}' refers to ${{{match.group(1)}}}, which is not set",
                hint=f"export {match.group(1)}=... before running datamorph",
            )
        return found

    return _REFERENCE.sub(filled, value)


def read_file(path: Path) -> dict[str, Any]:
    """A config file's settings by name, checked; relative paths made absolute."""
    return read_file_with_profiles(path)[0]


def read_file_with_profiles(path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A config file's top-level settings and each `[profiles.NAME]` table's, checked."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise ConfigurationError(
            f"{path} is not UTF-8 text (byte {error.start})", hint="save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(
            f"{path} is not valid TOML: {error}",
            hint="strings need quotes, tables are [name], see https://toml.io",
        ) from None
    profiles = data.pop("profiles", {})
    if not isinstance(profiles, dict) or not all(isinstance(v, dict) for v in profiles.values()):
        raise ConfigurationError(
            f"{_where(path, text, 'profiles')}: 'profiles' holds tables",
            hint="write each profile as [profiles.NAME] with its keys below",
        )
    values = _checked(data, path, text)
    return values, {name: _checked(table, path, text) for name, table in profiles.items()}


def _checked(data: dict[str, Any], path: Path, text: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, raw in _flatten(data, path, text):
        where = _where(path, text, key)
        setting = BY_NAME.get(key)
        if setting is None:
            raise ConfigurationError(f"{where}: unknown key '{key}'", hint=_key_hint(key))
        if not setting.in_files:
            raise ConfigurationError(
                f"{where}: '{key}' is read from the environment only",
                hint=f"set {setting.env} instead (secrets and switches stay out of files)",
            )
        if path.name == PROJECT_FILE:  # a project's file is shared; a user's is their own
            _refuse_written_secret(raw, where, key)
        values[key] = from_file(setting, raw, where, path.parent)
    return values


_URL_PASSWORD = re.compile(r"//[^/@:\s]*:([^@/\s]*)@")


_SECRET_PARAM = re.compile(r"[?&;](?:password|sslpassword|token|secret|key)[^=&]*=([^&;\s]*)", re.I)


def _refuse_written_secret(raw: Any, where: str, key: str) -> None:
    """A password written into a file ends up in version control: only a reference."""
    if not isinstance(raw, str):
        return
    found = [m.group(1) for m in (*_URL_PASSWORD.finditer(raw), *_SECRET_PARAM.finditer(raw))]
    if any(value and not _REFERENCE.fullmatch(value) for value in found):
        raise ConfigurationError(
            f"{where}: '{key}' holds a password; a file may only refer to one",
            hint="write it as ${PGPASSWORD} (an environment variable), or use ~/.pgpass",
        )


def _flatten(data: dict[str, Any], path: Path, text: str) -> list[tuple[str, Any]]:
    """`{"policy": {"approve": [...]}}` -> `[("policy.approve", [...])]`: tables are known."""
    pairs: list[tuple[str, Any]] = []
    for key, value in data.items():
        if key not in TABLES:
            pairs.append((key, value))
        elif not isinstance(value, dict):
            raise ConfigurationError(
                f"{_where(path, text, key)}: '{key}' must be a table",
                hint=f"write it as [{key}] with its keys below",
            )
        else:
            pairs.extend((f"{key}.{inner}", item) for inner, item in value.items())
    return pairs


def _where(path: Path, text: str, key: str) -> str:
    """`file, line N` for a key, found by a scan: tomllib keeps no positions."""
    last = re.escape(key.rpartition(".")[2])
    pattern = rf"^[ \t]*(\[[ \t]*)?[\"']?({re.escape(key)}|{last})[\"']?[ \t]*(=|\])"
    found = re.search(pattern, text, re.MULTILINE)
    return f"{path}, line {text.count(chr(10), 0, found.start()) + 1}" if found else str(path)


def _key_hint(key: str) -> str:
    names = [s.name for s in SETTINGS if s.in_files]
    guess = did_you_mean(key, [*names, *TABLES])
    if guess is None:  # a table's key written at the top level, or the other way round
        short = {name.rpartition(".")[2]: name for name in names}
        guess = short.get(did_you_mean(key.rpartition(".")[2], short) or "")
    if guess and "." in guess and key == guess.rpartition(".")[2]:
        table, _, inner = guess.partition(".")
        return f"put '{inner}' under [{table}]"
    return f"did you mean '{guess}'?" if guess else "the keys are: " + ", ".join(names)


def from_file(setting: Setting, raw: Any, where: str, base: Path) -> Any:
    """A file's value, checked against the setting's kind; "" means the built-in default."""
    if isinstance(raw, str) and not raw.strip():
        return None
    expected = _EXPECTED[setting.kind]
    if setting.kind == "names":
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise _type_error(where, setting, raw, expected)
        return _check_names(setting, [item.strip() for item in raw], where)
    if setting.kind in ("count", "seconds"):
        number = isinstance(raw, int) or (setting.kind == "seconds" and isinstance(raw, float))
        if isinstance(raw, bool) or not number or raw < 0:
            raise _type_error(where, setting, raw, expected)
        return raw
    if setting.kind == "switch":
        if not isinstance(raw, bool):
            raise _type_error(where, setting, raw, expected)
        return raw
    if not isinstance(raw, str):
        raise _type_error(where, setting, raw, expected)
    if setting.kind == "path":
        return _absolute(raw.strip(), base)
    return _located(raw.strip(), base) if setting.kind == "location" else raw.strip()


def from_env(setting: Setting, raw: str) -> Any:
    """An environment variable's value (not blank), checked; relative paths stay relative to
    the current directory, as they always were."""
    where = f"{setting.env}={raw!r}"
    if setting.kind == "path":
        return Path(raw).expanduser()
    if setting.kind == "names":
        return _check_names(setting, [n.strip() for n in raw.split(",") if n.strip()], where)
    if setting.kind == "switch":
        if raw.lower() not in _TRUE | _FALSE:
            raise ConfigurationError(
                f"{where} is not a switch", hint=f"set {setting.env} to 1 or 0"
            )
        return raw.lower() in _TRUE
    if setting.kind in ("count", "seconds"):
        try:
            value: float = int(raw) if setting.kind == "count" else float(raw)
        except ValueError:
            value = -1
        if value < 0:
            kind = _EXPECTED[setting.kind]
            raise ConfigurationError(f"{where} is not {kind}", hint=f"set {setting.env} to {kind}")
        return value
    return raw


_EXPECTED = {
    "path": "a path in quotes",
    "location": "a path or URL in quotes",
    "url": "a URL in quotes",
    "text": "a string in quotes",
    "count": "a whole number >= 0",
    "seconds": "a number of seconds >= 0",
    "switch": "true or false",
    "names": 'a list of names, e.g. ["deduplicate"]',
}


def _type_error(where: str, setting: Setting, raw: Any, expected: str) -> ConfigurationError:
    got = type(raw).__name__
    return ConfigurationError(
        f"{where}: '{setting.name}' must be {expected}, not {got} {raw!r:.60}",
        hint=f"for example {_example(setting)}",
    )


def _example(setting: Setting) -> str:
    key = setting.name.rpartition(".")[2]
    value = {"count": "20", "seconds": "300", "switch": "true", "names": '["deduplicate"]'}
    return f"{key} = {value.get(setting.kind, chr(34) + '...' + chr(34))}"


def _check_names(setting: Setting, names: list[str], where: str) -> frozenset[str]:
    """Strategy names, each one the monitor knows."""
    known = _strategy_names()
    for name in names:
        if name not in known:
            guess = did_you_mean(name, known)
            hint = f"did you mean '{guess}'?" if guess else "one of: " + ", ".join(sorted(known))
            raise ConfigurationError(f"{where}: unknown strategy '{name}'", hint=hint)
    return frozenset(names)


def _strategy_names() -> Iterable[str]:
    from datamorph.monitor.strategies import STRATEGIES  # the monitor only when asked

    return STRATEGIES


def _absolute(text: str, base: Path) -> Path:
    path = Path(text).expanduser()
    return path if path.is_absolute() else base / path


def _located(text: str, base: Path) -> str:
    """A path made absolute against `base`; a URL stays, except the relative file of a
    `sqlite:///` or `duckdb:///` URL."""
    lowered = text.lower()
    if lowered == ":memory:" or lowered == "spark" or lowered.startswith("spark:"):
        return text
    scheme, sep, rest = text.partition("://")
    if not sep:
        return str(_absolute(text, base))
    if scheme.lower() in ("sqlite", "duckdb") and rest.startswith("/") and rest[1:2] != "/":
        relative = rest[1:]
        if relative and relative != ":memory:" and not Path(relative).is_absolute():
            return f"{scheme}:///{_absolute(relative, base)}"  # four slashes: absolute
    return text
