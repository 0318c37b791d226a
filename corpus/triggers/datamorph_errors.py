"""DataMorph's own failures, provoked for real by running the project's code on a seeded
retail database: engine errors, bad input, bad specs, and validation checks that fail.

Validation failures become one message per failed check, in the form
"validation failed: <check name>: <check message>", with native code
`datamorph:check:<kind>`. Labelling decisions:
- a failed grain-uniqueness check is `data_duplication` (keys repeat); every other failed check
  (null keys, row count, reconciliation, row diff, filters, schema, empty output) says the
  code computed a wrong result: `code_defect`;
- a spec naming a table or column the catalog does not have is `schema_mismatch`; a spec
  that does not parse or has misspelt fields is `code_defect` (the spec is the pipeline);
- engine errors keep the category of the DuckDB failure they wrap (code, schema, data), with
  the wrapped code (`duckdb:Binder`); an interrupted query over its time budget is
  `resource_exhaustion`; an unknown engine, URL scheme or file type is `configuration_error`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from corpus.common import Recorder, workdir
from corpus.triggers.duckdb_files import held
from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.demo.data import generate_retail
from datamorph.engines import DuckDBEngine, open_engine, parse_database
from datamorph.engines.base import EngineError
from datamorph.monitor.taxonomy import Category
from datamorph.spec import Spec
from datamorph.validation import validate

C = Category

SPECS: dict[str, dict[str, Any]] = {
    "channel_totals": {
        "description": "Orders, customers and revenue per channel since 2023",
        "source_tables": ["orders"],
        "filters": ["order_date >= date '2023-01-01'"],
        "group_by": ["channel"],
        "aggregations": [
            {"name": "orders", "expr": "count(*)"},
            {"name": "customers", "expr": "count(distinct customer_id)"},
            {"name": "revenue", "expr": "sum(amount)"},
        ],
        "target_table": {"name": "channel_totals", "keys": ["channel"]},
    },
    "customer_activity": {
        "description": "Every customer with their order count and total spend",
        "source_tables": [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}],
        "join_conditions": [
            {"left": "c", "right": "o", "type": "left", "on": "c.customer_id = o.customer_id"}
        ],
        "group_by": ["c.customer_id", "c.segment"],
        "aggregations": [
            {"name": "order_count", "expr": "count(o.order_id)"},
            {"name": "total_spend", "expr": "coalesce(sum(o.amount), 0)"},
        ],
        "target_table": {"name": "customer_activity", "keys": ["customer_id"]},
    },
    "big_web_orders": {
        "description": "Web and mobile orders of 400 or more, with the net amount",
        "source_tables": ["orders"],
        "filters": ["amount >= 400", "channel in ('web', 'mobile')"],
        "transformations": [{"name": "net_amount", "expr": "amount - coalesce(discount, 0)"}],
        "columns": ["order_id", "customer_id", "channel", "amount", "net_amount"],
        "target_table": {"name": "big_web_orders", "keys": ["order_id"]},
    },
}

# Wrong code for a correct spec, as SQL around the correct query `{sql}`; `{key}` is the first
# key column, `{measure}` a numeric output.
DEFECTS: dict[str, str] = {
    "duplicated_rows": "({sql}) UNION ALL (SELECT * FROM ({sql}) ORDER BY {key} LIMIT 3)",
    # ordered, so that the same two rows go (and the message is the same) on every harvest
    "dropped_rows": "SELECT * EXCLUDE (rn) FROM "
    "(SELECT *, row_number() OVER (ORDER BY {key}) AS rn FROM ({sql})) WHERE rn > 2",
    "value_off": "SELECT * REPLACE ({measure} * 1.01 AS {measure}) FROM ({sql})",
    "null_key": "SELECT * EXCLUDE (rn) REPLACE "
    "(CASE WHEN rn = 1 THEN NULL ELSE {key} END AS {key}) "
    "FROM (SELECT *, row_number() OVER (ORDER BY {key}) AS rn FROM ({sql}))",
    "wrong_type": "SELECT * REPLACE (CAST({measure} AS VARCHAR) AS {measure}) FROM ({sql})",
    "missing_column": "SELECT * EXCLUDE ({measure}) FROM ({sql})",
    "empty_output": "SELECT * FROM ({sql}) WHERE false",
}
# Which defects each pipeline gets: every kind of check fails somewhere, few twice alike.
APPLIED = {
    "channel_totals": list(DEFECTS),
    "customer_activity": ["null_key", "missing_column"],
    "big_web_orders": ["duplicated_rows", "wrong_type"],
}
MEASURES = {
    "channel_totals": "revenue",
    "customer_activity": "total_spend",
    "big_web_orders": "amount",
}
LOOSENED = {"big_web_orders": ("amount >= 400", "amount >= 300")}

BROKEN_CODE: list[tuple[str, Category, str]] = [
    ("engine_unknown_column", C.SCHEMA_MISMATCH,
     "SELECT channel, sum(total_amount) FROM orders GROUP BY 1"),
    ("engine_unknown_column", C.SCHEMA_MISMATCH, "SELECT customer_id, full_name FROM customers"),
    ("engine_unknown_table", C.SCHEMA_MISMATCH, "SELECT * FROM order_lines"),
    ("engine_unknown_table", C.SCHEMA_MISMATCH, "SELECT count(*) FROM payment"),
    ("engine_missing_group_by", C.CODE_DEFECT,
     "SELECT channel, status, count(*) FROM orders GROUP BY channel"),
    ("engine_unknown_function", C.CODE_DEFECT,
     "SELECT channel, total(amount) FROM orders GROUP BY 1"),
    ("engine_ambiguous_column", C.CODE_DEFECT,
     "SELECT customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id"),
    ("engine_nested_aggregate", C.CODE_DEFECT, "SELECT max(count(*)) FROM payments"),
    ("engine_parse_error", C.CODE_DEFECT, "SELECT channel, sum(amount FROM orders GROUP BY 1"),
    ("engine_parse_error", C.CODE_DEFECT, "SELECT * FROM orders WHERE amount >"),
    ("engine_not_a_select", C.CODE_DEFECT, "DELETE FROM orders WHERE status = 'cancelled'"),
    ("engine_not_a_select", C.CODE_DEFECT, "CREATE TABLE backup AS SELECT * FROM orders"),
    ("engine_several_statements", C.CODE_DEFECT, "SELECT 1; SELECT 2"),
]  # fmt: skip

BAD_SPECS: list[tuple[str, Category, dict[str, Any]]] = [
    ("spec_unknown_column", C.SCHEMA_MISMATCH,
     {"aggregations": [{"name": "revenue", "expr": "sum(total_amount)"}]}),
    ("spec_unknown_column", C.SCHEMA_MISMATCH, {"filters": ["order_status = 'completed'"]}),
    ("spec_unknown_column", C.SCHEMA_MISMATCH, {"group_by": ["sales_channel"]}),
    ("spec_unknown_table", C.SCHEMA_MISMATCH, {"source_tables": ["order"]}),
    ("spec_unknown_table", C.SCHEMA_MISMATCH, {"source_tables": ["sales"]}),
    ("spec_expression_parse", C.CODE_DEFECT, {"filters": ["order_date >= date '2023-01-01' and"]}),
    ("spec_expression_parse", C.CODE_DEFECT,
     {"aggregations": [{"name": "revenue", "expr": "sum(amount"}]}),
    ("spec_unknown_field", C.CODE_DEFECT, {"agregations": []}),
    ("spec_unknown_field", C.CODE_DEFECT, {"target": {"name": "channel_totals"}}),
]  # fmt: skip


def engine_code(error: BaseException) -> str | None:
    if isinstance(error, EngineError):
        if error.native_code:
            return f"{error.engine}:{error.native_code}"
        return f"sqlglot:{error.native_type}" if error.native_type == "ParseError" else None
    return "datamorph:" + type(error).__name__


def message_of(error: BaseException) -> str:
    """DataMorph's errors carry their final text in `.message` (a timeout prefixes it there)."""
    return str(getattr(error, "message", None) or error)


