"""What the dialect tests compile: every spec of the suite, and a battery of DuckDB functions.

`suite_specs()`: the retail specs (tests/specs), the demo's, the README's examples, the hostile
battery's controls (the spec-ok cases) over the retail tables, and the TPC-H specs over their
schema. `battery_specs()`: one spec per function call a spec may write (spec/functions.py),
over the retail tables: a row expression, an aggregate or a window function, so that each is
compiled alone and a refusal names it.

`compile_to` answers with the code, or the refusal's message (a UsageError, SpecError among
them): a test then runs the code, or checks that the message names the function and dialect.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from datamorph.catalog import Catalog
from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.sql import compile_sql
from datamorph.errors import UsageError
from datamorph.spec import Spec
from datamorph.spec.functions import function_name
from hostile.spec_cases import control_cases

TESTS = Path(__file__).parent
REPO = TESTS.parent
TPCH_SCHEMA: dict[str, dict[str, str]] = json.loads((TESTS / "specs/tpch_schema.json").read_text())
DIALECTS = ("duckdb", "postgres", "spark", "pyspark")
DIALECT_WORDS = {"postgres": "PostgreSQL", "spark": "Spark", "pyspark": "Spark"}


@dataclass(frozen=True)
class Case:
    id: str
    spec: Spec
    tables: str  # "retail" or "tpch": the tables it reads


def suite_specs() -> list[Case]:
    """Every spec the suite holds, with the tables it reads. Examples that read tables of
    their own (examples/sales_lines.json reads a loaded CSV) or are broken on purpose
    (bad_spec.json) are left out by the caller, which checks each against the catalog."""
    cases = [
        Case(f"specs/{p.stem}", Spec.load(p), "retail")
        for p in sorted((TESTS / "specs").glob("*.json"))
        if p.name != "tpch_schema.json"
    ]
    demo = REPO / "src/datamorph/demo"
    cases += [Case(f"demo/{p.stem}", Spec.load(p), "retail") for p in sorted(demo.glob("*.json"))]
    for path in sorted((REPO / "examples").glob("*.json")):
        try:
            cases.append(Case(f"examples/{path.stem}", Spec.load(path), "retail"))
        except (UsageError, ValueError):
            continue  # not a spec (or a broken one, on purpose)
    cases += [Case(c.id, Spec.from_dict(c.spec), "retail") for c in control_cases()]
    tpch = sorted((REPO / "examples/tpch").glob("q*.json"))
    cases += [Case(f"tpch/{p.stem}", Spec.load(p), "tpch") for p in tpch]
    return cases


# One call of each kind a spec writes, over orders `o` joined to customers `c`.
ROW_CALLS = """
    upper(c.customer_name) | lower(c.email) | length(c.customer_name) | left(c.city, 3)
    right(c.city, 2) | lpad(c.country, 12, '*') | rpad(c.country, 12, '-') | trim(c.city)
    ltrim(c.city) | rtrim(c.city) | replace(c.email, '@', ' at ') | reverse(c.city)
    concat(c.city, ', ', c.country) | concat_ws('-', c.city, c.country) | c.city || '!'
    starts_with(c.email, 'a') | ends_with(c.email, '.com') | contains(c.email, '.')
    strpos(c.email, '@') | position('@' IN c.email) | substr(c.email, 2, 3)
    substring(c.email, 2, 3) | split_part(c.email, '@', 2) | regexp_matches(c.email, '^[a-m]')
    regexp_replace(c.email, '[0-9]', '#') | regexp_replace(c.email, '[0-9]', '#', 'g')
    regexp_extract(c.email, '@(.*)$', 1)
    md5(c.email) | sha256(c.email) | ascii(c.country) | chr(65) | instr(c.email, '@')
    translate(c.city, 'ae', 'AE') | format('{} in {}', c.city, c.country)
    printf('%s!', c.city) | levenshtein(c.city, c.country) | jaro_similarity(c.city, c.country)
    strip_accents(c.city) | ucase(c.city) | lcase(c.city) | len(c.city)
    abs(o.amount - 500) | ceil(o.amount) | floor(o.amount) | round(o.amount, 1)
    sqrt(o.amount) | pow(o.amount, 2) | power(o.amount, 2) | ln(o.amount + 1) | log10(o.amount + 1)
    log2(o.amount + 1) | exp(1) | sign(o.amount - 500) | mod(o.order_id, 7) | o.order_id % 7
    o.order_id // 7 | o.order_id / 7 | greatest(o.amount, 100) | least(o.amount, 100)
    trunc(o.amount) | cbrt(o.amount) | degrees(pi()) | radians(180) | gcd(o.order_id, 12)
    lcm(o.order_id, 12) | factorial(5) | isnan(o.amount::DOUBLE) | bit_count(o.order_id)
    even(o.amount) | random() | atan2(1, 2) | sin(1) | cot(1)
    date_trunc('month', o.order_date) | date_part('year', o.order_date)
    extract(dow FROM o.order_date) | year(o.order_date) | month(o.order_date)
    day(o.order_date) | dayofweek(o.order_date) | dayofyear(o.order_date) | week(o.order_date)
    quarter(o.order_date) | isodow(o.order_date) | dayname(o.order_date)
    monthname(o.order_date) | last_day(o.order_date) | make_date(2024, 1, 15)
    strftime(o.order_date, '%Y-%m') | strptime('2024-01-05', '%Y-%m-%d')
    try_strptime(c.email, '%Y') | date_diff('day', c.signup_date, o.order_date)
    datediff('month', c.signup_date, o.order_date) | date_add(o.order_date, INTERVAL 3 DAY)
    o.order_date + INTERVAL 1 MONTH | o.order_date - c.signup_date | epoch(o.order_date)
    epoch_ms(1700000000000) | to_timestamp(1700000000) | current_date
    time_bucket(INTERVAL '7 days', o.order_date) | make_timestamp(2024, 1, 2, 3, 4, 5)
    age(o.order_date::TIMESTAMP, c.signup_date::TIMESTAMP) | yearweek(o.order_date)
    CASE WHEN o.amount > 500 THEN 'big' ELSE 'small' END | if(o.amount > 500, 'big', 'small')
    coalesce(o.discount, 0) | ifnull(o.discount, 0)
    nullif(o.status, 'completed') | o.status IN ('completed', 'pending')
    o.amount BETWEEN 100 AND 200 | c.email LIKE '%@%' | c.email ILIKE 'A%'
    typeof(o.amount) | try_cast(o.status AS INTEGER) | cast(o.amount AS INTEGER)
    o.amount::VARCHAR | hash(c.email) | c.signup_date IS NULL
