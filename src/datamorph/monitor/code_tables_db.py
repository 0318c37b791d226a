"""Native codes of databases and engines: PostgreSQL SQLSTATE, DuckDB, SQLite, Spark, DataMorph."""

from __future__ import annotations

from datamorph.monitor.code_tables_base import (
    _BAD_REQUEST,
    _BAD_VALUE,
    AUTH,
    CONFIG,
    CORRUPT,
    DEFECT,
    DUP,
    LOCKED,
    MISSING,
    NET,
    PERM,
    QUOTA,
    RES,
    SCHEMA,
    UNKNOWN,
    Prior,
    _each,
)

# PostgreSQL Appendix A "PostgreSQL Error Codes": SQLSTATE -> (condition name, meaning). The
# condition name gives the driver class names too (psycopg: undefined_table -> UndefinedTable).
SQLSTATE: dict[str, tuple[str, Prior]] = {
    "08000": ("connection_exception", NET),
    "08001": ("sqlclient_unable_to_establish_sqlconnection", {NET: 0.7, CONFIG: 0.3}),
    "08003": ("connection_does_not_exist", NET),
    "08004": (
        "sqlserver_rejected_establishment_of_sqlconnection",
        {NET: 0.4, CONFIG: 0.3, QUOTA: 0.3},
    ),
    "08006": ("connection_failure", NET),
    "08007": ("transaction_resolution_unknown", {NET: 0.8, UNKNOWN: 0.2}),
    "08P01": ("protocol_violation", {NET: 0.5, CONFIG: 0.5}),
    "0A000": ("feature_not_supported", _BAD_REQUEST),
    "0LP01": ("invalid_grant_operation", PERM),
    "0P000": ("invalid_role_specification", {CONFIG: 0.6, AUTH: 0.4}),
    "21000": ("cardinality_violation", {DUP: 0.6, DEFECT: 0.4}),  # a row affected twice
    "22000": ("data_exception", {CORRUPT: 0.4, DEFECT: 0.4, UNKNOWN: 0.2}),
    "22001": ("string_data_right_truncation", {SCHEMA: 0.6, DEFECT: 0.4}),
    "22003": ("numeric_value_out_of_range", {DEFECT: 0.5, SCHEMA: 0.3, CORRUPT: 0.2}),
    "22004": ("null_value_not_allowed", DEFECT),
    "22007": ("invalid_datetime_format", {CORRUPT: 0.5, DEFECT: 0.3, SCHEMA: 0.2}),
    "22008": ("datetime_field_overflow", {CORRUPT: 0.5, DEFECT: 0.5}),
    "22012": ("division_by_zero", DEFECT),
    "22018": ("invalid_character_value_for_cast", _BAD_VALUE),
    "22021": ("character_not_in_repertoire", {CORRUPT: 0.8, CONFIG: 0.2}),
    "22023": ("invalid_parameter_value", {CONFIG: 0.5, DEFECT: 0.5}),
    "22032": ("invalid_json_text", CORRUPT),
    "22P02": ("invalid_text_representation", _BAD_VALUE),
    "22P04": ("bad_copy_file_format", CORRUPT),
    "22P05": ("untranslatable_character", {CORRUPT: 0.7, CONFIG: 0.3}),
    "23000": ("integrity_constraint_violation", {DUP: 0.6, DEFECT: 0.4}),
    "23001": ("restrict_violation", DEFECT),
    "23502": ("not_null_violation", {DEFECT: 0.7, SCHEMA: 0.3}),
    "23503": ("foreign_key_violation", {MISSING: 0.5, DEFECT: 0.5}),  # parent not loaded yet
    "23505": ("unique_violation", DUP),
    "23514": ("check_violation", {DEFECT: 0.8, SCHEMA: 0.2}),
    "23P01": ("exclusion_violation", {DUP: 0.7, DEFECT: 0.3}),
    "25001": ("active_sql_transaction", DEFECT),
    "25006": ("read_only_sql_transaction", {CONFIG: 0.7, PERM: 0.3}),  # a replica, usually
    "25P02": ("in_failed_sql_transaction", {DEFECT: 0.5, UNKNOWN: 0.5}),  # the cause came before
    "25P03": ("idle_in_transaction_session_timeout", {RES: 0.5, DEFECT: 0.5}),
    "25P04": ("transaction_timeout", RES),
    "28000": ("invalid_authorization_specification", {AUTH: 0.8, CONFIG: 0.2}),
    "28P01": ("invalid_password", AUTH),
    "2BP01": ("dependent_objects_still_exist", {DEFECT: 0.6, SCHEMA: 0.4}),
    "3D000": ("invalid_catalog_name", {CONFIG: 0.7, MISSING: 0.3}),
    "3F000": ("invalid_schema_name", {SCHEMA: 0.6, CONFIG: 0.3, MISSING: 0.1}),
    "40000": ("transaction_rollback", {LOCKED: 0.7, UNKNOWN: 0.3}),
    "40001": ("serialization_failure", LOCKED),
    "40002": ("transaction_integrity_constraint_violation", {DUP: 0.5, DEFECT: 0.5}),
    "40003": ("statement_completion_unknown", {NET: 0.7, UNKNOWN: 0.3}),
    "40P01": ("deadlock_detected", LOCKED),
    "42000": ("syntax_error_or_access_rule_violation", {DEFECT: 0.5, SCHEMA: 0.3, PERM: 0.2}),
    "42501": ("insufficient_privilege", PERM),
    "42601": ("syntax_error", DEFECT),
    "42602": ("invalid_name", DEFECT),
    "42611": ("invalid_column_definition", DEFECT),
    "42622": ("name_too_long", DEFECT),
    "42701": ("duplicate_column", {DEFECT: 0.6, SCHEMA: 0.4}),
    "42702": ("ambiguous_column", {DEFECT: 0.6, SCHEMA: 0.4}),
    "42703": ("undefined_column", SCHEMA),
    "42704": ("undefined_object", {CONFIG: 0.5, SCHEMA: 0.4, MISSING: 0.1}),  # settings, types
    "42710": ("duplicate_object", DEFECT),
    "42712": ("duplicate_alias", DEFECT),
    "42723": ("duplicate_function", DEFECT),
    "42725": ("ambiguous_function", DEFECT),
    "42803": ("grouping_error", DEFECT),
    "42804": ("datatype_mismatch", {SCHEMA: 0.5, DEFECT: 0.5}),
    "42809": ("wrong_object_type", {DEFECT: 0.6, SCHEMA: 0.4}),
    "42830": ("invalid_foreign_key", DEFECT),
    "42846": ("cannot_coerce", {DEFECT: 0.6, SCHEMA: 0.4}),
    "42883": ("undefined_function", {DEFECT: 0.8, MISSING: 0.2}),  # or an extension not loaded
    "42939": ("reserved_name", DEFECT),
    "42P01": ("undefined_table", {SCHEMA: 0.85, MISSING: 0.15}),  # or upstream not landed yet
    "42P02": ("undefined_parameter", DEFECT),
    "42P06": ("duplicate_schema", DEFECT),
    "42P07": ("duplicate_table", {DEFECT: 0.8, CONFIG: 0.2}),
    "42P10": ("invalid_column_reference", DEFECT),
    "42P16": ("invalid_table_definition", DEFECT),
    "42P18": ("indeterminate_datatype", DEFECT),
    "42P20": ("windowing_error", DEFECT),
    "42P21": ("collation_mismatch", {DEFECT: 0.6, CONFIG: 0.4}),
    "53000": ("insufficient_resources", RES),
    "53100": ("disk_full", RES),
    "53200": ("out_of_memory", RES),
    "53300": ("too_many_connections", QUOTA),
    "53400": ("configuration_limit_exceeded", {RES: 0.6, CONFIG: 0.4}),  # e.g. temp_file_limit
    "54000": ("program_limit_exceeded", {RES: 0.5, DEFECT: 0.5}),
    "54001": ("statement_too_complex", {DEFECT: 0.7, RES: 0.3}),
    "54011": ("too_many_columns", {DEFECT: 0.6, SCHEMA: 0.4}),
    "55000": ("object_not_in_prerequisite_state", {CONFIG: 0.5, LOCKED: 0.3, DEFECT: 0.2}),
    "55006": ("object_in_use", LOCKED),
    "55P02": ("cant_change_runtime_param", CONFIG),
    "55P03": ("lock_not_available", LOCKED),
    "57000": ("operator_intervention", {NET: 0.5, UNKNOWN: 0.5}),
    "57014": ("query_canceled", {RES: 0.8, UNKNOWN: 0.2}),  # statement_timeout, mostly
    "57P01": ("admin_shutdown", {NET: 0.8, UNKNOWN: 0.2}),
    "57P02": ("crash_shutdown", {NET: 0.6, RES: 0.2, UNKNOWN: 0.2}),
    "57P03": ("cannot_connect_now", NET),  # starting up, in recovery
    "57P04": ("database_dropped", {MISSING: 0.5, CONFIG: 0.5}),
    "57P05": ("idle_session_timeout", {NET: 0.7, RES: 0.3}),
    "58000": ("system_error", {RES: 0.5, UNKNOWN: 0.5}),
    "58030": ("io_error", {RES: 0.4, CORRUPT: 0.3, UNKNOWN: 0.3}),
    "58P01": ("undefined_file", {MISSING: 0.6, CONFIG: 0.4}),
    "58P02": ("duplicate_file", {DEFECT: 0.6, CONFIG: 0.4}),
    "72000": ("snapshot_too_old", {RES: 0.7, CONFIG: 0.3}),
    "F0000": ("config_file_error", CONFIG),
    "F0001": ("lock_file_exists", LOCKED),
    "HV000": ("fdw_error", {NET: 0.4, CONFIG: 0.3, UNKNOWN: 0.3}),
    "HV00N": ("fdw_unable_to_establish_connection", NET),
    "HV00R": ("fdw_table_not_found", {SCHEMA: 0.7, MISSING: 0.3}),
    "P0001": ("raise_exception", {DEFECT: 0.5, UNKNOWN: 0.5}),  # often a data assertion
    "P0004": ("assert_failure", DEFECT),
    "XX000": ("internal_error", UNKNOWN),
    "XX001": ("data_corrupted", CORRUPT),
    "XX002": ("index_corrupted", CORRUPT),
}

