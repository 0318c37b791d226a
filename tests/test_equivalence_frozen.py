"""The equivalence prover on the frozen held-out cases (tests/validation_equivalence_frozen.py,
written blind to it): no case that differs may ever be proven equivalent. How many equivalent
ones it proves is reported, not asserted: "not proven" only costs a reference execution."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.spec import Spec
from datamorph.validation.equivalence import proven_equivalent

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "validation_equivalence_frozen.py"


def _frozen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("validation_equivalence_frozen", CASES_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FROZEN = _frozen()
CASES: list[dict[str, Any]] = FROZEN.CASES


def test_the_cases_are_the_frozen_ones() -> None:
    recorded = (HERE / "validation_equivalence_frozen.sha256").read_text().split()[0]
    assert hashlib.sha256(CASES_FILE.read_bytes()).hexdigest() == recorded


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Catalog]:
    found = {}
    for name, sql in FROZEN.SCHEMAS.items():
        path = tmp_path_factory.mktemp("equivalence") / f"{name}.duckdb"
        with DuckDBEngine(path, create=True) as engine:
            engine.con.execute(sql)
            found[name] = engine.catalog(samples=0)
    return found


def _proven(case: dict[str, Any], catalogs: dict[str, Catalog]) -> bool:
    catalog = catalogs[case["schema"]]
    spec_sql = compile_sql(Spec.model_validate(case["spec"]), catalog, "duckdb")
    return proven_equivalent(case["code"], spec_sql, catalog, "duckdb")


@pytest.mark.parametrize(
    "case", [c for c in CASES if not c["equivalent"]], ids=lambda c: str(c["id"])
)
def test_a_different_query_is_never_proven(
    case: dict[str, Any], catalogs: dict[str, Catalog]
) -> None:
    assert not _proven(case, catalogs), case["note"]


def test_how_many_equivalent_queries_are_proven(catalogs: dict[str, Catalog]) -> None:
    equivalent = [c for c in CASES if c["equivalent"]]
    proven = [c["id"] for c in equivalent if _proven(c, catalogs)]
    print(f"\nproven equivalent: {len(proven)} of {len(equivalent)} equivalent cases: {proven}")
    assert equivalent  # the set has both kinds
