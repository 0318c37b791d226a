"""Secrets masked (`***`) before anything is logged, stored, printed, returned or sent to a model.

Two layers. Patterns for the shapes secrets come in: a URL's password (`scheme://user:pw@`),
`password=` / `api_key: ...` / `"SecretAccessKey": "..."` pairs (libpq strings, query strings,
headers, JSON), `Authorization: Bearer ...`, provider keys (Anthropic, OpenAI, GitHub, AWS key
ids, Slack, Google, JWTs, PEM private keys). Then the exact values this process knows: the
environment's keys, tokens and passwords, the passwords of the database URLs it was given, and
keys handed to it in code (`remember`), since a secret in an odd shape defeats any pattern.

Written here as a few compiled regexes rather than taken from detect-secrets: that library
finds suspicious *lines* for a commit hook (with a baseline file, and entropy plugins that
would flag every sha256 and run id this project stores); it gives back no spans to replace in
a message, and it brings pyyaml and requests along. The shapes follow its plugins and the
providers' published key formats.

Applied at the choke points only: the run store's writes, the incident log, `DataMorphError`,
the CLI and API error edges, what the LLM clients send, and the log records (`install_logging`).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

MASK = "***"
_MIN_KNOWN = 8  # a shorter known value ('x', a placeholder) would mask ordinary words
_MIN_BARE = 8  # `token: FROM` in a parser's message is not a credential; `token: 9f3a...` is

# Environment variables that hold a secret, by name or by how the name ends.
SECRET_ENV = (
    "DATAMORPH_API_TOKEN",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "OPENAI_API_KEY",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_BEARER_TOKEN_BEDROCK",
    "PGPASSWORD",
)
_SECRET_ENV_END = ("PASSWORD", "PASSWD", "TOKEN", "SECRET", "API_KEY", "SECRET_ACCESS_KEY")
# Environment variables that hold a URL or conninfo whose password is a secret.
URL_ENV = ("DATAMORPH_DATABASE", "DATAMORPH_STORE", "DATABASE_URL")

# A key whose value is a secret *ends* with one of these words (`password_hash` does not).
_KEY_ENDS = (
    "password", "passwd", "pwd", "secret", "token", "credential", "credentials",
    "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key",
    "privatekey", "private_key", "private-key",
)  # fmt: skip
_KEY_NAME = r"[\w-]+(?:" + "|".join(f"(?<={end})" for end in _KEY_ENDS) + ")"
_SECRET_KEY_NAME = re.compile(_KEY_NAME + r"|authorization|cookie", re.IGNORECASE)
_QUOTED = r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
_BARE = r"[^\s,;&'\"<>(){}\[\]]+"
# `key=value` (libpq, query strings, env files), `key = 'quoted'` (SQL), `key: value` (headers,
# YAML, JSON); which of them counts is decided in `_pair` from the separator.
_PAIR = re.compile(
    rf"(?P<key>{'|'.join(sorted(_KEY_ENDS, key=len, reverse=True))})(?P<q>[\"']?)"
    rf"(?P<sep>=(?!=)\s*|\s+=\s*|\s*:(?!:)\s*)(?P<value>{_QUOTED}|{_BARE})",
    re.IGNORECASE,
)


def _pair(match: re.Match[str]) -> str:
    whole, value, sep = match.group(0), match.group("value"), match.group("sep").strip()
    start = match.start()
    text = match.string
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
        start -= 1
    if start > 0 and text[start - 1] == ".":
        return whole  # `u.password = ...`: a qualified column in code, not a setting
    quoted = value[0] in "'\""
    spaced = match.group("sep")[0].isspace()
    if sep == "=" and spaced and not quoted:
        return whole  # `password = other_column` stays code; `password = 'x'` does not
    if sep == ":" and not quoted and len(value) < _MIN_BARE:
        return whole  # `Unexpected token: FROM` is a parser talking, not a credential
    remember(value.strip("'\"") if quoted else value)  # echoed bare later, masked still
    masked = value[0] + MASK + value[0] if quoted else MASK  # JSON and SQL stay well-formed
    return whole[: len(whole) - len(value)] + masked


def _userinfo(match: re.Match[str]) -> str:
    remember(match.group(2))  # a password seen once in a URL is masked in any later echo
    return f"://{match.group(1)}:{MASK}@"


Replacement = str | Callable[[re.Match[str]], str]
# (pattern, replacement, words one of which must be in the lowercased text for it to apply):
# most messages hold none of them, and a substring test costs far less than a regex scan.
_PATTERNS: tuple[tuple[re.Pattern[str], Replacement, tuple[str, ...]], ...] = (
    # PEM private keys, whole
    (
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)",
            re.DOTALL,
        ),
        MASK,
        ("private key",),
    ),
    # scheme://user:password@host, any scheme (the user stays, as libpq's messages show it);
    # starting at the literal '://' lets the engine skip to it
    (re.compile(r"://([^\s:/@'\"<>]*):([^\s@'\"<>]*)@"), _userinfo, ("://",)),
    # Authorization: Bearer xyz / Basic xyz / a bare value
    (
        re.compile(
            r"(authorization[\"']?\s*[:=]\s*[\"']?"
            r"(?:(?:bearer|basic|token|digest)\s+|(?!(?:bearer|basic|token|digest)\b)))" + _BARE,
            re.IGNORECASE,
        ),
        r"\1" + MASK,
        ("authorization",),
    ),
    (re.compile(r"(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*", re.IGNORECASE), r"\1" + MASK, ("bearer",)),
    (_PAIR, _pair, ("passw", "pwd", "secret", "token", "credential", "key")),
    # provider keys and tokens, wherever they stand
    (re.compile(r"\bsk-(?:ant-[A-Za-z0-9_\-]{4,}|[A-Za-z0-9_\-]{16,})"), MASK, ("sk-",)),
    (
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"),
        MASK,
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ),
    (
        re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b"),
        MASK,
        ("akia", "asia", "abia", "acca", "a3t"),
    ),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9\-]{10,}"), MASK, ("xox",)),
    (re.compile(r"\bAIza[0-9A-Za-z\-_]{35}"), MASK, ("aiza",)),
    (
        re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*"),
        MASK,
        ("eyj",),
    ),
)
_TRIGGERS = tuple(sorted({word for *_, words in _PATTERNS for word in words}))
_remembered: frozenset[str] = frozenset()  # replaced whole, never changed: a cache key
_lock = threading.Lock()


def redact(text: str) -> str:
    """`text` with every secret it shows replaced by `***`."""
    if not text:
        return text
    known = _known_pattern(_env_values(), _remembered)
    if known is not None:
        text = known.sub(MASK, text)
    lowered = text.lower()
    present = {word for word in _TRIGGERS if word in lowered}
    if present:
        for pattern, replacement, words in _PATTERNS:
            if present.intersection(words):
                text = pattern.sub(replacement, text)
    return text


def redact_json(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings) with its secrets masked: strings as by
    `redact`, and the whole value of a key named like a secret (`password`, `api_key`)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {
            redact(k) if isinstance(k, str) else k: _masked_value(k, v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(redact_json(item) for item in value)
    return value


def redact_content(content: str | bytes) -> str | bytes:
    """An artifact's content: text masked, bytes masked when they are UTF-8 text."""
    if isinstance(content, str):
        return redact(content)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return content  # not text (Parquet, an image): no secret shape to find in it
    cleaned = redact(text)
    return content if cleaned == text else cleaned.encode("utf-8")


