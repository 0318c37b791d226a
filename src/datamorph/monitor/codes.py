"""Layer 1 of failure classification: native error codes and what they mean.

A code is namespaced (`sqlstate:42P01`, `duckdb:Binder`, `errno:ENOENT`, `http:429`, ...).
`lookup` turns one into a distribution over the taxonomy's categories; `extract_codes` finds
the codes written in a message's text, because events from external pipelines arrive as text
only; `code_prior` picks the most specific code the tables know. The tables (`code_tables`)
follow each code's documentation. Nothing here reads free text for meaning: that is the ML
layer's job. Fixed wording a library prints for one code (SQLite, PostgreSQL, strerror) is
the one exception, since it is that code written out.
"""

from __future__ import annotations

import builtins
import errno
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal

from datamorph.monitor import code_tables as t
from datamorph.monitor.taxonomy import Category

Specificity = Literal["exact", "class", "namespace"]
_Found = tuple[str, t.Prior, Specificity]  # the table key that matched, its meaning, how
_Hit = tuple[int, str]  # where in the text, which namespaced code

# Even a decisive code is sometimes raised for another reason (wrapped, re-raised, misused):
# this much probability is spread over every category so no other layer is ever vetoed.
RESIDUAL = 0.03


@dataclass(frozen=True)
class CodeMatch:
    code: str  # canonical form, e.g. "sqlstate:42P01"
    distribution: dict[str, float]  # every category, summing to 1
    specificity: Specificity
    matched: str  # the entry that matched: "sqlstate:42", "spark:UNRESOLVED_COLUMN", "http"

    @property
    def category(self) -> str:
        return max(self.distribution, key=self.distribution.__getitem__)

    @property
    def confidence(self) -> float:
        return self.distribution[self.category]


def lookup(code: str) -> CodeMatch | None:
    """What a namespaced code means; None when the namespace is not one of ours."""
    namespace, _, raw = code.strip().partition(":")
    namespace = namespace.lower()
    resolve = _RESOLVERS.get(namespace)
    value = _canonical(namespace, raw.strip())
    if resolve is None or not value:
        return None
    found = resolve(value)
    if found is None:
        return CodeMatch(
            f"{namespace}:{value}",
            _distribution(t.NAMESPACE_PRIORS[namespace]),
            "namespace",
            namespace,
        )
    key, prior, specificity = found
    return CodeMatch(
        f"{namespace}:{value}", _distribution(prior), specificity, f"{namespace}:{key}"
    )


def code_prior(codes: Sequence[str]) -> CodeMatch | None:
    """The first code, in the order given (most specific first), that `lookup` knows."""
    for code in codes:
        match = lookup(code)
        if match is not None:
            return match
    return None


def _distribution(prior: t.Prior) -> dict[str, float]:
    weights = {prior: 1.0} if isinstance(prior, Category) else prior
    total = sum(weights.values())
    floor = RESIDUAL / len(Category)
    return {str(c): (1 - RESIDUAL) * weights.get(c, 0.0) / total + floor for c in Category}


def _canonical(namespace: str, value: str) -> str:
    if namespace in {"sqlstate", "errno", "sqlite", "spark"}:
        return value.upper()
    if namespace == "duckdb" and value.endswith("Exception"):
        return value.removesuffix("Exception")
    return value


# --- resolvers: exact code, then its class; None leaves the namespace prior -------------------


def _exact_or_class(
    table: dict[str, t.Prior],
    value: str,
    parents: Sequence[str],
    classes: dict[str, t.Prior] | None = None,
) -> _Found | None:
    """The value's own entry, else its first parent's (in `classes`, by default the same table)."""
    if value in table:
        return value, table[value], "exact"
    classes = table if classes is None else classes
    for parent in parents:
        if parent in classes:
            return parent, classes[parent], "class"
    return None


_SQLSTATE = {code: prior for code, (_, prior) in t.SQLSTATE.items()}
_DUCKDB = {code: prior for code, (_, prior) in t.DUCKDB.items()}


def _sqlstate(value: str) -> _Found | None:
    # the class is the first two characters: 42 is "syntax error or access rule violation"
    return _exact_or_class(_SQLSTATE, value, [value[:2]], t.SQLSTATE_CLASSES)


