"""Projects: datamorph.toml and models/, the graph of models, `build` and its result files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from datamorph.errors import ConfigurationError, UsageError
from datamorph.project import graph, load_project
from datamorph.project.build import build

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
"""
CUSTOMER_TOTALS = {
    "source_tables": [{"name": "customers", "alias": "c"},
                      {"name": "stg_orders", "alias": "o", "ref": True}],
    "join_conditions": [{"left": "c", "right": "o", "on": "c.customer_id = o.customer_id"}],
    "group_by": ["c.customer_id", "c.customer_name"],
    "aggregations": [{"name": "total_amount", "expr": "sum(o.net_amount)"}],
    "target_table": {"name": "customer_totals", "keys": ["customer_id"]},
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


@pytest.fixture
def shop(tmp_path: Path, retail_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of four models: stg_orders -> customer_totals -> top_customers, and
    dim_products on its own, over a copy of the retail database."""
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


def rows(root: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_models_are_read_named_by_their_file_with_their_upstreams(shop: Path) -> None:
    project = load_project()
    assert project.name == "shop"
    assert set(project.models) == {"stg_orders", "customer_totals", "top_customers",
                                   "dim_products"}  # fmt: skip
    assert project.models["customer_totals"].depends_on == ("stg_orders",)
    assert project.models["top_customers"].depends_on == ("customer_totals",)
    assert project.models["stg_orders"].folder == "staging"
    assert project.models["top_customers"].spec.target_table.name == "top_customers"
    order = graph.order(project)
    assert order.index("stg_orders") < order.index("customer_totals") < order.index("top_customers")


@pytest.mark.parametrize(
    ("selectors", "exclude", "expected"),
    [
        (["customer_totals"], [], ["customer_totals"]),
        (["customer_totals+"], [], ["customer_totals", "top_customers"]),
        (["+customer_totals"], [], ["stg_orders", "customer_totals"]),
        (["+customer_totals+"], [], ["stg_orders", "customer_totals", "top_customers"]),
        (["tag:marts"], [], ["customer_totals", "top_customers"]),
        (["path:staging"], [], ["stg_orders"]),
        (["*_products", "tag:daily"], [], ["dim_products", "top_customers"]),
        (["tag:marts dim_products"], ["top_customers"], ["customer_totals", "dim_products"]),
        ([], ["tag:marts"], ["dim_products", "stg_orders"]),
    ],
)
def test_selectors_pick_as_dbt_s_do(
    shop: Path, selectors: list[str], exclude: list[str], expected: list[str]
) -> None:
    picked = graph.select(load_project(), selectors, exclude)
    assert sorted(picked) == sorted(expected)
    assert picked == [n for n in graph.order(load_project()) if n in expected]  # build order


def test_a_selector_that_picks_nothing_says_what_was_meant(shop: Path) -> None:
    with pytest.raises(UsageError, match=r"'stg_order\+' selects no model") as raised:
        graph.select(load_project(), ["stg_order+"])
    assert raised.value.hint == "did you mean 'stg_orders'?"
    with pytest.raises(UsageError, match="'tag:mart' selects no model") as raised:
        graph.select(load_project(), ["tag:mart"])
    assert raised.value.hint == "did you mean 'marts'?"


def test_a_cycle_is_named_with_its_file(shop: Path) -> None:
    loop = {"source_tables": [{"name": "top_customers", "ref": True}], "columns": ["customer_id"]}
    (shop / "models" / "stg_orders.yaml").unlink(missing_ok=True)
    (shop / "models" / "staging" / "stg_orders.yaml").write_text(
        "source_tables: [{name: loop_back, ref: true}]\ncolumns: [order_id, customer_id, "
        "net_amount]\n"
    )
    (shop / "models" / "loop_back.json").write_text(json.dumps(loop))
    with pytest.raises(UsageError, match="the models form a cycle") as raised:
        graph.order(load_project())
    cycle = raised.value.message.split("cycle: ")[1]
    assert set(cycle.split(" -> ")) == {"stg_orders", "customer_totals", "top_customers",
                                        "loop_back"}  # fmt: skip


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        ("bad.yaml", "source_tables:\n  - orders\n  - {name: stg_ordrs, ref: true}\n",
         r"bad.yaml, line 3: ref 'stg_ordrs' is not a model .*did you mean 'stg_orders'"),
        ("bad.yaml", "source_tables: [orders\ncolumns: [a]\n", r"bad.yaml, line 2: not valid YAML"),
        ("bad.json", '{"source_tables": ["orders"],\n "columns": ["a"]\n "x": 1}',
         r"bad.json, line 3: not valid JSON"),
        ("bad.yaml", "source_tables: [orders]\ncolumns: [order_id]\ntarget_table:\n  mode: merge\n",
         r"bad.yaml, line 3: target_table: mode 'merge' needs 'keys'"),
        ("bad.yaml", "source_tables: [orders]\ntarget_table: {name: other}\n",
         r"writes table 'other' but the file is named 'bad'"),
        ("bad.yaml", "source_tables: [bad]\ncolumns: [order_id]\n", r"model 'bad' reads its own"),
        ("staging/dim_products.yaml", PRODUCTS, r"two models are named 'dim_products'"),
    ],
)  # fmt: skip
def test_bad_model_files_are_one_line_with_the_file_and_line(
    shop: Path, run_cli: Callable[..., tuple[int, str, str]], file: str, text: str, expected: str
) -> None:
    (shop / "models" / file).write_text(text)
    code, _, err = run_cli("build")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert __import__("re").search(expected, err.replace("\n", " ")), err
    assert not (shop / "target" / "run_results.json").exists()  # nothing ran
    assert not rows(shop, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'stg_orders'")


def test_build_runs_every_model_upstream_first_with_the_right_rows(shop: Path) -> None:
    result = build(load_project())
    assert result.ok and result.exit_code == 0
    assert [r.status for r in result.results] == ["success"] * 4
    expected = rows(
        shop,
        "SELECT c.customer_id, sum(o.amount - coalesce(o.discount, 0)) FROM customers c "
        "JOIN orders o ON c.customer_id = o.customer_id WHERE o.status = 'completed' "
        "GROUP BY 1 HAVING sum(o.amount - coalesce(o.discount, 0)) > 1000 ORDER BY 1",
    )
    assert expected  # the comparison means something
    assert rows(shop, "SELECT customer_id, total_amount FROM top_customers ORDER BY 1") == expected
    by_name = {r.name: r for r in result.results}
    assert by_name["top_customers"].rows == len(expected)
    assert all(r.run_id and r.validation == "pass" for r in result.results)


def test_a_failed_model_skips_its_descendants_and_says_which(shop: Path) -> None:
    broken = {**CUSTOMER_TOTALS, "aggregations": [{"name": "total_amount",
                                                   "expr": "sum(o.no_such_column)"}]}  # fmt: skip
    (shop / "models" / "marts" / "customer_totals.json").write_text(json.dumps(broken))
    result = build(load_project())
    statuses = {r.name: (r.status, r.message) for r in result.results}
    assert statuses["stg_orders"][0] == "success"
    assert statuses["dim_products"][0] == "success"  # independent: still built
    assert statuses["customer_totals"][0] == "error"
    # JSON written on one line: the field's line is 1
    assert statuses["customer_totals"][1].startswith("models/marts/customer_totals.json, line 1: ")
    assert "no_such_column" in statuses["customer_totals"][1]
    assert statuses["top_customers"] == ("skipped", "upstream 'customer_totals' was bad input")
    assert result.exit_code == 2
    published = {r[0] for r in rows(shop, "SELECT table_name FROM duckdb_tables()")}
    assert "customer_totals" not in published and "top_customers" not in published


def test_fail_fast_starts_nothing_after_the_first_failure(shop: Path) -> None:
    (shop / "models" / "dim_products.yaml").write_text(PRODUCTS.replace("category", "colour"))
    result = build(load_project(), fail_fast=True, threads=1)  # threads: running ones finish
    statuses = {r.name: r.status for r in result.results}
    assert statuses["dim_products"] == "error"  # first in build order (names break ties)
    assert {statuses[n] for n in ("stg_orders", "customer_totals", "top_customers")} == {"skipped"}
    by_name = {r.name: r.message for r in result.results}
    assert by_name["stg_orders"] == "not started: --fail-fast after 'dim_products' failed"
    assert by_name["top_customers"] == "upstream 'customer_totals' was skipped"
    without = build(load_project(), threads=1)
    assert {r.name: r.status for r in without.results}["stg_orders"] == "success"


def test_the_cli_writes_run_results_and_manifest(
    shop: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, err = run_cli("build", "--select", "+customer_totals", "--json")
    assert code == 0, err
    printed = json.loads(out)
    results = json.loads((shop / "target" / "run_results.json").read_text())
    assert printed == results
    assert [r["unique_id"] for r in results["results"]] == [
        "model.shop.stg_orders", "model.shop.customer_totals"]  # fmt: skip
    assert results["counts"]["success"] == 2
    assert results["args"]["select"] == ["+customer_totals"]
    assert all(r["timing"][0]["started_at"] <= r["timing"][0]["completed_at"]
               for r in results["results"])  # fmt: skip
    manifest = json.loads((shop / "target" / "manifest.json").read_text())
    node = manifest["nodes"]["model.shop.customer_totals"]
    assert node["depends_on"]["nodes"] == ["model.shop.stg_orders"]
    assert node["path"] == "models/marts/customer_totals.json"
    assert node["spec"]["source_tables"][1] == {"name": "stg_orders", "alias": "o", "ref": True}
    assert manifest["child_map"]["model.shop.customer_totals"] == ["model.shop.top_customers"]
    assert set(manifest["sources"]) == {"source.shop.orders", "source.shop.customers",
                                        "source.shop.products"}  # fmt: skip


def test_build_and_ls_from_a_subfolder_of_the_project(shop: Path) -> None:
    env = {**os.environ, "DATAMORPH_DAEMON": "off"}
    listed = subprocess.run([str(DATAMORPH), "ls", "--json", "-s", "tag:marts"], env=env,
                            cwd=shop / "models" / "marts", capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert [m["name"] for m in json.loads(listed.stdout)] == ["customer_totals", "top_customers"]
    built = subprocess.run([str(DATAMORPH), "build", "-s", "dim_products"], env=env,
                           cwd=shop / "models", capture_output=True, text=True,
                           timeout=120)  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "1 of 1 OK    dim_products" in built.stderr
    assert rows(shop, "SELECT count(*) FROM dim_products") == rows(
        shop, "SELECT count(*) FROM products"
    )


def test_outside_a_project_build_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=r"no datamorph\.toml here or in any folder above"):
        load_project()


def test_profiles_references_and_written_passwords(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datamorph import config

    (shop / "datamorph.toml").write_text(
        'database = "shop.duckdb"\nprofile = "dev"\n[project]\nname = "shop"\n'
        '[profiles.dev]\ndatabase = "dev.duckdb"\n'
        '[profiles.prod]\nstore = "postgresql://etl:${SHOP_PG_PASSWORD}@db/runs"\n'
    )
    assert config.lookup("database").value == str(shop / "dev.duckdb")  # the file's profile
    monkeypatch.setenv("DATAMORPH_PROFILE", "prod")
    with pytest.raises(ConfigurationError, match=r"refers to \$\{SHOP_PG_PASSWORD\}"):
        config.lookup("store")
    monkeypatch.setenv("SHOP_PG_PASSWORD", "s3cret")
    assert config.lookup("store").value == "postgresql://etl:s3cret@db/runs"
    assert config.lookup("database").value == str(shop / "shop.duckdb")  # prod keeps the top
    monkeypatch.setenv("DATAMORPH_PROFILE", "prd")
    with pytest.raises(ConfigurationError, match=r"no profile 'prd'") as raised:
        config.lookup("database")
    assert raised.value.hint == "did you mean 'prod'?"
    monkeypatch.delenv("DATAMORPH_PROFILE")
    (shop / "datamorph.toml").write_text('store = "postgresql://etl:hunter2@db/runs"\n')
    with pytest.raises(ConfigurationError, match="line 1: 'store' holds a password"):
        config.lookup("store")
    (shop / "datamorph.toml").write_text('database = "postgresql://etl@db/s?password=x"\n')
    with pytest.raises(ConfigurationError, match="'database' holds a password"):
        config.lookup("database")


def test_independent_models_build_at_once_on_postgres(
    pg_retail: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pgshop"
    (root / "models").mkdir(parents=True)
    (root / "datamorph.toml").write_text('[project]\nname = "pgshop"\n')
    for index in range(4):  # four independent models, and one downstream of the first
        (root / "models" / f"copy_{index}.yaml").write_text(
            f"source_tables: [orders]\nfilters: ['order_id % 4 = {index}']\n"
            "columns: [order_id, amount]\ntarget_table: {keys: [order_id]}\n"
        )
    after = {"source_tables": [{"name": "copy_0", "ref": True}], "columns": ["order_id"],
             "target_table": {"name": "after_all", "keys": ["order_id"]}}  # fmt: skip
    (root / "models" / "after_all.json").write_text(json.dumps(after))
    monkeypatch.chdir(root)
    seen: list[tuple[str, str]] = []
    result = build(load_project(), threads=3, database=pg_retail,
                   on_model=lambda n, r: seen.append((n, "end" if r else "start")))  # fmt: skip
    assert result.ok, [(r.name, r.message) for r in result.results]
    # a second model started before the first one ended: they ran at once
    first_end = seen.index(next(e for e in seen if e[1] == "end"))
    assert sum(1 for e in seen[:first_end] if e[1] == "start") >= 2
    assert seen.index(("after_all", "start")) > seen.index(("copy_0", "end"))


def test_init_then_add_plans_a_model_and_marks_refs(
    tmp_path: Path, retail_db: Path, monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., tuple[int, str, str]],
) -> None:  # fmt: skip
    root = tmp_path / "fresh"
    shutil.copy(retail_db, tmp_path / "shop.duckdb")
    code, _, err = run_cli("init", str(root), "--database", "../shop.duckdb")
    assert code == 0, err
    monkeypatch.chdir(root)
    assert load_project().models == {}
    code, _, err = run_cli("add", "total order amount per customer", "--name",
                           "customer_revenue", "--folder", "marts", "--yes")  # fmt: skip
    assert code == 0, err
    assert "plan" in err and "models/marts/customer_revenue.yaml" in err
    model = load_project().model("customer_revenue")
    assert model.folder == "marts" and model.depends_on == ()
    assert build(load_project()).ok  # the planner reads the catalog: the table must exist
    code, _, err = run_cli("add", "top 5 customers by total_amount from customer_revenue",
                           "--yes")  # fmt: skip
    assert code == 0, err
    (added,) = [m for m in load_project().models.values() if m.name != "customer_revenue"]
    assert added.depends_on == ("customer_revenue",)  # it reads the model's table: a ref
    assert {t.name: t.is_ref for t in added.spec.source_tables}["customer_revenue"] is True
    code, _, err = run_cli("add", "total order amount per customer", "--name",
                           "customer_revenue", "--yes")  # fmt: skip
    assert code == 2 and "a model 'customer_revenue' already" in err
    assert run_cli("init", str(root))[0] == 2  # a project already
    built = build(load_project())
    assert built.ok, [(r.name, r.message) for r in built.results]


def test_add_asks_before_writing_and_never_writes_unasked(
    shop: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    before = sorted(p.name for p in (shop / "models").rglob("*.*"))
    code, _, err = run_cli("add", "count of orders per status")  # stdin is not a terminal
    assert code == 2 and "not written: nobody to ask" in err
    assert sorted(p.name for p in (shop / "models").rglob("*.*")) == before


def test_a_drafted_model_that_closes_a_cycle_is_not_written(shop: Path) -> None:
    from datamorph.project.add import Drafted, write

    project = load_project()
    # stg_orders now reads `loop`, and the drafted `loop` reads top_customers: a cycle
    (shop / "models" / "staging" / "stg_orders.yaml").write_text(STG_ORDERS.replace(
        "source_tables: [orders]", "source_tables: [orders, {name: loop, ref: true}]"))  # fmt: skip
    text = "source_tables: [{name: top_customers, ref: true}]\ncolumns: [customer_id]\n"
    spec = project.models["top_customers"].spec
    drafted = Drafted("loop", shop / "models" / "loop.yaml", text, spec, None)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="cycle"):
        write(project, drafted)
    assert not (shop / "models" / "loop.yaml").exists()


def test_a_relationships_test_may_name_a_table_the_model_does_not_read(shop: Path) -> None:
    (shop / "models" / "marts" / "top_customers.yaml").write_text(
        TOP_CUSTOMERS + "tests:\n  - relationships: {column: customer_id, to: customers, "
        "field: customer_id}\n"
    )
    result = build(load_project(), ["+top_customers"])
    assert result.ok, [(r.name, r.message) for r in result.results]
    (shop / "models" / "marts" / "top_customers.yaml").write_text(
        TOP_CUSTOMERS + "tests:\n  - relationships: {column: customer_id, to: customerz, "
        "field: customer_id}\n"
    )
    broken = build(load_project(), ["top_customers"])
    assert broken.results[0].status == "error"
    assert "customerz" in broken.results[0].message


def test_a_spec_problem_in_a_build_names_the_file_and_line(shop: Path) -> None:
    (shop / "models" / "marts" / "top_customers.yaml").write_text(
        TOP_CUSTOMERS + "tests:\n  - unique: customer_id\n  - not_null: total_amont\n"
    )
    result = build(load_project(), ["+top_customers"])
    (only,) = [r for r in result.results if r.name == "top_customers"]
    assert only.status == "error" and result.exit_code == 2
    assert only.message.startswith("models/marts/top_customers.yaml, line 8: tests[1]"), (
        only.message
    )
    assert "did you mean 'total_amount'" in only.message


def test_an_upstream_model_never_built_is_named_as_such(shop: Path) -> None:
    result = build(load_project(), ["top_customers"])  # customer_totals: not selected, not built
    (only,) = result.results
    assert only.status == "error"
    assert "'customer_totals' is a model of the project that has not been built" in only.message
    assert "datamorph build --select +top_customers" in only.message


def test_independent_models_build_at_once_on_a_duckdb_file(shop: Path) -> None:
    for index in range(4):  # four more models that depend on nothing but the sources
        (shop / "models" / f"orders_{index}.yaml").write_text(
            f"source_tables: [orders]\nfilters: ['order_id % 4 = {index}']\n"
            "columns: [order_id, amount]\ntarget_table: {keys: [order_id]}\n"
        )
    seen: list[tuple[str, str]] = []
    result = build(load_project(), threads=3,
                   on_model=lambda n, r: seen.append((n, "end" if r else "start")))  # fmt: skip
    assert result.ok, [(r.name, r.message) for r in result.results]
    first_end = seen.index(next(e for e in seen if e[1] == "end"))
    assert sum(1 for e in seen[:first_end] if e[1] == "start") >= 2  # they overlapped
    for earlier, later in (("stg_orders", "customer_totals"), ("customer_totals", "top_customers")):
        assert seen.index((earlier, "end")) < seen.index((later, "start"))
    parts = sum(rows(shop, f"SELECT count(*) FROM orders_{i}")[0][0] for i in range(4))
    assert parts == rows(shop, "SELECT count(*) FROM orders")[0][0]
    serial = build(load_project(), threads=1)  # the same tables, built one at a time again
    assert serial.ok and [r.rows for r in serial.results] == [r.rows for r in result.results]