def remember(*secrets: str | None) -> None:
    """Mask these exact values from now on in this process (a key passed in code, the
    password of a URL given on the command line)."""
    global _remembered
    forms = {form for secret in secrets for form in _forms(secret)}
    if forms - _remembered:
        with _lock:
            _remembered = _remembered | forms


def remember_in(text: str | None) -> None:
    """Remember the secrets `text` carries in a known shape: a URL's password, a libpq or
    query-string `password=`; a URL's password may then be echoed in any form."""
    if not text:
        return
    remember(*_url_secrets(text))


def known_secrets() -> frozenset[str]:
    """The exact values masked wherever they appear: remembered ones and the environment's."""
    return _known_values(_env_values(), _remembered)


def install_logging() -> None:
    """Every log record of this process masked when it is made (any logger, any handler):
    its message with the arguments filled in, and its traceback's text."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "datamorph_redacts", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            record.msg, record.args = redact(record.getMessage()), None
        except Exception:  # a record whose arguments do not fit its format: left to logging
            return record
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    factory.datamorph_redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def masked_parameters(
    conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
) -> tuple[str, Any]:
    """SQLAlchemy's `before_cursor_execute` (retval=True): every string bound to a statement
    masked, so nothing a column holds (a run's request, a decision's detail, any column added
    later) keeps a secret, and a lookup compares masked values with masked values."""
    if executemany and isinstance(parameters, list):
        return statement, [_masked_row(row) for row in parameters]
    return statement, _masked_row(parameters)


def _masked_row(row: Any) -> Any:
    if isinstance(row, dict):
        return {k: redact(v) if isinstance(v, str) else v for k, v in row.items()}
    if isinstance(row, tuple | list):
        return type(row)(redact(v) if isinstance(v, str) else v for v in row)
    return row


# ---- internals ------------------------------------------------------------------------------


def _masked_value(key: Any, value: Any) -> Any:
    is_secret_key = isinstance(key, str) and _SECRET_KEY_NAME.fullmatch(key) is not None
    if is_secret_key and isinstance(value, str) and value and value != MASK:
        return MASK
    return redact_json(value)


def _forms(secret: str | None) -> set[str]:
    """The value as given and percent-decoded (a URL's `p%40ss` is echoed as `p@ss`)."""
    if not secret or secret == MASK:
        return set()
    forms = {secret.strip(), unquote(secret.strip())}
    return {form for form in forms if len(form) >= _MIN_KNOWN}


_USERINFO = re.compile(r"://([^\s/@]*)@")


def _url_secrets(text: str) -> list[str]:
    """Passwords in a URL (`user:pw@`, `?password=`) or a libpq string (`password=pw`)."""
    found = [
        match.group("value").strip("'\"")
        for match in _PAIR.finditer(text)
        if _pair(match) != match.group(0)
    ]
    # every URL's user:password@ (also in `--database=...`, also when the URL is malformed)
    found += [info.partition(":")[2] for info in _USERINFO.findall(text)]
    return [value for value in found if value]


def _env_values() -> tuple[tuple[str, str], ...]:
    """(name, value) of the environment's secret variables; the names are found again only
    when the number of variables changes (reading every value each time costs 0.2 ms)."""
    return tuple((name, os.environ.get(name, "")) for name in _secret_env_names(len(os.environ)))


@lru_cache(maxsize=4)
def _secret_env_names(_count: int) -> tuple[str, ...]:
    return tuple(
        name
        for name in os.environ
        if name.upper() in SECRET_ENV + URL_ENV or name.upper().endswith(_SECRET_ENV_END)
    )


@lru_cache(maxsize=32)
def _known_values(env: tuple[tuple[str, str], ...], remembered: frozenset[str]) -> frozenset[str]:
    found = set(remembered)
    for name, value in env:
        if name.upper() in URL_ENV:
            found.update(form for secret in _url_secrets(value) for form in _forms(secret))
        else:
            found.update(_forms(value))
    return frozenset(found)


@lru_cache(maxsize=32)
def _known_pattern(
    env: tuple[tuple[str, str], ...], remembered: frozenset[str]
) -> re.Pattern[str] | None:
    # the longest first, so no value is masked only in part by a shorter one inside it
    ordered = sorted(_known_values(env, remembered), key=len, reverse=True)
    # any case: a planner quoting a request's words lowercases them
    return re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE) if ordered else None