def _python(value: str) -> _Found | None:
    # a builtin not listed means what its nearest listed base class means
    cls = getattr(builtins, value, None)
    builtin = isinstance(cls, type) and issubclass(cls, BaseException)
    parents = [c.__name__ for c in cls.__mro__[1:]] if builtin and cls is not None else []
    return _exact_or_class(t.PYTHON, value, parents)


def _errno(value: str) -> _Found | None:
    number = getattr(errno, value, None)
    # EWOULDBLOCK is EAGAIN: another name for the same number is the same code
    alias = errno.errorcode.get(number) if isinstance(number, int) else None
    for name in (value, alias):
        if name in t.ERRNO:
            return name, t.ERRNO[name], "exact"
    return None


def _http(value: str) -> _Found | None:
    family = [value[0]] if len(value) == 3 and value.isdigit() else []  # 4xx, 5xx
    return _exact_or_class(t.HTTP, value, family, t.HTTP_CLASSES)


def _aws(value: str) -> _Found | None:
    # services spell one code with and without the suffix (AccessDenied, AccessDeniedException)
    other = value.removesuffix("Exception") if value.endswith("Exception") else value + "Exception"
    for name in (value, other):
        if name in t.AWS:
            return name, t.AWS[name], "exact"
    return None


def _azure(value: str) -> _Found | None:
    family = ["AADSTS"] if value.startswith("AADSTS") else []
    return _exact_or_class(t.AZURE, value, family, t.AZURE_CLASSES)


def _jvm(value: str) -> _Found | None:
    parts = value.split(".")
    packages = [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]  # longest first
    return _exact_or_class(t.JVM, value, packages, t.JVM_PACKAGES)


def _datamorph(value: str) -> _Found | None:
    kind, _, name = value.partition(":")
    if kind == "code":
        static = _exact_or_class(t.DATAMORPH_CODE, name, [])
        return None if static is None else (f"code:{static[0]}", static[1], static[2])
    if kind == "spec":
        spec = _exact_or_class(t.DATAMORPH_SPEC, name, [])
        return None if spec is None else (f"spec:{spec[0]}", spec[1], spec[2])
    if kind != "check":
        return None
    found = _exact_or_class(t.DATAMORPH_CHECKS, name, [name.split("[")[0]])  # filter[0]
    return None if found is None else (f"check:{found[0]}", found[1], found[2])


_Resolver = Callable[[str], _Found | None]


def _table(table: dict[str, t.Prior], parent: Callable[[str], str] | None = None) -> _Resolver:
    def resolve(value: str) -> _Found | None:
        return _exact_or_class(table, value, [parent(value)] if parent else [])

    return resolve


_RESOLVERS: dict[str, _Resolver] = {
    "sqlstate": _sqlstate,
    "duckdb": _table(_DUCKDB),
    "sqlite": _table(t.SQLITE, lambda v: "_".join(v.split("_")[:2])),
    "spark": _table(t.SPARK, lambda v: v.split(".")[0]),
    "python": _python,
    "errno": _errno,
    "http": _http,
    "aws": _aws,
    "gcp": _table(t.GCP),
    "azure": _azure,
    "anthropic": _table(t.ANTHROPIC),
    "openai": _table(t.OPENAI),
    "jvm": _jvm,
    "datamorph": _datamorph,
}


# --- extraction from text -----------------------------------------------------------------

# When a message carries several codes, a vendor's own code names the failure; errno and HTTP
# statuses name what happened on the wire; DuckDB's and Python's exception classes wrap both.
_TIER = {"errno": 1, "http": 1, "duckdb": 2, "python": 3}  # every other namespace: 0


def extract_codes(message: str) -> list[str]:
    """The namespaced codes written in a message, most specific first, each once.

    Order: codes the tables know beyond their namespace first; then by tier; exact codes
    before code classes; more decisive meanings first; then by position in the text.
    """
    matches: dict[str, CodeMatch] = {}
    first: dict[str, int] = {}
    for position, code in _hits(message):
        match = lookup(code)
        if match is None:
            continue
        matches.setdefault(match.code, match)
        first[match.code] = min(position, first.get(match.code, position))
    return sorted(matches, key=lambda code: _rank(matches[code], first[code]))