# PostgreSQL's server message templates (the errmsg beside each errcode in the server source)
# and libpq's connection messages: drivers such as psycopg print the message without its
# SQLSTATE, so the fixed wording is how a text-only event names the code. Regexes.
POSTGRES_WORDING: dict[str, str] = {
    r'relation "[^"]+" does not exist': "42P01",
    r'column [\w."]+ (?:of relation "[^"]+" )?does not exist': "42703",
    r"permission denied for (?:table|relation|schema|database|sequence|view|function)": "42501",
    r"duplicate key value violates unique constraint": "23505",
    r"violates not-null constraint": "23502",
    r"violates foreign key constraint": "23503",
    r"violates check constraint": "23514",
    r"password authentication failed for user": "28P01",
    r"no pg_hba\.conf entry for host": "28000",
    r'database "[^"]+" does not exist': "3D000",
    r'schema "[^"]+" does not exist': "3F000",
    r'(?:role|type) "[^"]+" does not exist': "42704",
    r"unrecognized configuration parameter": "42704",
    r'function [\w."]+\([^)]*\) does not exist': "42883",
    r"operator does not exist": "42883",
    r"must appear in the GROUP BY clause or be used in an aggregate function": "42803",
    r"syntax error at or near": "42601",  # DuckDB's parser is PostgreSQL's: same wording
    r"invalid input syntax for type": "22P02",
    r"value too long for type character": "22001",
    r"sorry, too many clients already": "53300",
    r"remaining connection slots are reserved": "53300",
    r"out of shared memory": "53200",
    r"could not extend file": "53100",
    r"temporary file size exceeds temp_file_limit": "53400",
    r"canceling statement due to statement timeout": "57014",
    r"canceling statement due to lock timeout": "55P03",
    r"could not obtain lock on (?:relation|row)": "55P03",
    r"deadlock detected": "40P01",
    r"could not serialize access due to": "40001",
    r"current transaction is aborted, commands ignored": "25P02",
    r"cannot execute \w+ in a read-only transaction": "25006",
    r"terminating connection due to administrator command": "57P01",
    r"the database system is (?:starting up|in recovery mode|shutting down)": "57P03",
    r"could not connect to server|connection to server at [^\n]* failed": "08001",
}

