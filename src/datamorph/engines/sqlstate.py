"""SQLSTATE -> portable error category, for every engine whose errors carry one.

A SQLSTATE is five characters, the first two its class (SQL standard; PostgreSQL manual,
Appendix A). PostgreSQL sends one with every error; Spark attaches one to its error conditions
(UNRESOLVED_COLUMN is 42703, as in PostgreSQL). The exact code decides where one class mixes
causes (class 42 holds both a misspelt column, the schema's or the code's, and a syntax error,
the code's); otherwise the class does.
"""

from __future__ import annotations

from datamorph.engines.base import ErrorCategory

C = ErrorCategory
_BY_CODE: dict[str, ErrorCategory] = {
    "42601": C.CODE_DEFECT,  # syntax_error
    "42803": C.CODE_DEFECT,  # grouping_error
    "42804": C.CODE_DEFECT,  # datatype_mismatch
    "42883": C.CODE_DEFECT,  # undefined_function
    "42725": C.CODE_DEFECT,  # ambiguous_function
    "42702": C.CODE_DEFECT,  # ambiguous_column
    "42P18": C.CODE_DEFECT,  # indeterminate_datatype
    "42P20": C.CODE_DEFECT,  # windowing_error
    "42703": C.SCHEMA_MISMATCH,  # undefined_column
    "42P01": C.SCHEMA_MISMATCH,  # undefined_table
    "42P07": C.SCHEMA_MISMATCH,  # duplicate_table
    "3F000": C.SCHEMA_MISMATCH,  # invalid_schema_name
    "42501": C.PERMISSION,  # insufficient_privilege
    "57014": C.TRANSIENT,  # query_canceled (statement_timeout, a cancel)
    "55P03": C.TRANSIENT,  # lock_not_available (lock_timeout)
    "55006": C.TRANSIENT,  # object_in_use
    "3D000": C.CONFIGURATION,  # invalid_catalog_name: no such database
    "0A000": C.CODE_DEFECT,  # feature_not_supported
    "25006": C.PERMISSION,  # read_only_sql_transaction
}
_BY_CLASS: dict[str, ErrorCategory] = {
    "08": C.TRANSIENT,  # connection exception
    "22": C.DATA_ERROR,  # data exception (a bad value, division by zero)
    "23": C.DATA_ERROR,  # integrity constraint violation
    "28": C.CONFIGURATION,  # invalid authorization
    "40": C.TRANSIENT,  # transaction rollback: serialization failure, deadlock
    "42": C.SCHEMA_MISMATCH,
    "53": C.RESOURCE_EXHAUSTION,  # insufficient resources: disk full, out of memory
    "54": C.RESOURCE_EXHAUSTION,  # program limit exceeded
    "57": C.TRANSIENT,  # operator intervention: shutdown, crash
    "58": C.CONFIGURATION,  # system error: an I/O error on the server
    "XX": C.UNKNOWN,
}


def category_of_sqlstate(sqlstate: str | None) -> ErrorCategory:
    if not sqlstate:
        return C.UNKNOWN
    return _BY_CODE.get(sqlstate) or _BY_CLASS.get(sqlstate[:2], C.UNKNOWN)