def _rank(match: CodeMatch, position: int) -> tuple[bool, int, bool, float, int]:
    namespace = match.code.split(":", 1)[0]
    return (
        match.specificity == "namespace",
        _TIER.get(namespace, 0),
        match.specificity == "class",
        -round(match.confidence, 9),
        position,
    )


def _hits(text: str) -> Iterator[_Hit]:
    for extract in _EXTRACTORS:
        yield from extract(text)


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


_LITERAL = re.compile(rf"(?i)\b({'|'.join(_RESOLVERS)}):([A-Za-z0-9_][\w.:\[\]-]*)")


def _literal(text: str) -> Iterator[_Hit]:
    """Codes written out already ("sqlstate:42P01"); only known ones, not "python:3.11"."""
    for m in _LITERAL.finditer(text):
        code = f"{m[1].lower()}:{m[2].rstrip('.:-')}"
        match = lookup(code)
        if match is not None and match.specificity != "namespace":
            yield m.start(), code


_SQLSTATE_PATTERNS = [
    re.compile(r"(?i)\bSQL[ _]?STATE\b[\s:=\[(\"']*([0-9A-Z]{5})\b"),  # SQLSTATE[42P01], ...
    re.compile(r"\b(?:ERROR|FATAL|PANIC):\s+([0-9A-Z]{5}):"),  # psql's VERBOSITY verbose
    re.compile(r"(?i)\bpgcode\b[\s:=\"']*([0-9A-Z]{5})\b"),
]
_POSTGRES_WORDING = [(re.compile(p), code) for p, code in t.POSTGRES_WORDING.items()]


def _sqlstates(text: str) -> Iterator[_Hit]:
    for pattern in _SQLSTATE_PATTERNS:
        for m in pattern.finditer(text):
            yield m.start(), f"sqlstate:{m[1].upper()}"
    for wording, code in _POSTGRES_WORDING:
        for m in wording.finditer(text):
            yield m.start(), f"sqlstate:{code}"


_DUCKDB_BY_PRINTED = {printed: code for code, (printed, _) in t.DUCKDB.items()}
_DUCKDB_PRINTED = re.compile(rf"(?<!\w)({_alternation(list(_DUCKDB_BY_PRINTED))}) Error: ")


def _duckdb_hits(text: str) -> Iterator[_Hit]:
    for m in _DUCKDB_PRINTED.finditer(text):
        yield m.start(), f"duckdb:{_DUCKDB_BY_PRINTED[m[1]]}"


_SQLITE_WORDING = re.compile(rf"\b({_alternation(list(t.SQLITE_WORDING))})\b")
_SQLITE_NAME = re.compile(r"\b(SQLITE_[A-Z_]+)\b")


def _sqlite_hits(text: str) -> Iterator[_Hit]:
    for m in _SQLITE_WORDING.finditer(text):
        yield m.start(), f"sqlite:{t.SQLITE_WORDING[m[1]]}"
    for m in _SQLITE_NAME.finditer(text):
        yield m.start(), f"sqlite:{m[1]}"


_ERRNO_NUMBER = re.compile(r"\[Errno (\d+)\]")
_WINERROR_NUMBER = re.compile(r"\[WinError (\d+)\]")
_ERRNO_NAME = re.compile(r"\b(E[A-Z0-9]{2,})\b")
# ssh prints "Permission denied (publickey)" for a rejected key: authentication, not EACCES
_STRERROR = re.compile(rf"(?<![\w-])({_alternation(list(t.STRERROR))})(?![\w-])(?! \(publickey)")


def _errno_hits(text: str) -> Iterator[_Hit]:
    # "[Errno N]" is numbered by the platform that raised it; Linux numbers are the common case
    for m in _ERRNO_NUMBER.finditer(text):
        if name := errno.errorcode.get(int(m[1])):
            yield m.start(), f"errno:{name}"
    for m in _WINERROR_NUMBER.finditer(text):
        if name := t.WINERROR.get(int(m[1])):
            yield m.start(), f"errno:{name}"
    for m in _ERRNO_NAME.finditer(text):
        if _errno(m[1]) is not None:
            yield m.start(), f"errno:{m[1]}"
    for m in _STRERROR.finditer(text):
        yield m.start(), f"errno:{t.STRERROR[m[1]]}"


