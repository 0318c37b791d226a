"""A command imports what it uses, nothing more: the CLI's start-up is most of a short run's
time (issue 17). Each case runs the real entry point in a fresh process and reads which
modules it had loaded when it ended."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "examples" / "customer_order_summary.json"

# what the entry point runs, with a record of sys.modules written at exit (the CLI ends with
# os._exit, after the atexit handlers)
_PROBE = """
import atexit, json, sys
out = sys.argv[1]
def _record():
    with open(out, "w") as handle:
        json.dump(sorted(sys.modules), handle)
atexit.register(_record)
sys.argv = ["datamorph", *sys.argv[2:]]
from datamorph.cli_entry import main
main()
"""

NEVER_AT_START = {"duckdb", "sqlalchemy", "sqlglot", "pyarrow", "numpy"}
NEVER_WITHOUT_FAILURE = {"sklearn", "scipy", "anthropic", "openai", "botocore", "psycopg"}


def _modules(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    record = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(record), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, set(json.loads(record.read_text()))


def _top(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["no-such-command"]])
def test_help_and_typos_load_no_engine_store_or_model(
    tmp_path: Path, args: list[str], isolated_home: Path
) -> None:
    code, modules = _modules(tmp_path, *args)
    assert code in (0, 2)
    assert not _top(modules) & (NEVER_AT_START | NEVER_WITHOUT_FAILURE)
    if args == ["--help"]:  # Typer 0.29 coerces a command's options through pydantic
        assert "pydantic" not in modules
    assert "rich.markdown" not in modules  # Typer's Rich help panels: plain help instead


def test_compile_loads_no_run_store(tmp_path: Path, retail_db: Path, isolated_home: Path) -> None:
    code, modules = _modules(tmp_path, "compile", "--spec", str(SPEC), "-d", str(retail_db))
    assert code == 0
    assert not _top(modules) & ({"sqlalchemy", "pyarrow"} | NEVER_WITHOUT_FAILURE)
    assert not any(m.startswith("datamorph.runs") for m in modules)


def test_a_run_that_succeeds_loads_no_monitor_fixer_or_model_sdk(
    tmp_path: Path, retail_db: Path, isolated_home: Path
) -> None:
    database = tmp_path / "copy.duckdb"
    database.write_bytes(retail_db.read_bytes())
    code, modules = _modules(tmp_path, "run", "--spec", str(SPEC), "-d", str(database), "--json")
    assert code == 0
    assert not _top(modules) & (NEVER_WITHOUT_FAILURE | {"pyarrow"})
    assert not {"datamorph.monitor.monitor", "datamorph.healing"} & modules
