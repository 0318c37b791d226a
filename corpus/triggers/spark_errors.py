"""Spark failures provoked for real in a local PySpark session (about ten seconds to start).

Codes are `spark:<condition>` from the exception's `getCondition()` (the error class, e.g.
UNRESOLVED_COLUMN.WITH_SUGGESTION). Messages are `str(exception)`, cut to three lines: the
analysed plan that follows the first line carries expression ids (`amount#12`), which the
comparison masks. Labelling follows the SQL engines: unresolved columns and tables and an
INSERT whose source gained a column are `schema_mismatch`; bad casts of data columns under
ANSI mode, malformed records and unreadable files are `data_corruption`; duplicate map keys
built from data are `data_duplication`; collecting more than spark.driver.maxResultSize is
`resource_exhaustion`; invalid or static configuration values are `configuration_error`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from corpus.common import Recorder, workdir
from datamorph.monitor.taxonomy import Category

C = Category

ORDERS = [
    (100, 1, "2024-01-03", "completed", 137.5, "web", "19.99", "2024-03-01", "k1"),
    (101, 2, "2024-01-04", "pending", 18.5, "store", "n/a", "2024-02-30", "k1"),
    (102, 1, "2024-02-10", "completed", 34.99, "web", "1,299.00", "31/12/2024", "k2"),
    (103, 3, "2024-02-11", "refunded", 12.0, "app", "99999999999", "2024-13-01", "k2"),
]
COLUMNS = [
    "order_id", "customer_id", "order_date", "status", "amount", "channel",
    "raw_amount", "raw_date", "batch_key",
]  # fmt: skip

QUERIES: list[tuple[str, Category, list[str]]] = [
    ("unresolved_column", C.SCHEMA_MISMATCH, [
        "SELECT order_id, amont FROM orders", "SELECT customer_name FROM orders",
        "SELECT o.order_total FROM orders o",
    ]),
    ("table_not_found", C.SCHEMA_MISMATCH, [
        "SELECT * FROM ordrs", "SELECT count(*) FROM stg_payments",
        "SELECT * FROM analytics.daily_sales",
    ]),
    ("insert_arity", C.SCHEMA_MISMATCH, [
        "INSERT INTO daily_sales SELECT order_date, customer_id, amount, channel FROM orders",
    ]),
    ("parse_syntax_error", C.CODE_DEFECT, [
        "SELEC * FROM orders", "SELECT order_id,, amount FROM orders",
        "SELECT sum(amount FROM orders",
    ]),
    ("unresolved_routine", C.CODE_DEFECT, [
        "SELECT summ(amount) FROM orders", "SELECT datediff_days(order_date, now()) FROM orders",
    ]),
    ("missing_group_by", C.CODE_DEFECT, [
        "SELECT customer_id, sum(amount) FROM orders",
        "SELECT channel, status, count(*) FROM orders GROUP BY channel",
    ]),
    ("ambiguous_reference", C.CODE_DEFECT, [
        "SELECT order_id FROM orders a JOIN orders b ON a.order_id = b.order_id",
        "SELECT channel FROM orders o JOIN orders p USING (order_id)",
    ]),
    ("set_operation_columns", C.CODE_DEFECT, [
        "SELECT order_id, amount FROM orders UNION ALL SELECT order_id FROM orders",
    ]),
    ("divide_by_zero", C.CODE_DEFECT, [
        "SELECT amount / 0 FROM orders",
        "SELECT order_id div (customer_id - customer_id) FROM orders",
    ]),
    ("arithmetic_overflow", C.CODE_DEFECT, [
        "SELECT CAST(order_id AS INT) * 2147483647 FROM orders",
    ]),
    ("datatype_mismatch", C.CODE_DEFECT, [
        "SELECT * FROM orders WHERE amount > array(1)",
        "SELECT array_contains(amount, 1) FROM orders",
    ]),
    ("cast_invalid_input", C.DATA_CORRUPTION, [
        "SELECT CAST(raw_amount AS DECIMAL(10, 2)) FROM orders",
        "SELECT CAST(raw_amount AS DOUBLE) FROM orders WHERE order_id = 102",
        "SELECT CAST(raw_date AS DATE) FROM orders WHERE order_id = 102",
    ]),
    ("cast_overflow", C.DATA_CORRUPTION, [
        "SELECT CAST(CAST(raw_amount AS BIGINT) AS INT) FROM orders WHERE order_id = 103",
    ]),
    ("duplicated_map_key", C.DATA_DUPLICATION, [
        "SELECT map_from_arrays(collect_list(batch_key), collect_list(order_id)) FROM orders",
        "SELECT map_from_entries(collect_list(struct(customer_id, order_id))) FROM orders",
    ]),
    ("path_not_found", C.MISSING_DEPENDENCY, [
        "SELECT * FROM parquet.`landing/orders/2024-03-31`",
        "SELECT * FROM csv.`exports/customers.csv`",
    ]),
    ("unreadable_file", C.DATA_CORRUPTION, [
        "SELECT * FROM parquet.`landing/orders.parquet`",
    ]),
]  # fmt: skip


def spark_code(error: BaseException) -> str | None:
    """The error class of a PySpark exception, or of the Java exception a Py4JJavaError
    carries (failures inside a job arrive that way)."""
    condition = None
    source = getattr(error, "java_exception", error)
    for name in ("getCondition", "getErrorClass"):
        getter = getattr(source, name, None)
        if getter is not None:
            with contextlib.suppress(Exception):
                condition = getter()
            if condition:
                break
    return f"spark:{condition}" if condition else "python:" + type(error).__name__


@contextlib.contextmanager
def session(scratch: Path) -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("datamorph-corpus")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.maxResultSize", "1m")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    # PySpark logs every failed query once more, with its Java stack, from the Python side.
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        logging.getLogger(name).disabled = True
    try:
        yield spark
    finally:
        spark.stop()


def prepare(spark: Any) -> None:
    spark.createDataFrame(ORDERS, COLUMNS).createOrReplaceTempView("orders")
    spark.sql("CREATE TABLE daily_sales (sale_date STRING, store_id BIGINT, revenue DOUBLE)")
    Path("landing").mkdir()
    Path("landing/orders.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 8)
    Path("landing/events.json").write_text('{"id": 1, "kind": "click"}\n{"id": 2, "kind": \n')
    Path("landing/orders.csv").write_text("order_id,amount\n1,10.5\n2,n/a\n")


def dataframe_failures(recorder: Recorder, spark: Any) -> None:
    from pyspark.sql import functions as F

    attempts: list[tuple[str, Category, Callable[[], object]]] = [
        (
            "malformed_record",
            C.DATA_CORRUPTION,
            lambda: spark.read.option("mode", "FAILFAST").json("landing/events.json").collect(),
        ),
        (
            "malformed_record",
            C.DATA_CORRUPTION,
            lambda: (
                spark.read.schema("order_id INT, amount DOUBLE")
                .option("mode", "FAILFAST")
                .option("header", "true")
                .csv("landing/orders.csv")
                .collect()
            ),
        ),
        (
            "unresolved_column",
            C.SCHEMA_MISMATCH,
            lambda: spark.table("orders").select("order_id", "discount").collect(),
        ),
        (
            "result_too_large",
            C.RESOURCE_EXHAUSTION,
            lambda: spark.range(400_000).select(F.sha2(F.col("id").cast("string"), 256)).collect(),
        ),
    ]
    for trigger, category, attempt in attempts:
        recorder.expect(trigger, category, attempt)


def config_failures(recorder: Recorder, spark: Any) -> None:
    settings = [
        ("invalid_config_value", "spark.sql.shuffle.partitions", "lots"),
        ("invalid_config_value", "spark.sql.ansi.enabled", "maybe"),
        ("invalid_config_value", "spark.sql.session.timeZone", "Mars/Olympus"),
        ("static_config", "spark.sql.warehouse.dir", "/data/warehouse"),
        ("static_config", "spark.sql.catalogImplementation", "hive"),
    ]
    for trigger, key, value in settings:
        recorder.expect(trigger, C.CONFIGURATION_ERROR, lambda k=key, v=value: spark.conf.set(k, v))


def harvest() -> list[dict[str, Any]]:
    recorder = Recorder("spark", spark_code)
    with workdir("spark") as scratch, session(scratch) as spark:
        prepare(spark)
        for trigger, category, queries in QUERIES:
            for sql in queries:
                recorder.expect(trigger, category, lambda s=sql: spark.sql(s).collect())
        dataframe_failures(recorder, spark)
        config_failures(recorder, spark)
    return recorder.finish()