"""
AGGREGATE_CALLS = """
    sum(o.amount) | avg(o.amount) | min(o.order_date) | max(o.amount) | count(*)
    count(DISTINCT o.customer_id) | median(o.amount) | quantile_cont(o.amount, 0.9)
    quantile_disc(o.amount, 0.5) | approx_count_distinct(o.customer_id)
    approx_quantile(o.amount, 0.5) | stddev(o.amount) | stddev_pop(o.amount)
    variance(o.amount) | var_pop(o.amount) | corr(o.amount, o.discount)
    covar_pop(o.amount, o.discount) | string_agg(o.status, ',') | arg_max(o.order_id, o.amount)
    arg_min(o.order_id, o.amount) | max_by(o.order_id, o.amount) | count_if(o.amount > 500)
    bool_and(o.amount > 0) | bool_or(o.amount > 900) | bit_and(o.order_id) | mode(o.status)
    first(o.status) | any_value(o.status) | kurtosis(o.amount) | skewness(o.amount)
    regr_slope(o.amount, o.discount)
    sum(o.amount) FILTER (WHERE o.status = 'completed') | avg(DISTINCT o.amount)
    list(o.status)
"""
WINDOW_CALLS = """
    row_number() OVER (PARTITION BY o.customer_id ORDER BY o.order_date, o.order_id)
    rank() OVER (ORDER BY o.amount) | dense_rank() OVER (ORDER BY o.amount)
    lag(o.amount) OVER (ORDER BY o.order_id) | lead(o.amount, 2) OVER (ORDER BY o.order_id)
    ntile(4) OVER (ORDER BY o.amount) | percent_rank() OVER (ORDER BY o.amount)
    cume_dist() OVER (ORDER BY o.amount)
    first_value(o.amount) OVER (PARTITION BY o.customer_id ORDER BY o.order_id)
    last_value(o.amount) OVER (PARTITION BY o.customer_id ORDER BY o.order_id)
    nth_value(o.amount, 2) OVER (PARTITION BY o.customer_id ORDER BY o.order_id)
    sum(o.amount) OVER (PARTITION BY o.customer_id)
