"""`datamorph docs`: the project's page lists every model, column and test, escapes what the
project says, draws one node per model and source and one edge per dependency, reads the real
types of built models, and never shows a database password."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from datamorph.project import load_project
from datamorph.project.build import build
from datamorph.project.docs import NOT_BUILT, collect, depths, write_docs
from datamorph.project.results import write_build_files

DATAMORPH = Path(sys.executable).parent / "datamorph"
STG_ORDERS = """\
description: completed orders with their net amount
source_tables: [orders]
filters: ["status = 'completed'"]
transformations:
  - {name: net_amount, expr: "amount - coalesce(discount, 0)"}
columns: [order_id, customer_id, net_amount]
target_table: {keys: [order_id]}
tags: [staging]
tests:
  - {unique: order_id}
  - {not_null: customer_id, severity: warn}
"""
CUSTOMER_TOTALS = {
    "description": "money per customer <script>alert('x')</script> & more",
    "source_tables": [{"name": "customers", "alias": "c"},
                      {"name": "stg_orders", "alias": "o", "ref": True}],
    "join_conditions": [{"left": "c", "right": "o", "on": "c.customer_id = o.customer_id"}],
    "group_by": ["c.customer_id", "c.customer_name"],
    "aggregations": [{"name": "total_amount", "expr": "sum(o.net_amount)"}],
    "target_table": {"name": "customer_totals", "keys": ["customer_id"]},
    "tests": [{"expression_is_true": "total_amount >= 0", "name": "no_negative_totals"}],
    "tags": ["marts"],
}  # fmt: skip
TOP_CUSTOMERS = """\
source_tables: [{name: customer_totals, ref: true}]
filters: ["total_amount > 1000"]
columns: [customer_id, total_amount]
target_table: {keys: [customer_id]}
tags: [marts, daily]
"""
PRODUCTS = """\
source_tables: [products]
columns: [product_id, product_name, category]
target_table: {keys: [product_id]}
"""
MODELS = ["stg_orders", "customer_totals", "top_customers", "dim_products"]
SOURCES = ["orders", "customers", "products"]
# every dependency: source -> model and model -> model
EDGES = {("orders", "stg_orders"), ("customers", "customer_totals"),
         ("stg_orders", "customer_totals"), ("customer_totals", "top_customers"),
         ("products", "dim_products")}  # fmt: skip


@pytest.fixture
def shop(tmp_path: Path, retail_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """stg_orders -> customer_totals -> top_customers, and dim_products on its own."""
    root = tmp_path / "shop"
    (root / "models" / "staging").mkdir(parents=True)
    (root / "models" / "marts").mkdir()
    shutil.copy(retail_db, root / "shop.duckdb")
    (root / "datamorph.toml").write_text('database = "shop.duckdb"\n[project]\nname = "shop"\n')
    (root / "models" / "staging" / "stg_orders.yaml").write_text(STG_ORDERS)
    (root / "models" / "marts" / "customer_totals.json").write_text(json.dumps(CUSTOMER_TOTALS))
    (root / "models" / "marts" / "top_customers.yaml").write_text(TOP_CUSTOMERS)
    (root / "models" / "dim_products.yaml").write_text(PRODUCTS)
    monkeypatch.chdir(root)
    return root


def section(page: str, name: str) -> str:
    """The HTML of one model's section."""
    start = page.index(f'<section class="model" id="model-{name}"')
    return page[start : page.index("</section>", start)]


def graph(page: str) -> tuple[list[str], set[tuple[str, str]]]:
    svg = page[page.index("<svg") : page.index("</svg>")]
    nodes = re.findall(r'data-node="([^"]+)"', svg)
    edges = re.findall(r'<path class="edge" data-from="([^"]+)" data-to="([^"]+)"', svg)
    assert len(edges) == len(set(edges))  # each dependency drawn once
    return nodes, set(edges)


def test_the_page_lists_every_model_column_and_test_before_a_build(shop: Path) -> None:
    path, _ = write_docs(load_project())
    assert path == shop / "target" / "docs" / "index.html"
    page = path.read_text(encoding="utf-8")
    assert "<h1>shop</h1>" in page
    for name in MODELS:
        assert f'href="#model-{name}"' in page
    stg = section(page, "stg_orders")
    assert "completed orders with their net amount" in stg
    assert "models/staging/stg_orders.yaml" in stg and "replace" in stg
    for column in ("order_id", "customer_id", "net_amount"):
        assert f"<tr><td>{column}</td><td class=meta>{NOT_BUILT}</td></tr>" in stg
    assert "unique: order_id" in stg and "not_null: customer_id" in stg
    assert '<td class="sev warn">warn</td>' in stg and '<td class="sev error">error</td>' in stg
    assert "not in the last build" in stg
    assert 'href="#model-customer_totals"' in stg  # downstream, linked
    totals = section(page, "customer_totals")
    assert "no_negative_totals" in totals
    # compiled against stg_orders' outputs although that table does not exist yet
    assert "SUM(" in totals.upper() and "stg_orders" in totals and "Not compiled" not in totals
    assert "<tr><td>total_amount</td>" in totals
    top = section(page, "top_customers")
    assert "marts" in top and "daily" in top and "customer_key" not in top
    assert page.count('<section class="source"') == len(SOURCES)
    assert '<section class="source" id="source-orders">' in page
    assert "<tr><td>discount</td>" in page  # the source's own columns, from the catalog
    # offline: nothing is fetched from anywhere
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)


def test_a_description_holding_markup_is_shown_not_run(shop: Path) -> None:
    page = write_docs(load_project())[0].read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "money per customer &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page
    assert page.count("<script>") == 1  # the page's own filter script only