_PHRASES = [s.phrase for s in HTTPStatus if s >= 400] + ["Client Error", "Server Error"]
_HTTP_PATTERNS = [
    re.compile(p)
    for p in (
        # "status code 429", "Status Code: 403", '"statusCode": 429', "status=503"
        r"(?i)\b(?:status(?:[ _-]?code)?|response[ _-]?code)[\"']?\s*(?:[:=]\s*|is\s+)?"
        r"[\"']?([45]\d\d)\b",
        r"(?i)\berror[ _-]?code[\"']?\s*[:=]?\s*[\"']?([45]\d\d)\b",  # "Error code: 429 - {...}"
        r"(?i)\bHTTP(?:/\d(?:\.\d)?)?[ :]+([45]\d\d)\b",  # "HTTP 503", "HTTP/1.1 503"
        r"(?i)\bHTTP ?Error:? ?([45]\d\d)\b",  # urllib's "HTTP Error 404", "<HttpError 403"
        rf"(?i)\b([45]\d\d)[ :-]+\(?(?:{_alternation(_PHRASES)})\b",  # "429 Too Many Requests"
    )
]


def _http_hits(text: str) -> Iterator[_Hit]:
    for pattern in _HTTP_PATTERNS:
        for m in pattern.finditer(text):
            yield m.start(), f"http:{m[1]}"


_AWS_CALL = re.compile(r"An error occurred \(([\w.]+)\) when calling")  # botocore's wording
_KEYS = r"code|error[ _]?code|errorcode|__type|reason|type|error|status"
_FIELDS = [  # key, value; a bare "ERROR:" is PostgreSQL's severity, not a field
    re.compile(rf"(?i)[\"']({_KEYS})[\"']\s*:\s*[\"']?([\w.#-]+)"),  # JSON, Python reprs
    re.compile(rf"(?i)\b({_KEYS})=[\"']?([\w.#-]+)"),  # key=value logs
    re.compile(r"\b((?:Error ?)?Code):\s*([\w.#-]+)"),  # azure-core, AWS SDK for Java, Storage
]
_VENDOR_TOKENS = [
    re.compile(r"<Code>(\w+)</Code>"),  # S3 and Azure Storage XML bodies
    re.compile(r"\(([A-Z][A-Za-z0-9]{3,})\)"),  # azure-core's "(AuthorizationFailed) ..."
    re.compile(r"\bStatusCode\.([A-Z_]+)\b"),  # gRPC
    re.compile(r"\b(AADSTS\d+)\b"),  # Microsoft Entra
]
_VENDORS = ("anthropic", "openai", "aws", "azure", "gcp")
_HINTS = {
    "anthropic": ("anthropic", "claude"),
    "openai": ("openai", "gpt-"),
    "aws": ("aws", "amazon", "boto"),
    "azure": ("azure", "microsoft", "windows.net"),
    "gcp": ("google", "gcp", "bigquery"),
}


def _vendor_hits(text: str) -> Iterator[_Hit]:
    lowered = text.lower()
    # a value several vendors define (invalid_request_error): the vendor the text names first
    vendors = sorted(_VENDORS, key=lambda v: not any(h in lowered for h in _HINTS[v]))
    for m in _AWS_CALL.finditer(text):
        yield m.start(), f"aws:{m[1]}"
    for pattern in _FIELDS:
        for m in pattern.finditer(text):
            yield from _field_codes(m.start(), m[1].lower(), m[2].rsplit("#", 1)[-1], vendors)
    for pattern in _VENDOR_TOKENS:
        for m in pattern.finditer(text):
            yield from _field_codes(m.start(), "code", m[1], vendors)


def _field_codes(position: int, key: str, value: str, vendors: Sequence[str]) -> Iterator[_Hit]:
    """A value from a code-like field: only codes some table defines, never a guess."""
    value = value.rstrip(".-")
    if ("code" in key or key == "status") and re.fullmatch(r"[45]\d\d", value):
        yield position, f"http:{value}"
    if value in t.SQLSTATE:  # node-postgres: code: '42P01'
        yield position, f"sqlstate:{value}"
    for vendor in vendors:
        if _RESOLVERS[vendor](value) is not None:
            yield position, f"{vendor}:{value}"