"""
_JOINED: dict[str, Any] = {
    "source_tables": [{"name": "orders", "alias": "o"}, {"name": "customers", "alias": "c"}],
    "join_conditions": [{"left": "o", "right": "c", "on": "o.customer_id = c.customer_id"}],
    "target_table": {"name": "battery", "allow_empty": True},
}


def _calls(block: str) -> list[str]:
    """One call per `|`-separated item; a line without `|` is a single call."""
    return [c.strip() for line in block.strip().splitlines() for c in line.split("|") if c.strip()]


BATTERY = {"row": _calls(ROW_CALLS), "aggregate": _calls(AGGREGATE_CALLS)}
BATTERY["window"] = _calls(WINDOW_CALLS)


def battery_spec(kind: str, calls: list[str]) -> Spec:
    """One spec computing each call as column v0, v1, ...; `kind` says where calls go."""
    named = [(f"v{i}", call) for i, call in enumerate(calls)]
    if kind == "aggregate":
        fields = {
            "group_by": ["c.country"],
            "aggregations": [{"name": n, "expr": e} for n, e in named],
        }
    else:
        fields = {"columns": ["o.order_id", *(f"{e} AS {n}" for n, e in named)]}
    return Spec.from_dict({**_JOINED, **fields})


def compile_to(case: Spec, catalog: Catalog | dict[str, Any], dialect: str) -> str | UsageError:
    """The code `case` compiles to in `dialect`, or the refusal."""
    try:
        if dialect == "pyspark":
            spark = isinstance(catalog, Catalog) and catalog.dialect == "spark"
            functions = catalog.functions if isinstance(catalog, Catalog) and spark else None
            return compile_pyspark(case, catalog, functions=functions)
        return compile_sql(case, catalog, dialect)
    except UsageError as error:  # a SpecError too: the engine's catalog lacks the function
        return error


def names_function_and_dialect(message: str, call: str, dialect: str) -> bool:
    """A refusal is clear when it names the target and a function the call makes, as written
    or by DuckDB's name for it (max_by is arg_max): `name()`, `'name'` or `NAME (...)`."""
    functions = {name.lower() for name in re.findall(r"([A-Za-z_]\w*)\s*\(", call)}
    if not call.startswith("{"):  # one expression, not a whole spec's JSON
        tree = sqlglot.parse_one(call, read="duckdb")
        functions |= {function_name(node) for node in tree.find_all(exp.Func)}
    named = any(re.search(rf"\b{name}(\(\)|'| \()", message, re.I) for name in functions)
    return DIALECT_WORDS[dialect] in message and named


# ---- compiling and running --------------------------------------------------------------------

Run = Callable[[str, str], Any]  # (tables, code) -> rows; raises when the engine fails
Reference = Callable[[Spec], list[tuple[Any, ...]]]  # a spec's rows on DuckDB


def runnable_suite(retail: Catalog) -> list[Case]:
    """The suite's specs that check clean against their tables (examples reading other
    tables, and the broken one, are left out)."""
    return [
        case
        for case in suite_specs()
        if case.spec.check(TPCH_SCHEMA if case.tables == "tpch" else retail) == []
    ]


def check_dialect(
    dialect: str,
    catalogs: dict[str, Catalog | dict[str, Any]],
    run: Run,
    suite: list[Case],
    reference: Reference | None = None,
) -> dict[str, int]:
    """Compile each spec of `suite` and each battery call for `dialect`, and run what compiles.
    Returns the counts; asserts that nothing compiled fails, that every refusal is clear and,
    given DuckDB's rows (`reference`), that each battery call gives DuckDB's values.
    Specs that differ only in their target (the hostile controls copy the examples) run once."""
    failed, unclear, counts = [], [], {"compiled": 0, "refused": 0}
    seen: set[str] = set()
    for case in suite:
        key = case.tables + case.spec.model_dump_json(exclude={"target_table", "description"})
        if key in seen:
            continue
        seen.add(key)
        code = compile_to(case.spec, catalogs[case.tables], dialect)
        if isinstance(code, UsageError):
            counts["refused"] += 1
            expressions = case.spec.model_dump_json()
            if dialect == "duckdb" or not names_function_and_dialect(
                code.message, expressions, dialect
            ):
                unclear.append(f"{case.id}: {code.message}")
            continue
        counts["compiled"] += 1
        error = _error_of(run, case.tables, code)
        if error:
            failed.append(f"{case.id}: {error}")
    for kind, calls in BATTERY.items():
        compiled = []
        for call in calls:
            code = compile_to(battery_spec(kind, [call]), catalogs["retail"], dialect)
            if isinstance(code, UsageError):
                counts["refused"] += 1
                if dialect == "duckdb" or not names_function_and_dialect(
                    code.message, call, dialect
                ):
                    unclear.append(f"{call}: {code.message}")
            else:
                counts["compiled"] += 1
                compiled.append((call, code))
        failed += _battery_failures(kind, compiled, catalogs["retail"], dialect, run, reference)
    assert failed == [], "compiled, then failed or gave other values:\n" + "\n".join(failed)
    assert unclear == [], "refused without naming function and dialect:\n" + "\n".join(unclear)
    return counts


