"""The battery is not refused for its own mistakes: every hostile SQL case parses as DuckDB SQL,
and every payload marked live really reads what it targets on a plain DuckDB connection (with
no sandbox) over a copy of the same database, so a refusal by the service is the sandbox's
doing. Also checks that the leak detector sees what such a payload reads.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import HostileEnv
from .sql_cases import (
    CORE_SCALAR_PAYLOADS,
    CORE_TABLE_PAYLOADS,
    LIGHT_SCALAR_PAYLOADS,
    LIGHT_TABLE_PAYLOADS,
    MUST_REFUSE,
    query_cases,
)

pytestmark = pytest.mark.slow  # every test of the battery is in the slow tier

PAYLOADS = [("table", *p) for p in CORE_TABLE_PAYLOADS + LIGHT_TABLE_PAYLOADS] + [
    ("scalar", *p) for p in CORE_SCALAR_PAYLOADS + LIGHT_SCALAR_PAYLOADS
]
LIVE = [p for p in PAYLOADS if p[4]]
REFUSED = [case for case in query_cases() if case.kind == MUST_REFUSE]
# what each canary-reading payload must show when it runs unguarded
SHOWS = {
    "read_text_canary": "canary:txt",
    # /proc/self/environ is the environment the process started with: PATH, not the canaries
    # set since (the in-process service's getenv would see those)
    "read_text_proc_environ": "PATH value",
    "read_csv_canary": "canary:csv",
    "read_csv_auto_relative": "canary:cwd secret.csv",
    "read_json_canary": "canary:json",
    "read_parquet_canary": "canary:parquet",
    "string_table_csv": "canary:csv",
    "query_fn_read_text": "canary:txt",
    "read_duckdb_other_db": "canary:other db",
    "read_text_db_sibling": "canary:db sibling",
    "string_table_relative": "canary:cwd secret.csv",
    "glob_watch_dir": "file name:CANARY_TXT",
    "duckdb_databases": "database directory",
    "duckdb_settings": "stored_secrets",
}


@pytest.mark.slow
def test_every_refused_case_parses_as_duckdb_sql(hostile_env: HostileEnv) -> None:
    unparsable = []
    with duckdb.connect() as con:
        for case in REFUSED:
            try:
                con.extract_statements(hostile_env.fill(case.sql))
            except duckdb.Error as error:
                unparsable.append(f"{case.id}: {str(error).splitlines()[0]}")
    assert not unparsable, "\n".join(unparsable)


@pytest.mark.slow
def test_live_payloads_run_unguarded(hostile_env: HostileEnv, cwd_secret: Path) -> None:
    """On the module's own copy of the database (no service uses it here)."""
    broken, blind = [], []
    for shape, pid, expr, _, _ in LIVE:
        sql = (
            f"SELECT CAST(t AS VARCHAR) AS v FROM {expr} AS t"
            if shape == "table"
            else f"SELECT CAST({expr} AS VARCHAR) AS v FROM customers LIMIT 1"
        )
        sql = hostile_env.fill(sql)
        try:
            with duckdb.connect(str(hostile_env.db_path)) as con:
                text = "\n".join(str(row[0]) for row in con.execute(sql).fetchall())
        except duckdb.Error as error:
            broken.append(f"{pid}: {str(error).splitlines()[0]}")
            continue
        if pid in SHOWS and SHOWS[pid] not in hostile_env.leaks(text, sql):
            blind.append(f"{pid}: {text[:200]}")
    assert not broken, "payloads marked live that fail on plain DuckDB:\n" + "\n".join(broken)
    assert not blind, "the leak detector misses what these read:\n" + "\n".join(blind)