def test_the_graph_has_one_node_per_model_and_source_and_one_edge_per_dependency(
    shop: Path,
) -> None:
    page = write_docs(load_project())[0].read_text(encoding="utf-8")
    nodes, edges = graph(page)
    assert sorted(nodes) == sorted(MODELS + SOURCES)
    assert edges == EDGES
    for name in MODELS:  # each node jumps to its model's section
        assert re.search(rf'<a class="node model [^"]*" href="#model-{name}"', page)
    depth = depths(load_project())
    assert {depth[s] for s in SOURCES} == {0}
    assert depth["stg_orders"] == depth["dim_products"] == 1
    assert depth["customer_totals"] == 2 and depth["top_customers"] == 3
    # every edge points right: sources at the left, models right of what they read
    xs = dict(re.findall(r'data-node="([^"]+)"><title>[^<]*</title><rect x="(\d+)"', page))
    assert all(int(xs[a]) < int(xs[b]) for a, b in EDGES)


def test_a_built_model_shows_its_real_types_and_its_last_build(shop: Path) -> None:
    result = build(load_project(), select=["+customer_totals"])
    write_build_files(result, {})
    docs = collect(load_project())
    by_name = {m.name: m for m in docs.models}
    totals = by_name["customer_totals"]
    assert totals.built and totals.row_count and totals.row_count > 0
    types = {c.name: c.type for c in totals.columns}
    assert set(types) == {"customer_id", "customer_name", "total_amount"}
    assert NOT_BUILT not in types.values() and types["customer_name"] == "VARCHAR"
    assert not by_name["top_customers"].built  # not selected: still the spec's names
    assert {c.type for c in by_name["top_customers"].columns} == {NOT_BUILT}
    page = write_docs(load_project())[0].read_text(encoding="utf-8")
    stg = section(page, "stg_orders")
    run_id = next(r.run_id for r in result.results if r.name == "stg_orders")
    assert '<span class="status success">success</span>' in stg and str(run_id) in stg
    assert "<tr><td>net_amount</td><td>" in stg and "net_amount</td><td class=meta>" not in stg
    assert "not in the last build" in section(page, "top_customers")
    assert re.search(r'<a class="node model success" href="#model-customer_totals"', page)


def test_no_password_of_a_postgres_url_appears(shop: Path, pg_retail: str, tmp_path: Path) -> None:
    password = re.search(r"postgres:([^@]+)@", pg_retail)
    assert password is not None and len(password.group(1)) >= 4
    build(load_project(), select=["dim_products"], database=pg_retail)
    out = tmp_path / "pg-docs"
    out.mkdir()
    path, docs = write_docs(load_project(), out, pg_retail)
    assert path == out / "index.html"
    page = path.read_text(encoding="utf-8")
    assert password.group(1) not in page
    assert "postgres:***@" in docs.database and "postgres:***@" in page
    products = {m.name: m for m in docs.models}["dim_products"]
    types = {c.name: c.type for c in products.columns}
    assert products.built and types["product_id"] == "integer" and types["category"] == "text"
    assert docs.dialect == "postgres" and "FROM products" in (products.sql or "")


def test_an_unreadable_database_still_writes_the_page_and_says_why(
    shop: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, err = run_cli("docs", "--database", str(shop / "missing" / "nope.duckdb"),
                             "--json")  # fmt: skip
    assert code == 0, err
    assert "could not be read" in err
    written = json.loads(out)
    page = Path(written["path"]).read_text(encoding="utf-8")
    assert "The database could not be read" in page
    assert {c.type for m in collect(load_project(), "x.duckdb").models for c in m.columns} == {
        NOT_BUILT
    }


def test_docs_from_a_subfolder_of_the_project(shop: Path) -> None:
    env = {**os.environ, "DATAMORPH_DAEMON": "off"}
    done = subprocess.run([str(DATAMORPH), "docs"], env=env, cwd=shop / "models" / "marts",
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = shop / "target" / "docs" / "index.html"
    assert f"Wrote {page} (4 models, 3 source tables)" in done.stderr
    assert all(f'id="model-{name}"' in page.read_text(encoding="utf-8") for name in MODELS)
    out = shop / "elsewhere.html"
    done = subprocess.run([str(DATAMORPH), "docs", "--out", str(out)], env=env,
                          cwd=shop / "models", capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0 and out.is_file(), done.stderr


def test_a_model_that_does_not_compile_is_documented_with_the_reason(shop: Path) -> None:
    broken = {**CUSTOMER_TOTALS, "aggregations": [{"name": "total_amount",
                                                   "expr": "sum(o.no_such_column)"}]}  # fmt: skip
    (shop / "models" / "marts" / "customer_totals.json").write_text(json.dumps(broken))
    page = write_docs(load_project())[0].read_text(encoding="utf-8")
    totals = section(page, "customer_totals")
    assert "Not compiled: aggregations[0]" in totals and "no_such_column" in totals
    assert "<h3>Tests</h3>" in totals and "no_negative_totals" in totals  # still documented
    assert 'id="model-top_customers"' in page
    nodes, edges = graph(page)
    assert sorted(nodes) == sorted(MODELS + SOURCES) and edges == EDGES


def test_a_project_without_models_is_a_page_that_says_so(shop: Path) -> None:
    for path in (shop / "models").rglob("*.*"):
        path.unlink()
    page = write_docs(load_project())[0].read_text(encoding="utf-8")
    assert "0 models, 0 source tables" in page and "No models." in page
