"""DuckDB's `format('{} in {}', ...)` for dialects whose format function is printf-like.

DuckDB formats with the fmt library's `{}` placeholders; PostgreSQL's `format` and Spark's
`format_string` take `%s`. sqlglot renders the call under the target's name and leaves the
pattern as it is, so the text came out with its braces unfilled. A literal pattern with plain
`{}` placeholders (and `{{` `}}` for braces) is rewritten; any other (`{:d}`, `{0}`, a pattern
from a column) is refused, naming the function.
"""

from __future__ import annotations

import re

from sqlglot import exp

from datamorph.codegen.dialect_check import refused

_PIECE = re.compile(r"\{\{|\}\}|\{\}|[{}%]|[^{}%]+")


def printf_format(node: exp.Format, dialect: str) -> exp.Format:
    """The same call with a `%s` pattern, or UsageError when it cannot be rewritten."""
    pattern = node.this
    if not (isinstance(pattern, exp.Literal) and pattern.is_string):
        raise refused(dialect, "format() with a pattern that is not a literal string")
    pieces = []
    for piece in _PIECE.findall(pattern.this):
        if piece in ("{", "}"):
            raise refused(
                dialect,
                f"format() with the pattern {pattern.this!r} (only plain {{}} placeholders "
                "translate)",
            )
        pieces.append({"{{": "{", "}}": "}", "{}": "%s", "%": "%%"}.get(piece, piece))
    rewritten = node.copy()
    rewritten.set("this", exp.Literal.string("".join(pieces)))
    return rewritten
