"""Whole runs on Spark (local[2]): the spec as Spark SQL and as a PySpark script, a user's
script healed through its AST, unsafe scripts refused with the target untouched, file sources,
and the scale strategy resizing the session. One warehouse (and so one session) for the module;
each test publishes its own target, as its run store is its own."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import datamorph
from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.sql import compile_sql
from datamorph.engines import open_engine
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import ConfigurationError, UsageError
from datamorph.spec import Spec

pytestmark = [
    pytest.mark.xdist_group("spark_runs"),  # one session, on one worker
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]
SPECS = Path(__file__).parent / "specs"
SUMMARY = Spec.from_json((SPECS / "customer_order_summary.json").read_text())
TABLES = ("customers", "orders", "order_items", "payments", "products")
DATABASE = "spark:local[2]"


@pytest.fixture(scope="module")
def warehouse(retail_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if shutil.which("java") is None:
        pytest.skip("java is not installed: cannot start Spark")
    pytest.importorskip("pyspark")
    from datamorph.engines.transfer import copy_tables

    root = tmp_path_factory.mktemp("spark_runs") / "warehouse"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAMORPH_SPARK_WAREHOUSE", str(root))
        engine = open_engine(DATABASE)
        copy_tables(retail_template, TABLES, engine, root.parent)
        yield root


@pytest.fixture
def spark(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DATAMORPH_SPARK_WAREHOUSE", str(warehouse))
    return open_engine(DATABASE)


def _rows(engine: Any, sql: str) -> list[tuple[Any, ...]]:
    def value(v: Any) -> Any:
        if v is None or isinstance(v, bool | int | str):
            return v
        return round(float(v), 4)

    rows = engine.query(sql).rows
    return sorted((tuple(value(v) for v in row) for row in rows), key=repr)


def _duckdb_rows(retail_template: Path, spec: Spec) -> list[tuple[Any, ...]]:
    with DuckDBEngine(retail_template, read_only=True) as duck:
        return _rows(duck, compile_sql(spec, duck.catalog(samples=0)))


@pytest.mark.parametrize("codegen", ["compiler", "pyspark"])
def test_a_spec_runs_validates_and_publishes_on_spark(
    spark: Any, retail_template: Path, codegen: str
) -> None:
    target = f"summary_{codegen}"
    result = datamorph.run(SUMMARY, database=DATABASE, target=target, codegen=codegen)
    assert (result.status, result.validation_status, result.engine) == (
        "completed",
        "pass",
        "spark",
    )
    assert result.code_path and result.code_path.endswith(".py" if codegen == "pyspark" else ".sql")
    assert _rows(spark, f"SELECT * FROM {target}") == _duckdb_rows(retail_template, SUMMARY)
    names = {c.name for c in spark.catalog(samples=0).table(target).columns}
    assert names == {"customer_id", "customer_name", "total_amount", "order_count"}


def test_a_request_in_english_is_planned_from_spark_s_catalog(spark: Any, retail_db: Path) -> None:
    """Spark declares no keys: the profiles (distinct counts from a sample) tell the planner
    that customer_id identifies a customer, so the join is not refused as inflating."""
    request = "total order amount per customer, keep customers above 1000"
    on_spark = datamorph.run(request, database=DATABASE, target="planned_here")
    on_duckdb = datamorph.run(request, database=str(retail_db), target="planned_here")
    assert (on_spark.status, on_spark.validation_status) == ("completed", "pass")
    spec = Spec.from_json(Path(on_spark.spec_path or "").read_text())
    assert spec == Spec.from_json(Path(on_duckdb.spec_path or "").read_text())
    with DuckDBEngine(retail_db, read_only=True) as duck:
        assert _rows(spark, "SELECT * FROM planned_here") == _rows(
            duck, "SELECT * FROM planned_here"
        )


def _script(spark: Any, target: str) -> str:
    return compile_pyspark(
        SUMMARY.model_copy(
            update={"target_table": SUMMARY.target_table.model_copy(update={"name": target})}
        ),
        spark.catalog(samples=0),
    )


def test_a_user_script_with_a_misspelt_column_is_healed_through_its_ast(
    spark: Any, tmp_path: Path, retail_template: Path
) -> None:
    script = _script(spark, "healed_names")
    broken = script.replace('"o.amount', '"o.amont', 1).replace("o.amount", "o.amont", 1)
    assert broken != script
    path = tmp_path / "job.py"
    path.write_text(broken)
    result = datamorph.run(SUMMARY, code=path, database=DATABASE, target="healed_names")
    assert (result.status, result.validation_status, result.iterations) == (
        "completed",
        "pass",
        1,
    )
    assert result.code_path and result.code_path.endswith("attempt-2.py")
    healed = Path(result.code_path).read_text()
    assert "amont" not in healed and "def build(spark" in healed  # patched, not regenerated
    diff = next(Path(result.code_path).parents[1].glob("healing/iteration-1.diff")).read_text()
    assert "-" in diff and "amont" in diff
    assert _rows(spark, "SELECT * FROM healed_names") == _duckdb_rows(retail_template, SUMMARY)


def test_a_misnamed_output_in_a_script_is_renamed_by_position(spark: Any, tmp_path: Path) -> None:
    script = _script(spark, "healed_outputs")
    broken = script.replace('"order_count"', '"n_orders"')
    assert broken != script
    path = tmp_path / "job.py"
    path.write_text(broken)
    result = datamorph.run(SUMMARY, code=path, database=DATABASE, target="healed_outputs")
    assert (result.status, result.validation_status) == ("completed", "pass")
    assert '"n_orders"' not in Path(result.code_path or "").read_text()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("import os\n", "os"),
        ("open('/etc/passwd')\n", "open"),
        ("X = spark_table_name()\n", "top level"),
    ],
)
def test_unsafe_scripts_are_refused_and_the_target_stays(
    spark: Any, tmp_path: Path, change: str, reason: str
) -> None:
    target = "guarded"
    if not spark.table_exists(target):
        first = datamorph.run(SUMMARY, database=DATABASE, target=target)
        assert first.status == "completed"
    before = _rows(spark, f"SELECT * FROM {target}")
    path = tmp_path / "job.py"
    path.write_text(change + _script(spark, target))
    with pytest.raises(UsageError, match="refused") as caught:
        datamorph.run(SUMMARY, code=path, database=DATABASE, target=target, replace_source=True)
    assert reason in caught.value.message
    assert _rows(spark, f"SELECT * FROM {target}") == before


def test_a_build_that_writes_a_table_itself_is_refused(spark: Any, tmp_path: Path) -> None:
    script = _script(spark, "sneaky").replace(
        "def build(spark: SparkSession) -> DataFrame:\n",
        "def build(spark: SparkSession) -> DataFrame:\n"
        '    spark.table("orders").write.saveAsTable("copied")\n',
    )
    path = tmp_path / "job.py"
    path.write_text(script)
    with pytest.raises(UsageError, match=r"build\(\) writes"):
        datamorph.run(SUMMARY, code=path, database=DATABASE, target="sneaky")
    assert not spark.table_exists("copied")


def test_pyspark_needs_the_spark_engine(retail_db: Path) -> None:
    with pytest.raises(ConfigurationError, match="PySpark runs on the spark engine"):
        datamorph.run(SUMMARY, database=str(retail_db), codegen="pyspark", target="x")


def test_file_sources_are_read_for_the_run(spark: Any, tmp_path: Path) -> None:
    csv = tmp_path / "landing.csv"
    csv.write_text("customer_id,score\n1,10\n2,20\n2,5\n")
    spec = Spec.from_dict(
        {
            "source_tables": [{"name": "scores", "alias": "s"}],
            "group_by": ["s.customer_id"],
            "aggregations": [{"name": "total", "expr": "sum(s.score)"}],
            "target_table": {"name": "scored", "keys": ["customer_id"]},
        }
    )
    result = datamorph.run(spec, database=DATABASE, sources={"scores": str(csv)})
    assert (result.status, result.validation_status) == ("completed", "pass")
    assert _rows(spark, "SELECT * FROM scored") == [(1, 10), (2, 25)]


def test_the_scale_strategy_gives_spark_memory_and_partitions_and_keeps_the_tables(
    spark: Any,
) -> None:
    """The monitor's scale strategy, acting on a Spark run: driver and executor memory
    multiplied within 80 % of the machine (a new session, as startup settings need), shuffle
    partitions multiplied, adaptive execution on; the warehouse's tables outlive the restart.
    At the memory cap only the partitions grow."""
    from types import SimpleNamespace

    from datamorph.monitor.strategies import Scale
    from datamorph.runs import RunStatus

    before = spark.settings()
    situation = SimpleNamespace(run=SimpleNamespace(engine=spark, run_id="s"), step="executing")
    outcome = Scale().act(situation)  # type: ignore[arg-type]
    assert outcome.resume is RunStatus.EXECUTING, outcome.summary
    after = outcome.detail["after"]
    assert f"spark.driver.memory {before['spark.driver.memory']} -> " in outcome.summary
    memory = int(after["spark.driver.memory"].removesuffix("m"))
    assert memory > 1024 and memory * 2**20 <= 0.8 * _physical_memory()
    assert after["spark.executor.memory"] == after["spark.driver.memory"]
    assert int(after["spark.sql.shuffle.partitions"]) == Scale.factor * int(
        before["spark.sql.shuffle.partitions"]
    )
    assert after["spark.sql.adaptive.enabled"] == "true"
    assert (
        spark.spark.sparkContext.getConf().get("spark.driver.memory")
        == after["spark.driver.memory"]
    )
    assert spark.query("SELECT count(*) FROM orders").rows[0][0] > 0
    _, capped = spark.scale_up(2, memory * 2**20)  # memory at the cap: partitions only
    assert capped["spark.driver.memory"] == after["spark.driver.memory"]
    assert int(capped["spark.sql.shuffle.partitions"]) == 2 * int(
        after["spark.sql.shuffle.partitions"]
    )


def _physical_memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


@pytest.fixture(scope="module")
def llm_server() -> Iterator[Any]:
    from llm_servers import OpenAIServer

    running = OpenAIServer()
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def model(llm_server: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("OPENAI_BASE_URL", f"{llm_server.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.delenv("DATAMORPH_LLM", raising=False)
    llm_server.replies.clear()
    llm_server.requests.clear()
    return llm_server


@pytest.mark.parametrize("answer", ["good", "imports os"])
def test_the_llm_fixer_repairs_a_script_and_its_answer_passes_the_same_checks(
    spark: Any, model: Any, tmp_path: Path, answer: str
) -> None:
    from llm_servers import data

    target = f"llm_healed_{answer.replace(' ', '_')}"
    script = _script(spark, target)
    corrected = script if answer == "good" else "import os\n" + script
    model.script(
        data(
            {"root_cause_analysis": "typo", "changes_made": ["amont"], "corrected_code": corrected}
        )
    )
    path = tmp_path / "job.py"
    path.write_text(script.replace("o.amount", "o.amont", 1))
    result = datamorph.run(
        SUMMARY, code=path, database=DATABASE, target=target, llm="openai:test-model"
    )
    assert (result.status, result.validation_status, result.iterations) == ("completed", "pass", 1)
    home = Path(result.code_path or "").parents[1]
    iteration = (home / "healing" / "iteration-1.json").read_text()
    # the model's script is used only when it passes the allow-list; else the AST fixer acts
    assert ('"fixer": "llm"' if answer == "good" else '"fixer": "py_names"') in iteration
    sent = str(model.bodies[-1])
    assert "PySpark script" in sent and "amont" in sent and "build(spark)" in sent


def test_the_generated_script_runs_under_spark_submit_as_written(
    spark: Any, warehouse: Path, retail_template: Path, tmp_path: Path
) -> None:
    """The same file, outside DataMorph: spark-submit runs main(), which writes the target
    itself. The in-process session is stopped first (the metastore admits one JVM), and the
    table's Parquet files are read back with DuckDB rather than a third JVM."""
    import subprocess

    from pyspark.find_spark_home import _find_spark_home

    from datamorph.engines.spark_session import _current, _stop

    job = tmp_path / "job.py"
    job.write_text(_script(spark, "submitted"))
    _stop(_current["session"], new_jvm=True)
    metastore = f"jdbc:derby:;databaseName={warehouse / 'metastore_db'};create=true"
    confs = {
        "spark.sql.catalogImplementation": "hive",
        "spark.sql.warehouse.dir": str(warehouse / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL": metastore,
        "spark.ui.enabled": "false",
    }
    submit = Path(_find_spark_home()) / "bin" / "spark-submit"
    args = [str(submit), "--master", "local[2]"]
    for key, value in confs.items():
        args += ["--conf", f"{key}={value}"]
    done = subprocess.run([*args, str(job)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    files = str(warehouse / "warehouse" / "submitted" / "*.parquet")
    import duckdb

    with duckdb.connect() as con:
        rows = con.sql(f"SELECT * FROM read_parquet('{files}')").fetchall()
    normal = sorted((tuple(_duckdb_value(v) for v in row) for row in rows), key=repr)
    assert normal == _duckdb_rows(retail_template, SUMMARY)


def _duckdb_value(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | str):
        return v
    return round(float(v), 4)


def test_a_run_killed_while_publishing_leaves_the_old_target_readable(
    spark: Any, warehouse: Path, tmp_path: Path
) -> None:
    """A second process (the metastore admits one JVM: this one's session stops first) is
    killed between renaming its staging table to a new version and switching the view; the
    target still gives the first run's rows, and the next run marks the dead run interrupted,
    publishes and drops its orphan version. (Killed earlier, at `after_staging`, nothing was
    renamed yet.)"""
    crash_at = "mid_publish"
    import json
    import os
    import subprocess
    import sys

    from datamorph.engines.base import safe_run_suffix
    from datamorph.engines.spark_session import _current, _stop
    from datamorph.runs import open_store

    target = f"crashy_{crash_at}"
    assert datamorph.run(SUMMARY, database=DATABASE, target=target).status == "completed"
    before = _rows(spark, f"SELECT * FROM {target}")
    fewer = SUMMARY.model_copy(update={"having": ("total_amount > 5000",)})
    spec = tmp_path / "fewer.json"
    spec.write_text(fewer.to_json())
    _stop(_current["session"], new_jvm=True)
    done = subprocess.run(
        [sys.executable, "-m", "datamorph.cli", "run", "--spec", str(spec), "--database",
         DATABASE, "--target", target],
        env={**os.environ, "DATAMORPH_CRASH_AT": crash_at},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 86, done.stderr[-2000:]
    engine = open_engine(DATABASE)  # a new session, the dead process's leftovers in place
    assert _rows(engine, f"SELECT * FROM {target}") == before
    result = datamorph.run(fewer, database=DATABASE, target=target)
    assert (result.status, result.validation_status) == ("completed", "pass")
    assert 0 < len(_rows(engine, f"SELECT * FROM {target}")) < len(before)
    left = [
        t.name
        for t in engine.spark.catalog.listTables()
        if t.name.startswith((f"_dm_v_{target}_", "_dm_stage_", "_dm_backup_"))
    ]
    new = f"_dm_v_{target}_{safe_run_suffix(result.run_id)}"
    assert new in left and engine._current_versions(target) == [new]
    # the killed run's lock was free when the next run opened the store: it was marked
    # interrupted, so its orphan version was dropped before staging (a live run's never is)
    store = open_store()
    try:
        statuses = {r.run_id: str(r.status) for r in store.list_runs(limit=10)}
    finally:
        store.close()
    assert "interrupted" in statuses.values()
    assert left == [new], json.dumps(left)
