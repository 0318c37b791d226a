"""Spec expressions transform data: no function that reads settings, files or variables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot

from datamorph.demo.showcase import demo_spec
from datamorph.spec import Spec, check_spec
from datamorph.spec.functions import ALLOWED, forbidden_functions

HOSTILE = [
    "current_setting('temp_directory')",
    "getvariable('x')",
    "getenv('HOME')",
    "version()",
    "current_database()",
    "(SELECT max(content) FROM read_text('/etc/hostname'))",
    "len(range(1000000000))",
    "repeat('x', 1000000000)",
    "nextval('s')",
]


def _spec_with(place: str, expression: str) -> dict[str, Any]:
    spec = demo_spec().model_dump(mode="json")
    if place == "transformation":
        spec["transformations"].append({"name": "leak", "expr": f"cast({expression} AS VARCHAR)"})
    elif place == "filter":
        spec["filters"].append(f"cast({expression} AS VARCHAR) IS NOT NULL")
    elif place == "join":
        spec["join_conditions"][0]["on"] += f" AND cast({expression} AS VARCHAR) <> ''"
    elif place == "having":
        spec["having"].append(f"max(cast({expression} AS VARCHAR)) IS NOT NULL")
    elif place == "order_by":
        spec["order_by"].append({"expr": f"cast({expression} AS VARCHAR)", "desc": False})
    return spec


@pytest.mark.parametrize("place", ["transformation", "filter", "join", "having", "order_by"])
@pytest.mark.parametrize("expression", HOSTILE)
def test_a_function_outside_the_allow_list_is_a_problem_wherever_it_is(
    place: str, expression: str, retail_catalog: Any
) -> None:
    spec = Spec.model_validate(_spec_with(place, expression))
    problems = check_spec(spec, retail_catalog)
    assert any(
        p.code in ("forbidden_function", "unknown_function", "subquery") for p in problems
    ), problems


def test_data_transformations_stay_allowed(retail_catalog: Any) -> None:
    spec = _spec_with("transformation", "coalesce(o.status, 'none')")
    spec["transformations"].append(
        {"name": "month", "expr": "strftime(date_trunc('month', o.order_date), '%Y-%m')"}
    )
    assert check_spec(Spec.model_validate(spec), retail_catalog) == []


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT upper(name), round(avg(x), 2), count(DISTINCT y) FROM t GROUP BY 1",
        "SELECT CASE WHEN a > 1 THEN 'big' END, try_cast(b AS DATE), a::INT FROM t",
        "SELECT date_diff('day', a, b), strptime(c, '%Y'), extract(year FROM d) FROM t",
        "SELECT row_number() OVER (PARTITION BY a ORDER BY b), lag(b) OVER () FROM t",
        "SELECT quantile_cont(x, 0.5), string_agg(y, ','), a AND b OR NOT c FROM t",
        "SELECT date_add(d, INTERVAL 3 DAY), d - INTERVAL 1 MONTH FROM t",
    ],
)
def test_the_allow_list_names_what_analysts_write(sql: str) -> None:
    assert list(forbidden_functions(sqlglot.parse_one(sql, read="duckdb"))) == []


def test_the_allow_list_holds_only_functions_duckdb_has() -> None:
    # a typo in the list would allow nothing, but a name DuckDB lacks must be a special form
    known = {
        name for (name,) in duckdb.sql("SELECT function_name FROM duckdb_functions()").fetchall()
    }
    # fmt: off
    special = {"case", "cast", "exists", "try_cast", "extract", "interval", "if", "iff",
               "ifnull", "nvl",
               "isnull", "coalesce", "nullif", "unnest", "array", "struct", "jsonextract",
               "jsonextractscalar", "currentdate", "currenttime", "currenttimestamp",
               "current_time", "current_timestamp", "percentile_cont", "percentile_disc",
               "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag",
               "lead", "first_value", "last_value", "nth_value", "current_date",
               "dateadd"}  # sqlglot's node for date_add(d, INTERVAL ...), rendered d + INTERVAL
    # fmt: on
    assert sorted(ALLOWED - known - special) == []


def test_a_hostile_spec_never_publishes_from_the_cli(tmp_path: Path, retail_db: Path) -> None:
    spec = tmp_path / "leak.json"
    spec.write_text(json.dumps(_spec_with("transformation", "current_setting('temp_directory')")))
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "datamorph"),
            "run",
            "--spec",
            str(spec),
            "--database",
            str(retail_db),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "current_setting" in done.stdout + done.stderr
    with duckdb.connect(str(retail_db), read_only=True) as con:
        names = {n for (n,) in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "customer_order_summary" not in names
