"""The catalog: type families and likely join keys (declared, named, confirmed by values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datamorph.catalog import Catalog, compatible_types, type_family
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import NotFoundError


@pytest.mark.parametrize(
    ("sql_type", "family"),
    [
        ("DECIMAL(12,2)", "numeric"),
        ("BIGINT", "numeric"),
        ("VARCHAR", "text"),
        ("TIMESTAMP WITH TIME ZONE", "temporal"),
        ("DATE", "temporal"),
        ("BOOLEAN", "boolean"),
        ("INTEGER[]", "numeric"),
        ("STRUCT(a INTEGER)", "other"),
        ("", "unknown"),
    ],
)
def test_type_families(sql_type: str, family: str) -> None:
    assert type_family(sql_type) == family


def test_compatibility_follows_families() -> None:
    assert compatible_types("INTEGER", "DECIMAL(10,2)")
    assert not compatible_types("INTEGER", "VARCHAR")
    assert compatible_types("UNKNOWN", "VARCHAR")


def test_same_named_primary_key_is_a_likely_join(retail_catalog: Catalog) -> None:
    keys = retail_catalog.join_keys("customers", "orders")
    best = keys[0]
    assert (best.left_column, best.right_column) == ("customer_id", "customer_id")
    assert best.score >= 0.9 and "primary key" in best.reason
    assert best.on("c", "o") == "c.customer_id = o.customer_id"


def test_generic_names_are_not_join_keys(retail_catalog: Catalog) -> None:
    # orders and payments share `amount` and `status`; neither is a join key.
    pairs = {
        (k.left_column, k.right_column) for k in retail_catalog.join_keys("orders", "payments")
    }
    assert ("order_id", "order_id") in pairs
    assert ("amount", "amount") not in pairs and ("status", "status") not in pairs


@pytest.fixture
def keyed(tmp_path: Path) -> DuckDBEngine:
    engine = DuckDBEngine(tmp_path / "keys.duckdb", create=True)
    engine.execute("CREATE TABLE region (id INTEGER PRIMARY KEY, label VARCHAR)")
    engine.execute(
        "CREATE TABLE shop (shop_no INTEGER PRIMARY KEY, "
        "area INTEGER REFERENCES region(id), region_id INTEGER)"
    )
    engine.execute("CREATE TABLE visit (visit_id INTEGER, place INTEGER, note VARCHAR)")
    engine.execute("INSERT INTO region SELECT i, 'r' || i FROM range(1, 21) t(i)")
    engine.execute("INSERT INTO shop SELECT i, 1 + i % 20, 1 + i % 20 FROM range(1, 201) t(i)")
    engine.execute("INSERT INTO visit SELECT i, 1 + i % 200, 'n' FROM range(1, 2001) t(i)")
    return engine


def test_declared_foreign_key_wins(keyed: DuckDBEngine) -> None:
    catalog = keyed.catalog(samples=0)
    assert catalog.table("shop").foreign_keys[0].ref_table == "region"
    best = catalog.join_keys("shop", "region")[0]
    assert (best.left_column, best.right_column, best.score) == ("area", "id", 1.0)
    # Seen from the other side, the same key with the columns swapped.
    flipped = catalog.join_keys("region", "shop")[0]
    assert (flipped.left_column, flipped.right_column) == ("id", "area")


def test_table_named_id_column_is_inferred_without_declarations(keyed: DuckDBEngine) -> None:
    keyed.execute("CREATE TABLE shop2 AS SELECT * FROM shop")  # no constraints copied
    catalog = keyed.catalog(samples=0)
    pairs = {(k.left_column, k.right_column) for k in catalog.join_keys("shop2", "region")}
    assert ("region_id", "id") in pairs


def test_values_find_a_join_that_names_do_not(keyed: DuckDBEngine) -> None:
    catalog = keyed.catalog(samples=0, profile=True)
    assert catalog.join_keys("visit", "shop") == []  # `place` names nothing
    keys = catalog.join_keys("visit", "shop", overlap=keyed.value_overlap)
    assert (keys[0].left_column, keys[0].right_column) == ("place", "shop_no")
    assert keys[0].reason == "100% of visit.place values are shop.shop_no keys"
    reverse = catalog.join_keys("shop", "visit", overlap=keyed.value_overlap)
    assert (reverse[0].left_column, reverse[0].right_column) == ("shop_no", "place")
    # A small code nests in the id range too, but is no key: visit.note and quantities are out.
    assert all(k.left_column != "visit_id" for k in keys)


def test_unknown_table_gets_a_did_you_mean(retail_catalog: Catalog) -> None:
    with pytest.raises(NotFoundError) as caught:
        retail_catalog.table("custmers")
    assert caught.value.hint == "did you mean 'customers'?"
