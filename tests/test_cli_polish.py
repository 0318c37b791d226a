"""The CLI explains itself: --version, completion, help that reads, repeated options refused,
exit codes documented, plan output a spec, query/show as table, CSV or JSON, tables that fit,
the catalog profile drawn, a busy port refused, and live progress for people only."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rich.console import Console

import datamorph
from datamorph import display
from datamorph.cli import app
from datamorph.cli_options import EXIT_CODES
from datamorph.cli_progress import RunProgress, shows_progress
from datamorph.demo.showcase import demo_spec
from datamorph.engines import open_engine
from datamorph.engines.base import QueryResult
from datamorph.runs import RunStore

ROOT = Path(__file__).resolve().parent.parent


def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(demo_spec().to_json())
    return path


def test_version_is_the_installed_one(run_cli: Any) -> None:
    code, out, _ = run_cli("--version")
    assert code == 0 and out == f"datamorph {version('datamorph')}\n"


def test_shell_completion_completes_command_names(
    run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("_DATAMORPH_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "datamorph ru")
    monkeypatch.setenv("COMP_CWORD", "1")
    code, out, _ = run_cli()
    assert code == 0 and out.split() == ["run", "runs"]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["run", "--spec", "a.json", "--spec", "b.json"], "--spec"),
        (["run", "-s", "a.json", "--spec", "b.json", "--json"], "--spec"),
        (["validate", "--spec", "a.json", "-t", "x", "--table", "y"], "--table"),
        (["catalog", "-d", "a.duckdb", "--database", "b.duckdb"], "--database"),
        (["--store", "a.db", "--store", "b.db", "runs", "list"], "--store"),
        (["runs", "rerun", "r1", "--max-iterations", "1", "--max-iterations", "2"],
         "--max-iterations"),
        (["query", "SELECT 1", "--limit", "1", "--limit", "2"], "--limit"),
    ],
)  # fmt: skip
def test_an_option_given_twice_is_refused(
    run_cli: Any, tmp_path: Path, args: list[str], option: str
) -> None:
    code, out, err = run_cli(*args)
    assert code == 2
    assert f"error: {option} given twice" in err and f"Hint: keep one {option}" in err
    if "--json" in args:
        assert json.loads(out)["error_type"] == "UsageError"
    assert not (tmp_path / "a.duckdb").exists() and not (tmp_path / "b.duckdb").exists()


def test_options_that_repeat_by_design_still_do(run_cli: Any, retail_db: Path) -> None:
    code, _, err = run_cli(
        "run", "--spec", "missing.json", "--source", "a=x.csv", "--source", "b=y.csv", "--json"
    )
    assert code == 2 and "given twice" not in err  # refused for the missing file, not the repeat


def test_help_texts_read_as_paragraphs(run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.main import get_command

    root = get_command(app)
    stack = [root]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        for paragraph in (command.help or "").split("\n\n"):
            assert "\n" not in paragraph, (command.name, paragraph)
    code, out, _ = run_cli("run", "--help")
    flat = re.sub(r"[\s│]+", " ", out)
    assert code == 0 and "without this or [policy] approve in datamorph.toml" in flat


def test_exit_codes_are_documented_in_help_and_readme(run_cli: Any) -> None:
    code, out, _ = run_cli("--help")
    flat = re.sub(r"[\s│]+", " ", out)
    assert code == 0 and "Exit codes: 0 completed" in flat
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\nExit codes (", 1)[1].split("\n\n", 1)[0]
    documented = {int(n) for n in re.findall(r"^- (\d+):", section, re.M)}
    in_help = {int(n) for n in re.findall(r"(?:^|; )(\d+) ", EXIT_CODES.split(": ", 1)[1])}
    assert documented == in_help == {0, 1, 2, 3, 130}


def test_plan_prints_a_spec_that_run_accepts(run_cli: Any, retail_db: Path, tmp_path: Path) -> None:
    code, out, err = run_cli("plan", "total order amount per customer", "-d", str(retail_db))
    assert code == 0, err
    saved = tmp_path / "planned.json"
    saved.write_text(out)  # what `datamorph plan ... > planned.json` keeps
    assert json.loads(out)["target_table"]["name"]
    assert "plan" in err and "planned by the" in err  # the reading, on stderr
    code, out, err = run_cli("run", "--spec", str(saved), "-d", str(retail_db), "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "completed"


def test_plan_out_writes_the_spec_file(run_cli: Any, retail_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "spec.json"
    code, out, err = run_cli(
        "plan", "total order amount per customer", "-d", str(retail_db), "--out", str(target)
    )
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["target_table"]["name"] and "spec written to" in err


def test_show_a_table_as_csv_json_and_table(run_cli: Any, retail_db: Path) -> None:
    with duckdb.connect(str(retail_db), read_only=True) as con:
        (total,) = con.execute("SELECT count(*) FROM orders").fetchone() or (0,)
    code, out, err = run_cli("show", "orders", "-d", str(retail_db), "--limit", "3", "--csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:2] == ["order_id", "customer_id"] and len(rows) == 4
    assert f"3 of {total:,} rows shown; {total - 3:,} more rows" in err
    code, out, _ = run_cli("show", "ORDERS", "-d", str(retail_db), "--limit", "2", "--json")
    answer = json.loads(out)
    assert code == 0 and len(answer["rows"]) == 2 and answer["total_rows"] == total
    code, out, _ = run_cli("show", "products", "-d", str(retail_db), "--limit", "1")
    assert code == 0 and "product_id" in out and "more rows (raise --limit)" in out


def test_show_quotes_the_name_and_refuses_what_is_no_table(run_cli: Any, retail_db: Path) -> None:
    with duckdb.connect(str(retail_db)) as con:
        con.execute('CREATE TABLE "odd name" AS SELECT 1 AS x')
    code, out, err = run_cli("show", "odd name", "-d", str(retail_db), "--json")
    assert code == 0, err
    assert json.loads(out)["rows"] == [{"x": 1}]
    code, _, err = run_cli("show", "orders; DROP TABLE customers", "-d", str(retail_db))
    assert code == 2 and "unknown table" in err
    code, _, err = run_cli("show", "orders", "-d", str(retail_db), "--csv", "--json")
    assert code == 2 and "--json and --csv" in err
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'customers'"
        ).fetchone() == (1,)


def test_query_csv_leaves_nulls_empty_and_notes_on_stderr(run_cli: Any, retail_db: Path) -> None:
    code, out, err = run_cli(
        "query", "SELECT 1 AS a, NULL AS b UNION ALL SELECT 2, 'x'", "-d", str(retail_db),
        "--csv", "--limit", "1",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() in (["a,b", "1,"], ["a,b", "2,x"])
    assert "more matched, raise --limit" in err


def _records(store: RunStore, target: str, message: str) -> Any:
    for _ in range(3):
        record = store.create_run(engine="duckdb", database="x.duckdb", target_table=target)
        store.update_run(record.run_id, message=message)
    return store.list_runs(limit=10)


@pytest.mark.parametrize("width", [80, 120])
def test_runs_table_fits_the_console(store: RunStore, width: int) -> None:
    records = _records(store, "customer_order_summary_by_region_and_month", "x" * 300)
    console = Console(width=width, file=io.StringIO(), color_system=None)
    display.runs_table(console, records)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines and max(len(line) for line in lines) <= width
    text = "\n".join(lines)
    assert all(r.run_id in text for r in records)  # the id whole, to be copied
    assert "customer_order_su" in text and "…" in text
    assert ("message" in text) == (width >= 100)  # narrow: the target gets the room


def test_a_row_table_just_too_wide_drops_its_rules_not_its_names() -> None:
    """The demo's orders at 80 columns: 81 wide in the ruled box, so the rules go and no
    column name or value is folded; a table that fits keeps its box."""
    columns = ["order_id", "customer_id", "order_date", "status", "amount", "discount", "channel"]
    rows = [(1, 42, "2025-03-03", "completed", 220.27, None, "web")]
    for width, ruled in [(80, False), (120, True)]:
        console = Console(width=width, file=io.StringIO(), color_system=None)
        display.query_table(console, QueryResult(columns=columns, rows=rows))
        text = console.file.getvalue()  # type: ignore[attr-defined]
        assert max(len(line) for line in text.splitlines()) <= width
        assert all(name in text for name in columns) and "completed" in text, text
        assert ("│" in text) == ruled


def test_catalog_profile_is_drawn(run_cli: Any, retail_db: Path) -> None:
    code, out, err = run_cli("catalog", "--profile", "-d", str(retail_db))
    assert code == 0, err
    assert "orders (profile)" in out and "distinct" in out and "top values" in out
    assert max(len(line) for line in out.splitlines()) <= 80  # not a terminal: 80 columns
    console = Console(width=120, file=io.StringIO(), color_system=None)
    engine = open_engine(str(retail_db), read_only=True)
    try:
        display.catalog_profiles(console, engine.catalog(samples=0, profile=True))
    finally:
        engine.close()
    wide = console.file.getvalue()  # type: ignore[attr-defined]
    assert "customer_name" in wide and max(len(line) for line in wide.splitlines()) <= 120


def test_serve_refuses_a_busy_port_before_claiming_to_listen(run_cli: Any, retail_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run_cli("serve", "--port", str(port), "-d", str(retail_db))
    assert code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in err and "--port" in err
    assert "DataMorph on" not in err


BROKEN_SQL = """
SELECT c.customer_id, c.customer_name,
       sum(o.amout - coalesce(o.discount, 0)) AS total_amount, count(o.order_id) AS order_count
FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id
WHERE o.status = 'completed'
GROUP BY c.customer_id, c.customer_name
"""


def test_run_progress_shows_steps_and_each_healing_decision(
    retail_db: Path, store: RunStore, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.sql"
    broken.write_text(BROKEN_SQL)  # o.amout: healing repairs the name from the catalog
    told: list[Any] = []
    screen = Console(file=io.StringIO(), force_terminal=True, width=100, color_system=None)
    with RunProgress(screen, enabled=True) as progress:

        def observe(event: Any) -> None:
            told.append(event)
            progress(event)

        result = datamorph.run(
            demo_spec(), code=broken, database=str(retail_db), store=store, on_event=observe
        )
    assert result.status == "completed" and result.iterations >= 1
    stored = [(e.step, e.message) for e in store.events(result.run_id)]
    assert [(e.step, e.message) for e in told] == stored  # every event, as it happened
    shown = screen.file.getvalue()  # type: ignore[attr-defined]
    for step in ("planning", "executing", "validating", "remediating", "publishing"):
        assert f"✓ {step}" in shown
    decision = next(e for e in told if "category" in e.metadata)
    assert (
        f"healing: {decision.metadata['category']} (confidence "
        f"{decision.metadata['confidence']:.2f}) -> {decision.metadata['strategy']}"
    ) in shown


def test_no_progress_without_a_terminal_or_under_json(
    run_cli: Any, retail_db: Path, tmp_path: Path
) -> None:
    spec = spec_file(tmp_path)
    code, out, err = run_cli("run", "--spec", str(spec), "-d", str(retail_db), "--json")
    assert code == 0 and err == ""
    assert json.loads(out)["status"] == "completed"  # stdout: the one JSON object
    code, out, err = run_cli("run", "--spec", str(spec), "-d", str(retail_db))
    assert code == 0 and err == "" and "completed" in out  # stderr is no terminal here
    forced = Console(file=io.StringIO(), force_terminal=True)  # as FORCE_COLOR does
    assert forced.is_terminal and not shows_progress(forced, as_json=False)


def test_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    database = tmp_path / "big.duckdb"
    command = [sys.executable, "-m", "datamorph.cli", "demo", "--scale", "3000000"]
    started = subprocess.Popen(
        [*command, "--database", str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # DATAMORPH_HOME: the test's own (conftest.isolated_home)
    deadline = time.monotonic() + 60
    while not database.exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # the build is under way (in DuckDB or in Python): interrupt it
    started.send_signal(signal.SIGINT)
    out, err = started.communicate(timeout=60)
    assert started.returncode == 130, err
    assert err.strip().splitlines() == ["error: interrupted (Ctrl-C)"] and out == ""


def test_show_on_postgres_quotes_for_postgres(run_cli: Any, pg_retail: str) -> None:
    code, out, err = run_cli("show", "orders", "-d", pg_retail, "--limit", "2", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert len(answer["rows"]) == 2 and answer["truncated"] and answer["total_rows"] > 2
    code, _, err = run_cli("show", 'orders" --', "-d", pg_retail)
    assert code == 2 and "unknown table" in err


def test_the_executable_answers_version_without_importing_the_cli() -> None:
    import subprocess
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["datamorph"] == "datamorph.cli_entry:main"
    probe = (
        "import sys; from datamorph.cli_entry import main; sys.argv = ['datamorph', '--version']; "
        "main(); print('datamorph.cli' in sys.modules, 'duckdb' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"datamorph {version('datamorph')}", "False False"]