# SQLSTATE classes (the first two characters), PostgreSQL Appendix A and SQL:2016. "KD" and
# "82" are Spark's own classes (Spark's error-states.json: data source, out of memory).
SQLSTATE_CLASSES: dict[str, Prior] = {
    "08": {NET: 0.75, CONFIG: 0.15, AUTH: 0.1},
    "0A": _BAD_REQUEST,
    "0L": {PERM: 0.6, CONFIG: 0.4},
    "0P": {CONFIG: 0.6, AUTH: 0.4},
    "21": {DUP: 0.6, DEFECT: 0.4},
    "22": {CORRUPT: 0.35, DEFECT: 0.35, SCHEMA: 0.2, UNKNOWN: 0.1},
    "23": {DUP: 0.6, DEFECT: 0.3, MISSING: 0.1},
    "24": DEFECT,
    "25": {DEFECT: 0.6, CONFIG: 0.2, LOCKED: 0.2},
    "26": DEFECT,
    "28": AUTH,
    "2B": {DEFECT: 0.6, SCHEMA: 0.4},
    "2D": DEFECT,
    "2F": DEFECT,
    "34": DEFECT,
    "38": {DEFECT: 0.6, UNKNOWN: 0.4},
    "39": {DEFECT: 0.6, UNKNOWN: 0.4},
    "3B": DEFECT,
    "3D": {CONFIG: 0.7, MISSING: 0.3},
    "3F": {SCHEMA: 0.6, CONFIG: 0.4},
    "40": {LOCKED: 0.8, UNKNOWN: 0.2},
    "42": {DEFECT: 0.45, SCHEMA: 0.35, PERM: 0.1, CONFIG: 0.1},
    "44": DEFECT,
    "53": {RES: 0.8, QUOTA: 0.2},
    "54": {RES: 0.5, DEFECT: 0.5},
    "55": {LOCKED: 0.6, CONFIG: 0.2, DEFECT: 0.2},
    "57": {NET: 0.5, RES: 0.3, UNKNOWN: 0.2},
    "58": {RES: 0.3, MISSING: 0.2, CORRUPT: 0.2, UNKNOWN: 0.3},
    "72": {RES: 0.7, CONFIG: 0.3},
    "82": RES,
    "F0": CONFIG,
    "HV": {NET: 0.4, CONFIG: 0.3, UNKNOWN: 0.3},
    "KD": {CORRUPT: 0.5, SCHEMA: 0.3, MISSING: 0.2},
    "P0": {DEFECT: 0.8, UNKNOWN: 0.2},
    "XX": {CORRUPT: 0.4, UNKNOWN: 0.6},
}

