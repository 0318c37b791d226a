"""The native-code layer: tables that mean something, lookups that say how exactly they matched,
and codes found in the text real tools print."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from http import HTTPStatus
from importlib import resources
from pathlib import Path

import duckdb
import pytest

from datamorph.monitor import code_tables as t
from datamorph.monitor.codes import CodeMatch, code_prior, extract_codes, lookup
from datamorph.monitor.taxonomy import CATEGORIES, Category
from datamorph.validation.checks import PHASE1

PRIOR_TABLES: dict[str, dict[str, t.Prior]] = {
    "sqlstate": {code: prior for code, (_, prior) in t.SQLSTATE.items()},
    "duckdb": {code: prior for code, (_, prior) in t.DUCKDB.items()},
    "sqlite": t.SQLITE,
    "spark": t.SPARK,
    "python": t.PYTHON,
    "errno": t.ERRNO,
    "http": t.HTTP,
    "aws": t.AWS,
    "gcp": t.GCP,
    "azure": t.AZURE,
    "anthropic": t.ANTHROPIC,
    "openai": t.OPENAI,
    "jvm": t.JVM,
    "datamorph": {f"check:{name}": prior for name, prior in t.DATAMORPH_CHECKS.items()},
}
CLASS_TABLES: list[dict[str, t.Prior]] = [
    t.SQLSTATE_CLASSES,
    t.HTTP_CLASSES,
    t.JVM_PACKAGES,
    t.AZURE_CLASSES,
    t.NAMESPACE_PRIORS,
]
ALL_CODES = [f"{ns}:{code}" for ns, table in PRIOR_TABLES.items() for code in table]


# --- the tables ---------------------------------------------------------------------------


@pytest.mark.parametrize("table", [*PRIOR_TABLES.values(), *CLASS_TABLES])
def test_tables_name_taxonomy_categories_with_weights_summing_to_one(
    table: dict[str, t.Prior],
) -> None:
    for code, prior in table.items():
        if isinstance(prior, Category):
            continue
        assert prior, code
        assert all(isinstance(c, Category) and c in Category for c in prior), code
        assert all(w > 0 for w in prior.values()), code
        assert sum(prior.values()) == pytest.approx(1.0), code


def test_every_namespace_has_a_prior_and_nothing_else_does() -> None:
    assert set(t.NAMESPACE_PRIORS) == set(PRIOR_TABLES)


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_listed_code_looks_up_exactly_to_a_full_distribution(code: str) -> None:
    match = lookup(code)
    assert match is not None
    assert match.specificity == "exact"
    assert set(match.distribution) == set(CATEGORIES)
    assert sum(match.distribution.values()) == pytest.approx(1.0)
    assert min(match.distribution.values()) > 0  # no layer is vetoed by a code


def test_codes_per_namespace_are_many() -> None:
    counts = Counter(code.split(":")[0] for code in ALL_CODES)
    assert counts["sqlstate"] >= 90 and counts["duckdb"] >= 30 and counts["python"] >= 80
    assert min(counts.values()) >= 9


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("sqlstate:23505", "data_duplication"),
        ("sqlstate:42501", "permission_denied"),
        ("sqlstate:28P01", "authentication_failure"),
        ("sqlstate:53300", "quota_exceeded"),
        ("sqlstate:55P03", "resource_locked"),
        ("sqlstate:XX001", "data_corruption"),
        ("sqlstate:42601", "code_defect"),
        ("sqlstate:42703", "schema_mismatch"),
        ("duckdb:OutOfMemory", "resource_exhaustion"),
        ("duckdb:Parser", "code_defect"),
        ("sqlite:SQLITE_BUSY", "resource_locked"),
        ("python:FileNotFoundError", "missing_dependency"),
        ("python:MemoryError", "resource_exhaustion"),
        ("errno:ENOENT", "missing_dependency"),
        ("errno:ETIMEDOUT", "network_timeout"),
        ("errno:ENOSPC", "resource_exhaustion"),
        ("http:429", "quota_exceeded"),
        ("http:401", "authentication_failure"),
        ("http:504", "network_timeout"),
        ("aws:ExpiredToken", "authentication_failure"),
        ("aws:ThrottlingException", "quota_exceeded"),
        ("aws:NoSuchKey", "missing_dependency"),
        ("gcp:rateLimitExceeded", "quota_exceeded"),
        ("azure:AuthorizationFailed", "permission_denied"),
        ("spark:UNRESOLVED_COLUMN", "schema_mismatch"),
        ("spark:PARSE_SYNTAX_ERROR", "code_defect"),
        ("anthropic:rate_limit_error", "quota_exceeded"),
        ("anthropic:authentication_error", "authentication_failure"),
        ("openai:insufficient_quota", "quota_exceeded"),
        ("openai:invalid_api_key", "authentication_failure"),
        ("jvm:java.lang.OutOfMemoryError", "resource_exhaustion"),
        ("datamorph:check:reconciliation", "code_defect"),
    ],
)
def test_decisive_codes_put_most_of_the_mass_on_their_category(code: str, category: str) -> None:
    match = lookup(code)
    assert match is not None
    assert match.category == category
    assert match.confidence >= 0.95


@pytest.mark.parametrize(
    ("code", "categories"),
    [
        ("duckdb:Binder", {"schema_mismatch", "code_defect"}),
        ("duckdb:IO", {"missing_dependency", "resource_locked", "data_corruption"}),
        ("python:OSError", {"missing_dependency", "permission_denied", "network_timeout"}),
        ("duckdb:Constraint", {"data_duplication", "code_defect"}),
        ("datamorph:check:schema", {"schema_mismatch", "code_defect"}),
    ],
)
def test_ambiguous_codes_spread_over_what_they_cover(code: str, categories: set[str]) -> None:
    match = lookup(code)
    assert match is not None
    assert match.confidence < 0.75
    assert all(match.distribution[c] >= 0.1 for c in categories)


# --- lookup: exact, then class, then namespace --------------------------------------------


@pytest.mark.parametrize(
    ("code", "specificity", "matched"),
    [
        ("sqlstate:42P01", "exact", "sqlstate:42P01"),
        ("sqlstate:42P99", "class", "sqlstate:42"),
        ("sqlstate:ZZ999", "namespace", "sqlstate"),
        ("http:418", "class", "http:4"),
        ("http:302", "namespace", "http"),
        ("spark:UNRESOLVED_COLUMN.WITH_SUGGESTION", "class", "spark:UNRESOLVED_COLUMN"),
        ("spark:FAILED_READ_FILE.FILE_NOT_EXIST", "exact", "spark:FAILED_READ_FILE.FILE_NOT_EXIST"),
        ("spark:FAILED_READ_FILE.NO_HINT", "class", "spark:FAILED_READ_FILE"),
        ("sqlite:SQLITE_IOERR_READ", "class", "sqlite:SQLITE_IOERR"),
        ("sqlite:SQLITE_BUSY_SNAPSHOT", "class", "sqlite:SQLITE_BUSY"),
        ("python:UnicodeTranslateError", "class", "python:UnicodeError"),
        ("python:ProcessLookupError", "class", "python:OSError"),
        ("python:SomeLibraryError", "namespace", "python"),
        ("jvm:java.net.BindException", "class", "jvm:java.net"),
        ("jvm:com.example.WeirdException", "namespace", "jvm"),
        ("azure:AADSTS999999", "class", "azure:AADSTS"),
        ("datamorph:check:filter[0]", "class", "datamorph:check:filter"),
        ("datamorph:check:grain", "exact", "datamorph:check:grain"),
        ("errno:EWOULDBLOCK", "exact", "errno:EAGAIN"),  # the same number
        ("aws:AccessDeniedException", "exact", "aws:AccessDenied"),  # with or without suffix
        ("aws:Throttling", "exact", "aws:Throttling"),
    ],
)
def test_lookup_says_how_exactly_it_matched(code: str, specificity: str, matched: str) -> None:
    match = lookup(code)
    assert match is not None
    assert (match.specificity, match.matched) == (specificity, matched)


def test_exact_beats_class_beats_namespace_in_confidence() -> None:
    exact, klass, namespace = (
        lookup(c) for c in ("sqlstate:28P01", "sqlstate:28XYZ", "sqlstate:ZZ000")
    )
    assert exact and klass and namespace
    assert exact.category == klass.category == "authentication_failure"
    assert namespace.confidence < 0.5


@pytest.mark.parametrize("code", ["", "sqlstate", "sqlstate:", "nosuchnamespace:42P01", "42P01"])
def test_lookup_knows_nothing_outside_its_namespaces(code: str) -> None:
    assert lookup(code) is None


def test_lookup_canonicalises_the_code() -> None:
    assert (m := lookup("SQLSTATE:42p01")) and m.code == "sqlstate:42P01"
    assert (m := lookup("duckdb:BinderException")) and m.code == "duckdb:Binder"
    assert (m := lookup("spark:unresolved_column")) and m.code == "spark:UNRESOLVED_COLUMN"


def test_code_match_is_a_frozen_value() -> None:
    match = lookup("http:429")
    assert isinstance(match, CodeMatch)
    with pytest.raises(AttributeError):
        match.code = "http:500"  # type: ignore[misc]


def test_code_prior_takes_the_first_code_it_knows() -> None:
    match = code_prior(["vendor:thing", "http:429", "sqlstate:23505"])
    assert match is not None and match.code == "http:429"
    assert code_prior([]) is None
    assert code_prior(["nope:1"]) is None


# --- extraction from realistic messages ------------------------------------------------------

MESSAGES = [
    # PostgreSQL, through the drivers and tools that print it
    ('ERROR: relation "orders" does not exist (SQLSTATE 42P01)', "sqlstate:42P01"),
    ("SQLSTATE[23505]: Unique violation: 7 ERROR:  duplicate key value", "sqlstate:23505"),
    ('ERROR:  42703: column "amt" does not exist', "sqlstate:42703"),
    ("org.postgresql.util.PSQLException: SQL State: 40P01", "sqlstate:40P01"),
    ('psycopg.errors.UndefinedTable: relation "orders" does not exist', "sqlstate:42P01"),
    (
        "sqlalchemy.exc.ProgrammingError: (psycopg2.errors.InsufficientPrivilege) "
        "permission denied for table orders",
        "sqlstate:42501",
    ),
    ("asyncpg.exceptions.DeadlockDetectedError: deadlock detected", "sqlstate:40P01"),
    (
        'psycopg.OperationalError: connection failed: connection to server at "10.0.0.5", '
        'port 5432 failed: FATAL:  password authentication failed for user "etl"',
        "sqlstate:28P01",
    ),
    ("ERROR: canceling statement due to lock timeout", "sqlstate:55P03"),
    # DuckDB
    ('Binder Error: Referenced column "amt" not found in FROM clause!', "duckdb:Binder"),
    (
        "duckdb.duckdb.CatalogException: Catalog Error: Table with name x does not exist!",
        "duckdb:Catalog",
    ),
    (
        "_duckdb.OutOfMemoryException: Out of Memory Error: failed to pin block of size "
        "256.0 KiB (476.7 MiB/476.8 MiB used)",
        "duckdb:OutOfMemory",
    ),
    ("TransactionContext Error: Catalog write-write conflict on create", "duckdb:Transaction"),
    ('IO Error: Could not set lock on file "/w.duckdb": Conflicting lock is held', "duckdb:IO"),
    ('IO Error: Cannot open file "/data/in.csv": Permission denied', "errno:EACCES"),
    ("HTTP Error: HTTP GET error on 'https://b.s3.amazonaws.com/x.parquet' (HTTP 403)", "http:403"),
    # SQLite
    ("sqlite3.OperationalError: database is locked", "sqlite:SQLITE_BUSY"),
    ("sqlite3.IntegrityError: NOT NULL constraint failed: t.b", "sqlite:SQLITE_CONSTRAINT_NOTNULL"),
    ("Error: database is locked (5) (SQLITE_BUSY)", "sqlite:SQLITE_BUSY"),
    # Python and errno
    ("FileNotFoundError: [Errno 2] No such file or directory: '/in.csv'", "errno:ENOENT"),
    (f"OSError: [Errno {errno.ENOSPC}] No space left on device", "errno:ENOSPC"),
    (f"TimeoutError: [Errno {errno.ETIMEDOUT}] Connection timed out", "errno:ETIMEDOUT"),
    (
        "ConnectionResetError: [WinError 10054] An existing connection was closed",
        "errno:ECONNRESET",
    ),
    ("Error: connect ECONNREFUSED 127.0.0.1:5432", "errno:ECONNREFUSED"),
    ("ModuleNotFoundError: No module named 'pyarrow'", "python:ModuleNotFoundError"),
    ("socket.timeout: timed out", "python:timeout"),
    ("pyarrow.lib.ArrowInvalid: Parquet magic bytes not found in footer", "python:ArrowInvalid"),
    # Spark and the JVM
    (
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with "
        "name `amt` cannot be resolved. SQLSTATE: 42703",
        "sqlstate:42703",
    ),
    (
        "org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table",
        "spark:TABLE_OR_VIEW_NOT_FOUND",
    ),
    ("[DIVIDE_BY_ZERO] Division by zero.", "spark:DIVIDE_BY_ZERO"),
    (
        "org.apache.spark.SparkException: Job aborted due to stage failure\n"
        "Caused by: java.lang.OutOfMemoryError: Java heap space",
        "jvm:java.lang.OutOfMemoryError",
    ),
    ("java.net.SocketTimeoutException: Read timed out", "jvm:java.net.SocketTimeoutException"),
    # HTTP
    ("upstream returned status code 502", "http:502"),
    ("requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url", "http:429"),
    ("urllib.error.HTTPError: HTTP Error 503: Service Unavailable", "http:503"),
    ("HTTP/1.1 504 Gateway Timeout", "http:504"),
    # cloud providers
    (
        "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling "
        "the InvokeModel operation (reached max retries: 4): Too many requests",
        "aws:ThrottlingException",
    ),
    ("botocore.errorfactory.NoSuchKey: The specified key does not exist.", "aws:NoSuchKey"),
    (
        "ExpiredTokenException: The security token included in the request is expired",
        "aws:ExpiredTokenException",
    ),
    (
        "AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; "
        "Error Code: AccessDenied; Request ID: 1)",
        "aws:AccessDenied",
    ),
    (
        "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>",
        "aws:SlowDown",
    ),
    (
        'googleapiclient.errors.HttpError: <HttpError 403 returned "Exceeded rate limits". '
        "Details: \"[{'domain': 'usageLimits', 'reason': 'rateLimitExceeded'}]\">",
        "gcp:rateLimitExceeded",
    ),
    ('{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}}', "gcp:RESOURCE_EXHAUSTED"),
    (
        "azure.core.exceptions.HttpResponseError: (AuthorizationFailed) The client 'x' does not "
        "have authorization\nCode: AuthorizationFailed",
        "azure:AuthorizationFailed",
    ),
    ("AADSTS7000222: The provided client secret keys for app are expired.", "azure:AADSTS7000222"),
    # LLM providers
    (
        "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': "
        "{'type': 'rate_limit_error', 'message': 'Number of request tokens has exceeded'}}",
        "anthropic:rate_limit_error",
    ),
    (
        "anthropic.InternalServerError: Error code: 529 - {'type': 'error', 'error': "
        "{'type': 'overloaded_error', 'message': 'Overloaded'}}",
        "anthropic:overloaded_error",
    ),
    (
        "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your "
        "current quota', 'type': 'insufficient_quota', 'param': None, "
        "'code': 'insufficient_quota'}}",
        "openai:insufficient_quota",
    ),
    (
        '{"error": {"code": "rate_limit_exceeded", "type": "requests"}}',
        "openai:rate_limit_exceeded",
    ),
    # DataMorph itself
    ("validation failed: datamorph:check:grain (12 duplicate keys)", "datamorph:check:grain"),
]


@pytest.mark.parametrize(("message", "expected"), MESSAGES)
def test_extract_codes_puts_the_most_specific_code_first(message: str, expected: str) -> None:
    codes = extract_codes(message)
    assert codes[0] == expected
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("message", "also"),
    [
        ("FileNotFoundError: [Errno 2] No such file or directory: 'x'", "python:FileNotFoundError"),
        (
            "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling",
            "python:ClientError",
        ),
        ("anthropic.RateLimitError: Error code: 429 - {'type': 'rate_limit_error'}", "http:429"),
        (
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] cannot be resolved. SQLSTATE: 42703",
            "spark:UNRESOLVED_COLUMN.WITH_SUGGESTION",
        ),
        ("HTTP Error: HTTP GET error on 'https://x' (HTTP 403)", "duckdb:HTTP"),
    ],
)
def test_wrappers_come_after_what_they_wrap(message: str, also: str) -> None:
    codes = extract_codes(message)
    assert also in codes
    assert codes.index(also) > 0


@pytest.mark.parametrize(
    "message",
    [
        "the nightly load finished late again",
        "Running python:3.11-slim; see http://example.com:8080/x",
        "[INFO] job started [ERROR] step 3",
        "ERROR:  something went wrong",  # PostgreSQL's severity is not a field
        "Error: unexpected end",
        "user@host: Permission denied (publickey).",  # ssh's key rejection is not EACCES
        "retry in 429 ms with timeout: 30s",
    ],
)
def test_extract_codes_finds_nothing_in_prose(message: str) -> None:
    assert extract_codes(message) == []


def test_a_known_code_ranks_before_a_namespace_level_one_written_earlier() -> None:
    message = (
        "org.apache.spark.SparkException: Job aborted.\n"
        "Caused by: java.net.SocketTimeoutException: Read timed out"
    )
    assert extract_codes(message) == [
        "jvm:java.net.SocketTimeoutException",
        "jvm:org.apache.spark.SparkException",
    ]


def test_vendors_named_in_the_text_come_first_for_shared_values() -> None:
    body = "{'error': {'type': 'invalid_request_error', 'message': 'max_tokens: too big'}}"
    assert extract_codes(f"openai.BadRequestError: Error code: 400 - {body}")[0] == (
        "openai:invalid_request_error"
    )
    assert extract_codes(f"anthropic.BadRequestError: Error code: 400 - {body}")[0] == (
        "anthropic:invalid_request_error"
    )


# --- real engines raise what the tables expect ----------------------------------------------


def _duckdb_error(sql: str, con: duckdb.DuckDBPyConnection | None = None) -> duckdb.Error:
    con = con or duckdb.connect()
    with pytest.raises(duckdb.Error) as info:
        con.execute(sql)
    return info.value


@pytest.fixture
def duck() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)")
    con.execute("INSERT INTO t VALUES (1, 'a')")
    return con


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("SELECT nope FROM t", "duckdb:Binder"),
        ("SELECT id, name FROM t GROUP BY id", "duckdb:Binder"),
        ("SELECT * FROM nope", "duckdb:Catalog"),
        ("SELEC 1", "sqlstate:42601"),  # DuckDB's parser words it as PostgreSQL does
        ("SELECT 'x'::INTEGER", "duckdb:Conversion"),
        ("INSERT INTO t VALUES (1, 'b')", "duckdb:Constraint"),
        ("SELECT 2147483647::INTEGER + 1", "duckdb:OutOfRange"),
        ("SELECT * FROM read_parquet('/nonexistent/dir/*.parquet')", "duckdb:IO"),
        ("BEGIN; BEGIN;", "duckdb:Transaction"),
    ],
)
def test_real_duckdb_errors(duck: duckdb.DuckDBPyConnection, sql: str, code: str) -> None:
    error = _duckdb_error(sql, duck)
    codes = extract_codes(str(error))
    assert codes[0] == code
    assert f"duckdb:{type(error).__name__.removesuffix('Exception')}" in codes


def test_real_duckdb_out_of_memory() -> None:
    con = duckdb.connect()
    con.execute("SET memory_limit = '8MB'")
    con.execute("SET threads = 1")
    error = _duckdb_error(
        "SELECT count(*) FROM (SELECT md5(range::VARCHAR) m FROM range(1000000) ORDER BY m)", con
    )
    match = code_prior(extract_codes(str(error)))
    assert match is not None and match.code == "duckdb:OutOfMemory"
    assert match.category == "resource_exhaustion"


def test_real_duckdb_permission_and_malformed_file(tmp_path: Path) -> None:
    not_parquet = tmp_path / "x.parquet"
    not_parquet.write_text("id,name\n1,a\n")
    error = _duckdb_error(f"SELECT * FROM read_parquet('{not_parquet}')")
    assert extract_codes(str(error))[0] == "duckdb:InvalidInput"

    locked_down = duckdb.connect()
    locked_down.execute("SET enable_external_access = false")
    error = _duckdb_error(f"SELECT * FROM read_csv('{not_parquet}')", locked_down)
    assert extract_codes(str(error))[0] == "duckdb:Permission"


def test_real_duckdb_lock_held_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    holder = duckdb.connect(str(path))
    try:
        script = f"import duckdb; duckdb.connect({str(path)!r})"
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
        )
    finally:
        holder.close()
    last_line = result.stderr.strip().splitlines()[-1]
    assert "Could not set lock" in last_line
    assert extract_codes(last_line) == ["duckdb:IO"]
    match = lookup("duckdb:IO")
    assert match is not None and match.distribution["resource_locked"] >= 0.2


def test_every_duckdb_exception_class_is_in_the_table() -> None:
    names = [n for n in dir(duckdb) if n.endswith("Exception") and n != "Exception"]
    assert len(names) >= 20
    for name in names:
        match = lookup(f"duckdb:{name}")
        assert match is not None and match.specificity == "exact", name
        assert extract_codes(f"duckdb.duckdb.{name}: x")[0] == match.code


def _sqlite_error(con: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        con.execute(sql)
    return info.value


def test_real_sqlite_errors(tmp_path: Path) -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, tag TEXT UNIQUE)")
    con.execute("INSERT INTO t VALUES (1, 'a', 'x')")
    errors = [
        _sqlite_error(con, "INSERT INTO t VALUES (2, NULL, 'y')"),
        _sqlite_error(con, "INSERT INTO t VALUES (3, 'c', 'x')"),
        _sqlite_error(con, "INSERT INTO t VALUES (1, 'd', 'z')"),  # the primary key
        _sqlite_error(con, "SELECT * FROM nope"),
    ]
    path = tmp_path / "db.sqlite"
    writer = sqlite3.connect(path, timeout=0)
    writer.execute("CREATE TABLE x (a)")
    writer.execute("BEGIN EXCLUSIVE")
    errors.append(_sqlite_error(sqlite3.connect(path, timeout=0), "SELECT * FROM x"))
    writer.rollback()
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database" * 512)
    errors.append(_sqlite_error(sqlite3.connect(garbage), "SELECT * FROM sqlite_master"))

    for error in errors:
        native = lookup(f"sqlite:{error.sqlite_errorname}")
        found = code_prior(extract_codes(str(error)))
        assert native is not None and found is not None, error
        assert found.category == native.category, error
        if error.sqlite_errorname != "SQLITE_CONSTRAINT_PRIMARYKEY":  # words itself as UNIQUE
            assert found.code == f"sqlite:{error.sqlite_errorname}", error


def test_real_os_errors_carry_their_errno(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        (tmp_path / "missing.csv").open()
    line = f"{type(info.value).__name__}: {info.value}"
    assert extract_codes(line) == ["errno:ENOENT", "python:FileNotFoundError"]
    for name in ("ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENOSPC", "EACCES", "EMFILE"):
        number = getattr(errno, name)
        assert extract_codes(str(OSError(number, os.strerror(number))))[0] == f"errno:{name}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's strerror wording")
def test_strerror_table_is_glibcs_wording() -> None:
    for phrase, name in t.STRERROR.items():
        assert os.strerror(getattr(errno, name)) == phrase


def test_errno_and_http_tables_name_real_codes() -> None:
    assert all(hasattr(errno, name) for name in t.ERRNO)
    assert all(hasattr(errno, name) for name in [*t.STRERROR.values(), *t.WINERROR.values()])
    nonstandard = {"509", "520", "521", "522", "523", "524", "529"}
    standard = {str(int(s)) for s in HTTPStatus}
    assert set(t.HTTP) - standard == nonstandard


def test_sqlstate_condition_names_match_psycopg() -> None:
    errors = pytest.importorskip("psycopg.errors")
    for code, (name, _) in t.SQLSTATE.items():
        cls = errors.lookup(code)
        assert cls.__name__.rstrip("_") == "".join(w.capitalize() for w in name.split("_"))
        assert extract_codes(f"psycopg.errors.{cls.__name__}: x")[0] == f"sqlstate:{code}"


def test_spark_conditions_exist_in_spark() -> None:
    pyspark = pytest.importorskip("pyspark")
    jars = sorted((Path(pyspark.__file__).parent / "jars").glob("spark-common-utils_*.jar"))
    if not jars:
        pytest.skip("no Spark jars next to pyspark")
    with zipfile.ZipFile(jars[0]) as jar:
        conditions = json.loads(jar.read("error/error-conditions.json"))
    databricks_only = {"INSUFFICIENT_PERMISSIONS"}
    for name in set(t.SPARK) - databricks_only:
        parent, _, sub = name.partition(".")
        assert parent in conditions, name
        assert not sub or sub in conditions[parent]["subClass"], name


def test_datamorph_checks_cover_every_validation_check() -> None:
    kinds = {name for name, _ in PHASE1} | {"filter", "having", "qualify", "llm"}
    for kind in kinds:
        match = lookup(f"datamorph:check:{kind}")
        assert match is not None and match.specificity == "exact", kind


# --- runbooks --------------------------------------------------------------------------------

STRATEGIES = {
    "retry",
    "scale",
    "refresh_catalog",
    "refresh_credentials",
    "deduplicate",
    "backoff_fallback",
    "fix_code",
    "escalate",
}


@pytest.fixture(scope="module")
def runbooks() -> list[dict[str, object]]:
    text = resources.files("datamorph.monitor").joinpath("runbooks.json").read_text()
    loaded: list[dict[str, object]] = json.loads(text)
    return loaded


def test_runbooks_are_well_formed(runbooks: list[dict[str, object]]) -> None:
    assert 25 <= len(runbooks) <= 40
    ids = [r["id"] for r in runbooks]
    assert len(ids) == len(set(ids))
    for runbook in runbooks:
        assert set(runbook) == {"id", "title", "category", "symptoms", "steps", "strategy"}
        assert runbook["category"] in CATEGORIES and runbook["category"] != "unknown"
        assert runbook["strategy"] in STRATEGIES
        steps = runbook["steps"]
        assert isinstance(steps, list) and len(steps) >= 2
        assert all(isinstance(s, str) and len(s) > 20 for s in steps)
        assert isinstance(runbook["symptoms"], str) and len(runbook["symptoms"]) > 40


def test_runbooks_cover_every_category(runbooks: list[dict[str, object]]) -> None:
    covered = {r["category"] for r in runbooks}
    assert covered == set(CATEGORIES) - {"unknown"}


def test_runbook_symptoms_agree_with_the_code_tables(runbooks: list[dict[str, object]]) -> None:
    """The typical wording of a runbook, read by the code layer, must not point elsewhere."""
    for runbook in runbooks:
        match = code_prior(extract_codes(str(runbook["symptoms"])))
        if match is not None:
            assert match.distribution[str(runbook["category"])] >= 0.15, runbook["id"]


def test_runbooks_ship_as_package_data() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert "monitor/runbooks.json" in pyproject["tool"]["setuptools"]["package-data"]["datamorph"]
