"""`postgresql://user:password@host:port/database?schema=sales&sslmode=require`, taken apart.

libpq reads the URL itself (psycopg hands it over); DataMorph only takes out its own `schema`
parameter and makes the form that may be shown: the password, in the URL or as a `password`
parameter, becomes `***`, and that form is what the run store, the logs and every message
see. A password can also come from PGPASSWORD or ~/.pgpass, as with psql.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from datamorph.errors import UsageError
from datamorph.redact import remember

DEFAULT_SCHEMA = "public"
_SECRET_PARAMS = {"password", "sslpassword"}
_SCHEMA = re.compile(r"^[^\x00]{1,63}$")


@dataclass(frozen=True)
class PostgresURL:
    conninfo: str  # what psycopg connects with: the URL without DataMorph's own parameters
    schema: str  # where tables are read and published
    shown: str  # the URL with secrets masked: the engine's location


def parse_postgres_url(url: str, schema: str | None = None) -> PostgresURL:
    """Split a postgresql:// URL; `schema` (an option) wins over `?schema=`."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here, not at connect
    except ValueError as error:
        raise UsageError(
            f"cannot read the database URL: {error}",
            hint="postgresql://user@host:5432/database",
        ) from None
    params = parse_qsl(parts.query, keep_blank_values=True)
    # masked wherever it shows from now on, in any form an error may echo it
    remember(parts.password, *(v for k, v in params if k in _SECRET_PARAMS))
    from_url = [value for key, value in params if key == "schema"]
    chosen = schema or (from_url[-1] if from_url else DEFAULT_SCHEMA)
    if not _SCHEMA.match(chosen):
        raise UsageError(f"'{chosen[:80]}' is not a schema name", hint="?schema=public")
    kept = [(key, value) for key, value in params if key != "schema"]
    scheme = "postgresql"
    conninfo = urlunsplit((scheme, parts.netloc, parts.path, urlencode(kept), ""))
    shown_params = [(k, "***" if k in _SECRET_PARAMS else v) for k, v in kept]
    if chosen != DEFAULT_SCHEMA:
        shown_params.append(("schema", chosen))
    shown = urlunsplit((scheme, _masked_netloc(parts), parts.path, urlencode(shown_params), ""))
    return PostgresURL(conninfo=conninfo, schema=chosen, shown=shown)


def _masked_netloc(parts: object) -> str:
    """`user:***@host`, whether the URL carried the password or libpq finds it (PGPASSWORD,
    ~/.pgpass): one database, one location, so runs stored under it are found again."""
    netloc: str = getattr(parts, "netloc", "")
    userinfo, at, hostport = netloc.rpartition("@")
    if not at:
        return netloc
    user = userinfo.split(":", 1)[0]
    return f"{user}:***@{hostport}"


def unmasked(shown: str) -> str:
    """A location as stored (`user:***@host`) made connectable again: without the mask,
    libpq reads the password from PGPASSWORD or ~/.pgpass."""
    return shown.replace(":***@", "@", 1)


def mask_url(text: str) -> str:
    """Any postgresql:// URL in `text` with its password masked (for messages and logs)."""
    return re.sub(
        r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@",
        lambda m: m.group(1) + "***@",
        text,
        flags=re.IGNORECASE,
    )
