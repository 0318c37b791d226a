"""DuckDB exceptions -> portable error categories.

DuckDB raises one Python exception class per error type (ParserException, BinderException...).
The class decides the category, except where one class covers both a code defect and a schema
mismatch (a binder error for an unknown column vs. one for a missing GROUP BY): there the
message decides.
"""

from __future__ import annotations

import re

import duckdb

from datamorph.engines.base import COMMON_HINTS, EngineError, ErrorCategory

C = ErrorCategory
_BY_TYPE: dict[str, ErrorCategory] = {
    "ParserException": C.CODE_DEFECT,
    "SyntaxException": C.CODE_DEFECT,
    "NotImplementedException": C.CODE_DEFECT,
    "TypeMismatchException": C.CODE_DEFECT,
    "InvalidTypeException": C.CODE_DEFECT,
    "BinderException": C.SCHEMA_MISMATCH,
    "CatalogException": C.SCHEMA_MISMATCH,
    "ConversionException": C.DATA_ERROR,
    "InvalidInputException": C.DATA_ERROR,
    "OutOfRangeException": C.DATA_ERROR,
    "ConstraintException": C.DATA_ERROR,
    "SequenceException": C.DATA_ERROR,
    "TransactionException": C.TRANSIENT,
    "InterruptException": C.TRANSIENT,
    "ConnectionException": C.TRANSIENT,
    "HTTPException": C.TRANSIENT,
    "OutOfMemoryException": C.RESOURCE_EXHAUSTION,
    "PermissionException": C.PERMISSION,
    "DependencyException": C.CONFIGURATION,
    "ResourceInUseException": C.TRANSIENT,
    "IOException": C.TRANSIENT,
    "InternalException": C.UNKNOWN,
    "FatalException": C.UNKNOWN,
}

# Binder/catalog messages that mean the code is wrong, not that the schema moved.
_CODE_DEFECT_MESSAGES = re.compile(
    r"must appear in the GROUP BY|aggregate function calls cannot|No function matches"
    r"|Function with name .* does not exist|Cannot compare values|Cannot mix values"
    r"|is ambiguous|window functions? (are|is) not allowed|WHERE clause cannot contain",
    re.IGNORECASE,
)
_RESOURCE_MESSAGES = re.compile(r"No space left|out of memory|could not allocate", re.IGNORECASE)
_LOCKED = re.compile(r"Could not set lock on file|Conflicting lock", re.IGNORECASE)

_HINTS = {
    **COMMON_HINTS,
    C.RESOURCE_EXHAUSTION: "raise memory_limit or reduce the data; healing can scale resources",
    C.PERMISSION: "the database refuses this operation; check file permissions",
    C.CONFIGURATION: "something outside the pipeline blocks it; a person needs to look",
}


def map_duckdb_error(error: Exception) -> EngineError:
    native_type = type(error).__name__
    message = _first_lines(str(error))
    category = _BY_TYPE.get(native_type, C.UNKNOWN)
    if category is C.SCHEMA_MISMATCH and _CODE_DEFECT_MESSAGES.search(message):
        category = C.CODE_DEFECT
    if _RESOURCE_MESSAGES.search(message):
        category = C.RESOURCE_EXHAUSTION
    hint = _HINTS[category]
    if _LOCKED.search(message):
        category, hint = C.TRANSIENT, "another process holds the database file; close it and retry"
    return EngineError(
        message,
        category=category,
        engine="duckdb",
        native_type=native_type,
        native_code=native_type.removesuffix("Exception"),
        hint=hint,
    )


def is_duckdb_error(error: Exception) -> bool:
    return isinstance(error, duckdb.Error)


def _first_lines(text: str, limit: int = 3) -> str:
    # DuckDB appends the query with a caret marker; the first lines hold the diagnosis.
    lines = [line for line in text.splitlines() if line.strip()][:limit]
    return " | ".join(line.strip() for line in lines)
