"""pyarrow and pandas failures provoked for real (sources `pyarrow`, `pandas`).

Runs inside python_errors.py's scratch directory. Labelling decisions:
- tables whose schemas differ, and a column the data no longer has, are `schema_mismatch`;
- values that do not parse as their declared type, unparseable files, and rows with the wrong
  number of fields are `data_corruption`;
- pandas' uniqueness validations (merge `validate=`, pivot, `verify_integrity`) fail because
  keys repeat: `data_duplication`;
- an allocation larger than the machine can give is `resource_exhaustion`.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from corpus.common import Recorder
from datamorph.monitor.taxonomy import Category

C = Category

ORDERS = pd.DataFrame(
    {"order_id": [100, 101, 101, 102], "customer_id": [1, 2, 2, 3], "amount": [10.0, 5, 5, 7]}
)
CUSTOMERS = pd.DataFrame({"customer_id": [1, 2, 2, 3], "segment": ["retail", "b2b", "b2b", "x"]})
BAD_CSV = "order_id,customer_id,amount\n100,1,10.0\n101,2,5.0,EUR\n102,3,7.0\n"


def arrow_cases() -> list[tuple[str, Category, list[Callable[[], object]]]]:
    orders = pa.table({"order_id": [1, 2], "amount": [10.0, 5.5]})
    drifted = pa.table({"order_id": [3], "amount": ["7.00"]})
    renamed = pa.table({"order_id": [4], "amount_eur": [3.0]})
    return [
        (
            "arrow_not_parquet",
            C.DATA_CORRUPTION,
            [
                lambda: pq.read_table("landing/orders.parquet"),
                lambda: pq.read_table("landing/orders.csv"),
            ],
        ),
        (
            "arrow_parquet_missing",
            C.MISSING_DEPENDENCY,
            [lambda: pq.read_table("lake/orders/date=2024-03-31/part-0.parquet")],
        ),
        (
            "arrow_cast",
            C.DATA_CORRUPTION,
            [
                lambda: pa.array(["12", "n/a"]).cast(pa.int64()),
                lambda: pa.array(["2024-02-30"]).cast(pa.timestamp("s")),
                lambda: pa.array([300, 12]).cast(pa.int8()),
            ],
        ),
        (
            "arrow_csv_columns",
            C.DATA_CORRUPTION,
            [
                lambda: pa_csv.read_csv(io.BytesIO(BAD_CSV.encode())),
                lambda: pa_csv.read_csv(
                    io.BytesIO(b"sku;qty\nA-1;2\nA-2;3;x\n"),
                    parse_options=pa_csv.ParseOptions(delimiter=";"),
                ),
            ],
        ),
        (
            "arrow_schema_differs",
            C.SCHEMA_MISMATCH,
            [
                lambda: pa.concat_tables([orders, drifted]),
                lambda: pa.concat_tables([drifted, renamed]),
            ],
        ),
        (
            "arrow_missing_field",
            C.SCHEMA_MISMATCH,
            [lambda: orders.column("order_total"), lambda: orders.select(["order_id", "amt"])],
        ),
        (
            "arrow_allocation",
            C.RESOURCE_EXHAUSTION,
            [lambda: pa.allocate_buffer(1 << 60), lambda: pa.allocate_buffer(3 << 58)],
        ),
    ]


def pandas_cases() -> list[tuple[str, Category, list[Callable[[], object]]]]:
    unique = CUSTOMERS.drop_duplicates()
    return [
        (
            "pandas_merge_validate",
            C.DATA_DUPLICATION,
            [
                lambda: ORDERS.merge(CUSTOMERS, on="customer_id", validate="many_to_one"),
                lambda: ORDERS.merge(unique, on="customer_id", validate="one_to_one"),
                lambda: CUSTOMERS.merge(ORDERS, on="customer_id", validate="one_to_many"),
            ],
        ),
        (
            "pandas_duplicate_index",
            C.DATA_DUPLICATION,
            [
                lambda: ORDERS.pivot(index="order_id", columns="customer_id", values="amount"),
                lambda: ORDERS.set_index("order_id", verify_integrity=True),
                lambda: CUSTOMERS.set_index("customer_id", verify_integrity=True),
            ],
        ),
        (
            "pandas_missing_columns",
            C.SCHEMA_MISMATCH,
            [
                lambda: ORDERS[["order_id", "order_total"]],
                lambda: CUSTOMERS[["customer_id", "country", "segment"]],
            ],
        ),
        (
            "pandas_tokenize",
            C.DATA_CORRUPTION,
            [
                lambda: pd.read_csv(io.StringIO(BAD_CSV)),
                lambda: pd.read_csv(io.StringIO("sku;qty\nA-1;2\nA-2;3;x\n"), sep=";"),
            ],
        ),
        (
            "pandas_parse",
            C.DATA_CORRUPTION,
            [
                lambda: pd.to_numeric(pd.Series(["12.5", "n/a", "3"])),
                lambda: pd.to_datetime(pd.Series(["2024-01-31", "31/01/2024"]), format="%Y-%m-%d"),
            ],
        ),
    ]


def run_all(recorder: Recorder) -> None:
    """Runs in the caller's scratch directory (it holds landing/orders.csv)."""
    Path("landing/orders.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecation notes are not the failure under study
        for source, cases in (("pyarrow", arrow_cases()), ("pandas", pandas_cases())):
            for trigger, category, attempts in cases:
                for attempt in attempts:
                    recorder.expect(trigger, category, attempt, source=source)
