"""Specs and data shared by the PySpark compiler tests: one small schema, many shapes of spec.

`CASES` maps a name to (spec, compare rows in order?). The script tests compile each case; the
Spark tests run each one in Spark and in DuckDB over `DATA` and compare the rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from datamorph.spec import Spec

SCHEMA: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "INTEGER",
        "customer_name": "VARCHAR",
        "region": "VARCHAR",
        "signup_date": "DATE",
    },
    "orders": {
        "order_id": "INTEGER",
        "customer_id": "INTEGER",
        "amount": "DOUBLE",
        "discount": "DOUBLE",
        "status": "VARCHAR",
        "order_date": "DATE",
    },
}
SPARK_TYPES = {"INTEGER": "INT", "VARCHAR": "STRING", "DATE": "DATE", "DOUBLE": "DOUBLE"}

CUSTOMERS = [
    (1, "Ada", "north", dt.date(2023, 1, 5)),
    (2, "Ben", "south", dt.date(2023, 2, 1)),
    (3, "O'Brien", "north", dt.date(2023, 3, 9)),
    (4, "Dev", None, dt.date(2023, 4, 2)),
    (5, 'Eve "the" Quiet', "east", dt.date(2023, 5, 7)),
    (6, "Farid", "south", None),
]
ORDERS = [
    (10, 1, 500.0, 20.0, "completed", dt.date(2024, 1, 3)),
    (11, 1, 700.0, None, "completed", dt.date(2024, 1, 20)),
    (12, 1, 90.5, 0.5, "cancelled", dt.date(2024, 2, 2)),
    (13, 2, 1200.0, 100.0, "completed", dt.date(2024, 2, 14)),
    (14, 2, 30.0, None, "pending", dt.date(2024, 3, 1)),
    (15, 3, 250.0, None, "completed", dt.date(2024, 3, 5)),
    (16, 3, 250.0, 10.0, "completed", dt.date(2024, 3, 6)),
    (17, 3, 40.0, None, "shipped", dt.date(2024, 3, 7)),
    (18, 4, 999.0, 9.0, "completed", dt.date(2024, 4, 1)),
    (19, 5, 15.0, None, None, dt.date(2024, 4, 2)),
    (20, 99, 60.0, None, "completed", dt.date(2024, 4, 3)),
]
DATA = {"customers": CUSTOMERS, "orders": ORDERS}

TARGET = {"name": "result"}
CO = [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}]
ON = "c.customer_id = o.customer_id"


def spec(**fields: Any) -> Spec:
    return Spec.from_dict({"description": "test", "target_table": TARGET, **fields})


# name -> (spec, compare in order?)
CASES: dict[str, tuple[Spec, bool]] = {
    "join_filter_group_having_order": (
        spec(
            description='Per customer totals ("completed" only) \\ with """ quotes',
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "type": "left", "on": ON}],
            filters=["o.status = 'completed'", "c.customer_name <> 'Nobody''s'"],
            transformations=[{"name": "net", "expr": "o.amount - coalesce(o.discount, 0)"}],
            group_by=["c.customer_id", "c.customer_name"],
            aggregations=[
                {"name": "total_amount", "expr": "sum(net)"},
                {"name": "order_count", "expr": "count(o.order_id)"},
            ],
            having=["total_amount > 400"],
            order_by=[{"expr": "total_amount", "desc": True}],
        ),
        True,
    ),
    "aggregate_without_group_by": (
        spec(
            source_tables=["orders"],
            filters=["status IS NOT NULL"],
            aggregations=[
                {"name": "total", "expr": "sum(amount)"},
                {"name": "orders", "expr": "count(*)"},
                {"name": "average", "expr": "total / orders"},
                {"name": "discounted", "expr": "count(*) FILTER (WHERE discount > 0)"},
            ],
        ),
        False,
    ),
    "rows_with_columns_order_limit": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            transformations=[{"name": "year", "expr": "extract(year FROM o.order_date)"}],
            columns=["o.order_id", "c.customer_name AS name", "o.amount * 2 AS doubled", "year"],
            order_by=["doubled desc", "o.order_date", {"expr": "o.order_id"}],
            limit=5,
        ),
        True,
    ),
    "order_by_source_column_not_in_output": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=["o.order_id", "upper(c.customer_name) AS shout"],
            order_by=[{"expr": "o.amount", "desc": True}, "o.order_id"],
            limit=4,
        ),
        True,
    ),
    "steps_semi_and_anti_join": (
        spec(
            steps=[
                {
                    "name": "big_spenders",
                    "source_tables": ["orders"],
                    "group_by": ["customer_id"],
                    "aggregations": [{"name": "spent", "expr": "sum(amount)"}],
                    "having": ["spent >= 500", "count(*) > 1"],
                },
                {
                    "name": "cancelled",
                    "source_tables": ["orders"],
                    "filters": ["status = 'cancelled'"],
                    "columns": ["customer_id"],
                    "distinct": True,
                },
            ],
            source_tables=[*CO[:1], {"name": "big_spenders", "alias": "b"}, "cancelled"],
            join_conditions=[
                {"left": "c", "right": "b", "type": "semi", "on": "c.customer_id = b.customer_id"},
                {
                    "left": "c",
                    "right": "cancelled",
                    "type": "anti",
                    "on": "c.customer_id = cancelled.customer_id",
                },
            ],
            columns=["c.customer_id", "c.customer_name"],
        ),
        False,
    ),
    "qualify_window_rows": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=[
                "c.customer_name",
                "o.order_id",
                "row_number() OVER (PARTITION BY c.customer_id ORDER BY o.amount DESC,"
                " o.order_id) AS rn",
                "count(*) OVER (PARTITION BY c.customer_id) AS customer_orders",
            ],
            qualify=["rn <= 2"],
            order_by=["c.customer_name", "rn"],
        ),
        True,
    ),
    "qualify_rank_of_aggregates": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            group_by=["c.region"],
            aggregations=[{"name": "revenue", "expr": "sum(o.amount)"}],
            columns=[
                "region",
                "revenue",
                "round(revenue / sum(sum(o.amount)) OVER (), 4) AS share",
            ],
            qualify=["rank() OVER (ORDER BY sum(o.amount) DESC) <= 2"],
            order_by=[{"expr": "revenue", "desc": True}],
        ),
        True,
    ),
    "distinct": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=["c.region", "o.status"],
            distinct=True,
            order_by=[{"expr": "region", "nulls_first": True}, {"expr": "status", "desc": True}],
        ),
        True,
    ),
    "hidden_aggregates_and_full_join": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "type": "full", "on": ON}],
            group_by=["coalesce(c.region, 'none') AS region"],
            aggregations=[{"name": "total", "expr": "sum(o.amount)"}],
            columns=['region AS "order"', "round(total / count(o.order_id), 2) AS avg_amount"],
            having=["count(*) > 1"],
            order_by=[{"expr": "max(o.amount)", "desc": True}],
        ),
        True,
    ),
    "group_by_only_and_right_join": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "type": "right", "on": ON}],
            group_by=["o.status", "c.region IS NULL AS unknown_region"],
            order_by=[{"expr": "status", "nulls_first": True}, "unknown_region"],
        ),
        True,
    ),
    "order_by_window_output_and_source_column": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=["o.order_id", "row_number() OVER (ORDER BY o.amount DESC, o.order_id) AS rn"],
            order_by=["rn", "o.customer_id"],
        ),
        True,
    ),
    "aggregate_in_columns_only": (
        spec(source_tables=["orders"], columns=["count(*) AS n", "max(amount) AS top"]),
        False,
    ),
    "self_join": (
        spec(
            source_tables=[{"name": "orders", "alias": "a"}, {"name": "orders", "alias": "b"}],
            join_conditions=[
                {"left": "a", "right": "b", "on": "a.customer_id = b.customer_id"},
                {"left": "a", "right": "b", "on": "a.order_id < b.order_id"},
            ],
            columns=["a.order_id AS first_id", "b.order_id AS second_id"],
        ),
        False,
    ),
    "reserved_names": (
        spec(
            source_tables=["orders"],
            transformations=[{"name": "group", "expr": "upper(status)"}],
            group_by=['"group"'],
            aggregations=[{"name": "select", "expr": "count(*)"}],
            having=['"select" >= 1'],
            order_by=['"group"'],
        ),
        True,
    ),
}
