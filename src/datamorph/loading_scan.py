"""The dirt scan of `load`: one pass over the raw file that counts, per column, the values that
parse as the column's type, and for a text column how many would parse as a number or a date.
A column most of whose values parse but not all is dirt: reported with the most frequent bad
values and the options (or the cleaning expression) that would load it typed.

Every value is parsed by the expression the load itself uses (`parse_sql`), so what the scan
passed cannot fail the load, wherever in the file it is.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from datamorph.engines.base import quote
from datamorph.loading_models import MOSTLY, Dirt

# What a text column might be instead; a date in a common non-ISO spelling counts as a date.
ALT_DATE_FORMATS = ("%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y%m%d")
_CANDIDATES = ("BIGINT", "DOUBLE", "DATE", "TIMESTAMP")
NULL_WORDS = ("n/a", "na", "null", "none", "nan", "-", "--", "?", "missing", "unknown", "#n/a",
              "nil", "n.a.", "")  # fmt: skip
_MONEY = r"[-+]?\s*[$€£¥]?\s*[-+]?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?\s*[$€£¥]?"
_TWO_DECIMALS = r"\s*[-+]?[0-9]+(\.[0-9]{1,2})?\s*"
_LEADING_ZERO = r"^\s*[-+]?0[0-9]"
_INTEGER = r"\s*[-+]?[0-9]+\s*"
_NUMBER = r"\s*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?\s*"
_ISO_START = r"^\s*-?[0-9]{1,6}[-/. ][0-9]{1,2}[-/. ][0-9]{1,2}"
# DuckDB casts '1.5' to the integer 2: an integer column takes integers only
_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
             "UINTEGER", "UBIGINT", "UHUGEINT")  # fmt: skip

Query = Callable[[str, list[Any]], list[tuple[Any, ...]]]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _formats(formats: Sequence[str]) -> str:
    return "[" + ", ".join(_literal(f) for f in formats) + "]"


def parse_sql(column: str, target: str, raw: str, date_formats: Sequence[str],
              timestamp_formats: Sequence[str]) -> str:  # fmt: skip
    """`column` (raw type `raw`) as `target`: NULL where it does not parse. Dates and
    timestamps try the given formats first, then ISO. A failed cast costs DuckDB a hundred
    times a good one, so a cheap pattern lets through only what could parse."""
    col = quote(column)
    if target == raw:
        return col
    upper = target.upper()
    if raw != "VARCHAR":
        return f"TRY_CAST({col} AS {target})"
    if upper == "DATE" and date_formats:
        parsed = f"TRY_STRPTIME({col}, {_formats(date_formats)})::DATE"
        return f"coalesce({parsed}, {_guarded(col, _ISO_START, 'DATE', full=False)})"
    if upper == "TIMESTAMP" and timestamp_formats:
        parsed = f"TRY_STRPTIME({col}, {_formats(timestamp_formats)})"
        return f"coalesce({parsed}, {_guarded(col, _ISO_START, 'TIMESTAMP', full=False)})"
    if upper in _INTEGERS:
        return _guarded(col, _INTEGER, target)
    if upper in ("DOUBLE", "FLOAT", "REAL") or upper.startswith("DECIMAL"):
        return _guarded(col, _NUMBER, target)
    if upper == "DATE" or upper.startswith("TIMESTAMP"):
        return _guarded(col, _ISO_START, target, full=False)
    return f"TRY_CAST({col} AS {target})"


def _guarded(col: str, pattern: str, target: str, *, full: bool = True) -> str:
    test = "regexp_full_match" if full else "regexp_matches"
    return f"CASE WHEN {test}({col}, '{pattern}') THEN TRY_CAST({col} AS {target}) END"


def _format_pattern(fmt: str) -> str:
    """A pattern of what `fmt` (one of ALT_DATE_FORMATS) can match."""
    return (
        fmt.replace(".", "[.]").replace("%d", "[0-9]{1,2}").replace("%m", "[0-9]{1,2}")
        .replace("%Y", "[0-9]{4}")
    )  # fmt: skip


@dataclass
class Plan:
    """What the scan found, column by column."""

    types: dict[str, str]  # column -> the type it is loaded as
    sources: dict[str, str]  # column -> inferred, option, table, dirt
    nulls: dict[str, int]
    rows: int = 0
    dirt: list[Dirt] = field(default_factory=list)  # loaded as text (or refused: --strict)
    problems: list[Dirt] = field(default_factory=list)  # a demanded type the values break


@dataclass
class Scan:
    reader: str
    params: list[Any]
    raw: dict[str, str]
    date_formats: tuple[str, ...]
    timestamp_formats: tuple[str, ...]
    query: Query

    def parse(self, column: str, target: str, formats: Sequence[str] | None = None) -> str:
        dates = self.date_formats if formats is None else tuple(formats)
        return parse_sql(column, target, self.raw[column], dates, self.timestamp_formats)

    def run(self, wanted: dict[str, tuple[str, str]]) -> Plan:
        """`wanted`: column -> (type, where it comes from: inferred, option or table)."""
        checks: list[tuple[str, str, str]] = []  # (column, what, SQL of the count)
        for column, (target, source) in wanted.items():
            col = quote(column)
            checks.append((column, "values", f"count({col})"))
            if target != self.raw[column]:
                checks.append((column, "ok", f"count({self.parse(column, target)})"))
            elif self.raw[column] == "VARCHAR" and source == "inferred":
                checks += self._candidate_checks(column)
        sql = ", ".join(["count(*)", *(expr for _, _, expr in checks)])
        (row,) = self.query(f"SELECT {sql} FROM {self.reader}", self.params)
        counts: dict[str, dict[str, int]] = {}
        for (column, what, _), value in zip(checks, row[1:], strict=True):
            counts.setdefault(column, {})[what] = int(value)
        plan = Plan(
            types={c: t for c, (t, _) in wanted.items()},
            sources={c: s for c, (_, s) in wanted.items()},
            nulls={c: int(row[0]) - counts[c]["values"] for c in wanted},
            rows=int(row[0]),
        )
        for column, (target, source) in wanted.items():
            self._judge(plan, column, target, source, counts[column])
        return plan

    def _candidate_checks(self, column: str) -> list[tuple[str, str, str]]:
        col = quote(column)
        checks = [(column, c, f"count({self.parse(column, c)})") for c in _CANDIDATES]
        checks += [  # the format alone (no ISO): how many values are written that way
            (column, f"DATE:{fmt}", f"count({self._alt_date(col, fmt)})")
            for fmt in ALT_DATE_FORMATS
            if fmt not in self.date_formats
        ]
        checks.append(
            (column, "zero", f"count(*) FILTER (WHERE regexp_matches({col}, '{_LEADING_ZERO}'))")
        )
        money = f"regexp_full_match({col}, '{_TWO_DECIMALS}')"
        checks.append((column, "cents", f"count(*) FILTER (WHERE {money})"))
        return checks

    @staticmethod
    def _alt_date(col: str, fmt: str) -> str:
        return (
            f"CASE WHEN regexp_full_match({col}, '\\s*{_format_pattern(fmt)}\\s*') "
            f"THEN TRY_STRPTIME(trim({col}), {_literal(fmt)}) END"
        )

    def _judge(self, plan: Plan, column: str, target: str, source: str, n: dict[str, int]) -> None:
        values = n["values"]
        if "ok" in n and n["ok"] < values:  # some values are not the type it was to have
            if source in ("option", "table"):
                plan.problems.append(
                    self._dirt(column, target, target, None, values - n["ok"], values)
                )
                return
            plan.types[column], plan.sources[column] = "VARCHAR", "dirt"
            if n["ok"] >= MOSTLY * values:
                plan.dirt.append(self._dirt(column, target, target, None, values - n["ok"], values))
            return
        best = self._best_candidate(n)
        if best is None or values == 0:
            return
        kind, fmt, parsed = best
        if parsed == values and self._promoted_by_options(kind):
            plan.types[column], plan.sources[column] = kind, "option"
        elif MOSTLY * values <= parsed < values:
            shown = "DECIMAL(18,2)" if kind == "DOUBLE" and n["cents"] == parsed else kind
            plan.dirt.append(self._dirt(column, shown, kind, fmt, values - parsed, values))
            plan.sources[column] = "dirt"

    def _best_candidate(self, n: dict[str, int]) -> tuple[str, str | None, int] | None:
        found: list[tuple[str, str | None, int]] = [(c, None, n[c]) for c in _CANDIDATES if c in n]
        found += [("DATE", k.split(":", 1)[1], v) for k, v in n.items() if k.startswith("DATE:")]
        if n.get("zero"):  # 007: an identifier kept as text on purpose, not a number
            found = [f for f in found if f[0] not in ("BIGINT", "DOUBLE")]
        best = max(found, key=lambda f: f[2], default=None)
        return best if best is not None and best[2] > 0 else None

    def _promoted_by_options(self, kind: str) -> bool:
        """A text column all of whose values parse with the user's --date-format (the
        sniffer could not know that format) becomes a date: the formats say so."""
        return (kind == "DATE" and bool(self.date_formats)) or (
            kind == "TIMESTAMP" and bool(self.timestamp_formats)
        )

    def _dirt(
        self, column: str, expected: str, target: str, fmt: str | None, bad: int, values: int
    ) -> Dirt:
        """`expected`: the type to suggest; `target`: the one the values were parsed as."""
        formats = [fmt] if fmt else None
        bad_sql = f"{quote(column)} IS NOT NULL AND {self.parse(column, target, formats)} IS NULL"
        examples = self.query(
            f"SELECT {quote(column)}, count(*) FROM {self.reader} WHERE {bad_sql} "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5",
            self.params,
        )
        return Dirt(
            column=column,
            expected=f"{expected} ('{fmt}')" if fmt else expected,
            bad=bad,
            values=values,
            examples=[(str(value), int(count)) for value, count in examples],
            fix=self._fix(column, expected, fmt, bad_sql),
        )

    def _fix(self, column: str, expected: str, fmt: str | None, bad_sql: str) -> str:
        col = quote(column)
        trimmed = f"lower(trim({col}))"
        words = ", ".join(_literal(w) for w in NULL_WORDS)
        alternatives = [f for f in ALT_DATE_FORMATS if f != fmt]
        date_counts = ", ".join(f"count({self._alt_date(col, f)})" for f in alternatives)
        sql = (
            f"SELECT count(*), count(*) FILTER (WHERE {trimmed} IN ({words})), "
            f"count(*) FILTER (WHERE regexp_full_match({col}, '{_MONEY}')), {date_counts} "
            f"FROM {self.reader} WHERE {bad_sql}"
        )
        (row,) = self.query(sql, self.params)
        bad, nullish, money = int(row[0]), int(row[1]), int(row[2])
        tokens = [
            str(value)
            for (value,) in self.query(
                f"SELECT DISTINCT {col} FROM {self.reader} WHERE {bad_sql} "
                f"AND {trimmed} IN ({words}) ORDER BY 1 LIMIT 5",
                self.params,
            )
        ]
        nulls = " ".join(f"--null {shlex.quote(t)}" for t in tokens)
        rest = bad - nullish
        typed = shlex.quote(f"{column}={expected}")
        if expected.startswith("DATE"):
            other = next((f for f, c in zip(alternatives, row[3:], strict=True) if c == rest), None)
            formats = [f for f in (fmt, other if rest else None) if f]
            if rest == 0 or other is not None:
                options = " ".join(f"--date-format {shlex.quote(f)}" for f in formats)
                return " ".join(part for part in (options or f"--type {typed}", nulls) if part)
        elif rest == 0:
            return f"--type {typed} {nulls}".strip()
        elif money == rest:
            cleaned = f"TRY_CAST(regexp_replace({col}, '[^0-9.+-]', '', 'g') AS {expected})"
            also = f" (and {nulls})" if nulls else ""
            as_text = shlex.quote(f"{column}=VARCHAR")
            return f"load it as text (--type {as_text}) and clean it in the spec: {cleaned}{also}"
        return (
            f"--type {shlex.quote(column + '=VARCHAR')} to keep it as text on purpose, or clean it "
            f"in the spec: TRY_CAST({col} AS {expected}) (the bad values become NULL)"
        )
