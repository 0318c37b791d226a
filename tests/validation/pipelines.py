"""Correct pipelines over the seeded retail database, for the seeded-defect suite.

Each is a spec that compiles to correct SQL; `defects.py` then breaks that SQL (the spec stays
right) and the validator must notice. Every spec declares `target_table.keys`, its grain: the
validator's grain check and row-level diff match rows on them.

Six come from the repository (the demo spec and tests/specs/*.json, the keyless one-row totals
being recast per channel); the rest are written here so that the set covers left joins, inner
joins of three tables, filters on values and dates, HAVING, derived columns, time grains,
non-aggregated listings with keys, counts and averages, and windows with QUALIFY.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datamorph.demo.showcase import demo_spec
from datamorph.spec import Spec

SPECS_DIR = Path(__file__).resolve().parents[1] / "specs"

# The spec files reused as they are (overall_totals has no keys: recast below per channel).
_FILES = (
    "category_share",
    "customers_without_orders",
    "top_customers_by_month",
    "unpaid_orders",
)

_WRITTEN: dict[str, dict[str, Any]] = {
    # Counts and averages per channel since 2023 (a date filter), the overall totals per group.
    "channel_totals": {
        "description": "Orders, customers, revenue and average discount per channel since 2023",
        "source_tables": ["orders"],
        "filters": ["order_date >= date '2023-01-01'"],
        "group_by": ["channel"],
        "aggregations": [
            {"name": "orders", "expr": "count(*)"},
            {"name": "customers", "expr": "count(distinct customer_id)"},
            {"name": "revenue", "expr": "sum(amount)"},
            {"name": "avg_discount", "expr": "avg(discount)"},
        ],
        "target_table": {"name": "channel_totals", "keys": ["channel"]},
    },
    # A time grain, a value filter and a date range, counts and averages.
    "monthly_revenue": {
        "description": "Completed revenue, order count and average order value per month of 2024",
        "source_tables": [{"name": "orders", "alias": "o"}],
        "filters": [
            "o.status = 'completed'",
            "o.order_date >= date '2024-01-01'",
            "o.order_date < date '2025-01-01'",
        ],
        "transformations": [{"name": "month", "expr": "date_trunc('month', o.order_date)"}],
        "group_by": ["month"],
        "aggregations": [
            {"name": "revenue", "expr": "sum(o.amount)"},
            {"name": "order_count", "expr": "count(*)"},
            {"name": "avg_order_value", "expr": "round(avg(o.amount), 2)"},
        ],
        "order_by": ["month"],
        "target_table": {"name": "monthly_revenue", "keys": ["month"]},
    },
    # A left join that matters: customers who never ordered keep a row with zeros.
    "customer_activity": {
        "description": "Every customer with their order count and total spend, zero when none",
        "source_tables": [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}],
        "join_conditions": [
            {"left": "c", "right": "o", "type": "left", "on": "c.customer_id = o.customer_id"}
        ],
        "group_by": ["c.customer_id", "c.segment"],
        "aggregations": [
            {"name": "order_count", "expr": "count(o.order_id)"},
            {"name": "total_spend", "expr": "coalesce(sum(o.amount), 0)"},
            {"name": "last_order", "expr": "max(o.order_date)"},
        ],
        "order_by": ["customer_id"],
        "target_table": {"name": "customer_activity", "keys": ["customer_id"]},
    },
    # A listing with keys over an inner join of three tables, value and date filters, derived
    # columns.
    "electronics_lines": {
        "description": "Order lines of electronics in the first half of 2024, with line net",
        "source_tables": [
            {"name": "order_items", "alias": "i"},
            {"name": "orders", "alias": "o"},
            {"name": "products", "alias": "p"},
        ],
        "join_conditions": [
            {"left": "i", "right": "o", "on": "i.order_id = o.order_id"},
            {"left": "i", "right": "p", "on": "i.product_id = p.product_id"},
        ],
        "filters": [
            "p.category = 'electronics'",
            "o.order_date between date '2024-01-01' and date '2024-06-30'",
        ],
        "transformations": [
            {"name": "list_value", "expr": "i.quantity * p.unit_price"},
            {"name": "price_change", "expr": "i.unit_price - p.unit_price"},
        ],
        "columns": [
            "i.order_item_id",
            "i.order_id",
            "o.order_date",
            "p.product_name",
            "i.quantity",
            "i.line_amount",
            "list_value",
            "price_change",
        ],
        "order_by": ["order_item_id"],
        "target_table": {"name": "electronics_lines", "keys": ["order_item_id"]},
    },
    # Counts and averages with HAVING on a count, over a NULL-cleaned group key.
    "payment_methods": {
        "description": "Captured payments per method: count, average and total, methods used 20+",
        "source_tables": ["payments"],
        "filters": ["status = 'captured'"],
        "transformations": [{"name": "method_name", "expr": "coalesce(method, 'unknown')"}],
        "group_by": ["method_name"],
        "aggregations": [
            {"name": "payments", "expr": "count(*)"},
            {"name": "avg_amount", "expr": "avg(amount)"},
            {"name": "total_amount", "expr": "sum(amount)"},
        ],
        "having": ["count(*) >= 20"],
        "target_table": {"name": "payment_methods", "keys": ["method_name"]},
    },
    # A listing with keys, numeric and value filters, derived percentages.
    "big_web_orders": {
        "description": "Web and mobile orders of 400 or more, with net amount and discount share",
        "source_tables": ["orders"],
        "filters": ["amount >= 400", "channel in ('web', 'mobile')"],
        "transformations": [
            {"name": "net_amount", "expr": "amount - coalesce(discount, 0)"},
            {"name": "discount_pct", "expr": "round(100 * coalesce(discount, 0) / amount, 2)"},
        ],
        "columns": [
            "order_id",
            "customer_id",
            "order_date",
            "amount",
            "net_amount",
            "discount_pct",
        ],
        "order_by": [{"expr": "amount", "desc": True}],
        "target_table": {"name": "big_web_orders", "keys": ["order_id"]},
    },
    # A left join with a condition in ON and a HAVING that keeps the unmatched rows (zero
    # payments): an inner join would lose them.
    "order_payments": {
        "description": "2025 orders with fewer than two captured payments, amount paid (0 if none)",
        "source_tables": [{"name": "orders", "alias": "o"}, {"name": "payments", "alias": "p"}],
        "join_conditions": [
            {
                "left": "o",
                "right": "p",
                "type": "left",
                "on": "o.order_id = p.order_id and p.status = 'captured'",
            }
        ],
        "filters": ["o.order_date >= date '2025-01-01'"],
        "group_by": ["o.order_id", "o.customer_id"],
        "aggregations": [
            {"name": "paid", "expr": "coalesce(sum(p.amount), 0)"},
            {"name": "payments", "expr": "count(p.payment_id)"},
        ],
        "having": ["count(p.payment_id) < 2"],
        "order_by": ["order_id"],
        "target_table": {"name": "order_payments", "keys": ["order_id"]},
    },
    # Two keys and a quarter grain over an inner join, with a HAVING on a sum.
    "country_quarters": {
        "description": "Revenue per customer country and quarter of non-cancelled orders, 2000+",
        "source_tables": [{"name": "orders", "alias": "o"}, {"name": "customers", "alias": "c"}],
        "join_conditions": [{"left": "o", "right": "c", "on": "o.customer_id = c.customer_id"}],
        "filters": ["o.status <> 'cancelled'"],
        "transformations": [{"name": "quarter", "expr": "date_trunc('quarter', o.order_date)"}],
        "group_by": ["c.country", "quarter"],
        "aggregations": [
            {"name": "revenue", "expr": "sum(o.amount)"},
            {"name": "customers", "expr": "count(distinct o.customer_id)"},
        ],
        "having": ["sum(o.amount) > 2000"],
        "order_by": ["country", "quarter"],
        "target_table": {"name": "country_quarters", "keys": ["country", "quarter"]},
    },
    # A window without aggregation: running totals per customer, a listing with keys.
    "running_spend": {
        "description": "2024 orders with each customer's running spend and order number",
        "source_tables": [{"name": "orders", "alias": "o"}],
        "filters": ["o.order_date >= date '2024-01-01'"],
        "columns": [
            "o.order_id",
            "o.customer_id",
            "o.order_date",
            "o.amount",
            "sum(o.amount) over (partition by o.customer_id order by o.order_date, o.order_id)"
            " AS running_spend",
            "row_number() over (partition by o.customer_id order by o.order_date, o.order_id)"
            " AS order_number",
        ],
        "order_by": ["order_id"],
        "target_table": {"name": "running_spend", "keys": ["order_id"]},
    },
    # Top products per category with QUALIFY over a three-table aggregate.
    "top_products_by_category": {
        "description": "The two best-selling products of each category by 2023-2024 units",
        "source_tables": [
            {"name": "order_items", "alias": "i"},
            {"name": "products", "alias": "p"},
            {"name": "orders", "alias": "o"},
        ],
        "join_conditions": [
            {"left": "i", "right": "p", "on": "i.product_id = p.product_id"},
            {"left": "i", "right": "o", "on": "i.order_id = o.order_id"},
        ],
        "filters": ["o.order_date >= date '2023-01-01'", "p.category is not null"],
        "group_by": ["p.category", "p.product_id"],
        "aggregations": [
            {"name": "units", "expr": "sum(i.quantity)"},
            {"name": "revenue", "expr": "sum(i.line_amount)"},
        ],
        "columns": [
            "category",
            "product_id",
            "units",
            "revenue",
            "row_number() over (partition by category order by units desc, product_id)"
            " AS rank_in_category",
        ],
        "qualify": ["rank_in_category <= 2"],
        "order_by": ["category", "rank_in_category"],
        "target_table": {"name": "top_products_by_category", "keys": ["category", "product_id"]},
    },
}


def _load(name: str) -> Spec:
    return Spec.from_json((SPECS_DIR / f"{name}.json").read_text(), source=f"{name}.json")


def _pipelines() -> dict[str, Spec]:
    found: dict[str, Spec] = {"customer_order_summary": demo_spec()}
    found.update({name: _load(name) for name in _FILES})
    found.update({name: Spec.from_dict(data, source=name) for name, data in _WRITTEN.items()})
    for name, spec in found.items():
        assert spec.target_table.keys, f"pipeline {name} declares no keys"
    return found


PIPELINES: dict[str, Spec] = _pipelines()