# DuckDB's exception types (src/common/exception.cpp, the Python client's exception classes):
# code -> (the name DuckDB prints before " Error: ", meaning). The code is the Python class
# name minus "Exception", or the type's name where the client has no class for it.
DUCKDB: dict[str, tuple[str, Prior]] = {
    "Parser": ("Parser", DEFECT),
    "Syntax": ("Syntax", {CONFIG: 0.5, DEFECT: 0.5}),  # also raised for bad setting values
    # unknown columns, and grouping/typing mistakes
    "Binder": ("Binder", {SCHEMA: 0.55, DEFECT: 0.45}),
    "Catalog": ("Catalog", {SCHEMA: 0.6, MISSING: 0.2, CONFIG: 0.1, DEFECT: 0.1}),
    "Conversion": ("Conversion", _BAD_VALUE),
    # malformed files
    "InvalidInput": ("Invalid Input", {CORRUPT: 0.5, DEFECT: 0.2, CONFIG: 0.2, SCHEMA: 0.1}),
    "OutOfRange": ("Out of Range", {DEFECT: 0.5, CORRUPT: 0.3, SCHEMA: 0.2}),
    # NOT NULL and CHECK share the class
    "Constraint": ("Constraint", {DUP: 0.7, DEFECT: 0.2, SCHEMA: 0.1}),
    # write-write conflicts; misuse of BEGIN
    "Transaction": ("TransactionContext", {LOCKED: 0.6, DEFECT: 0.4}),
    "Interrupt": ("INTERRUPT", {RES: 0.5, UNKNOWN: 0.5}),  # a caller's timeout, mostly
    "Connection": ("Connection", {NET: 0.6, CONFIG: 0.4}),
    "HTTP": ("HTTP", {NET: 0.4, PERM: 0.2, MISSING: 0.2, AUTH: 0.1, QUOTA: 0.1}),
    "OutOfMemory": ("Out of Memory", RES),
    "Permission": ("Permission", {PERM: 0.6, CONFIG: 0.4}),  # enable_external_access and friends
    "Dependency": ("Dependency", {DEFECT: 0.6, LOCKED: 0.2, CONFIG: 0.2}),
    "IO": ("IO", {MISSING: 0.4, LOCKED: 0.25, CORRUPT: 0.15, PERM: 0.1, RES: 0.1}),
    # or a file from a newer version
    "Serialization": ("Serialization", {CORRUPT: 0.7, CONFIG: 0.3}),
    "NotImplemented": ("Not implemented", _BAD_REQUEST),
    "TypeMismatch": ("Mismatch Type", {SCHEMA: 0.5, DEFECT: 0.5}),
    "InvalidType": ("Invalid type", {DEFECT: 0.6, SCHEMA: 0.4}),
    "Sequence": ("Sequence", {DEFECT: 0.5, RES: 0.3, CONFIG: 0.2}),
    "Internal": ("INTERNAL", {UNKNOWN: 0.7, DEFECT: 0.3}),
    "Fatal": ("FATAL", {UNKNOWN: 0.5, CORRUPT: 0.3, RES: 0.2}),  # the database was invalidated
    "MissingExtension": ("Missing Extension", {MISSING: 0.7, CONFIG: 0.3}),
    "Autoload": ("Extension Autoloading", {MISSING: 0.5, NET: 0.3, CONFIG: 0.2}),
    "InvalidConfiguration": ("Invalid Configuration", CONFIG),
    "Settings": ("Settings", CONFIG),
    "DataCorruption": ("Data Corruption", CORRUPT),
    "ResourceInUse": ("Resource In Use", LOCKED),
    "Invalid": ("Invalid", {UNKNOWN: 0.5, DEFECT: 0.5}),
    "DivideByZero": ("Divide by Zero", DEFECT),
    "Decimal": ("Decimal", {DEFECT: 0.6, SCHEMA: 0.4}),
    "UnknownType": ("Unknown Type", {DEFECT: 0.5, MISSING: 0.3, SCHEMA: 0.2}),
    "ObjectSize": ("Object Size", {RES: 0.5, DEFECT: 0.5}),
    "Expression": ("Expression", DEFECT),
    "Planner": ("Planner", {DEFECT: 0.6, UNKNOWN: 0.4}),
    "Optimizer": ("Optimizer", {UNKNOWN: 0.6, DEFECT: 0.4}),
    "Executor": ("Executor", {UNKNOWN: 0.5, DEFECT: 0.5}),
    "Scheduler": ("Scheduler", UNKNOWN),
    "Index": ("Index", {CORRUPT: 0.4, DUP: 0.3, UNKNOWN: 0.3}),
    "Stat": ("Stat", UNKNOWN),
    "NullPointer": ("NullPointer", {UNKNOWN: 0.6, DEFECT: 0.4}),
    "ParameterNotResolved": ("Parameter Not Resolved", DEFECT),
    "ParameterNotAllowed": ("Parameter Not Allowed", DEFECT),
}