@contextlib.contextmanager
def private_home() -> Iterator[None]:
    """DATAMORPH_HOME inside the scratch directory, relative: messages name '.dm-home/...'."""
    saved = {k: os.environ.pop(k, None) for k in ("DATAMORPH_HOME", "DATAMORPH_DATABASE")}
    os.environ["DATAMORPH_HOME"] = ".dm-home"
    try:
        yield
    finally:
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value


def engine_failures(recorder: Recorder, engine: DuckDBEngine) -> None:
    for trigger, category, code in BROKEN_CODE:
        recorder.expect(trigger, category, lambda c=code: engine.build_staging(c, "run-0001"))
    slow = "SELECT count(*) FROM range(4000000000) a(i) WHERE hash(i) % 7 = 3"
    for timeout in (0.05, 0.1):
        recorder.expect(
            "query_timeout",
            C.RESOURCE_EXHAUSTION,
            lambda t=timeout: engine.query(slow, timeout=t),
        )
    for table in ("custmers", "order_item", "inventory"):
        recorder.expect("unknown_table", C.SCHEMA_MISMATCH, lambda t=table: engine.sample_rows(t))


def file_failures(recorder: Recorder) -> None:
    Path("landing").mkdir()
    # The bad value sits past the CSV sniffer's sample (20,480 rows), as in a real export.
    rows = "".join(f"{i},{10 + i % 90}.50\n" for i in range(25_000))
    Path("landing/orders_2024-03.csv").write_text("order_id,amount\n" + rows + "25000,n/a\n")
    Path("landing/customers.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 2)
    Path("landing/events.jsonl").write_text('{"id": 1}\n{"id": 2, "kind": \n')
    # the engine reads no file it was not opened for: a run names its landing folder
    with DuckDBEngine("retail.duckdb", files=["landing/*"]) as engine:
        _stage_failures(recorder, engine)


def _stage_failures(recorder: Recorder, engine: DuckDBEngine) -> None:
    for name in ("orders_2024-03.csv", "customers.parquet", "events.jsonl"):
        recorder.expect(
            "stage_bad_file",
            C.DATA_CORRUPTION,
            lambda n=name: engine.stage_file(Path("landing") / n, "run-0002"),
        )
    for name in ("landing/orders_2024-04.csv", "landing/refunds.parquet"):
        recorder.expect(
            "stage_missing_file",
            C.MISSING_DEPENDENCY,
            lambda n=name: engine.stage_file(Path(n), "run-0003"),
        )
    for name in ("landing/orders.xlsx", "landing/orders.avro"):
        recorder.expect(
            "stage_unknown_file_type",
            C.CONFIGURATION_ERROR,
            lambda n=name: engine.stage_file(Path(n), "run-0004"),
        )


def setup_failures(recorder: Recorder) -> None:
    for name in ("spark_local", "oracle"):
        recorder.expect(
            "unknown_engine", C.CONFIGURATION_ERROR, lambda n=name: open_engine("retail.duckdb", n)
        )
    recorder.expect(
        "engine_mismatch", C.CONFIGURATION_ERROR, lambda: open_engine("retail.duckdb", "postgres")
    )
    for url in ("spark:mesos://cluster:5050", "spark:local[0]"):
        recorder.expect("bad_spark_master", C.CONFIGURATION_ERROR, lambda u=url: parse_database(u))
    for url in ("mysql://etl@db/analytics", "snowflake://acct/db"):
        recorder.expect(
            "unknown_url_scheme", C.CONFIGURATION_ERROR, lambda u=url: parse_database(u)
        )
    for path in ("warehouse.duckdb", "marts/finance.duckdb"):
        recorder.expect("database_not_found", C.MISSING_DEPENDENCY, lambda p=path: DuckDBEngine(p))
    recorder.expect("no_demo_database", C.MISSING_DEPENDENCY, lambda: open_engine(None))
    with held("locked.duckdb"):
        recorder.expect("database_locked", C.RESOURCE_LOCKED, lambda: DuckDBEngine("locked.duckdb"))


def spec_failures(recorder: Recorder, catalog: Catalog) -> None:
    for trigger, category, change in BAD_SPECS:
        recorder.expect(
            trigger,
            category,
            lambda c=change: Spec.from_dict({**SPECS["channel_totals"], **c}).require_valid(
                catalog
            ),
        )


def validation_failures(recorder: Recorder, engine: DuckDBEngine, catalog: Catalog) -> None:
    for name, raw in SPECS.items():
        spec = Spec.from_dict(raw)
        sql = compile_sql(spec, catalog, "duckdb")
        key, measure = spec.target_table.keys[0], MEASURES[name]
        variants = {d: DEFECTS[d].format(sql=sql, key=key, measure=measure) for d in APPLIED[name]}
        if name in LOOSENED:
            variants["loosened_filter"] = sql.replace(*LOOSENED[name])
        for defect, code in variants.items():
            staged = engine.build_staging(code, f"{name}-{defect}")
            report = validate(engine, spec, staged.name, catalog, code=code)
            kinds: set[str] = set()
            for check in report.failed:
                if check.kind in kinds:  # one message per kind of check: measures repeat it
                    continue
                kinds.add(check.kind)
                category = (
                    C.DATA_DUPLICATION if check.name.startswith("grain unique") else C.CODE_DEFECT
                )
                recorder.add(
                    f"validation_{check.kind}",
                    category,
                    f"validation failed: {check.name}: {check.message}",
                    f"datamorph:check:{check.kind}",
                )
            engine.drop_staging(staged)


STEPS: list[Callable[[Recorder], None]] = [setup_failures]


def harvest() -> list[dict[str, Any]]:
    recorder = Recorder("datamorph", engine_code, text_of=message_of)
    with workdir("datamorph"), private_home():
        con = duckdb.connect("retail.duckdb")
        generate_retail(con, orders=1_000, seed=11)
        con.close()
        with DuckDBEngine("retail.duckdb") as engine:
            catalog = engine.catalog(samples=0)
            engine_failures(recorder, engine)
        file_failures(recorder)
        with DuckDBEngine("retail.duckdb") as engine:
            spec_failures(recorder, catalog)
            validation_failures(recorder, engine, catalog)
        setup_failures(recorder)
    return recorder.finish()
