"""The Python API at the top level (`datamorph.plan`, `catalog`, `compile`, `validate`,
`query`, `run`, `rerun`, `load`...): each called for real on a DuckDB file, the results'
notebook views, the lazy imports, and the docstrings."""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

import duckdb
import pytest

import datamorph
from datamorph.demo.showcase import demo_spec
from datamorph.errors import UsageError
from datamorph.runs import RunStore

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["duckdb", "pandas", "pyarrow", "sklearn", "anthropic", "openai", "sqlglot", "pyspark"]


def _fresh_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def test_import_datamorph_loads_no_engine_dataframe_or_llm_sdk() -> None:
    loaded = json.loads(
        _fresh_python(
            "import json, sys, datamorph; datamorph.__version__; dir(datamorph); "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
        )
    )
    assert [name for name in HEAVY if name in loaded] == []


def test_functions_keep_their_names_after_the_same_named_submodules_are_imported() -> None:
    # datamorph/query.py and datamorph/catalog.py are submodules too: importing them must not
    # replace the functions, whichever comes first
    shown = _fresh_python(
        "import datamorph.catalog, datamorph.query, datamorph\n"
        "from datamorph.catalog import Catalog\n"
        "from datamorph import query\n"
        "print(datamorph.catalog.__name__, datamorph.query.__name__, query.__name__, "
        "Catalog.__name__)"
    )
    assert shown.split() == ["read_catalog", "query", "query", "Catalog"]
    assert callable(datamorph.catalog) and callable(datamorph.query)


def test_all_lists_every_lazy_name_and_each_resolves() -> None:
    assert set(datamorph.__all__) == {"__version__", *datamorph._LAZY}
    for name in datamorph.__all__:
        assert getattr(datamorph, name) is not None
    assert set(datamorph.__all__) <= set(dir(datamorph))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        datamorph.nothing  # noqa: B018


@pytest.mark.parametrize("name", [name for name in datamorph.__all__ if name[0] != "_"])
def test_every_public_name_has_a_docstring_naming_its_parameters(name: str) -> None:
    obj = getattr(datamorph, name)
    doc = inspect.getdoc(obj)
    assert doc and len(doc) > 30, f"datamorph.{name} has no docstring"
    if not inspect.isfunction(obj):
        return
    # named in backticks, or opening a line of a parameter list ("types: ...", "a, b: ...")
    undocumented = [
        parameter
        for parameter in inspect.signature(obj).parameters
        if not re.search(rf"`{parameter}\b|^(\w+, )*{parameter}\b[^\n]*:", doc, re.MULTILINE)
    ]
    assert undocumented == [], f"datamorph.{name}: parameters not in the docstring"


def test_run_and_rerun_show_one_line_and_a_table(retail_db: Path, store: RunStore) -> None:
    result = datamorph.run(demo_spec(), database=str(retail_db), store=store)
    assert result.ok and result.rows and result.seconds is not None and result.seconds > 0
    line = repr(result)
    assert "\n" not in line
    assert line.startswith(f"<RunResult {result.run_id} completed customer_order_summary ")
    assert re.search(rf"{result.rows:,} rows, 0 iterations, \d+(\.\d)? m?s>$", line)
    html = result._repr_html_()
    assert result.run_id in html and "<table>" in html and "customer_order_summary" in html
    assert "completed" in html and str(retail_db) in html

    again = datamorph.rerun(result.run_id, store=store)
    assert again.ok and again.run_id != result.run_id and again.rows == result.rows


def test_plan_returns_the_spec_and_its_reading(retail_db: Path) -> None:
    planned = datamorph.plan(
        "total amount per customer", database=str(retail_db), target="amount_by_customer"
    )
    assert planned.spec.target_table.name == "amount_by_customer"
    assert planned.planner and planned.explanation
    line = repr(planned)
    assert line.startswith("<PlanResult amount_by_customer from customers, orders by the ")
    assert "\n" not in line
    html = planned._repr_html_()
    assert html.endswith("}</code></pre>\n</div>")  # the whole spec, escaped
    assert "&quot;target_table&quot;" in html and "<th>the plan</th>" in html
    with pytest.raises(UsageError, match="empty"):
        datamorph.plan("  ", database=str(retail_db))


def test_query_answer_previews_ten_rows_and_escapes(retail_db: Path) -> None:
    answer = datamorph.query(
        "SELECT customer_id, '<b>' || customer_name AS \"a<b>\" FROM customers "
        "ORDER BY customer_id",
        database=str(retail_db),
        limit=15,
    )
    assert answer.columns == ["customer_id", "a<b>"] and len(answer.rows) == 15
    assert answer.truncated and str(answer.rows[0][1]).startswith("<b>")
    assert repr(answer) == "<QueryAnswer 2 columns, 15 rows (more matched)>"
    html = answer._repr_html_()
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("<tr>") == 1 + 10  # the header and a ten-row preview
    assert "5 more rows" in html