_SPARK_BRACKET = re.compile(r"\[([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?:\.[A-Z][A-Z0-9_]*)*)\]")
_SPARK_FIELD = re.compile(
    r"\b(?:errorClass|error_class|condition)[\"']?\s*[:=]\s*[\"']?([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)"
)


def _spark_hits(text: str) -> Iterator[_Hit]:
    # "[SOME_NAME]" is Spark's only where the class is known or the text is Spark's
    sparky = "SQLSTATE: " in text or "spark" in text.lower()
    for m in _SPARK_BRACKET.finditer(text):
        if sparky or m[1].split(".")[0] in t.SPARK:
            yield m.start(), f"spark:{m[1]}"
    for m in _SPARK_FIELD.finditer(text):
        yield m.start(), f"spark:{m[1]}"


_JVM_ROOTS = ("java", "javax", "jdk", "scala", "org", "com", "io", "software")
_JVM_CLASS = re.compile(
    rf"\b((?:{'|'.join(_JVM_ROOTS)})\.(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))\b"
)


def _jvm_hits(text: str) -> Iterator[_Hit]:
    for m in _JVM_CLASS.finditer(text):
        yield m.start(), f"jvm:{m[1]}"


_PY_RAISED = re.compile(r"(?m)(?<![\w.])((?:[A-Za-z_]\w*\.)*)([A-Za-z_]\w*):(?=\s|$)")
_PY_WRAPPED = re.compile(r"\(((?:[A-Za-z_]\w*\.)+)([A-Za-z_]\w*)\)")  # SQLAlchemy's "(mod.Name)"
_PY_REPR = re.compile(r"(?<![\w.])((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)\(")  # "ReadTimeout(...)"
_EXCEPTION_NAME = re.compile(r"[A-Z]\w*(?:Error|Exception)")
_BY_CONDITION = {
    "".join(w.capitalize() for w in name.split("_")): code for code, (name, _) in t.SQLSTATE.items()
}


def _python_hits(text: str) -> Iterator[_Hit]:
    for pattern, strict in ((_PY_RAISED, False), (_PY_WRAPPED, False), (_PY_REPR, True)):
        for m in pattern.finditer(text):
            if code := _exception_code(m[1].rstrip("."), m[2], strict):
                yield m.start(), code


def _exception_code(module: str, name: str, strict: bool) -> str | None:
    """A raised class's code; its module says whose it is (psycopg's classes are SQLSTATEs)."""
    segments = module.split(".") if module else []
    if segments and segments[0] in _JVM_ROOTS and (segments[0] != "io" or len(segments) > 1):
        return None  # a JVM class: _jvm_hits has it
    if any("duckdb" in s for s in segments) and name.endswith("Exception"):
        return f"duckdb:{name.removesuffix('Exception')}"
    if segments[:1] in (["psycopg"], ["psycopg2"]) and "errors" in segments:
        code = _BY_CONDITION.get(name.rstrip("_"))  # psycopg's InternalError_ is XX000
        return f"sqlstate:{code}" if code else None
    if segments[:1] == ["asyncpg"]:
        code = _BY_CONDITION.get(name.removesuffix("Error"))
        return f"sqlstate:{code}" if code else None
    known = _python(name) is not None
    if module == "botocore.errorfactory" or (not known and _aws(name) is not None):
        return f"aws:{name}"  # botocore names its modelled exceptions after the AWS code
    if name[0].islower() and not segments:
        return None  # "timeout:" is prose; "socket.timeout:" is the class
    return f"python:{name}" if known or (not strict and _EXCEPTION_NAME.fullmatch(name)) else None


_EXTRACTORS: list[Callable[[str], Iterator[_Hit]]] = [
    _literal,
    _sqlstates,
    _spark_hits,
    _vendor_hits,
    _jvm_hits,
    _sqlite_hits,
    _errno_hits,
    _http_hits,
    _duckdb_hits,
    _python_hits,
]