# SQLite result codes and extended result codes (sqlite.org/rescode.html). An extended code
# not listed falls back to its primary code: SQLITE_IOERR_READ -> SQLITE_IOERR.
SQLITE: dict[str, Prior] = {
    "SQLITE_ERROR": {SCHEMA: 0.45, DEFECT: 0.45, UNKNOWN: 0.1},  # no such table/column, syntax
    "SQLITE_INTERNAL": UNKNOWN,
    "SQLITE_PERM": PERM,
    "SQLITE_ABORT": {UNKNOWN: 0.6, LOCKED: 0.4},
    "SQLITE_BUSY": LOCKED,
    "SQLITE_LOCKED": LOCKED,
    "SQLITE_NOMEM": RES,
    "SQLITE_READONLY": {PERM: 0.7, CONFIG: 0.3},
    "SQLITE_INTERRUPT": {RES: 0.5, UNKNOWN: 0.5},
    "SQLITE_IOERR": {CORRUPT: 0.3, RES: 0.3, UNKNOWN: 0.4},
    "SQLITE_IOERR_NOMEM": RES,
    "SQLITE_IOERR_SHORT_READ": CORRUPT,
    "SQLITE_IOERR_LOCK": LOCKED,
    "SQLITE_CORRUPT": CORRUPT,
    "SQLITE_FULL": RES,
    "SQLITE_CANTOPEN": {MISSING: 0.5, PERM: 0.3, CONFIG: 0.2},
    "SQLITE_PROTOCOL": {LOCKED: 0.6, UNKNOWN: 0.4},
    "SQLITE_SCHEMA": SCHEMA,
    "SQLITE_TOOBIG": {DEFECT: 0.5, RES: 0.5},
    "SQLITE_CONSTRAINT": {DUP: 0.5, DEFECT: 0.5},
    "SQLITE_CONSTRAINT_UNIQUE": DUP,
    "SQLITE_CONSTRAINT_PRIMARYKEY": DUP,
    "SQLITE_CONSTRAINT_NOTNULL": {DEFECT: 0.7, SCHEMA: 0.3},
    "SQLITE_CONSTRAINT_FOREIGNKEY": {MISSING: 0.5, DEFECT: 0.5},
    "SQLITE_CONSTRAINT_CHECK": DEFECT,
    "SQLITE_MISMATCH": {SCHEMA: 0.5, DEFECT: 0.5},
    "SQLITE_MISUSE": DEFECT,
    "SQLITE_NOLFS": CONFIG,
    "SQLITE_AUTH": PERM,
    "SQLITE_RANGE": DEFECT,
    "SQLITE_NOTADB": {CORRUPT: 0.7, CONFIG: 0.3},
}

