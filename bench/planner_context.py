"""Catalog slice for the LLM planner on a large catalog: which tables, how many tokens.

Builds a synthetic 300-table warehouse (25 business entities with their keys, half of the
foreign keys declared and half only by name; side tables such as `customer_history` and
`stg_orders`; two 80-column wide tables; tables of unrelated domains), then for ~10 requests
reports the tables `build_context` picks, whether the tables the request needs are all there,
and the estimated tokens (characters / 4) of the catalog slice and of the whole system prompt
(rules + slice; the JSON Schema goes separately as the tool / response format).

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/planner_context.py [--tables 300] [--max-tables 12]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table as RichTable

from common import append_report as write_report
from common import machine
from datamorph.catalog import Catalog, Column, ForeignKey, Table
from datamorph.planning.context import build_context, estimate_tokens
from datamorph.planning.llm import RULES
from datamorph.spec import Spec

GOAL_TOKENS = 4_000
console = Console()

# entity: (table, parents, attribute columns as name:type)
ENTITIES: dict[str, tuple[str, str, str]] = {
    "region": ("regions", "", "region_name:VARCHAR country:VARCHAR"),
    "store": ("stores", "region", "store_name:VARCHAR opened_on:DATE city:VARCHAR"),
    "customer": (
        "customers",
        "region",
        "customer_name:VARCHAR email:VARCHAR segment:VARCHAR signup_date:DATE",
    ),
    "order": (
        "orders",
        "customer store",
        "order_date:DATE status:VARCHAR amount:DECIMAL(12,2) discount:DECIMAL(10,2)",
    ),
    "product_category": ("product_categories", "", "category_name:VARCHAR"),
    "supplier": ("suppliers", "region", "supplier_name:VARCHAR rating:INTEGER"),
    "product": (
        "products",
        "product_category supplier",
        "product_name:VARCHAR unit_price:DECIMAL(10,2)",
    ),
    "order_item": ("order_items", "order product", "quantity:INTEGER line_amount:DECIMAL(12,2)"),
    "payment": ("payments", "order", "payment_date:DATE method:VARCHAR amount:DECIMAL(12,2)"),
    "department": ("departments", "", "department_name:VARCHAR cost_center:VARCHAR"),
    "employee": (
        "employees",
        "department store",
        "full_name:VARCHAR hire_date:DATE salary:DECIMAL(12,2)",
    ),
    "warehouse": ("warehouses", "region", "warehouse_name:VARCHAR capacity:INTEGER"),
    "shipment": ("shipments", "order warehouse", "shipped_at:TIMESTAMP carrier:VARCHAR"),
    "invoice": ("invoices", "order customer", "invoice_date:DATE total:DECIMAL(12,2)"),
    "campaign": ("campaigns", "", "campaign_name:VARCHAR channel:VARCHAR budget:DECIMAL(12,2)"),
    "ticket": ("support_tickets", "customer employee", "opened_at:TIMESTAMP priority:VARCHAR"),
    "account": ("gl_accounts", "", "account_code:VARCHAR account_type:VARCHAR"),
    "journal_entry": (
        "journal_entries",
        "account",
        "posted_on:DATE debit:DECIMAL(14,2) credit:DECIMAL(14,2)",
    ),
    "vendor": ("vendors", "region", "vendor_name:VARCHAR payment_terms:VARCHAR"),
    "purchase_order": (
        "purchase_orders",
        "vendor warehouse",
        "ordered_on:DATE total_cost:DECIMAL(12,2)",
    ),
    "stock_level": ("stock_levels", "warehouse product", "on_hand:INTEGER measured_at:TIMESTAMP"),
    "promotion": ("promotions", "campaign product", "discount_pct:DOUBLE valid_from:DATE"),
    "review": ("product_reviews", "product customer", "stars:INTEGER review_text:VARCHAR"),
    "subscription": ("subscriptions", "customer", "plan:VARCHAR monthly_fee:DECIMAL(10,2)"),
    "web_session": ("web_sessions", "customer", "started_at:TIMESTAMP device:VARCHAR"),
}
SIDE_TABLES = (
    "{e}_history",
    "stg_{t}",
    "{e}_audit_log",
    "{e}_daily_snapshot",
    "{e}_tags",
    "raw_{t}",
    "{e}_notes",
    "archived_{t}",
    "{e}_metrics_weekly",
)
_OTHER_DOMAINS = """vehicle fleet route driver maintenance asset license contract clause policy
claim premium patient visit diagnosis prescription course student enrollment grade device
sensor reading alert firmware project task milestone timesheet lead opportunity quote territory
forecast survey response question experiment variant cohort feature_flag release incident
deployment repository build artifact invoice_dispute"""
OTHER_DOMAINS = _OTHER_DOMAINS.split()

# (request, the tables it needs)
PROMPTS: list[tuple[str, str]] = [
    ("customers and orders", "customers orders"),
    ("total completed order amount per customer", "customers orders"),
    ("revenue per product category", "order_items products product_categories"),
    ("customers and the products in their order items", "customers orders order_items products"),
    ("average salary per department", "employees departments"),
    ("number of support tickets per employee and priority", "support_tickets employees"),
    ("stock on hand per warehouse and product", "stock_levels warehouses products"),
    ("monthly payments by method for orders of each store", "payments orders stores"),
    ("campaign budget against promotion discount per product", "campaigns promotions products"),
    ("vendor purchase order cost per region", "vendors purchase_orders regions"),
    ("customer lifetime metrics from the customer 360 table", "customer_360"),
]


def synthetic_catalog(size: int = 300, seed: int = 7) -> Catalog:
    rnd = random.Random(seed)
    tables = [_entity_table(e, rnd) for e in ENTITIES]
    tables += [_wide_table("customer_360", "customer"), _wide_table("order_facts", "order")]
    tables += [_simple(f"{w}s", f"{w}_id", f"{w}_name", "status") for w in OTHER_DOMAINS]
    for pattern in SIDE_TABLES:
        for entity, (name, _, _) in ENTITIES.items():
            side = pattern.format(e=entity, t=name)
            tables.append(_simple(side, f"{entity}_id", "recorded_at", "payload"))
    return Catalog.of(tables[:size])


def _entity_table(entity: str, rnd: random.Random) -> Table:
    name, parents, attributes = ENTITIES[entity]
    columns = [Column(name=f"{entity}_id", type="INTEGER", nullable=False)]
    columns += [Column(name=f"{p}_id", type="INTEGER") for p in parents.split()]
    columns += [Column(name=n, type=t) for n, t in (a.split(":") for a in attributes.split())]
    declared = tuple(
        ForeignKey(columns=(f"{p}_id",), ref_table=ENTITIES[p][0], ref_columns=(f"{p}_id",))
        for p in parents.split()
        if rnd.random() < 0.5  # the other half are found by name only
    )
    return Table(
        name=name,
        columns=tuple(columns),
        row_count=rnd.randint(100, 10**7),
        primary_key=(f"{entity}_id",),
        foreign_keys=declared,
        samples=tuple({c.name: _sample(c, i) for c in columns} for i in range(1, 4)),
    )


def _sample(column: Column, row: int) -> object:
    if column.type in ("INTEGER", "BIGINT"):
        return row
    if column.type.startswith("DECIMAL") or column.type == "DOUBLE":
        return round(row * 12.34, 2)
    if column.type in ("DATE", "TIMESTAMP"):
        return f"2025-0{row}-1{row}"
    return f"{column.name.split('_')[0]} {row}"


def _wide_table(name: str, entity: str) -> Table:
    columns = [Column(name=f"{entity}_id", type="INTEGER")]
    columns += [Column(name=f"metric_{i:02d}", type="DOUBLE") for i in range(76)]
    columns += [Column(name=n, type="DOUBLE") for n in ("lifetime_value", "churn_risk")]
    columns.append(Column(name="as_of", type="DATE"))
    return Table(name=name, columns=tuple(columns), row_count=10**6, primary_key=(f"{entity}_id",))


def _simple(name: str, *columns: str) -> Table:
    types = {c: "INTEGER" if c.endswith("_id") else "VARCHAR" for c in columns}
    return Table(
        name=name, columns=tuple(Column(name=c, type=t) for c, t in types.items()), row_count=5_000
    )


def measure(size: int, max_tables: int) -> list[tuple[str, ...]]:
    catalog = synthetic_catalog(size)
    schema_tokens = estimate_tokens(json.dumps(Spec.json_schema()))
    rows: list[tuple[str, ...]] = []
    for prompt, needed in PROMPTS:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            context = build_context(prompt, catalog, max_tables=max_tables)
            times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        missing = [t for t in needed.split() if t not in context.tables]
        system = estimate_tokens(f"{RULES}\n{context.text}")
        found = "yes" if not missing else "missing " + ", ".join(missing)
        tokens = (f"{context.tokens:,}", f"{system:,}", f"{system + schema_tokens:,}")
        rows.append((prompt, ", ".join(context.tables), found, *tokens, f"{1000 * seconds:.0f} ms"))
    return rows


HEADERS = (
    "request",
    "tables picked",
    "needed all there",
    "slice tokens",
    "system prompt tokens",
    "+ JSON Schema",
    "build time",
)


def show(rows: list[tuple[str, ...]], size: int) -> None:
    table = RichTable(title=f"planner context, {size} tables (goal < {GOAL_TOKENS:,} tokens)")
    for name in HEADERS:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def append_report(rows: list[tuple[str, ...]], size: int, max_tables: int) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## bench/planner_context.py, {size} tables, max {max_tables} per slice, {stamp}\n",
        f"Machine: {machine()}. Tokens are estimated as characters / 4; goal: the system "
        f"prompt under {GOAL_TOKENS:,} tokens.\n",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
    ]
    write_report(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tables", type=int, default=300)
    parser.add_argument("--max-tables", type=int, default=12)
    args = parser.parse_args()
    rows = measure(args.tables, args.max_tables)
    show(rows, args.tables)
    append_report(rows, args.tables, args.max_tables)


if __name__ == "__main__":
    main()
