"""Running a spec case as a user would (`datamorph run --spec FILE --database DB`), and what
a run left behind: its target table's rows, read from a copy of the database file."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamorph.cli import main

from .conftest import HostileEnv, copy_connection

DATAMORPH = Path(sys.prefix) / "bin" / "datamorph"
if not DATAMORPH.exists():  # pytest not started from the project's virtualenv
    DATAMORPH = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "datamorph"


@dataclass
class CliResult:
    code: int | None  # None: killed at the bound
    stdout: str
    stderr: str

    def status(self) -> str | None:
        """The run's status from the --json line, if there is one."""
        for line in reversed(self.stdout.strip().splitlines()):
            try:
                answer = json.loads(line)
            except ValueError:
                continue
            if isinstance(answer, dict):
                status = answer.get("status")
                return status if isinstance(status, str) else None
        return None


def argv(spec_file: Path, env: HostileEnv) -> list[str]:
    return ["run", "--spec", str(spec_file), "--database", str(env.db_path), "--json", "--yes"]


def run_in_process(spec_file: Path, env: HostileEnv) -> CliResult:
    """`datamorph run` through the CLI's entry point in this process (what the console script
    calls), its output captured."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["datamorph", *argv(spec_file, env)]
    code: int | None = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        sys.argv = saved
    return CliResult(code, out.getvalue(), err.getvalue())


def run_subprocess(
    spec_file: Path, env: HostileEnv, cwd: Path, home: Path, bound: float
) -> CliResult:
    """The real console script in a subprocess, killed at `bound` seconds."""
    import os

    environment = dict(os.environ, DATAMORPH_HOME=str(home))
    process = subprocess.Popen(
        [str(DATAMORPH), *argv(spec_file, env)],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=bound)
        return CliResult(process.returncode, stdout, stderr)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        return CliResult(None, stdout, stderr)


def published_tables(db_path: Path) -> set[str]:
    with copy_connection(db_path) as con:
        rows = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE database_name = current_database()"
        ).fetchall()
    return {f"{schema}.{name}" for schema, name in rows}


def table_text(db_path: Path, table: str) -> str | None:
    """Every row of `table` as text, or None when the table does not exist."""
    if f"main.{table}" not in published_tables(db_path):
        return None
    with copy_connection(db_path) as con:
        rows: list[Any] = con.execute(f'SELECT CAST(t AS VARCHAR) FROM "{table}" AS t').fetchall()
    return "\n".join(str(row[0]) for row in rows) or "<empty>"