# SQLite's fixed message wording (sqlite3ErrStr and the constraint messages) -> its code. Only
# wording that SQLite alone produces; generic phrases ("out of memory") stay out.
SQLITE_WORDING: dict[str, str] = {
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "database schema is locked": "SQLITE_LOCKED",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "file is not a database": "SQLITE_NOTADB",
    "file is encrypted or is not a database": "SQLITE_NOTADB",
    "database disk image is malformed": "SQLITE_CORRUPT",
    "database or disk is full": "SQLITE_FULL",
    "disk I/O error": "SQLITE_IOERR",
    "database schema has changed": "SQLITE_SCHEMA",
    "access permission denied": "SQLITE_PERM",
    "datatype mismatch": "SQLITE_MISMATCH",
    "UNIQUE constraint failed": "SQLITE_CONSTRAINT_UNIQUE",
    "NOT NULL constraint failed": "SQLITE_CONSTRAINT_NOTNULL",
    "FOREIGN KEY constraint failed": "SQLITE_CONSTRAINT_FOREIGNKEY",
    "CHECK constraint failed": "SQLITE_CONSTRAINT_CHECK",
    "no such table": "SQLITE_ERROR",
    "no such column": "SQLITE_ERROR",
}

# Spark's error conditions (spark.apache.org/docs/latest/sql-error-conditions.html, shipped as
# error-conditions.json). A sub-class not listed falls back to its parent class.
SPARK: dict[str, Prior] = {
    **_each(
        """UNRESOLVED_COLUMN UNRESOLVED_FIELD UNRESOLVED_MAP_KEY
        UNRESOLVED_USING_COLUMN_FOR_JOIN COLUMN_NOT_FOUND FIELD_NOT_FOUND
        CANNOT_MERGE_SCHEMAS CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE INCOMPATIBLE_DATA_FOR_TABLE
        FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH""",
        SCHEMA,
    ),
    **_each(
        """PARSE_SYNTAX_ERROR PARSE_EMPTY_STATEMENT INVALID_SQL_SYNTAX MISSING_AGGREGATION
        GROUP_BY_AGGREGATE GROUP_BY_POS_OUT_OF_RANGE WRONG_NUM_ARGS DIVIDE_BY_ZERO
        INTERVAL_DIVIDED_BY_ZERO INVALID_ARRAY_INDEX INVALID_ARRAY_INDEX_IN_ELEMENT_AT
        NUM_COLUMNS_MISMATCH UNEXPECTED_INPUT_TYPE CANNOT_CAST_DATATYPE FAILED_EXECUTE_UDF""",
        DEFECT,
    ),
    **_each(
        """MALFORMED_RECORD_IN_PARSING MALFORMED_CSV_RECORD MALFORMED_VARIANT
        MALFORMED_CHARACTER_CODING INVALID_UTF8_STRING
        CHECKPOINT_FILE_CHECKSUM_VERIFICATION_FAILED
        FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER""",
        CORRUPT,
    ),
    **_each(
        """UNABLE_TO_ACQUIRE_MEMORY AGGREGATE_OUT_OF_MEMORY SPILL_OUT_OF_MEMORY
        POINTER_ARRAY_OUT_OF_MEMORY""",
        RES,
    ),
    **_each("DUPLICATED_MAP_KEY DUPLICATE_KEY MERGE_CARDINALITY_VIOLATION", DUP),
    **_each("PATH_NOT_FOUND LOAD_DATA_PATH_NOT_EXISTS FAILED_READ_FILE.FILE_NOT_EXIST", MISSING),
    **_each("CONCURRENT_QUERY CONCURRENT_STREAM_LOG_UPDATE", LOCKED),
    "INSUFFICIENT_PERMISSIONS": PERM,  # Databricks Runtime's condition, not in Apache Spark's list
    "SQL_CONF_NOT_FOUND": CONFIG,
    "TABLE_OR_VIEW_NOT_FOUND": {SCHEMA: 0.85, MISSING: 0.15},
    "VIEW_NOT_FOUND": {SCHEMA: 0.85, MISSING: 0.15},
    "SCHEMA_NOT_FOUND": {SCHEMA: 0.6, CONFIG: 0.4},
    "CATALOG_NOT_FOUND": {CONFIG: 0.7, SCHEMA: 0.3},
    "PARTITIONS_NOT_FOUND": {MISSING: 0.6, SCHEMA: 0.4},
    "ROUTINE_NOT_FOUND": {DEFECT: 0.8, MISSING: 0.2},
    "UNRESOLVED_ROUTINE": {DEFECT: 0.8, MISSING: 0.2},
    "DATA_SOURCE_NOT_FOUND": {MISSING: 0.7, CONFIG: 0.3},  # the connector jar is absent
    "UDT_CLASS_NOT_FOUND": {MISSING: 0.7, CONFIG: 0.3},
    "AMBIGUOUS_REFERENCE": {DEFECT: 0.6, SCHEMA: 0.4},
    "AMBIGUOUS_COLUMN_OR_FIELD": {DEFECT: 0.6, SCHEMA: 0.4},
    "DATATYPE_MISMATCH": {DEFECT: 0.6, SCHEMA: 0.4},
    "INSERT_COLUMN_ARITY_MISMATCH": {SCHEMA: 0.6, DEFECT: 0.4},
    "NOT_NULL_ASSERT_VIOLATION": {DEFECT: 0.7, SCHEMA: 0.3},
    "NOT_NULL_CONSTRAINT_VIOLATION": {DEFECT: 0.7, SCHEMA: 0.3},
    "CAST_INVALID_INPUT": _BAD_VALUE,
    "CONVERSION_INVALID_INPUT": _BAD_VALUE,
    "CANNOT_PARSE_TIMESTAMP": {CORRUPT: 0.5, DEFECT: 0.3, SCHEMA: 0.2},
    "CAST_OVERFLOW": {DEFECT: 0.6, CORRUPT: 0.2, SCHEMA: 0.2},
    "ARITHMETIC_OVERFLOW": {DEFECT: 0.8, CORRUPT: 0.2},
    "NUMERIC_VALUE_OUT_OF_RANGE": {DEFECT: 0.6, SCHEMA: 0.4},
    "DATETIME_OVERFLOW": {DEFECT: 0.6, CORRUPT: 0.4},
    "FAILED_READ_FILE": {CORRUPT: 0.6, MISSING: 0.2, SCHEMA: 0.2},
    "UNABLE_TO_INFER_SCHEMA": {MISSING: 0.5, CORRUPT: 0.3, CONFIG: 0.2},  # an empty path, often
    "COLUMN_ALREADY_EXISTS": {DEFECT: 0.6, SCHEMA: 0.4},
    "TABLE_OR_VIEW_ALREADY_EXISTS": {DEFECT: 0.8, CONFIG: 0.2},
    "SCHEMA_ALREADY_EXISTS": {DEFECT: 0.8, CONFIG: 0.2},
    "PATH_ALREADY_EXISTS": {DEFECT: 0.6, CONFIG: 0.4},  # the write mode
    "UNSUPPORTED_DATATYPE": _BAD_REQUEST,
    "UNSUPPORTED_FEATURE": _BAD_REQUEST,
    "INVALID_PARAMETER_VALUE": {DEFECT: 0.5, CONFIG: 0.5},
    "INVALID_DRIVER_MEMORY": {CONFIG: 0.6, RES: 0.4},
    "INVALID_EXECUTOR_MEMORY": {CONFIG: 0.6, RES: 0.4},
    "TASK_WRITE_FAILED": {RES: 0.3, PERM: 0.2, NET: 0.2, UNKNOWN: 0.3},
    "INTERNAL_ERROR": UNKNOWN,
    "SPARK_JOB_CANCELLED": {UNKNOWN: 0.6, RES: 0.4},
    "STREAM_FAILED": UNKNOWN,
}

