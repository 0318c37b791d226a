"""DuckDB failures provoked for real, part 2: files, settings, extensions, locks, memory.

Everything happens in a scratch directory with fixed relative names. Labelling decisions:
- a database file held by another process, and a write-write conflict between two open
  transactions, are `resource_locked` (someone else holds what the run needs);
- extensions that cannot be loaded or downloaded (an empty extension directory, a repository
  that refuses connections: the machine is offline) are `missing_dependency`;
- a connection opened read-only, and file operations disabled by configuration, refuse
  writes and reads to an identity that is otherwise fine: `permission_denied`;
- a memory limit too small for the work, and a temp directory size limit, are
  `resource_exhaustion`; so is writing to a full device (/dev/full gives a real ENOSPC).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from corpus.common import Recorder, free_port, unprivileged, workdir, world_writable
from datamorph.monitor.taxonomy import Category

C = Category

ORDERS_CSV = "order_id,customer_id,order_date,amount\n" + "".join(
    f"{1000 + i},{i % 7},2024-03-{1 + i % 28:02d},{10 + i}.50\n" for i in range(60)
)


def write_inputs() -> None:
    """The scratch directory's files: good ones to break, and broken ones."""
    Path("landing").mkdir()
    Path("landing/orders.csv").write_text(ORDERS_CSV)
    Path("landing/orders_bad_amount.csv").write_text(ORDERS_CSV + "1060,3,2024-03-29,n/a\n")
    Path("landing/orders_bad_id.csv").write_text(ORDERS_CSV + "10x61,3,2024-03-30,12.00\n")
    Path("landing/orders_bad_date.csv").write_text(ORDERS_CSV + "1062,4,2024-02-30,9.99\n")
    Path("landing/orders_extra_field.csv").write_text(ORDERS_CSV + "1064,5,2024-03-30,9.99,x\n")
    Path("landing/customers_latin1.csv").write_bytes(
        b"customer_id,name\n1,Ana\n2,Fran\xe7ois M\xfcller\n"
    )
    Path("landing/events.json").write_text('[{"id": 1, "kind": "click"}, {"id": 2, "kind": ]')
    Path("landing/events.jsonl").write_text('{"id": 1}\n{"id": 2, "kind": "view"\n{"id": 3}\n')
    Path("landing/orders.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4)
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT range AS id, range * 2 AS v, md5(range::VARCHAR) AS s FROM range(50000)) "
        "TO 'good.parquet'"
    )
    con.close()
    good = Path("good.parquet").read_bytes()
    Path("landing/items_truncated.parquet").write_bytes(good[: len(good) // 2])
    third = len(good) // 3
    Path("landing/items_damaged.parquet").write_bytes(
        good[:third] + bytes(2000) + good[third + 2000 :]
    )
    Path("landing/items_bad_footer.parquet").write_bytes(good[:-200] + bytes(192) + good[-8:])
    Path("warehouse.duckdb").write_bytes(bytes(range(7, 256)) * 40)
    Path("backup.duckdb").write_text("this is a CSV export, not a database\n" * 200)


READS: list[tuple[str, Category, list[str]]] = [
    (
        "csv_bad_value",
        C.DATA_CORRUPTION,
        [
            "SELECT * FROM read_csv('landing/orders_bad_amount.csv', "
            "columns={'order_id': 'INTEGER', 'customer_id': 'INTEGER', 'order_date': 'DATE', "
            "'amount': 'DECIMAL(10,2)'}, header=true)",
            "SELECT * FROM read_csv('landing/orders_bad_id.csv', "
            "columns={'order_id': 'INTEGER', 'customer_id': 'INTEGER', 'order_date': 'DATE', "
            "'amount': 'DOUBLE'}, header=true)",
        ],
    ),
    (
        "csv_bad_date",
        C.DATA_CORRUPTION,
        [
            "SELECT * FROM read_csv('landing/orders_bad_date.csv', types={'order_date': 'DATE'})",
            "SELECT * FROM read_csv('landing/orders_bad_date.csv', header=true, "
            "auto_detect=false, columns={'order_id': 'INTEGER', 'customer_id': 'INTEGER', "
            "'order_date': 'DATE', 'amount': 'DOUBLE'})",
        ],
    ),
    (
        "csv_column_count",
        C.DATA_CORRUPTION,
        [
            "SELECT * FROM read_csv('landing/orders_extra_field.csv', strict_mode=true, "
            "header=true, auto_detect=false, columns={'order_id': 'INTEGER', "
            "'customer_id': 'INTEGER', 'order_date': 'DATE', 'amount': 'DOUBLE'})",
        ],
    ),
    (
        "csv_not_utf8",
        C.DATA_CORRUPTION,
        [
            "SELECT * FROM read_csv('landing/customers_latin1.csv')",
            "SELECT * FROM read_csv('landing/customers_latin1.csv', header=true, "
            "columns={'customer_id': 'INTEGER', 'name': 'VARCHAR'})",
        ],
    ),
    (
        "malformed_json_file",
        C.DATA_CORRUPTION,
        [
            "SELECT * FROM read_json('landing/events.json')",
            "SELECT * FROM read_json('landing/events.jsonl', format='newline_delimited')",
        ],
    ),
    (
        "not_parquet",
        C.DATA_CORRUPTION,
        [
            "SELECT * FROM read_parquet('landing/orders.parquet')",
            "SELECT count(*) FROM read_parquet('landing/items_truncated.parquet')",
        ],
    ),
    (
        "damaged_parquet",
        C.DATA_CORRUPTION,
        [
            "SELECT sum(v), count(DISTINCT s) FROM read_parquet('landing/items_damaged.parquet')",
            "SELECT sum(v) FROM read_parquet('landing/items_bad_footer.parquet')",
        ],
    ),
    (
        "no_files_match",
        C.MISSING_DEPENDENCY,
        [
            "SELECT * FROM read_csv('landing/2024-03-31/*.csv')",
            "SELECT * FROM read_parquet('exports/orders/*.parquet')",
            "SELECT * FROM read_json('landing/events_2024-04-01.jsonl')",
        ],
    ),
    (
        "csv_option_invalid",
        C.CONFIGURATION_ERROR,
        [
            "SELECT * FROM read_csv('landing/orders.csv', delim='||||||')",
            "SELECT * FROM read_csv('landing/orders.csv', compression='zap')",
        ],
    ),
]

SETTINGS: list[tuple[str, Category, list[str]]] = [
    (
        "bad_memory_limit",
        C.CONFIGURATION_ERROR,
        [
            "SET memory_limit = 'lots'",
            "SET memory_limit = '80 percent'",
        ],
    ),
    (
        "unknown_setting",
        C.CONFIGURATION_ERROR,
        ["SET memry_limit = '1GB'", "SET thread = 4"],
    ),
    ("bad_threads", C.CONFIGURATION_ERROR, ["SET threads = -1"]),
    (
        "unknown_timezone",
        C.CONFIGURATION_ERROR,
        ["SET TimeZone = 'Europe/Paaris'", "SET TimeZone = 'CEST+2'"],
    ),
    (
        "bad_option_value",
        C.CONFIGURATION_ERROR,
        [
            "SET default_order = 'sideways'",
            "SET default_null_order = 'middle'",
            "SET enable_progress_bar = 'maybe'",
        ],
    ),
    ("access_mode_at_runtime", C.CONFIGURATION_ERROR, ["SET access_mode = 'read_only'"]),
]

# Extension triggers: an empty private extension directory, no auto-install.
OFFLINE = (
    "SET extension_directory = 'extensions'; SET autoinstall_known_extensions = false; "
    "SET autoload_known_extensions = false; "
)
EXTENSIONS: list[tuple[str, Category, list[str]]] = [
    (
        "extension_not_installed",
        C.MISSING_DEPENDENCY,
        [OFFLINE + "LOAD spatial", OFFLINE + "LOAD excel"],
    ),
    (
        "function_needs_extension",
        C.MISSING_DEPENDENCY,
        [
            OFFLINE + "SELECT * FROM read_xlsx('landing/orders.xlsx')",
            OFFLINE + "SELECT st_point(1.0, 2.0)",
            OFFLINE + "SELECT * FROM read_csv('https://data.example.com/orders.csv')",
        ],
    ),
]


def execute(sql: str, database: str = ":memory:") -> None:
    con = duckdb.connect(database)
    try:
        con.execute(sql).fetchall()
    finally:
        con.close()


def run_sql(recorder: Recorder, triggers: list[tuple[str, Category, list[str]]]) -> None:
    for trigger, category, statements in triggers:
        for sql in statements:
            recorder.expect(trigger, category, lambda sql=sql: execute(sql))


def extension_download(recorder: Recorder) -> None:
    """INSTALL from a repository nobody answers on: what an offline machine sees."""
    port = free_port()
    for name in ("spatial", "excel"):
        sql = (
            f"SET extension_directory = 'extensions'; "
            f"SET custom_extension_repository = 'http://127.0.0.1:{port}/duckdb'; "
            f"INSTALL {name}"
        )
        recorder.expect("extension_download_failed", C.MISSING_DEPENDENCY, lambda s=sql: execute(s))


def memory(recorder: Recorder) -> None:
    no_spill = "SET temp_directory = ''; SET threads = 2; "
    work = {
        "out_of_memory_aggregate": [
            ("2MB", "SELECT i % 100000 AS k, count(*) FROM range(5000000) t(i) GROUP BY k"),
            ("3MB", "SELECT i % 70000 AS k, sum(i) FROM range(4000000) t(i) GROUP BY k"),
        ],
        "out_of_memory_sort": [
            ("4MB", "SELECT * FROM range(3000000) t(i) ORDER BY hash(i)"),
        ],
        "out_of_memory_string_agg": [
            ("8MB", "SELECT string_agg(i::VARCHAR, ',') FROM range(3000000) t(i)"),
        ],
    }
    for trigger, cases in work.items():
        for limit, sql in cases:
            full = f"SET memory_limit = '{limit}'; {no_spill}{sql}"
            recorder.expect(trigger, C.RESOURCE_EXHAUSTION, lambda s=full: execute(s))
    cap = "1MB"
    spill = (
        "SET memory_limit = '4MB'; SET threads = 1; SET temp_directory = 'spill'; "
        "SET max_temp_directory_size = '{cap}'; "
        "SELECT * FROM range(3000000) t(i) ORDER BY random()"
    )
    recorder.expect(
        "temp_directory_full", C.RESOURCE_EXHAUSTION, lambda: execute(spill.format(cap=cap))
    )
    for table, rows in (("orders", 1000), ("sessions", 7)):
        sql = (
            f"CREATE TABLE {table} AS SELECT range AS id FROM range({rows}); "
            f"COPY {table} TO '/dev/full' (FORMAT csv, HEADER false)"
        )
        recorder.expect("device_full", C.RESOURCE_EXHAUSTION, lambda s=sql: execute(s))


def databases(recorder: Recorder) -> None:
    for path in ("warehouse.duckdb", "backup.duckdb"):
        recorder.expect("not_a_database", C.DATA_CORRUPTION, lambda p=path: execute("", p))
    for path in ("marts/2024/sales.duckdb", "state/runs/runs.duckdb"):
        recorder.expect(
            "database_directory_missing", C.MISSING_DEPENDENCY, lambda p=path: execute("", p)
        )
    for path in ("analytics.duckdb", "replica.duckdb"):
        recorder.expect(
            "read_only_database_missing",
            C.MISSING_DEPENDENCY,
            lambda p=path: duckdb.connect(p, read_only=True),
        )
    execute("CREATE TABLE orders (id INTEGER); CREATE TABLE dim_date (d DATE)", "reporting.duckdb")
    for sql in (
        "INSERT INTO orders VALUES (1)",
        "DELETE FROM dim_date",
    ):
        recorder.expect("read_only_write", C.PERMISSION_DENIED, lambda s=sql: read_only(s))
    for sql in (
        "SELECT * FROM read_csv('landing/orders.csv')",
        "COPY (SELECT 1) TO 'exports/out.csv'",
    ):
        full = f"SET enable_external_access = false; {sql}"
        recorder.expect("external_access_disabled", C.PERMISSION_DENIED, lambda s=full: execute(s))


def read_only(sql: str) -> None:
    con = duckdb.connect("reporting.duckdb", read_only=True)
    try:
        con.execute(sql)
    finally:
        con.close()


@contextlib.contextmanager
def held(path: str) -> Iterator[None]:
    """Another process opens `path` read-write and keeps it until we close its stdin."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
            "con.execute('CREATE TABLE IF NOT EXISTS t (i INTEGER)'); "
            "print('ready', flush=True); sys.stdin.read()",
            path,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        holder.stdout.readline()
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def locks(recorder: Recorder) -> None:
    for path in ("pipeline.duckdb", "marts.duckdb", "datamorph.duckdb"):
        with held(path):
            recorder.expect("database_locked", C.RESOURCE_LOCKED, lambda p=path: execute("", p))
            if path == "marts.duckdb":
                recorder.expect(
                    "database_locked",
                    C.RESOURCE_LOCKED,
                    lambda p=path: duckdb.connect(p, read_only=True),
                )
    conflicts = {
        "update": ("UPDATE t SET v = 2 WHERE k = 1", "UPDATE t SET v = 3 WHERE k = 1"),
        "alter": ("ALTER TABLE t ADD COLUMN a INTEGER", "ALTER TABLE t ADD COLUMN b INTEGER"),
    }
    for name, (first, second) in conflicts.items():
        recorder.expect(
            "write_write_conflict",
            C.RESOURCE_LOCKED,
            lambda f=first, s=second, n=name: conflict(f"conflict_{n}.duckdb", f, s),
        )


def conflict(path: str, first: str, second: str) -> None:
    con = duckdb.connect(path)
    try:
        con.execute(
            "CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 1)"
        )
        a, b = con.cursor(), con.cursor()
        a.execute("BEGIN")
        b.execute("BEGIN")
        a.execute(first)
        b.execute(second)
    finally:
        con.close()


def permissions(recorder: Recorder, scratch: Path) -> None:
    """Reading and writing files the unprivileged user may not touch."""
    world_writable(scratch)
    Path("secret").mkdir()
    Path("secret/salaries.csv").write_text("employee_id,salary\n1,100\n")
    Path("secret/salaries.csv").chmod(0o600)
    Path("readonly").mkdir(mode=0o555)
    attempts = [
        "duckdb.connect().execute(\"SELECT * FROM read_csv('secret/salaries.csv')\")",
        "duckdb.connect().execute(\"COPY (SELECT 42 AS x) TO 'readonly/export.csv'\")",
        "duckdb.connect('readonly/local.duckdb')",
    ]
    for body in attempts:
        add_unprivileged(recorder, body)


def add_unprivileged(recorder: Recorder, body: str) -> None:
    failure = unprivileged(body, imports="import duckdb")
    if failure is None:
        recorder.misses.append("file_permission_denied")
        return
    code = "duckdb:" + failure["type"].removesuffix("Exception")
    recorder.add("file_permission_denied", C.PERMISSION_DENIED, failure["message"], code)


STEPS: list[Callable[[Recorder], None]] = [databases, locks, memory, extension_download]


def run_all(recorder: Recorder) -> None:
    with workdir("duckdb") as scratch:
        write_inputs()
        run_sql(recorder, READS)
        run_sql(recorder, SETTINGS)
        run_sql(recorder, EXTENSIONS)
        for step in STEPS:
            step(recorder)
        permissions(recorder, scratch)
