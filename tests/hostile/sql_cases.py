"""The SQL cases of the hostile service battery: `POST /execute/query` with `{"query": sql}`.

Every case has an id, its SQL, a kind and the carrier that wraps its payload:
- `must_refuse`: a 4xx, and nothing leaks or changes;
- `must_answer`: a 200 with the rows a plain DuckDB connection gives for the same SQL (the
  controls: the sandbox must not simply refuse everything);
- `may_answer`: harmless either way (a 200 or a 4xx), but never a leak, a change or a 5xx;
- `bounded`: a resource bomb: refused, or failed or answered within the time bound, and the
  service healthy afterwards.

Payloads are wrapped combinatorially in carriers (plain FROM, LATERAL, comma join, sub-query,
CTE, UNION, scalar sub-query, IN, EXISTS, ORDER BY, HAVING, window, VALUES, quoted and mixed
case names, comments, stacked statements...). Paths are placeholders (`<<NAME>>`) that the
harness fills in with the canary files of the run (see conftest.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class SqlCase:
    id: str
    sql: str
    kind: str  # must_refuse | must_answer | may_answer | bounded
    carrier: str
    note: str
    # the payload executes on a plain DuckDB connection (test_payloads_live.py checks it), so
    # refusing it is the sandbox's doing, not a typo of the battery
    live: bool = True
    # the case tries to change state: the service is checked for health right after it
    writes: bool = False


MUST_REFUSE = "must_refuse"
MUST_ANSWER = "must_answer"
MAY_ANSWER = "may_answer"
BOUNDED = "bounded"


# ---- payloads that are tables: (id, table expression, note, live) ---------------------------
# Each is placed where a table goes, aliased `t`; the carriers read `CAST(t AS VARCHAR)`, the
# whole row as text, so whatever the function reads reaches the answer.

CORE_TABLE_PAYLOADS: list[tuple[str, str, str, bool]] = [
    ("read_text_canary", "read_text('<<CANARY_TXT>>')", "reads a local file", True),
    ("read_text_proc_environ", "read_text('/proc/self/environ')", "the environment", True),
    ("read_csv_auto_relative", "read_csv_auto('secret.csv')", "a file in the cwd", True),
    ("string_table_csv", "'<<CANARY_CSV>>'", "a file path as a table name", True),
    ("duckdb_settings", "duckdb_settings()", "engine settings", True),
    ("duckdb_databases", "duckdb_databases()", "database paths", True),
    (
        "query_fn_read_text",
        "query('SELECT * FROM read_text(''<<CANARY_TXT>>'')')",
        "dynamic SQL",
        True,
    ),
    ("information_schema_tables", "information_schema.tables", "other catalogs", True),
]

LIGHT_TABLE_PAYLOADS: list[tuple[str, str, str, bool]] = [
    ("read_csv_canary", "read_csv('<<CANARY_CSV>>')", "reads a CSV file", True),
    ("read_json_canary", "read_json('<<CANARY_JSON>>')", "reads a JSON file", True),
    ("read_parquet_canary", "read_parquet('<<CANARY_PARQUET>>')", "reads a Parquet file", True),
    ("read_blob_canary", "read_blob('<<CANARY_TXT>>')", "reads a file as a blob", True),
    ("glob_watch_dir", "glob('<<WATCH_DIR>>/*')", "lists a directory", True),
    ("duckdb_secrets", "duckdb_secrets()", "secrets", True),
    ("read_duckdb_other_db", "read_duckdb('<<OTHER_DB>>', table_name='secret')", "other db", True),
    ("pg_catalog_pg_settings", "pg_catalog.pg_settings", "settings through pg_catalog", True),
    ("read_text_etc_passwd", "read_text('/etc/passwd')", "a system file", True),
    ("read_text_glob", "read_text('<<WATCH_DIR>>/*.csv')", "files matching a glob", True),
    ("read_text_db_sibling", "read_text('<<DB_SIBLING>>')", "a file beside the database", True),
    ("read_text_proc_cmdline", "read_text('/proc/self/cmdline')", "the command line", True),
    ("read_text_home_glob", "read_text('~/.duckdb/*')", "DuckDB's home directory", True),
    ("read_text_url", "read_text('https://example.com/')", "network, autoloads httpfs", False),
    ("read_csv_auto_canary", "read_csv_auto('<<CANARY_CSV>>')", "CSV, sniffed", True),
    (
        "read_csv_header_false",
        "read_csv('/etc/hostname', header=false)",
        "system file as CSV",
        True,
    ),
    ("read_json_auto_canary", "read_json_auto('<<CANARY_JSON>>')", "JSON, sniffed", True),
    ("read_ndjson_canary", "read_ndjson('<<CANARY_JSON>>')", "newline-delimited JSON", True),
    ("read_json_objects_canary", "read_json_objects('<<CANARY_JSON>>')", "JSON objects", True),
    ("parquet_scan_canary", "parquet_scan('<<CANARY_PARQUET>>')", "Parquet alias", True),
    ("parquet_metadata", "parquet_metadata('<<CANARY_PARQUET>>')", "Parquet metadata", True),
    ("parquet_schema", "parquet_schema('<<CANARY_PARQUET>>')", "Parquet schema", True),
    ("sniff_csv", "sniff_csv('<<CANARY_CSV>>')", "CSV sniffer", True),
    ("glob_db_dir", "glob('<<DB_DIR>>/*')", "the database's directory", True),
    ("glob_cwd", "glob('*')", "the working directory", True),
    ("glob_etc", "glob('/etc/*')", "a system directory", True),
    ("string_table_parquet", "'<<CANARY_PARQUET>>'", "a Parquet path as a table", True),
    ("string_table_json", "'<<CANARY_JSON>>'", "a JSON path as a table", True),
    ("string_table_relative", "'secret.csv'", "a relative path as a table", True),
    ("string_table_glob", "'<<WATCH_DIR>>/*.csv'", "a glob as a table", True),
    ("query_table_fn", "query_table('customers')", "dynamic table name", True),
    ("query_table_list", "query_table(['customers', 'orders'], true)", "dynamic tables", True),
    ("query_fn_settings", "query('SELECT * FROM duckdb_settings()')", "dynamic SQL", True),
    (
        "json_execute_serialized_sql",
        "json_execute_serialized_sql(json_serialize_sql('SELECT * FROM duckdb_settings()'))",
        "serialized SQL executed",
        True,
    ),
    ("which_secret", "which_secret('s3://bucket/key', 's3')", "secret lookup", True),
    ("duckdb_extensions", "duckdb_extensions()", "extension paths", True),
    ("duckdb_temporary_files", "duckdb_temporary_files()", "spill files", True),
    ("duckdb_logs_fn", "duckdb_logs()", "the engine's log", True),
    ("duckdb_logs_view", "duckdb_logs", "the engine's log (view)", True),
    ("duckdb_functions", "duckdb_functions()", "function catalogue", True),
    ("duckdb_tables", "duckdb_tables()", "table catalogue with SQL", True),
    ("duckdb_memory", "duckdb_memory()", "memory use", True),
    ("duckdb_variables", "duckdb_variables()", "session variables", True),
    ("duckdb_prepared_statements", "duckdb_prepared_statements()", "prepared statements", True),
    ("duckdb_databases_view", "duckdb_databases", "database paths (view)", True),
    ("system_duckdb_databases", "system.main.duckdb_databases", "the system catalog", True),
    ("information_schema_columns", "information_schema.columns", "catalog columns", True),
    ("pg_catalog_pg_tables", "pg_catalog.pg_tables", "pg_catalog", True),
    ("sqlite_master", "sqlite_master", "sqlite compatibility view", True),
    ("pragma_database_list_bare", "pragma_database_list", "database paths, no parens", True),
    ("pragma_version", "pragma_version()", "engine version", True),
    ("pragma_platform", "pragma_platform()", "platform", True),
    ("pragma_storage_info", "pragma_storage_info('customers')", "storage internals", True),
    ("enable_logging", "enable_logging()", "turns logging on (state)", True),
    ("truncate_duckdb_logs", "truncate_duckdb_logs()", "empties the log (state)", True),
    ("checkpoint_fn", "checkpoint()", "writes a checkpoint (state)", True),
    ("force_checkpoint_fn", "force_checkpoint()", "forces a checkpoint (state)", False),
    ("repeat_row_setting", "repeat_row(current_setting('temp_directory'), num_rows=1)", "", True),
    ("unnest_settings", "unnest([current_setting('temp_directory')])", "setting as a table", True),
]

# carriers for table payloads: `{T}` is the table expression, aliased t in every carrier
TABLE_CARRIERS: dict[str, str] = {
    "from": "SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t",
    "from_first": "FROM {T} AS t SELECT CAST(t AS VARCHAR) AS v",
    "lateral": (
        "SELECT c.customer_id, CAST(t AS VARCHAR) AS v FROM customers AS c, "
        "LATERAL (SELECT * FROM {T}) AS t LIMIT 1"
    ),
    "comma_join": (
        "SELECT c.customer_id, CAST(t AS VARCHAR) AS v FROM customers AS c, {T} AS t LIMIT 1"
    ),
    "join_on": (
        "SELECT c.customer_id, CAST(t AS VARCHAR) AS v FROM customers AS c "
        "JOIN {T} AS t ON c.customer_id > 0 LIMIT 1"
    ),
    "positional_join": (
        "SELECT CAST(t AS VARCHAR) AS v FROM (SELECT 1 AS one) AS c POSITIONAL JOIN {T} AS t"
    ),
    "subquery": "SELECT v FROM (SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t) AS s",
    "cte": "WITH s AS (SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t) SELECT v FROM s",
    "cte_shadowing": (
        "WITH customers AS (SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t) SELECT v FROM customers"
    ),
    "recursive_cte": (
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
        "WHERE n < (SELECT count(*) FROM {T} AS t)) SELECT max(n) AS v FROM r"
    ),
    "union": (
        "SELECT customer_name AS v FROM customers WHERE false "
        "UNION ALL SELECT CAST(t AS VARCHAR) FROM {T} AS t"
    ),
    "except": (
        "SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t EXCEPT SELECT customer_name FROM customers"
    ),
    "scalar_subquery": "SELECT (SELECT CAST(t AS VARCHAR) FROM {T} AS t LIMIT 1) AS v",
    "scalar_subquery_in_table_query": (
        "SELECT customer_id, (SELECT CAST(t AS VARCHAR) FROM {T} AS t LIMIT 1) AS v "
        "FROM customers ORDER BY customer_id LIMIT 1"
    ),
    "in_subquery": (
        "SELECT count(*) AS n FROM customers "
        "WHERE customer_name NOT IN (SELECT CAST(t AS VARCHAR) FROM {T} AS t)"
    ),
    "exists": "SELECT count(*) AS n FROM customers WHERE EXISTS (SELECT 1 FROM {T} AS t)",
    "order_by": (
        "SELECT customer_id FROM customers "
        "ORDER BY (SELECT length(CAST(t AS VARCHAR)) FROM {T} AS t LIMIT 1), customer_id LIMIT 1"
    ),
    "having": (
        "SELECT country, count(*) AS n FROM customers GROUP BY country "
        "HAVING count(*) > (SELECT count(*) FROM {T} AS t) - 1000000"
    ),
    "window": (
        "SELECT customer_id, count(*) OVER (PARTITION BY (SELECT CAST(t AS VARCHAR) "
        "FROM {T} AS t LIMIT 1)) AS n FROM customers LIMIT 1"
    ),
    "values": (
        "SELECT * FROM (VALUES ((SELECT CAST(t AS VARCHAR) FROM {T} AS t LIMIT 1))) AS v(x)"
    ),
    "case": ("SELECT CASE WHEN (SELECT count(*) FROM {T} AS t) > 0 THEN 'y' ELSE 'n' END AS v"),
    "string_agg": "SELECT string_agg(CAST(t AS VARCHAR), ',') AS v FROM {T} AS t",
    "qualify": (
        "SELECT customer_id FROM customers QUALIFY row_number() OVER "
        "(ORDER BY (SELECT count(*) FROM {T} AS t), customer_id) = 1"
    ),
    "trailing_semicolon": "SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t;",
    "stacked_after_select": "SELECT 1 AS one; SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t",
    "pivot": "PIVOT (SELECT CAST(t AS VARCHAR) AS v FROM {T} AS t) ON v USING count(*)",
    "quoted_name": "SELECT CAST(t AS VARCHAR) AS v FROM {QUOTED} AS t",
    "mixed_case": "sElEcT CAST(t AS VARCHAR) AS v fRoM {MIXED} AS t",
    "comments": (
        "SELECT /* look away */ CAST(t AS VARCHAR) AS v -- nothing here\nFROM {COMMENTED} AS t "
        "-- trailing"
    ),
}

LIGHT_TABLE_CARRIERS = ("from", "lateral", "scalar_subquery")


# ---- payloads that are scalar expressions ---------------------------------------------------

CORE_SCALAR_PAYLOADS: list[tuple[str, str, str, bool]] = [
    ("current_setting_temp_directory", "current_setting('temp_directory')", "db path", True),
    ("current_setting_threads", "current_setting('threads')", "engine configuration", True),
    ("getvariable", "getvariable('dm_canary')", "session variables", True),
    ("getenv_secret", "getenv('DM_CANARY_SECRET')", "environment (CLI-only in DuckDB)", False),
]

LIGHT_SCALAR_PAYLOADS: list[tuple[str, str, str, bool]] = [
    ("dot_call_setting", "'temp_directory'.current_setting()", "method-call syntax", True),
    ("current_setting_secret_directory", "current_setting('secret_directory')", "secrets", True),
    ("getenv_path", "getenv('PATH')", "environment", False),
    ("getenv_token", "getenv('DATAMORPH_API_TOKEN')", "the API token", False),
    ("dot_call_getenv", "'DM_CANARY_SECRET'.getenv()", "method-call syntax", False),
    ("current_setting_memory_limit", "current_setting('memory_limit')", "configuration", True),
    ("current_setting_extension_dir", "current_setting('extension_directory')", "", True),
    ("current_setting_home_dir", "current_setting('home_directory')", "", True),
    ("current_setting_external_access", "current_setting('enable_external_access')", "", True),
    ("current_setting_access_mode", "current_setting('access_mode')", "", True),
    ("current_setting_upper", "CURRENT_SETTING('TEMP_DIRECTORY')", "upper case", True),
    ("current_setting_computed", "current_setting('temp' || '_directory')", "computed name", True),
    ("current_setting_lower_fn", "current_setting(lower('SECRET_DIRECTORY'))", "computed", True),
    ("current_setting_quoted", "\"current_setting\"('temp_directory')", "quoted name", True),
    ("current_setting_spaced", "current_setting /* x */ ('temp_directory')", "comment", True),
    (
        "current_setting_in_lambda",
        "list_transform(['temp_directory'], lambda s: current_setting(s))[1]",
        "inside a lambda",
        False,
    ),
    (
        "current_setting_case",
        "current_setting(CASE WHEN true THEN 'temp_directory' END)",
        "name computed by CASE",
        True,
    ),
    ("getvariable_dot_call", "'dm_canary'.getvariable()", "method-call syntax", True),
    ("current_setting_system_qualified", "system.main.current_setting('temp_directory')", "", True),
]

SCALAR_CARRIERS: dict[str, str] = {
    "select": "SELECT {E} AS v",
    "select_from": "SELECT {E} AS v FROM customers LIMIT 1",
    "from_first": "FROM customers SELECT {E} AS v LIMIT 1",
    "where": "SELECT count(*) AS n FROM customers WHERE length(CAST({E} AS VARCHAR)) > 0",
    "order_by": "SELECT customer_id FROM customers ORDER BY {E}, customer_id LIMIT 1",
    "group_by": "SELECT {E} AS v, count(*) AS n FROM customers GROUP BY 1",
    "having": (
        "SELECT country FROM customers GROUP BY country HAVING max(CAST({E} AS VARCHAR)) <> ''"
    ),
    "window": "SELECT first_value({E}) OVER () AS v FROM customers LIMIT 1",
    "window_clause": (
        "SELECT sum(customer_id) OVER w AS v FROM customers WINDOW w AS (PARTITION BY {E}) LIMIT 1"
    ),
    "cte": "WITH s AS (SELECT {E} AS v) SELECT v FROM s",
    "union": "SELECT customer_name AS v FROM customers WHERE false UNION ALL SELECT {E}",
    "scalar_subquery": "SELECT (SELECT {E}) AS v",
    "in_list": "SELECT count(*) AS n FROM customers WHERE customer_name IN ({E}, 'x')",
    "exists": "SELECT EXISTS (SELECT {E}) AS v",
    "case": "SELECT CASE WHEN customer_id > 0 THEN {E} END AS v FROM customers LIMIT 1",
    "values": "SELECT * FROM (VALUES ({E})) AS v(x)",
    "struct": "SELECT {'k': {E}} AS v",
    "cast": "SELECT CAST({E} AS VARCHAR) || '' AS v",
    "json": "SELECT json_object('k', {E}) AS v",
    "join_on": (
        "SELECT count(*) AS n FROM customers AS c JOIN orders AS o "
        "ON c.customer_id = o.customer_id AND {E} IS NOT NULL"
    ),
    "qualify": (
        "SELECT customer_id FROM customers "
        "QUALIFY row_number() OVER (ORDER BY {E}, customer_id) = 1"
    ),
    "filter_clause": "SELECT count(*) FILTER (WHERE {E} IS NOT NULL) AS n FROM customers",
    "string_agg": "SELECT string_agg(CAST({E} AS VARCHAR), ',') AS v FROM customers",
    "limit": "SELECT customer_id FROM customers LIMIT length(CAST({E} AS VARCHAR))",
    "comments": "SELECT /* c */ {E} -- hidden\n AS v",
    "stacked": "SELECT 1 AS one; SELECT {E} AS v",
}

LIGHT_SCALAR_CARRIERS = ("select", "where", "cte")


# ---- statements: none may run ----------------------------------------------------------------

STATEMENTS: list[tuple[str, str, str]] = [
    ("attach_new_file", "ATTACH '<<WATCH_DIR>>/attached.duckdb' AS pwn", "creates a file"),
    ("attach_memory", "ATTACH ':memory:' AS pwn", "another database"),
    ("attach_other_db", "ATTACH '<<OTHER_DB>>' AS other (READ_ONLY)", "reads another database"),
    ("attach_same_db", "ATTACH '<<DB_PATH>>' AS again", "the database again, writable"),
    ("detach_main", "DETACH retail", "detaches the database"),
    ("detach_database", "DETACH DATABASE IF EXISTS pwn", ""),
    ("use_system", "USE system", "switches catalog"),
    ("use_memory", "USE memory", "switches catalog"),
    ("copy_to_watch", "COPY customers TO '<<WATCH_DIR>>/out.csv'", "writes a file"),
    ("copy_query_to_watch", "COPY (SELECT * FROM orders) TO '<<WATCH_DIR>>/out.parquet'", ""),
    ("copy_to_relative", "COPY customers TO 'exfil.csv'", "writes into the cwd"),
    ("copy_from_file", "COPY customers FROM '<<CANARY_CSV>>'", "loads a file into a table"),
    ("copy_from_database", "COPY FROM DATABASE retail TO pwn", "copies the database"),
    ("export_database", "EXPORT DATABASE '<<WATCH_DIR>>/export'", "writes files"),
    ("import_database", "IMPORT DATABASE '<<WATCH_DIR>>'", "runs files' SQL"),
    ("install_httpfs", "INSTALL httpfs", "network and extension directory"),
    ("force_install", "FORCE INSTALL json", "extension directory"),
    ("load_httpfs", "LOAD httpfs", "loads an extension"),
    ("load_file", "LOAD '<<WATCH_DIR>>/evil.duckdb_extension'", "loads a local binary"),
    ("update_extensions", "UPDATE EXTENSIONS", "network"),
    ("set_threads", "SET threads = 1", "configuration"),
    ("set_global", "SET GLOBAL memory_limit = '1GB'", "configuration"),
    ("set_session", "SET SESSION enable_progress_bar = true", "configuration"),
    ("set_external_access", "SET enable_external_access = true", "re-enables files"),
    ("set_temp_directory", "SET temp_directory = '<<WATCH_DIR>>'", "redirects spill files"),
    ("set_file_search_path", "SET file_search_path = '<<WATCH_DIR>>'", "relative reads"),
    ("set_lock_configuration", "SET lock_configuration = false", "unlocks configuration"),
    ("set_allowed_directories", "SET allowed_directories = ['/']", "opens the file system"),
    ("set_variable", "SET VARIABLE dm_canary = 'x'", "session variable"),
    ("reset_threads", "RESET threads", "configuration"),
    ("reset_variable", "RESET VARIABLE dm_canary", ""),
    ("pragma_database_list", "PRAGMA database_list", "database paths"),
    ("pragma_enable_profiling", "PRAGMA enable_profiling", "configuration"),
    ("pragma_threads", "PRAGMA threads = 1", "configuration"),
    ("pragma_version_stmt", "PRAGMA version", ""),
    ("call_duckdb_settings", "CALL duckdb_settings()", "settings"),
    ("call_pragma_database_list", "CALL pragma_database_list()", "paths"),
    ("call_enable_logging", "CALL enable_logging()", "state"),
    ("call_truncate_logs", "CALL truncate_duckdb_logs()", "state"),
    ("call_checkpoint", "CALL checkpoint()", "state"),
    ("create_table", "CREATE TABLE pwned AS SELECT 1 AS x", "new table"),
    ("create_temp_table", "CREATE TEMP TABLE pwned AS SELECT 1 AS x", "temp table"),
    ("create_view", "CREATE VIEW pwned AS SELECT * FROM read_text('<<CANARY_TXT>>')", ""),
    ("create_macro", "CREATE MACRO pwned() AS current_setting('temp_directory')", "macro"),
    ("create_table_macro", "CREATE MACRO pwned() AS TABLE SELECT * FROM duckdb_settings()", ""),
    ("create_temp_macro", "CREATE TEMP MACRO pwned(x) AS x + 1", ""),
    ("create_function", "CREATE FUNCTION pwned() AS 42", "macro alias"),
    ("create_secret", "CREATE SECRET pwned (TYPE s3, KEY_ID 'k', SECRET 's')", ""),
    ("create_persistent_secret", "CREATE PERSISTENT SECRET pwned (TYPE s3, KEY_ID 'k')", ""),
    ("drop_secret", "DROP SECRET IF EXISTS pwned", ""),
    ("create_sequence", "CREATE SEQUENCE pwned", ""),
    ("create_schema", "CREATE SCHEMA pwned", ""),
    ("create_index", "CREATE INDEX pwned ON customers (email)", ""),
    ("create_type", "CREATE TYPE pwned AS ENUM ('a')", ""),
    ("create_or_replace_customers", "CREATE OR REPLACE TABLE customers AS SELECT 1 AS x", ""),
    ("insert", "INSERT INTO customers (customer_id) VALUES (999999)", ""),
    ("insert_select", "INSERT INTO orders SELECT * FROM orders LIMIT 1", ""),
    ("insert_returning", "INSERT INTO customers (customer_id) VALUES (999998) RETURNING *", ""),
    ("insert_or_replace", "INSERT OR REPLACE INTO customers SELECT * FROM customers LIMIT 1", ""),
    ("update", "UPDATE customers SET customer_name = 'pwned'", ""),
    ("update_returning", "UPDATE customers SET email = 'x' WHERE customer_id = 1 RETURNING *", ""),
    ("delete", "DELETE FROM payments", ""),
    ("delete_returning", "DELETE FROM payments WHERE payment_id = 1 RETURNING *", ""),
    ("truncate", "TRUNCATE payments", ""),
    (
        "merge_into",
        "MERGE INTO customers USING (SELECT 1 AS customer_id) AS s "
        "ON customers.customer_id = s.customer_id WHEN MATCHED THEN DELETE",
        "",
    ),
    (
        "cte_then_insert",
        "WITH s AS (SELECT 1 AS x) INSERT INTO customers (customer_id) SELECT x + 999990 FROM s",
        "CTE in front of a write",
    ),
    ("drop_table", "DROP TABLE customers", ""),
    ("drop_table_cascade", "DROP TABLE IF EXISTS orders CASCADE", ""),
    ("drop_schema", "DROP SCHEMA main CASCADE", ""),
    ("alter_rename", "ALTER TABLE customers RENAME TO pwned", ""),
    ("alter_add_column", "ALTER TABLE customers ADD COLUMN pwned INTEGER", ""),
    ("alter_drop_column", "ALTER TABLE customers DROP COLUMN email", ""),
    ("comment_on", "COMMENT ON TABLE customers IS 'pwned'", "changes the catalog"),
    ("vacuum", "VACUUM", ""),
    ("vacuum_analyze", "VACUUM ANALYZE customers", ""),
    ("analyze", "ANALYZE", ""),
    ("checkpoint", "CHECKPOINT", ""),
    ("force_checkpoint", "FORCE CHECKPOINT", ""),
    ("begin", "BEGIN TRANSACTION", ""),
    ("commit", "COMMIT", ""),
    ("rollback", "ROLLBACK", ""),
    ("prepare", "PREPARE pwned AS SELECT current_setting('temp_directory')", ""),
    ("execute", "EXECUTE pwned", ""),
    ("deallocate", "DEALLOCATE pwned", ""),
    ("explain_table_function", "EXPLAIN SELECT * FROM read_text('<<CANARY_TXT>>')", ""),
    ("explain_analyze_create", "EXPLAIN ANALYZE CREATE TABLE pwned AS SELECT 1 AS x", ""),
    ("explain_analyze_copy", "EXPLAIN ANALYZE COPY customers TO '<<WATCH_DIR>>/e.csv'", ""),
    ("describe_table_function", "DESCRIBE SELECT * FROM read_text('<<CANARY_TXT>>')", ""),
    ("summarize_table_function", "SUMMARIZE SELECT * FROM read_text('<<CANARY_TXT>>')", ""),
    ("summarize_file", "SUMMARIZE '<<CANARY_CSV>>'", ""),
    ("show_all_tables", "SHOW ALL TABLES", "every attached database"),
    ("show_databases", "SHOW DATABASES", ""),
    ("pivot_file", "PIVOT '<<CANARY_CSV>>' ON secret USING count(*)", ""),
    ("from_file_first", "FROM '<<CANARY_CSV>>'", "FROM-first on a file"),
]

STACKED_STATEMENTS = (
    "drop_table",
    "attach_new_file",
    "copy_to_watch",
    "set_threads",
    "update",
    "call_enable_logging",
)

STACK_CARRIERS: dict[str, str] = {
    "after_select": "SELECT count(*) AS n FROM customers; {S}",
    "semicolon_in_comment": "SELECT 1 AS one /* ; */; {S}",
    "leading_comment": "-- harmless\n{S}",
    "block_comment": "/* harmless */ {S}",
    "lower_case": "{S_LOWER}",
    "before_select": "{S}; SELECT 1 AS one",
}


# ---- controls -------------------------------------------------------------------------------

CONTROLS: list[tuple[str, str, str]] = [
    ("count_customers", "SELECT count(*) AS n FROM customers", "a plain count"),
    ("count_completed", "SELECT count(*) AS n FROM orders WHERE status = 'completed'", ""),
    (
        "group_country",
        "SELECT country, count(*) AS n FROM customers GROUP BY country ORDER BY n DESC, country",
        "group by",
    ),
    (
        "join_top_customers",
        "SELECT c.customer_name, count(o.order_id) AS n FROM customers AS c "
        "JOIN orders AS o ON o.customer_id = c.customer_id GROUP BY c.customer_id, "
        "c.customer_name ORDER BY n DESC, c.customer_id LIMIT 5",
        "join",
    ),
    (
        "cte_totals",
        "WITH t AS (SELECT customer_id, sum(amount) AS total FROM orders "
        "GROUP BY customer_id) SELECT count(*) AS n, max(total) AS top FROM t",
        "CTE",
    ),
    (
        "window_rank_qualify",
        "SELECT customer_id, order_id, rank() OVER (PARTITION BY "
        "customer_id ORDER BY amount DESC, order_id) AS r FROM orders QUALIFY r = 1 "
        "ORDER BY customer_id LIMIT 5",
        "window + QUALIFY",
    ),
    (
        "window_running_sum",
        "SELECT order_id, sum(amount) OVER (ORDER BY order_id ROWS BETWEEN "
        "UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM orders ORDER BY order_id LIMIT 5",
        "",
    ),
    (
        "window_named",
        "SELECT order_id, sum(amount) OVER w AS s FROM orders "
        "WINDOW w AS (ORDER BY order_id) ORDER BY order_id LIMIT 3",
        "WINDOW clause",
    ),
    (
        "window_lag",
        "SELECT order_id, amount - lag(amount) OVER (ORDER BY order_id) AS d "
        "FROM orders ORDER BY order_id LIMIT 5",
        "lag",
    ),
    (
        "ntile",
        "SELECT q, count(*) AS n FROM (SELECT ntile(4) OVER (ORDER BY amount, order_id) "
        "AS q FROM orders) AS s GROUP BY q ORDER BY q",
        "ntile in a sub-query",
    ),
    (
        "date_trunc_month",
        "SELECT date_trunc('month', order_date) AS m, count(*) AS n "
        "FROM orders GROUP BY m ORDER BY m LIMIT 6",
        "date function",
    ),
    (
        "extract_year",
        "SELECT extract(year FROM order_date) AS y, count(*) AS n FROM orders "
        "GROUP BY y ORDER BY y",
        "",
    ),
    (
        "date_range",
        "SELECT count(*) AS n FROM orders WHERE order_date >= DATE '2023-01-01' "
        "AND order_date < DATE '2023-01-01' + INTERVAL 6 MONTH",
        "date arithmetic",
    ),
    (
        "date_diff",
        "SELECT max(date_diff('day', signup_date, DATE '2030-01-01')) AS d FROM customers",
        "",
    ),
    ("strftime", "SELECT strftime(min(order_date), '%Y/%m') AS first FROM orders", ""),
    (
        "string_functions",
        "SELECT upper(substr(customer_name, 1, 3)) AS p, length(email) AS l "
        "FROM customers ORDER BY customer_id LIMIT 5",
        "string functions",
    ),
    (
        "regexp",
        "SELECT count(*) AS n FROM customers WHERE regexp_matches(email, '@example\\.org$')",
        "",
    ),
    (
        "lower_trim_status",
        "SELECT lower(trim(status)) AS s, count(*) AS n FROM orders GROUP BY s ORDER BY s",
        "",
    ),
    (
        "case_buckets",
        "SELECT CASE WHEN amount > 100 THEN 'big' ELSE 'small' END AS size, "
        "count(*) AS n FROM orders GROUP BY size ORDER BY size",
        "CASE",
    ),
    (
        "aggregates",
        "SELECT min(amount) AS lo, max(amount) AS hi, round(avg(amount), 2) AS mean, "
        "count(DISTINCT customer_id) AS buyers FROM orders",
        "aggregates",
    ),
    (
        "having",
        "SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id "
        "HAVING count(*) > 20 ORDER BY customer_id",
        "HAVING",
    ),
    (
        "in_subquery",
        "SELECT count(*) AS n FROM customers WHERE customer_id IN "
        "(SELECT customer_id FROM orders WHERE status = 'completed')",
        "IN (sub-query)",
    ),
    (
        "not_exists",
        "SELECT count(*) AS n FROM customers AS c WHERE NOT EXISTS "
        "(SELECT 1 FROM orders AS o WHERE o.customer_id = c.customer_id)",
        "NOT EXISTS",
    ),
    (
        "union_all",
        "SELECT 'customers' AS k, count(*) AS n FROM customers UNION ALL "
        "SELECT 'orders', count(*) FROM orders ORDER BY k",
        "UNION ALL",
    ),
    (
        "left_join_nulls",
        "SELECT count(*) AS n FROM orders AS o LEFT JOIN payments AS p "
        "ON p.order_id = o.order_id WHERE p.order_id IS NULL",
        "LEFT JOIN",
    ),
    (
        "three_way_join",
        "SELECT p.category, sum(i.line_amount) AS revenue FROM order_items AS i "
        "JOIN products AS p ON p.product_id = i.product_id JOIN orders AS o "
        "ON o.order_id = i.order_id WHERE o.status = 'completed' GROUP BY p.category "
        "ORDER BY revenue DESC, p.category",
        "three tables",
    ),
    (
        "filter_clause",
        "SELECT count(*) FILTER (WHERE discount IS NULL) AS no_discount, "
        "sum(coalesce(discount, 0)) AS discounts FROM orders",
        "FILTER and COALESCE",
    ),
    (
        "string_agg",
        "SELECT country, string_agg(DISTINCT segment, ',' ORDER BY segment) AS s "
        "FROM customers GROUP BY country ORDER BY country LIMIT 5",
        "",
    ),
    ("quantile", "SELECT quantile_cont(amount, 0.5) AS median FROM orders", ""),
    ("in_list", "SELECT count(*) AS n FROM orders WHERE channel IN ('web', 'store')", "IN list"),
    (
        "distinct_on",
        "SELECT DISTINCT ON (customer_id) customer_id, order_id FROM orders "
        "ORDER BY customer_id, order_id LIMIT 5",
        "DISTINCT ON",
    ),
    ("group_by_all", "SELECT segment, count(*) AS n FROM customers GROUP BY ALL ORDER BY ALL", ""),
    (
        "recursive_cte_bounded",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
        "WHERE n < 10) SELECT sum(n) AS s FROM r",
        "a recursion that ends",
    ),
    ("unnest_literal", "SELECT unnest([1, 2, 3]) AS x", "UNNEST of a literal list"),
    (
        "cast_and_nullif",
        "SELECT CAST(sum(amount) AS INTEGER) AS total, nullif(count(*), 0) AS n FROM orders",
        "CAST, NULLIF",
    ),
    (
        "timestamptz",
        "SELECT CAST(max(order_date) AS TIMESTAMPTZ) AS latest FROM orders",
        "a TIMESTAMP WITH TIME ZONE value",
    ),
    ("now", "SELECT now() IS NOT NULL AS ok, count(*) AS n FROM customers", "now()"),
    ("all_rows", "SELECT * FROM customers ORDER BY customer_id", "a whole table"),
    # words that a string-matching sandbox would refuse, in places where they are harmless
    ("literal_read_text", "SELECT 'read_text(''/etc/passwd'')' AS s", "in a string literal"),
    (
        "literal_getenv_filter",
        "SELECT count(*) AS n FROM customers WHERE customer_name <> 'getenv(''PATH'')'",
        "in a string literal",
    ),
    ("literal_semicolon", "SELECT 'a; DROP TABLE customers' AS s", "a ; inside a string"),
    (
        "alias_duckdb_settings",
        'SELECT customer_id AS "duckdb_settings" FROM customers ORDER BY 1 LIMIT 1',
        "an alias that spells a function",
    ),
    (
        "line_comment_words",
        "SELECT count(*) AS n FROM customers -- read_csv('/etc/passwd')",
        "in a comment",
    ),
    ("block_comment_words", "SELECT /* ATTACH 'x.duckdb'; COPY */ count(*) AS n FROM orders", ""),
    ("alias_current_setting", 'SELECT count(*) AS "current_setting" FROM orders', ""),
    ("literal_catalog", "SELECT 'information_schema.tables' AS s", ""),
    ("table_alias_read_text", "SELECT count(*) AS n FROM customers AS read_text", ""),
    ("cte_named_query", "WITH query AS (SELECT 1 AS x) SELECT x FROM query", ""),
    (
        "column_named_like_setting",
        "SELECT status AS threads, count(*) AS n FROM orders GROUP BY status ORDER BY status",
        "",
    ),
    ("trailing_semicolon_ok", "SELECT count(*) AS n FROM products;", "one statement and a ;"),
]

HARMLESS: list[tuple[str, str, str]] = [
    ("current_database", "SELECT current_database() AS d", "the catalog name only"),
    # sqlglot 30 reads GLOB as its operator keyword and cannot parse a CTE of that name: a
    # clear 400 "does not parse", not a leak; moved here from the controls by the maintainer
    (
        "cte_named_glob",
        "WITH glob AS (SELECT * FROM customers) SELECT count(*) AS n FROM glob",
        "a CTE named like a table function",
    ),
    ("current_schema", "SELECT current_schema() AS s", ""),
    ("version", "SELECT version() AS v", "the engine's version"),
    ("small_range_table", "SELECT * FROM range(3) AS t(x)", "a tiny generated table"),
    ("small_generate_series_scalar", "SELECT generate_series(1, 3) AS l", ""),
    ("from_first_table", "FROM customers SELECT count(*) AS n", "DuckDB's FROM-first"),
    ("pivot_table", "PIVOT customers ON segment USING count(*)", "PIVOT on a table"),
    ("describe_table", "DESCRIBE customers", ""),
    ("summarize_table", "SUMMARIZE customers", ""),
    ("show_tables", "SHOW TABLES", "the database's own tables"),
    ("explain_select", "EXPLAIN SELECT count(*) FROM customers", ""),
    ("catalog_qualified", "SELECT count(*) AS n FROM retail.main.customers", "same database"),
    ("schema_qualified", "SELECT count(*) AS n FROM main.customers", ""),
    ("tablesample", "SELECT count(*) AS n FROM customers USING SAMPLE 10 ROWS", ""),
    ("json_serialize_sql", "SELECT json_serialize_sql('SELECT 1') AS j", "serialises only"),
]


# ---- resource bombs -------------------------------------------------------------------------

BOMBS: list[tuple[str, str, str]] = [
    ("range_table_huge", "SELECT count(*) AS n FROM range(1000000000000)", "table function"),
    ("generate_series_huge", "SELECT count(*) AS n FROM generate_series(1, 1000000000000)", ""),
    ("range_list_len", "SELECT len(range(1000000000)) AS n", "a 1e9-element list"),
    ("list_sum_range", "SELECT list_sum(range(500000000)) AS s", ""),
    ("unnest_range", "SELECT count(*) AS n FROM (SELECT unnest(range(300000000)) AS x) AS s", ""),
    ("repeat_gigabyte", "SELECT length(repeat('x', 1000000000)) AS n", "1 GB string"),
    (
        "repeat_per_row",
        "SELECT sum(length(repeat(customer_name, 10000000))) AS n FROM customers",
        "100 MB per row",
    ),
    (
        "cross_join_3",
        "SELECT sum(a.amount * b.amount * c.amount) AS s FROM orders AS a, "
        "orders AS b, orders AS c",
        "8e9 rows",
    ),
    (
        "cross_join_distinct",
        "SELECT count(DISTINCT a.order_id * 100000 + b.order_id) AS n "
        "FROM orders AS a CROSS JOIN orders AS b CROSS JOIN customers AS c",
        "",
    ),
    ("cross_join_rows", "SELECT a.*, b.* FROM orders AS a, orders AS b", "4e6 rows returned"),
    (
        "recursive_cte_endless",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
        "SELECT count(*) AS n FROM r",
        "never ends",
    ),
    (
        "recursive_cte_doubling",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n FROM r "
        "UNION ALL SELECT n FROM r) SELECT count(*) AS n FROM r",
        "",
    ),
    (
        "string_agg_range",
        "SELECT length(string_agg(CAST(x AS VARCHAR), ',')) AS n FROM range(1000000000) AS t(x)",
        "",
    ),
    (
        "string_agg_cross",
        "SELECT length(string_agg(repeat('x', 1000), ',')) AS n FROM orders AS a, orders AS b",
        "4 GB aggregate",
    ),
    (
        "self_join_inequality",
        "SELECT count(*) AS n FROM orders AS a JOIN orders AS b "
        "ON a.amount < b.amount JOIN orders AS c ON b.amount < c.amount",
        "",
    ),
    (
        "list_of_lists",
        "SELECT len(list_transform(range(100000), lambda x: range(100000))) AS n",
        "1e10 elements",
    ),
    (
        "window_cross",
        "SELECT count(*) OVER (ORDER BY a.order_id, b.order_id) AS n "
        "FROM orders AS a, orders AS b ORDER BY n DESC LIMIT 1",
        "",
    ),
]


# ---- building the list ----------------------------------------------------------------------

_NAME_CALL = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)(\s*\()")


def _mixed(name: str) -> str:
    return "".join(ch.upper() if i % 2 else ch.lower() for i, ch in enumerate(name))


def _quoted(name: str) -> str:
    return ".".join(f'"{part}"' for part in name.split("."))


def disguise(expr: str, how: str) -> str | None:
    """The expression with its leading name quoted, mixed-cased or split by a comment; None
    when the expression does not start with a name (a string literal used as a table)."""
    match = _NAME_CALL.match(expr) or re.match(r"^([A-Za-z_][A-Za-z0-9_.]*)$", expr)
    if match is None:
        return None
    name, rest = match.group(1), expr[len(match.group(1)) :]
    if how == "quoted":
        return _quoted(name) + rest
    if how == "mixed":
        return _mixed(name) + rest
    return name.replace(".", " /* x */ . /* y */ ") + " /* z */ " + rest.lstrip()


def table_cases() -> list[SqlCase]:
    cases: list[SqlCase] = []
    payloads = [(p, TABLE_CARRIERS) for p in CORE_TABLE_PAYLOADS] + [
        (p, {name: TABLE_CARRIERS[name] for name in LIGHT_TABLE_CARRIERS})
        for p in LIGHT_TABLE_PAYLOADS
    ]
    for (pid, table, note, live), carriers in payloads:
        for carrier, template in carriers.items():
            fills = {
                "QUOTED": disguise(table, "quoted"),
                "MIXED": disguise(table, "mixed"),
                "COMMENTED": disguise(table, "comment"),
            }
            key = {"quoted_name": "QUOTED", "mixed_case": "MIXED", "comments": "COMMENTED"}
            if carrier in key and fills[key[carrier]] is None:
                continue  # a string literal has no name to disguise
            sql = template.replace("{T}", table)
            for placeholder, value in fills.items():
                if value is not None:
                    sql = sql.replace("{" + placeholder + "}", value)
            cases.append(SqlCase(f"tbl-{pid}-{carrier}", sql, MUST_REFUSE, carrier, note, live))
    return cases


def scalar_cases() -> list[SqlCase]:
    cases: list[SqlCase] = []
    payloads = [(p, SCALAR_CARRIERS) for p in CORE_SCALAR_PAYLOADS] + [
        (p, {name: SCALAR_CARRIERS[name] for name in LIGHT_SCALAR_CARRIERS})
        for p in LIGHT_SCALAR_PAYLOADS
    ]
    for (pid, expr, note, live), carriers in payloads:
        for carrier, template in carriers.items():
            sql = template.replace("{E}", expr)
            cases.append(SqlCase(f"fn-{pid}-{carrier}", sql, MUST_REFUSE, carrier, note, live))
        if carriers is SCALAR_CARRIERS:
            for how in ("quoted", "mixed"):
                disguised = disguise(expr, how)
                if disguised is not None and disguised != expr:
                    sql = f"SELECT {disguised} AS v"
                    cases.append(
                        SqlCase(f"fn-{pid}-{how}", sql, MUST_REFUSE, f"{how}_name", note, live)
                    )
    return cases


def statement_cases() -> list[SqlCase]:
    cases = [
        SqlCase(f"stmt-{sid}", sql, MUST_REFUSE, "statement", note, True, writes=True)
        for sid, sql, note in STATEMENTS
    ]
    by_id = {sid: sql for sid, sql, _ in STATEMENTS}
    for sid in STACKED_STATEMENTS:
        for carrier, template in STACK_CARRIERS.items():
            sql = template.replace("{S_LOWER}", by_id[sid].lower()).replace("{S}", by_id[sid])
            cases.append(
                SqlCase(
                    f"stack-{sid}-{carrier}",
                    sql,
                    MUST_REFUSE,
                    f"stacked_{carrier}",
                    "",
                    True,
                    writes=True,
                )
            )
    return cases


def control_cases() -> list[SqlCase]:
    return [SqlCase(f"ok-{cid}", sql, MUST_ANSWER, "control", note) for cid, sql, note in CONTROLS]


def may_answer_cases() -> list[SqlCase]:
    return [SqlCase(f"may-{cid}", sql, MAY_ANSWER, "harmless", note) for cid, sql, note in HARMLESS]


def bomb_cases() -> list[SqlCase]:
    return [SqlCase(f"bomb-{bid}", sql, BOUNDED, "resource", note) for bid, sql, note in BOMBS]


def query_cases() -> list[SqlCase]:
    """Every case of test_query_battery.py (the bombs have their own module and service)."""
    cases = (
        control_cases() + may_answer_cases() + table_cases() + scalar_cases() + statement_cases()
    )
    ids = Counter(case.id for case in cases)
    duplicates = [case_id for case_id, n in ids.items() if n > 1]
    assert not duplicates, duplicates
    return cases


def census(cases: list[SqlCase]) -> tuple[Counter[str], Counter[str]]:
    """How many cases of each kind, and of each carrier."""
    return Counter(case.kind for case in cases), Counter(case.carrier for case in cases)
