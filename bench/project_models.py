"""The 20 models bench/project.py builds: staging (5) -> intermediate (7) -> marts (8) over
the retail demo tables, with declared keys and a few user tests, one incremental model."""

from __future__ import annotations

from typing import Any


def _model(name: str, folder: str, spec: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    return folder, name, spec


def _ref(name: str, alias: str | None = None) -> dict[str, Any]:
    return {"name": name, "ref": True, **({"alias": alias} if alias else {})}


MODELS = [
    _model("stg_customers", "staging", {
        "source_tables": ["customers"],
        "columns": ["customer_id", "customer_name", "country", "segment", "signup_date"],
        "target_table": {"keys": ["customer_id"]},
        "tests": [{"accepted_values": {"column": "segment",
                                       "values": ["consumer", "corporate", "small_business"]}}]}),
    _model("stg_orders", "staging", {
        "source_tables": ["orders"],
        "transformations": [{"name": "order_status", "expr": "lower(trim(status))"},
                            {"name": "net_amount", "expr": "amount - coalesce(discount, 0)"}],
        "columns": ["order_id", "customer_id", "order_date", "channel", "order_status",
                    "net_amount"],
        "target_table": {"keys": ["order_id"]},
        "tests": [{"not_null": "customer_id"}]}),
    _model("stg_order_items", "staging", {
        "source_tables": ["order_items"],
        "columns": ["order_item_id", "order_id", "product_id", "quantity", "line_amount"],
        "target_table": {"keys": ["order_item_id"]}}),
    _model("stg_products", "staging", {
        "source_tables": ["products"],
        "transformations": [{"name": "product_category", "expr": "coalesce(category, 'unknown')"}],
        "columns": ["product_id", "product_name", "product_category", "unit_price"],
        "target_table": {"keys": ["product_id"]}}),
    _model("stg_payments", "staging", {
        "source_tables": ["payments"],
        "transformations": [{"name": "payment_method", "expr": "coalesce(method, 'unknown')"},
                            {"name": "payment_status", "expr": "status"}],
        "columns": ["payment_id", "order_id", "payment_date", "payment_method", "amount",
                    "payment_status"],
        "target_table": {"keys": ["payment_id"]}}),
    _model("int_completed_orders", "intermediate", {
        "source_tables": [_ref("stg_orders")],
        "filters": ["order_status = 'completed'"],
        "columns": ["order_id", "customer_id", "order_date", "channel", "net_amount"],
        "target_table": {"keys": ["order_id"]}}),
    _model("int_order_lines", "intermediate", {
        "source_tables": [_ref("stg_order_items", "i"), _ref("stg_products", "p")],
        "join_conditions": [{"left": "i", "right": "p", "on": "i.product_id = p.product_id"}],
        "columns": ["i.order_item_id", "i.order_id", "p.product_category", "i.quantity",
                    "i.line_amount"],
        "target_table": {"keys": ["order_item_id"]}}),
    _model("int_customer_orders", "intermediate", {
        "source_tables": [_ref("stg_customers", "c"), _ref("int_completed_orders", "o")],
        "join_conditions": [{"left": "c", "right": "o", "on": "c.customer_id = o.customer_id"}],
        "group_by": ["c.customer_id", "c.segment", "c.country"],
        "aggregations": [{"name": "orders", "expr": "count(o.order_id)"},
                         {"name": "revenue", "expr": "sum(o.net_amount)"},
                         {"name": "last_order", "expr": "max(o.order_date)"}],
        "target_table": {"keys": ["customer_id"]},
        "tests": [{"relationships": {"column": "customer_id", "to": "stg_customers",
                                     "field": "customer_id"}}]}),
    _model("int_order_payments", "intermediate", {
        "source_tables": [_ref("stg_payments")],
        "filters": ["payment_status = 'captured'"],
        "group_by": ["order_id"],
        "aggregations": [{"name": "paid", "expr": "sum(amount)"},
                         {"name": "payments", "expr": "count(payment_id)"}],
        "target_table": {"keys": ["order_id"]}}),
    _model("int_category_lines", "intermediate", {
        "source_tables": [_ref("int_order_lines")],
        "group_by": ["order_id", "product_category"],
        "aggregations": [{"name": "quantity", "expr": "sum(quantity)"},
                         {"name": "amount", "expr": "sum(line_amount)"}],
        "target_table": {"keys": ["order_id", "product_category"]}}),
    _model("int_daily_orders", "intermediate", {
        "source_tables": [_ref("int_completed_orders")],
        "group_by": ["order_date"],
        "aggregations": [{"name": "orders", "expr": "count(order_id)"},
                         {"name": "revenue", "expr": "sum(net_amount)"}],
        "target_table": {"keys": ["order_date"]}}),
    _model("int_channel_orders", "intermediate", {
        "source_tables": [_ref("int_completed_orders")],
        "group_by": ["channel"],
        "aggregations": [{"name": "orders", "expr": "count(order_id)"},
                         {"name": "revenue", "expr": "sum(net_amount)"}],
        "target_table": {"keys": ["channel"]}}),
    # straight from the source, so that new orders reach it without rebuilding stg_orders:
    # the incremental case times this model alone
    _model("fct_orders", "marts", {
        "source_tables": ["orders"],
        "transformations": [{"name": "order_status", "expr": "lower(trim(status))"},
                            {"name": "net_amount", "expr": "amount - coalesce(discount, 0)"}],
        "columns": ["order_id", "customer_id", "order_date", "channel", "order_status",
                    "net_amount"],
        "target_table": {"mode": "merge", "keys": ["order_id"],
                         "incremental": {"column": "order_id"}}}),
    _model("dim_customers", "marts", {
        "source_tables": [_ref("int_customer_orders")],
        "filters": ["orders > 0"],
        "columns": ["customer_id", "segment", "country", "orders", "revenue"],
        "target_table": {"keys": ["customer_id"]}}),
    _model("segment_revenue", "marts", {
        "source_tables": [_ref("int_customer_orders")],
        "group_by": ["segment"],
        "aggregations": [{"name": "customers", "expr": "count(customer_id)"},
                         {"name": "revenue", "expr": "sum(revenue)"}],
        "target_table": {"keys": ["segment"]},
        "tests": [{"expression_is_true": "revenue >= 0"}]}),
    _model("country_revenue", "marts", {
        "source_tables": [_ref("int_customer_orders")],
        "group_by": ["country"],
        "aggregations": [{"name": "customers", "expr": "count(customer_id)"},
                         {"name": "revenue", "expr": "sum(revenue)"}],
        "target_table": {"keys": ["country"]}}),
    _model("category_revenue", "marts", {
        "source_tables": [_ref("int_category_lines")],
        "group_by": ["product_category"],
        "aggregations": [{"name": "quantity", "expr": "sum(quantity)"},
                         {"name": "amount", "expr": "sum(amount)"}],
        "target_table": {"keys": ["product_category"]},
        "tests": [{"row_count": {"min": 1}}]}),
    _model("monthly_revenue", "marts", {
        "source_tables": [_ref("int_daily_orders")],
        "transformations": [{"name": "month", "expr": "date_trunc('month', order_date)"}],
        "group_by": ["month"],
        "aggregations": [{"name": "orders", "expr": "sum(orders)"},
                         {"name": "revenue", "expr": "sum(revenue)"}],
        "target_table": {"keys": ["month"]}}),
    _model("underpaid_orders", "marts", {
        "source_tables": [_ref("int_completed_orders", "o"), _ref("int_order_payments", "p")],
        "join_conditions": [{"left": "o", "right": "p", "type": "left",
                             "on": "o.order_id = p.order_id"}],
        "filters": ["coalesce(p.paid, 0) < o.net_amount"],
        "columns": ["o.order_id", "o.customer_id", "o.net_amount", "p.paid"],
        # an exceptions table: empty on clean data, and that is not an error
        "target_table": {"keys": ["order_id"], "allow_empty": True}}),
    _model("top_customers", "marts", {
        "source_tables": [_ref("dim_customers")],
        "columns": ["customer_id", "revenue"],
        "order_by": ["revenue desc", "customer_id"],
        "limit": 100,
        "target_table": {"keys": ["customer_id"]}}),
]  # fmt: skip