def _battery_failures(
    kind: str,
    compiled: list[tuple[str, str]],
    catalog: Catalog | dict[str, Any],
    dialect: str,
    run: Run,
    reference: Reference | None,
) -> list[str]:
    """All the calls that compiled, run as one query; one by one only when that fails."""
    calls = [call for call, _ in compiled]
    together = compile_to(battery_spec(kind, calls), catalog, dialect)
    assert isinstance(together, str), together
    try:
        rows = [tuple(row) for row in run("retail", together)]
    except Exception:  # which call failed: each one alone says
        rows = None
    if rows is not None:
        if reference is None:
            return []
        return _value_differences(calls, rows, reference(battery_spec(kind, calls)), dialect)
    return [
        f"{call}: {error}" for call, code in compiled if (error := _error_of(run, "retail", code))
    ]


def _error_of(run: Run, tables: str, code: str) -> str | None:
    try:
        run(tables, code)
    except Exception as error:  # whatever the engine raises (Spark's own errors too) is a failure
        return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
    return None


def tpch_ddl() -> Iterator[str]:
    for table, columns in TPCH_SCHEMA.items():
        yield f"CREATE TABLE {table} ({', '.join(f'{c} {t}' for c, t in columns.items())})"


# Calls whose values may differ from DuckDB's in any engine: the difference is not the
# translation's (a random or approximate value, ties broken otherwise, an order not asked for).
UNEQUAL = {
    "random()": "a random number",
    "approx_count_distinct(o.customer_id)": "approximate",
    "approx_quantile(o.amount, 0.5)": "approximate",
    "first(o.status)": "any row's value",
    "any_value(o.status)": "any row's value",
    "mode(o.status)": "ties broken otherwise",
    "arg_max(o.order_id, o.amount)": "ties broken otherwise",
    "arg_min(o.order_id, o.amount)": "ties broken otherwise",
    "max_by(o.order_id, o.amount)": "ties broken otherwise",
    "ntile(4) OVER (ORDER BY o.amount)": "ties broken otherwise",
    "string_agg(o.status, ',')": "no order asked for",
    "list(o.status)": "no order asked for",
    "typeof(o.amount)": "each engine names its types",
    "age(o.order_date::TIMESTAMP, c.signup_date::TIMESTAMP)": "intervals read back otherwise",
    "median(o.amount)": "DuckDB keeps the decimal's scale (271.88, not 271.885)",
    "quantile_cont(o.amount, 0.9)": "DuckDB keeps the decimal's scale",
    "upper(c.customer_name)": "the test server's C locale upper-cases ASCII only",
}
# Known, not translated yet: the code runs and the values differ.
KNOWN_DIFFERENT = {
    "spark": {
        "cast(o.amount AS INTEGER)": "Spark truncates a decimal, DuckDB rounds it",
        "o.order_date - c.signup_date": "an interval in Spark, a number of days in DuckDB",
    },
}


def _value_differences(
    calls: list[str], got: list[tuple[Any, ...]], want: list[tuple[Any, ...]], dialect: str
) -> list[str]:
    """Each call whose column differs from DuckDB's, rows matched on the first column (the
    order id, or the country of an aggregate)."""
    known = {**UNEQUAL, **KNOWN_DIFFERENT.get(dialect.replace("pyspark", "spark"), {})}
    got_by, want_by = {row[0]: row for row in got}, {row[0]: row for row in want}
    if set(got_by) != set(want_by):
        return [f"{calls[0]} ...: {len(got)} rows, DuckDB {len(want)}"]
    differences = []
    for i, call in enumerate(calls, start=1):
        bad = next((k for k in want_by if not _same(got_by[k][i], want_by[k][i])), None)
        if bad is not None and call not in known:
            differences.append(
                f"{call}: gives {got_by[bad][i]!r}, DuckDB {want_by[bad][i]!r} (row {bad!r})"
            )
    return differences


def _same(got: Any, want: Any) -> bool:
    got, want = _plain(got), _plain(want)
    if isinstance(got, float) and isinstance(want, float):
        return math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-9)
    return bool(got == want)


def _plain(value: Any) -> Any:
    """A value as both engines' drivers may give it: a number as float, a timestamp at
    midnight as its date (DuckDB's date + interval is a TIMESTAMP, Spark's a DATE)."""
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime.datetime):
        value = value.replace(tzinfo=None)
        return value.date() if value.time() == datetime.time() else value
    return value


def duckdb_rows(database: Path, catalog: Catalog) -> Reference:
    """A spec's rows on DuckDB (read-only), to compare another engine's with."""

    def rows(spec: Spec) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(database), read_only=True) as con:
            return con.execute(compile_sql(spec, catalog, "duckdb")).fetchall()

    return rows