# DataMorph's own validation checks (datamorph/validation/checks.py and llm_tests.py). The
# reference is computed from the same inputs as the output, so most failures are the code's.
DATAMORPH_CHECKS: dict[str, Prior] = {
    "schema": {DEFECT: 0.55, SCHEMA: 0.45},  # the code's columns, or upstream drift
    "not_empty": {MISSING: 0.6, DEFECT: 0.4},  # upstream has not landed, or a wrong filter
    "grain": {DUP: 0.85, DEFECT: 0.15},  # duplicates on the declared keys, or a fan-out join
    "row_count": {DEFECT: 0.85, DUP: 0.15},
    "reconciliation": DEFECT,
    "row_diff": DEFECT,
    "llm": {DEFECT: 0.7, UNKNOWN: 0.3},  # the generated test itself may be wrong
    # a test the user declared (datamorph/validation/user_tests.py): the data broke a rule the
    # person wrote down, most often upstream data, so mostly a case to escalate, not to heal
    **_each("user_tests user_test", {CORRUPT: 0.5, DEFECT: 0.25, DUP: 0.15, MISSING: 0.1}),
    **_each("filters filter having qualify predicates", DEFECT),
}

# A stored spec that no longer checks (datamorph/spec/check.py problem codes): a name the
# catalog does not have is drift when the spec checked before; anything else is the spec's.
DATAMORPH_SPEC: dict[str, Prior] = {
    **_each("unknown_table unknown_column", {SCHEMA: 0.9, DEFECT: 0.1}),
    **_each("type_mismatch", {SCHEMA: 0.5, DEFECT: 0.5}),
}

# Code DataMorph rejected before any engine saw it (the static parse in engines/base.py).
DATAMORPH_CODE: dict[str, Prior] = {
    "parse_error": DEFECT,
    "literal_conversion": DEFECT,  # the value that does not convert is a literal in the code
}