def test_show_previews_a_table_and_counts_it(retail_db: Path) -> None:
    first = datamorph.show("orders", database=str(retail_db), limit=3)
    assert len(first.rows) == 3 and first.truncated and first.total_rows is not None
    with duckdb.connect(str(retail_db), read_only=True) as con:
        (total,) = con.execute("SELECT count(*) FROM orders").fetchone() or (0,)
    assert first.total_rows == total
    assert repr(first) == f"<QueryAnswer {len(first.columns)} columns, 3 of {total:,} rows>"
    with pytest.raises(UsageError, match="ordres"):
        datamorph.show("ordres", database=str(retail_db))


def test_catalog_from_the_configured_database(
    retail_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = datamorph.catalog(str(retail_db), profile=True)
    assert {"customers", "orders"} <= set(catalog.table_names)
    orders = catalog.table("orders")
    assert orders.row_count and all(c.profile is not None for c in orders.columns)
    line = repr(catalog)
    assert line.startswith(f"<Catalog duckdb, {len(catalog.tables)} tables: ")
    html = catalog._repr_html_()
    assert all(f"<td>{name}</td>" in html for name in catalog.table_names)
    # no database given: the configuration's, as the CLI resolves it
    monkeypatch.setenv("DATAMORPH_DATABASE", str(retail_db))
    assert datamorph.catalog().table_names == catalog.table_names


def test_compile_returns_code_that_prints_as_itself(retail_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(demo_spec().to_json())
    compiled = datamorph.compile(path, database=str(retail_db))
    assert compiled.dialect == "duckdb" and str(compiled) == compiled.code
    lines = len(compiled.code.splitlines())
    assert repr(compiled) == f"<CompiledCode duckdb, {lines} lines for customer_order_summary>"
    assert "<pre><code>" in compiled._repr_html_()
    postgres = datamorph.compile(demo_spec(), dialect="postgres", database=str(retail_db))
    assert postgres.dialect == "postgres" and "SELECT" in postgres.code.upper()
    pyspark = datamorph.compile(demo_spec(), dialect="pyspark", database=str(retail_db))
    assert "def build(spark" in pyspark.code
    with pytest.raises(UsageError, match="dialect"):
        datamorph.compile(demo_spec(), dialect="oracle", database=str(retail_db))


def test_validate_passes_a_right_table_and_fails_a_wrong_one(retail_db: Path) -> None:
    spec = demo_spec()
    code = datamorph.compile(spec, database=str(retail_db)).code
    with duckdb.connect(str(retail_db)) as con:
        con.execute(f"CREATE TABLE summary_ok AS {code}")
        con.execute("CREATE TABLE summary_bad AS SELECT * FROM summary_ok")
        con.execute("UPDATE summary_bad SET order_count = -1 WHERE customer_id IN "
                    "(SELECT customer_id FROM summary_bad LIMIT 3)")  # fmt: skip
    good = datamorph.validate(spec, "summary_ok", database=str(retail_db))
    assert good.status == "pass", good.to_markdown()
    assert repr(good).startswith("<ValidationReport summary_ok pass: ")
    bad = datamorph.validate(spec, "summary_bad", database=str(retail_db))
    assert bad.status == "fail" and bad.failed
    html = bad._repr_html_()
    assert all(escape(c.name) in html for c in bad.failed) and "<td>fail</td>" in html
    with pytest.raises(UsageError, match="no_such_table"):
        datamorph.validate(spec, "no_such_table", database=str(retail_db))


def test_load_reports_the_schema_and_escapes_dirt(retail_db: Path, tmp_path: Path) -> None:
    rows = [f"{i},{i * 1.5},note {i}" for i in range(1, 20)] + ["20,<b>n/a</b>,last"]
    path = tmp_path / "sales.csv"
    path.write_text("id,amount,note\n" + "\n".join(rows) + "\n")
    report = datamorph.load(path, "sales", database=str(retail_db))
    assert report.rows == report.table_rows == 20
    assert [c.name for c in report.columns] == ["id", "amount", "note"]
    assert [d.column for d in report.dirt] == ["amount"]  # loaded as text, and said
    line = repr(report)
    assert line.startswith("<LoadReport sales replaced: 20 rows from sales.csv, 3 columns, ")
    assert "1 column with dirt" in line and str(path) in report._repr_html_()
    html = report._repr_html_()
    assert "&lt;b&gt;n/a&lt;/b&gt;" in html and "<b>n/a" not in html
    assert "<td>amount</td>" in html
    appended = datamorph.load(path, "sales", database=str(retail_db), append=True)
    assert appended.table_rows == 40 and repr(appended).startswith(
        "<LoadReport sales appended to: "
    )


def test_the_readme_python_block_runs_as_written(
    retail_db: Path, isolated_home: Path, tmp_path: Path
) -> None:
    # the tour test runs the console blocks; this one runs the "From Python" block, on a demo
    # database (the default one) in a project directory holding a copy of examples/
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"\*\*From Python\.\*\*.*?```python\n(.*?)```", readme, re.DOTALL)
    assert found, "README has no From Python block"
    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(retail_db, isolated_home / "demo.duckdb")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    namespace: dict[str, object] = {}
    exec(compile(found.group(1), "README.md", "exec"), namespace)
    result, report = namespace["result"], namespace["report"]
    assert isinstance(result, datamorph.RunResult) and result.ok
    assert isinstance(report, datamorph.ValidationReport) and report.status == "pass"
